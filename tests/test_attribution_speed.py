"""The shortcuts of attribution/* (pre-filters, lazy language test) give what the plain
expressions give (newslint/checks/attribution.py)."""

from __future__ import annotations

import random
import re

from conftest import article

from newslint.checks import attribution as rules
from newslint.rule import Context, Rule

SENTENCES = [
    "The militia was behind the bombing of the convoy last week.",
    "The former mayor allegedly embezzled public money for a decade.",
    "It was the deadliest storm in decades, and the “worst in history” by far.",
    "He is accused of fraud. She was suspected-of nothing.",
    "It is widely believed that the talks will fail; it's said to be over.",
    "Experts say, and critics argue, that studies show nothing. Reportedly, it is said.",
    "Exports fell 12 percent in May; the deficit widened to 4.2 billion dollars ($4.2bn).",
    "The          quoted words blanked out          were said to have been the largest ever.",
]


def run(cls: type[Rule], text: str) -> list[str]:
    a = article(text)
    return [a.text[f.start : f.end] for f in cls().check(a, Context())]


def test_claim_prefilter_finds_what_the_expressions_find():
    pats = rules._claims()
    examples = [s for rule in rules.RULES for s in rule.bad + rule.good if isinstance(s, str)]
    texts = SENTENCES + [s.upper() for s in SENTENCES] + examples
    search = pats.claims.searcher(article("# T\n\n" + "\n\n".join(texts) + "\n"))
    for text in texts:
        expected = pats.accusation.search(text) or pats.superlative.search(text)
        found = search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_weasel_anchor_gate_finds_what_each_pattern_finds():
    weasels = rules._weasels()
    for text in SENTENCES:
        words = set(rules._WORD.findall(text.lower()))
        found = [
            (m.start(), -m.end())
            for word in words.intersection(weasels.by_anchor)
            for pattern, _ in weasels.by_anchor[word]
            if (m := pattern.search(text))
        ]
        match = weasels.search(text)
        assert (match and (match.start, -match.end)) == min(found, default=None), text


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
