"""structure/* shape rules: duplicated headline, dek, label, encoding damage, quotes, brackets,
blank lines and trailing white space."""

from __future__ import annotations

import pytest
from conftest import SHARED

from newslint.model import Finding, Fix
from newslint.readers.markdown import read_markdown
from newslint.readers.text import read_text
from newslint.registry import builtin_registry
from newslint.rule import Context

REGISTRY = builtin_registry()
CORPUS = SHARED / "corpus"
SHAPE_RULES = (
    "structure/headline-repeats-lede", "structure/dek-longer-than-body", "structure/section-label",
    "structure/encoding-damage", "structure/unbalanced-quotes", "structure/unbalanced-brackets",
)


def check(rule_id: str, text: str, path: str = "story.md", **options: object) -> list[Finding]:
    article = (read_markdown if path.endswith(".md") else read_text)(text, path)
    return list(REGISTRY.get(rule_id)(options or None).check(article, Context()))


def story(body: str) -> str:
    return f"# Talks resume in Geneva\n\n{body}\n"


def applied(text: str, fix: Fix | None) -> str:
    assert fix is not None
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


# -- headline, dek, label ----------------------------------------------------------------------


def test_headline_repeated_as_first_paragraph_is_deleted_by_the_fix() -> None:
    text = ("Port Reopens After Storm\n\nPort reopens after storm.\n\n"
            "The port reopened on Tuesday, three days after a storm, the harbour authority said.\n")
    [f] = check("structure/headline-repeats-lede", text, "a.txt")
    assert f.fix is not None and f.fix.safe
    assert applied(text, f.fix) == ("Port Reopens After Storm\n\n"
                                     "The port reopened on Tuesday, three days after a storm, the harbour authority said.\n")


def test_lede_that_only_repeats_the_headline_gets_no_fix() -> None:
    [f] = check("structure/headline-repeats-lede", story("Talks resume in Geneva. Both delegations arrived on Monday."))
    assert f.fix is None and "rewrite the lede" in f.message


def test_lede_that_adds_to_the_headline_is_fine() -> None:
    text = story("Talks between the two governments resumed in Geneva on Monday after a three-week pause, "
                 "the Swiss foreign ministry said.")
    assert check("structure/headline-repeats-lede", text) == []


def test_dek_longer_than_body() -> None:
    text = ("---\ntitle: Council approves budget\ndescription: The council approved next year's budget on "
            "Monday after a four-hour debate about road repairs, library hours and the new pool.\n---\n\n"
            "More soon.\n")
    [f] = check("structure/dek-longer-than-body", text)
    assert "the body only 2" in f.message


def test_dek_shorter_than_body_and_body_less_articles_are_left_alone() -> None:
    short = ("---\ntitle: Council approves budget\ndescription: The council approved next year's budget.\n---\n\n"
             "The council approved the budget on Monday after a four-hour debate, its clerk said.\n")
    empty = "---\ntitle: Council approves budget\ndescription: The council approved next year's budget.\n---\n"
    assert check("structure/dek-longer-than-body", short) == []
    assert check("structure/dek-longer-than-body", empty) == []  # structure/empty-article reports it


def test_section_label_line_is_removed_by_the_fix() -> None:
    text = "WORLD NEWS\n\nIran Pulls Out of Technical Talks\n\nIran withdrew from the talks, an official said.\n"
    [f] = check("structure/section-label", text, "a.txt")
    assert "“WORLD NEWS”" in f.message
    assert applied(text, f.fix) == "Iran Pulls Out of Technical Talks\n\nIran withdrew from the talks, an official said.\n"


# -- encoding damage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("The ministerâ€™s office", "The minister’s office"),
        ("a cafÃ© in SÃ£o Paulo", "a café in São Paulo"),
        ("â€œNoâ€\x9d, he said", "“No”, he said"),
        ("donÃ¢â‚¬â„¢t", "don’t"),  # encoded twice
    ],
)
def test_mojibake_fix_restores_the_characters(damaged: str, repaired: str) -> None:
    text = story(f"{damaged} was closed on Monday.")
    found = check("structure/encoding-damage", text)
    assert found and all(f.fix is not None and f.fix.safe for f in found)
    fixed = text
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        fixed = applied(fixed, f.fix)
    assert fixed == story(f"{repaired} was closed on Monday.")


def test_mojibake_inside_quoted_speech_is_not_fixed_automatically() -> None:
    [f] = check("structure/encoding-damage", story("“We donâ€™t know,” the mayor said."))
    assert f.fix is not None and not f.fix.safe


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("Kosovo?s prime minister spoke on Monday.", "Kosovo?s"),
        ("Officials said they don?t expect a deal.", "don?t"),
        ("“I?m not leaving,” she said.", "I?m"),
        ('Brazil"s central bank raised rates.', 'Brazil"s'),
    ],
)
def test_lost_apostrophes(body: str, word: str) -> None:
    text = story(body)
    [f] = check("structure/encoding-damage", text)
    assert text[f.start : f.end] == word
    assert f.fix is not None and not f.fix.safe


