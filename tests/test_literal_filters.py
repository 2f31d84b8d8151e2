"""The literal pre-filters are a speed-up only: they must never hide a match.

For every declarative rule, texts built from its own phrases and bad examples (in other
casings, with odd spacing and punctuation around them) are checked both ways: through the
pre-filtered path the rule uses, and by running its whole expression on every block in scope.
The matches must be the same.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import article

from newslint.packs import PatternRule
from newslint.registry import builtin_registry
from newslint.rule import Example
from newslint.text.literals import build_text, literal_gate

PACK_RULES = [cls for cls in builtin_registry().sorted() if issubclass(cls, PatternRule)]


def _variants(snippet: str, rng: random.Random) -> list[str]:
    words = snippet.split()
    return [
        snippet,
        snippet.upper(),
        snippet.title(),
        "  ".join(words),
        "\u00a0".join(words),
        f"({snippet})",
        f"xx{snippet}yy",
        f"{snippet}!!",
        " ".join(w if rng.random() < 0.5 else w.upper() for w in words),
    ]


def _texts(cls: type[PatternRule]) -> list[str]:
    rng = random.Random(cls.id)
    snippets = list(cls.phrases) + list(cls.swap)
    snippets = rng.sample(snippets, min(len(snippets), 25))
    snippets += [line.lstrip("#-> ").strip() for raw in cls.bad for line in Example.of(raw).text.splitlines()
                 if line.strip() and line.strip() != "---"]
    texts = []
    for snippet in snippets:
        for v in _variants(snippet, rng):
            texts.append(f"# Harbour news today\n\nThe council met on Monday, its clerk said.\n\n{v}\n\n- {v}\n")
    return texts


def _reference(rule: PatternRule, a) -> set[tuple[int, int]]:
    out = set()
    for block in a.blocks:
        if block.kind in rule.scope:
            if rule.match_kind == "line":
                if rule.regex.fullmatch(block.text.strip()):
                    out.add((block.start, block.end))
            else:
                out |= {(block.start + m.start(), block.start + m.end()) for m in rule.regex.finditer(block.text)}
    return out


def _filtered(rule: PatternRule, a) -> set[tuple[int, int]]:
    out = set()
    for block, regex in rule._blocks(a):
        if rule.match_kind == "line":
            if rule.regex.fullmatch(block.text.strip()):
                out.add((block.start, block.end))
        else:
            out |= {(block.start + m.start(), block.start + m.end()) for m in regex.finditer(block.text)}
    return out


@pytest.mark.parametrize("cls", PACK_RULES, ids=lambda c: c.id)
def test_prefilter_never_hides_a_match(cls):
    rule = cls()
    matched = 0
    for text in _texts(cls):
        a = article(text)
        expected = _reference(rule, a)
        assert _filtered(rule, a) == expected, text
        matched += bool(expected)
    assert matched, f"{cls.id}: the generated texts never matched; the test would prove nothing"


@pytest.mark.parametrize("cls", PACK_RULES, ids=lambda c: c.id)
def test_gate_is_sound_for_each_rule_expression(cls):
    rule = cls()
    gate = literal_gate(rule.regex)
    for text in _texts(cls):
        a = article(text)
        if any(rule.regex.search(b.text) for b in a.blocks):
            assert gate(a), text


def test_dotless_i_and_long_s_are_never_filtered():
    regex = re.compile(r"(?<!\w)click to buy(?!\w)", re.IGNORECASE)
    a = article("# News\n\nCLİCK TO BUY now, the clerk said.\n")  # İ matches i under IGNORECASE
    assert regex.search(a.text) and literal_gate(regex)(a)


def test_the_words_of_copy_with_typographic_punctuation_are_its_runs_of_word_characters():
    for text in ("# “Quoted” — news\n\nIt’s 10…20\u00a0km away • here, ‘she’ said – twice·\n",
                 "# Café — news\n\nA naïve “résumé” of the Ωmega deal\n"):
        tested = build_text(article(text))
        assert tested is not None and tested.words == frozenset(re.findall(r"\w+", tested.lowered))
