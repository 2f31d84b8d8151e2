"""The typos/* rules and the spelling lexicon on planted slips and on clean copy.

Every text here was written for these tests; none is taken from real articles.
"""

from __future__ import annotations

import random

import pytest
from conftest import article, run_rule as run

from newslint.checks.typos import Misspelling, RejectedWord, RepeatedWord, Spelling
from newslint.rule import Context, Rule, Vocabulary
from newslint.text.spelling import Lexicon, lexicon, match_case, regional_key, typing_slip
from newslint.text.words import Prose


def flagged(cls: type[Rule], text: str, ctx: Context | None = None) -> list[tuple[str, str | None]]:
    a = article(text)
    return [(a.text[f.start : f.end], f.data.get("suggestion")) for f in cls().check(a, ctx or Context())]


def with_vocab(accept: tuple[str, ...] = (), reject: tuple[str, ...] = ()) -> Context:
    return Context(Vocabulary(frozenset(accept), frozenset(reject)))


# -- the lexicon's decisions, on a small hand-made word list ------------------------------------

WORDS = {  # share of all words: zipf = log10(share) + 9
    "there": 2e-3, "theory": 8e-5, "weeks": 5e-5, "common": 1e-4, "target": 5e-5, "targeted": 2e-5,
    "targetted": 2e-7, "color": 5e-5, "colour": 3e-5, "gasoline": 2e-5, "soy": 3e-6, "oil": 1e-4,
    "record": 1e-4, "dilute": 2e-6, "sown": 1e-6, "down": 1e-3, "receivables": 5e-7, "title": 1e-4,
}
SMALL = Lexicon(WORDS, dictionary={"sown", "receivables"}, extra={"mln"}, prefixes={"un", "re"})


def test_an_unseen_word_one_edit_from_a_common_word_is_a_slip():
    assert SMALL.slip("weks").word == "weeks"
    assert SMALL.slip("comon").word == "common"


def test_the_suggestion_keeps_first_and_last_letters_over_frequency():
    assert SMALL.slip("theore").word == "there"
    assert SMALL.slip("theorx") is not None and SMALL.slip("theorx").word == "theory"


def test_two_letters_swapped_beat_a_closer_looking_word():
    swaps = Lexicon({"with": 5e-3, "wit": 1e-4, "this": 5e-3, "thai": 2e-5})
    assert swaps.slip("wiht").word == "with"
    assert swaps.slip("thsi", context=()).word == "this"


def test_article_context_breaks_ties():
    assert SMALL.slip("theore", context={"theory"}).word == "theory"


def test_a_rare_listed_word_needs_a_neighbour_a_hundred_times_as_common():
    assert SMALL.slip("targetted").word == "targeted"  # zipf 2.3 vs 4.3
    rare_but_close = Lexicon({**WORDS, "targetted": 5e-7}, dictionary=set())
    assert rare_but_close.slip("targetted") is None  # 2.7 vs 4.3: not enough evidence


def test_dictionary_and_newsroom_words_are_never_slips():
    assert SMALL.slip("sown") is None  # a real word, rare, one letter from "down"
    assert SMALL.slip("mln") is None


def test_plurals_past_tenses_and_regional_spellings_are_not_slips():
    assert SMALL.slip("gasolines") is None
    assert SMALL.slip("colour") is None and SMALL.slip("colours") is None


def test_strict_judging_of_capitalised_words():
    assert SMALL.slip("theore", strict=True).word == "there"  # "there" is very common
    assert SMALL.slip("weks", strict=True) is None  # "weeks" is common, not very common: maybe a name
    assert SMALL.slip("targetted", strict=True) is None  # listed somewhere: maybe a name


def test_long_words_two_edits_away_unless_built_from_common_words():
    assert SMALL.slip("tarrgetedd").word == "targeted"
    assert SMALL.slip("wweekss") is None  # too short for two edits
    assert SMALL.slip("xntarget").word == "target"
    assert SMALL.slip("untarget") is None  # un + target: built from a common word
    assert SMALL.slip("soyrecord") is None  # soy + record: a compound