@pytest.mark.parametrize(
    "body",
    [
        "Why? Nobody said. Was it? Sure. “What?” she asked, and “Is it?” he replied.",
        "Results are at example.org/search?s=talks and https://example.org/a?t=2.",
        "São Paulo, Zürich, Côte d’Ivoire, naïve, Ångström and résumé are spelled right.",
        "SÃO PAULO — The mayor’s office said the road would reopen.",
        "Er sagte „Fuß“ und „ÉPOCA…“, and the paper’s headline read “ALÓ”.",
    ],
)
def test_legitimate_question_marks_and_accents_are_not_damage(body: str) -> None:
    assert check("structure/encoding-damage", story(body)) == []


def test_replacement_character() -> None:
    [f] = check("structure/encoding-damage", story("The minister\ufffds office said so."))
    assert "minister\ufffds" in f.message and f.fix is None


# -- quotes and brackets -----------------------------------------------------------------------


def test_unclosed_quote_is_flagged_at_its_opening_mark() -> None:
    text = story("“We will be back on Monday, the minister said.\n\nOfficials gave no details.")
    [f] = check("structure/unbalanced-quotes", text)
    assert text[f.start] == "“" and "never closed" in f.message


def test_multi_paragraph_quote_that_reopens_is_fine() -> None:
    text = story("“We will be back on Monday.\n\n“We have always said so,” the minister said.")
    assert check("structure/unbalanced-quotes", text) == []


def test_stray_closing_quote() -> None:
    [f] = check("structure/unbalanced-quotes", story("Talks resume on Monday.” Officials gave no details."))
    assert "no opening mark" in f.message


@pytest.mark.parametrize(
    "body",
    [
        'Hailstones 2" across fell, and a 12" pipe burst.',
        "The mayor said the budget was “final”. It’s the council’s decision, officials' aides said.",
        "Analysts called it ”dwindling” support.",  # mis-curled opener: typography, not balance
        "“It was a mistake. ” the mayor said, and “ we will fix it,” she added.",
        "Er sagte „Ja“ und ging.",
        "Read more about the talks »",
        '"We don"t expect a deal," the minister said.',  # the inner mark is a damaged apostrophe
    ],
)
def test_balanced_or_unjudgeable_quotes_are_not_flagged(body: str) -> None:
    assert check("structure/unbalanced-quotes", story(body)) == []


def test_unclosed_bracket() -> None:
    text = story("The minister (who returned from Geneva on Sunday said talks would resume.")
    [f] = check("structure/unbalanced-brackets", text)
    assert text[f.start] == "(" and "add “)”" in f.message


def test_mismatched_brackets_report_the_one_left_open() -> None:
    text = story("Ingredients [one cup of rice, two eggs (or one spoon of butter] are enough.")
    [f] = check("structure/unbalanced-brackets", text)
    assert text[f.start] == "("


@pytest.mark.parametrize(
    "body",
    [
        "Profits rose (see page 12) and costs fell (part 2).",
        "The options are a) resume or b) wait, and 1) is preferred.",
        "Great news :) and a wink ;-)",
        "See [the talks](https://en.wikipedia.org/wiki/Talks_(2026)) for background.",
        "Quoted: “[The minister] knew,” the aide said `(a]`.",
    ],
)
def test_enumerators_emoticons_links_and_code_are_not_unbalanced(body: str) -> None:
    assert check("structure/unbalanced-brackets", story(body)) == []


# -- white space --------------------------------------------------------------------------------


def test_blank_line_run_collapses_to_one() -> None:
    text = "# Talks resume\n\nFirst paragraph.\n\n\n  \nSecond paragraph.\n"
    [f] = check("structure/blank-lines", text)
    assert f.severity.value == "info" and f.fix is not None and f.fix.safe
    assert applied(text, f.fix) == "# Talks resume\n\nFirst paragraph.\n\nSecond paragraph.\n"


def test_blank_lines_at_the_end_of_the_file_are_removed() -> None:
    text = "Talks Resume\n\nFirst paragraph.\n\n\n\n\n"
    [f] = check("structure/blank-lines", text, "a.txt")
    assert "end of the file" in f.message
    assert applied(text, f.fix) == "Talks Resume\n\nFirst paragraph.\n"


def test_blank_lines_option_and_code_blocks() -> None:
    text = "# Talks resume\n\nFirst.\n\n\nSecond.\n\n```\na\n\n\n\nb\n```\n"
    assert len(check("structure/blank-lines", text)) == 1
    assert check("structure/blank-lines", text, **{"max-blank-lines": 2}) == []


