"""The shortcuts of attribution/* (pre-filters, lazy language test, lazily compiled
expressions, the cue trigger test) give what the plain expressions give
(newslint/checks/attribution.py, newslint/text/attribution.py)."""

from __future__ import annotations

import random
import re

from conftest import article, flagged_text as run

from newslint.checks import attribution as rules
from newslint.text import attribution as analysis

SENTENCES = [
    "The militia was behind the bombing of the convoy last week.",
    "The former mayor allegedly embezzled public money for a decade.",
    "It was the deadliest storm in decades, and the “worst in history” by far.",
    "He is accused of fraud. She was suspected-of nothing.",
    "It is widely believed that the talks will fail; it's said to be over.",
    "Experts say, and critics argue, that studies show nothing. Reportedly, it is said.",
    "Exports fell 12 percent in May; the deficit widened to 4.2 billion dollars ($4.2bn).",
    "The          quoted words blanked out          were said to have been the largest ever.",
    "Sales rose 5 PCT to 3.2 mln dlrs, or 12 Per Cent; profit was £4m and 7 YEN; it's up 3 percentage points.",
    "Shares fell 1.5 ct to 80 cents, 2 rupees, 40 Francs, 9 pence, 6 marks, 5 euros and 300 yuan.",
    "Costs hit 40 dollarſ, 12 pOunds and 3%; well-said, re-reported, non-said' told-them.",
    "It fell 5 cts-a-share, 3 MARKS’ worth, 2 dlrs-plus and 7 yen's; 8 YUAN.",
]


def lowered(text: str) -> tuple[str, str, frozenset[str]]:
    """A ``_Test``'s arguments for ``text``."""
    low = text.lower()
    return text, low, frozenset(analysis.PLAIN_WORD.findall(low))


def test_claim_prefilter_finds_what_the_expressions_find():
    pats = rules._claims()
    examples = [s for rule in rules.RULES for s in rule.bad + rule.good if isinstance(s, str)]
    texts = SENTENCES + [s.upper() for s in SENTENCES] + examples
    search = pats.claims.searcher(article("# T\n\n" + "\n\n".join(texts) + "\n"))
    for text in texts:
        expected = pats.accusation.search(text) or pats.superlative.search(text)
        found = search(*lowered(text))
        assert (found and found.span()) == (expected and expected.span()), text


# pieces of random sentences: figures, currencies, the letters IGNORECASE matches beyond str.lower
FRAGMENTS = (
    "5", "12.5", "1,000", " ", "  ", "\n", "-", "'", "’", ".", ",", "(", "$", "US$", "€", "£", "¥", "%", "ſ",
    "İ", "ı", "\u212a", "a", "x", "per", " cent", "percent", "PCT", "percentage", " points", "mln", "billion", "m",
    "cts", "CTS", "ct", "cents", "dlrs", "Dollars", "dollarſ", "euros", "pounds", "yen", "yuan", "francs",
    "MARKS", "marks", "rupees", "pence", "said", "Told", "according", "to", "[", "]", "well", "s",
)