def test_long_unseen_words_near_a_rarer_dictionary_word_need_a_typing_slip():
    assert SMALL.slip("receiveables").word == "receivables"  # a letter too many
    assert SMALL.slip("receivablez").word == "receivables"  # z is next to s
    assert SMALL.slip("receivablep") is None  # p is far from s: spelled so on purpose?
    assert typing_slip("maniframe", "mainframe") and typing_slip("reciept", "receipt")
    assert typing_slip("tehre", "there") and not typing_slip("thxre", "there")


def test_short_words_are_left_to_the_curated_list():
    assert SMALL.slip("dwn") is None


def test_helpers():
    assert match_case("there", "Theore") == "There"
    assert match_case("there", "THEORE") == "THERE"
    assert match_case("February", "febuary") == "February"
    assert regional_key("colour") == regional_key("color")
    assert regional_key("organisation") == regional_key("organization")
    assert regional_key("anaemia") == regional_key("anemia")
    assert regional_key("titlae", digraphs=False) != regional_key("title", digraphs=False)


# -- the real lexicon ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [("theore", "there"), ("langugage", "language"), ("bewtween", "between"), ("availalbe", "available"),
     ("reprot", "report"), ("goverments", "governments"), ("anothoer", "another")],
)
def test_real_lexicon_finds_planted_slips(word, expected):
    assert lexicon().slip(word).word == expected


@pytest.mark.parametrize(
    "word",
    ["colour", "honoured", "programme", "travelled", "judgement", "fertiliser", "aluminium", "recognise",
     "belied", "awry", "sown", "staid", "payables", "unsourced", "livestream", "cryptocurrency", "mln", "lede"],
)
def test_real_lexicon_accepts_real_words(word):
    assert lexicon().slip(word) is None


# -- typos/spelling ----------------------------------------------------------------------------

TEHRAN = """Tehran walks back from the table

Iran cancelled technical talks, its foreign ministry said.

Foreign Minister Abbas Araqchi, travelling in Karbala, accused Washington of breaking the first
clause. "Commitment for commitment" — taqābul al-iltizām — is the formula Tehran has used.
Araqchi said Isfahan was not affected. Theore are stated, the goods are not.

Desk note: Monexus treats state-aligned statements as claims of position.
"""


def test_theore_is_found_and_names_are_not():
    a = article(TEHRAN, "tehran.txt")
    findings = list(Spelling().check(a, Context()))
    assert [(a.text[f.start : f.end], f.data["suggestion"]) for f in findings] == [("Theore", "There")]
    assert "“Theore”" in findings[0].message and "“There”" in findings[0].message
    assert findings[0].fix is not None and not findings[0].fix.safe
    assert findings[0].fix.edits[0].replacement == "There"


def test_planted_slips_in_lowercase_words_are_found():
    text = "# Council vote\n\nThe council will reprot on the bugdet in two weks, the clerk said.\n"
    assert flagged(Spelling, text) == [("reprot", "report"), ("bugdet", "budget"), ("weks", "weeks")]


def test_a_possessive_is_fixed_without_touching_the_s():
    a = article("# Vote\n\nThe comittee's repport was late, the clerk said.\n")
    (f,) = [f for f in Spelling().check(a, Context()) if "repport" in f.message]
    assert a.text[f.start : f.end] == "repport"


def test_capitalised_words_mid_sentence_and_name_pairs_are_left_alone():
    text = "# Vote\n\nThe motion by Brenwick passed. Talorie Crafton voted against it.\n"
    assert flagged(Spelling, text) == []


def test_a_sentence_initial_slip_of_a_very_common_word_is_found():
    assert flagged(Spelling, "# Vote\n\nThe motion passed. Whihc votes counted?\n") == [("Whihc", "Which")]