@pytest.mark.parametrize("text", [
    "\n\n\nTalks.\n", "Talks.\n\n\n", "Talks.\r\n\r\n\r\nAgain.\r\n", "Talks.\n \t\n\t\n \nAgain.\n",
    "Talks.\n\n\nAgain.\n\n\n\nAnd again.\n \n", "\n", " \n\n", "Talks.\n\nAgain.\n", "Talks.\n\n\n  ",
])
@pytest.mark.parametrize("least", [1, 2, 3])
def test_blank_runs_are_those_a_line_start_expression_finds(text: str, least: int) -> None:
    """The runs found from the line break before them are the runs of blank lines that start at
    the text's start or after a line break (the rule's definition, written as one expression)."""
    import re

    from newslint.checks.structure_shape import _blank_runs

    defined = re.compile(r"(?:(?<=\n)|\A)(?:[ \t]*\r?\n){%d,}" % least)
    assert list(_blank_runs(text, least)) == [m.span() for m in defined.finditer(text)]


def test_trailing_whitespace_fix() -> None:
    text = "# Talks resume\n\nTalks resume on Monday. \t\nOfficials said so.\n"
    [f] = check("structure/trailing-whitespace", text)
    assert applied(text, f.fix) == "# Talks resume\n\nTalks resume on Monday.\nOfficials said so.\n"


def test_markdown_hard_break_is_not_trailing_whitespace_but_in_plain_text_it_is() -> None:
    md = "# Talks resume\n\nTalks resume on Monday,  \nofficials said.\n"
    assert check("structure/trailing-whitespace", md) == []
    txt = "Talks Resume\n\nTalks resume on Monday.  \nOfficials said so.\n"
    assert len(check("structure/trailing-whitespace", txt, "a.txt")) == 1


# -- real copy ----------------------------------------------------------------------------------


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared news corpus is not available")
def test_shape_rules_rarely_fire_on_real_published_news() -> None:
    rules = [REGISTRY.get(rid)() for rid in SHAPE_RULES]
    paths = sorted(CORPUS.glob("*/[0-9]*.md"))
    flagged = {p for p in paths for r in rules if any(r.check(read_markdown(p.read_text(encoding="utf-8"), str(p)), Context()))}
    assert paths  # the corpus is there: an empty glob would pass
    assert len(flagged) <= len(paths) // 20



def _random_copy(pieces: tuple[str, ...], count: int, seed: int, length: int = 24) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(length)) for _ in range(count)]


def test_possessive_word_in_lost_apostrophe_expression_changes_no_match() -> None:
    """The word of ``_LOST_APOSTROPHE`` is matched possessively (``++``): the mark after it is not
    a letter, so giving letters back never helps; the plain ``+`` finds the same on random copy."""
    import re

    from newslint.checks.structure_shape import _LOST_APOSTROPHE

    plain = re.compile(_LOST_APOSTROPHE.pattern.replace("([A-Za-z]++)", "([A-Za-z]+)", 1))
    assert plain.pattern != _LOST_APOSTROPHE.pattern
    pieces = ("don", "Iran", "I", "s", "t", "ll", "re", "ve", "m", "d", "?", '"', "'", " ", "=", "&", "/", "é", "_", "3")
    for text in _random_copy(pieces, 3000, 5):
        found = [(m.span(), m.span(1), m.span(2)) for m in _LOST_APOSTROPHE.finditer(text)]
        assert found == [(m.span(), m.span(1), m.span(2)) for m in plain.finditer(text)]


_SPACING = ("Talks", " ", "  ", "\t", "\u00a0", "\n", "\r\n", "\r", "\n\n", "“", "”", '"', "’’", "‘‘", "«", "»", "’",
            "‘", "(", ")", "2", ".", "a", "`x`", "`x“`", "<b>", "<b “x”>", "https://x.org/a", "](x “t”)")  # fmt: skip


def test_paragraphs_the_quote_rule_skips_have_no_quotation_marks_once_masked() -> None:
    """structure/unbalanced-quotes skips a paragraph without a double quotation mark before it
    masks code, links and URLs: masking only blanks characters, so it finds nothing there."""
    from newslint.checks.structure_shape import _DOUBLE_QUOTE, _masked, _quote_marks

    skipped = 0
    for text in _random_copy(_SPACING, 5000, 9, length=8):
        if not _DOUBLE_QUOTE.search(text):
            skipped += 1
            assert _quote_marks(_masked(text)) == ([], None)
    assert skipped > 100


def test_text_the_trailing_white_space_rule_skips_has_none() -> None:
    """``_may_end_lines_with_space`` is False only for text where the rule's expression finds nothing."""
    from newslint.checks.structure_shape import TrailingWhitespace, _may_end_lines_with_space

    skipped = 0
    for text in _random_copy(_SPACING, 5000, 13, length=8):
        if not _may_end_lines_with_space(text):
            skipped += 1
            assert TrailingWhitespace._TRAILING.search(text) is None
    assert skipped > 100