def random_texts(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_figure_gates_find_what_the_expressions_find():
    pats = rules._claims()
    for text in SENTENCES + [s.upper() for s in SENTENCES] + random_texts(6000):
        expected = pats.percent.search(text) or pats.money.search(text)
        found = pats.figure_in(*lowered(text))
        assert (found and (found.re, found.span())) == (expected and (expected.re, expected.span())), text


def test_trigger_test_reads_the_letter_runs():
    triggers = analysis._lexicon().triggers
    assert all(re.fullmatch("[a-z]+", word) for word in triggers)  # what the trigger test assumes
    fixed = SENTENCES + [s.upper() for s in SENTENCES] + ["[1] x", "well-said", "non-told’s", "x said-"]
    for text in fixed + random_texts(6000, seed=12):
        text, low, words = lowered(text)
        expected = "[" in text or not triggers.isdisjoint(re.findall("[a-z]+", low))
        assert analysis._triggered(text, low, words, triggers) == expected, text


def test_sentence_words_are_those_of_the_plain_text():
    a = article("# Talks\n\n“We will not come back,” the minister said. Prices rose 12 PCT, well-said.\n")
    attr = a.attribution
    assert len(attr.lowered) == len(attr.words) == len(attr.plain) == len(attr.sentences)
    for plain, low, words in zip(attr.plain, attr.lowered, attr.words):
        assert (low, words) == lowered(plain)[1:]


def test_weasel_anchor_gate_finds_what_each_pattern_finds():
    weasels = rules._weasels()
    every = [source for phrases in weasels.by_anchor.values() for source, _ in phrases]  # no anchor step
    matched = 0
    for text in SENTENCES:
        words = frozenset(analysis.PLAIN_WORD.findall(text.lower()))
        found = [(m.start(), -m.end()) for source in every if (m := re.search(source, text, re.IGNORECASE))]
        match = weasels.search(text, words)
        assert (match and (match.start, -match.end)) == min(found, default=None), text
        matched += match is not None
    assert matched >= 3  # "widely believed", "experts say", "reportedly" ...


def test_tabular_counts_the_words_with_a_digit():
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice("ab1 \t\n\u00a0٣.,vs") for _ in range(rng.randint(0, 24)))
        numeric = len(re.findall(r"\S*\d\S*", text))
        words = text.split()
        expected = numeric * 3 >= len(words) or (numeric >= 2 and bool(re.search(r"\bvs\.?\s", text)))
        assert rules._tabular(text) == expected, text


def test_findings_wait_for_the_language_test():
    english = "# Blast\n\nAt least 40 people were killed when a bomb exploded in the market on Friday.\n"
    assert run(rules.UnattributedCasualties, english)
    german = english.replace(
        "\n\nAt",
        "\n\nDie Lage in der Region bleibt nach Angaben von Beobachtern angespannt, und viele Familien "
        "sind auf der Flucht, weil die Regierung noch keine Erklärung abgegeben hat und die Stadt "
        "seit Tagen ohne Strom und Wasser ist. At",
    )
    assert not article(german).attribution.english
    assert run(rules.UnattributedCasualties, german) == []


def test_token_expression_matches_what_the_backtracking_one_matches():
    backtracking = re.compile(r"[^\W_](?:[\w&'’.\-]*[^\W_])?\.?|[,;:()\[\]—–!?\"“”«»„]")
    rng = random.Random(13)
    chars = "aZ1é_&'’.-, \"“"
    texts = SENTENCES + ["U.S. a..b a-' a.-. x_y_ A&B-’s e.g. 3.5."]
    texts += ["".join(rng.choice(chars) for _ in range(rng.randint(0, 20))) for _ in range(6000)]
    for text in texts:
        assert [m.span() for m in analysis._TOKEN.finditer(text)] == [m.span() for m in backtracking.finditer(text)]


def test_quote_only_verbs_give_no_cue_without_a_quotation():
    lex = analysis._lexicon()
    quote_only = sorted(lex.triggers - lex.unquoted)
    assert "shouted" in quote_only and "said" not in quote_only
    assert analysis.find_cues('"We will win," shouted Smith.')  # with a quotation it may give one
    rng = random.Random(14)
    pieces = quote_only + ["Smith", "the", "minister", "crowd", "on", "Tuesday", "as", ",", ":", "“", "”", "«"]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        assert analysis.find_cues(text) == [], text


def test_token_memo_stays_bounded(monkeypatch):
    """Token texts and keys are remembered in a plain memo that ``analyze`` empties past WORD_MEMO."""
    monkeypatch.setattr(analysis, "WORD_MEMO", 5)
    article("# Talks\n\nThe council said on Monday it approved three plans, the clerk said.\n").attribution
    assert analysis._word.cache_info().currsize > 5
    article("# Talks\n\nNo.\n").attribution
    assert analysis._word.cache_info().currsize <= 5