def test_a_word_used_twice_is_taken_as_a_term():
    text = "# Farm\n\nThe sowings rose. Winter sowings in the north were late, the ministry said.\n"
    assert flagged(Spelling, text) == []


def test_quoted_speech_is_not_spell_checked():
    assert flagged(Spelling, "# Vote\n\n“We will reprot soon,” the clerk said.\n") == []


def test_a_title_case_headline_is_checked_strictly():
    assert flagged(Spelling, "# Council Approves Budget Afetr Long Night\n\nThe council met.\n") == [
        ("Afetr", "After")
    ]


def test_all_caps_urls_and_other_languages_are_not_checked():
    text = (
        "# Vote\n\nThe UNHCRR met. See https://example.org/reprot for the text.\n\n"
        "Die Versorgung der Patientinnen wird von vielen Kassen angeboten und soll besser werden.\n"
    )
    assert flagged(Spelling, text) == []


def test_accept_matches_as_written_and_lowercase_entries_match_any_casing():
    text = "# Vote\n\nThe reprot was late. Reprot writers were tired.\n"
    base = article(text)
    assert len(list(Spelling().check(base, Context()))) == 0  # used twice: a term
    single = "# Vote\n\nThe council said its reprot was late.\n"
    assert flagged(Spelling, single, with_vocab(accept=("reprot",))) == []
    assert flagged(Spelling, single, with_vocab(accept=("Reprot",))) == [("reprot", "report")]
    initial = "# Vote\n\nThe vote passed. Theore was no debate.\n"
    assert flagged(Spelling, initial, with_vocab(accept=("Theore",))) == []
    assert flagged(Spelling, initial, with_vocab(accept=("theore",))) == []


def test_curated_misspellings_are_left_to_their_own_rule():
    assert flagged(Spelling, "# Vote\n\nThe council recieved the report.\n") == []


# -- typos/misspelling -------------------------------------------------------------------------


def test_curated_misspellings_get_a_safe_fix():
    (f,) = run(Misspelling, "# Vote\n\nThe council recieved the report on Monday.\n")
    assert f.data == {"word": "recieved", "suggestion": "received"}
    assert f.fix.safe and f.fix.edits[0].replacement == "received"
    assert "“recieved”" in f.message and "“received”" in f.message


def test_case_is_kept_and_ambiguous_entries_are_not_fixed_automatically():
    a = article("# Vote\n\nGoverment officials said wich option won.\n")
    found = {a.text[f.start : f.end]: f for f in Misspelling().check(a, Context())}
    assert found["Goverment"].fix.edits[0].replacement == "Government" and found["Goverment"].fix.safe
    assert not found["wich"].fix.safe and "“which” or “witch”" in found["wich"].message


def test_misspellings_in_quotes_or_accepted_are_left_alone():
    assert run(Misspelling, "# Vote\n\n“We recieved it,” she said.\n") == []
    assert run(Misspelling, "# Vote\n\nThe teh shop opened.\n", ctx=with_vocab(accept=("teh",))) == []


def test_a_possessive_misspelling_keeps_its_s():
    a = article("# Vote\n\nThe goverment's plan failed.\n")
    (f,) = Misspelling().check(a, Context())
    assert a.text[f.start : f.end] == "goverment"


# -- typos/repeated-word -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# Vote\n\nThe council approved the the budget.\n",
        "# Vote\n\nThe the council approved it.\n",
        "# Vote\n\nThe rate was was 9 percent, the bank said.\n",
        "# Vote\n\nThe council will review the\nthe budget on Monday.\n",
    ],
)
def test_repeated_words_are_found(text):
    (f,) = run(RepeatedWord, text)
    assert f.fix.safe and f.fix.edits[0].replacement == ""


@pytest.mark.parametrize(
    "text",
    [
        "# Vote\n\nShe said that that budget was too small.\n",
        "# Vote\n\nThe plan had had its critics.\n",
        "# Vote\n\nWhat the plan is is a tax rise, she said.\n",
        "# Vote\n\nAll it was was a delay, he said.\n",
        "# Vote\n\nHe gave her her keys back.\n",
        "# Vote\n\nThe team played in Walla Walla on Monday.\n",
        "# Vote\n\nThe vote was very very close.\n",
        "# Vote\n\nThe vote was close. Close enough, the clerk said.\n",
    ],
)
def test_grammatical_and_deliberate_doubles_are_left_alone(text):
    assert run(RepeatedWord, text) == []


def test_a_repeat_in_quoted_speech_is_reported_but_not_fixed_automatically():
    (f,) = run(RepeatedWord, "# Vote\n\n“We will will win,” she said.\n")
    assert not f.fix.safe


def test_the_fix_deletes_the_second_word_and_its_space():
    a = article("# Vote\n\nIt went to to the council.\n")
    (f,) = RepeatedWord().check(a, Context())
    edit = f.fix.edits[0]
    assert a.text[: edit.start] + edit.replacement + a.text[edit.end :] == "# Vote\n\nIt went to the council.\n"


# -- typos/rejected-word -----------------------------------------------------------------------


def test_rejected_words_are_flagged_in_any_casing_when_the_entry_is_lowercase():
    text = "# Vote\n\nThe desk sent an E-mail. “Send the e-mail,” she said.\n"
    found = run(RejectedWord, text, ctx=with_vocab(reject=("e-mail",)))
    assert len(found) == 2 and "“E-mail”" in found[0].message


def test_a_capitalised_reject_entry_matches_as_written():
    found = run(RejectedWord, "# Vote\n\nTeheran and teheran.\n", ctx=with_vocab(reject=("Teheran",)))
    assert len(found) == 1


def test_no_reject_list_no_findings():
    assert run(RejectedWord, "# Vote\n\nThe desk sent an e-mail.\n") == []


def test_a_regular_plural_of_a_dictionary_word_is_no_slip_but_a_wrong_plural_is():
    from newslint.text.spelling import lexicon

    lex = lexicon()
    assert [w for w in ("sowings", "tenderings", "crashes") if lex.slip(w)] == []
    assert {w: lex.slip(w).word for w in ("churchs", "potatos", "marketes")} == {
        "churchs": "churches", "potatos": "potatoes", "marketes": "markets"}
    assert lex.slip("thes") is not None  # a short stem: "the" plus "s" is a slip


# -- the spelling rule's shortcut against reading every block ------------------------------------

def random_copy(rng: random.Random) -> str:
    """Made-up copy with what the spelling rule weighs: slips used once or twice, names, words at
    sentence starts and in Title Case headings, compounds, contractions and quotes."""
    vocab = ["the", "council", "said", "budget", "bugdet", "reprot", "weks", "theore", "comittee's",
             "goverment", "sowings", "Araqchi", "Isfahan", "state-aligned", "Qatari-hostd", "wouldn't",
             "cudn't", "recieved", "“Theore", "are”", "Abbas", "R.M.", "Nicel", "tommorow", "wiht",
             "receiveables", "unsourced", "soyoil", "an", "of", "vote", "Monday"]
    blocks = []
    for b in range(rng.randint(1, 6)):
        words = [rng.choice(vocab) for _ in range(rng.randint(2, 25))]
        ends = [rng.choice(("", "", "", "", ".", ",")) for _ in words]
        text = " ".join(w + e for w, e in zip(words, ends))
        if b == 0 and rng.random() < 0.5:
            text = "# " + " ".join(w.capitalize() for w in words)
        blocks.append(text[0].upper() + text[1:])
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("seed", range(60))
def test_the_words_worth_judging_are_all_the_rule_would_report(seed, monkeypatch):
    text = TEHRAN if seed == 0 else random_copy(random.Random(seed))
    shortcut = flagged(Spelling, text)
    spots = Prose.spots
    monkeypatch.setattr(Prose, "spots", lambda self, keep, wanted=None: spots(self, keep))
    assert shortcut == flagged(Spelling, text)
