"""Sentence splitting for news copy (newslint/text/sentences.py)."""

from __future__ import annotations

import pytest
from conftest import article

from newslint.model import BlockKind
from newslint.text.sentences import split_article, split_text


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose. Shares fell.", ["Prices rose.", "Shares fell."]),
        # abbreviations, titles, initials, decimals and states do not end a sentence
        ("Sen. Ann Holt, D-Ore., said banks hide fees. She left.", ["Sen. Ann Holt, D-Ore., said banks hide fees.", "She left."]),
        ("The U.S. Treasury said so.", ["The U.S. Treasury said so."]),
        ("John F. Keller spoke first.", ["John F. Keller spoke first."]),
        ("It rose 3.5 pct in Jan. from Dec. levels.", ["It rose 3.5 pct in Jan. from Dec. levels."]),
        ("The No. 2 official said so.", ["The No. 2 official said so."]),
        # ... unless a company suffix or time closes the sentence before a sentence opener
        ("He works at Acme Inc. The firm grew.", ["He works at Acme Inc.", "The firm grew."]),
        ("It opened at 9 a.m. The queue was long.", ["It opened at 9 a.m.", "The queue was long."]),
        ("Acme Inc. said it grew.", ["Acme Inc. said it grew."]),
        # quotation marks stay with their sentence
        ("“We are done,” he said. “Now we go.” She left.", ["“We are done,” he said.", "“Now we go.”", "She left."]),
        ('He asked, "Why?" The crowd laughed.', ['He asked, "Why?"', "The crowd laughed."]),
        ("She said (in a statement) that it was over. Next.", ["She said (in a statement) that it was over.", "Next."]),
    ],
)
def test_split_text(text, expected):
    assert sentences(text) == expected


def test_offsets_are_shifted():
    assert split_text("  One. Two.", 10) == [(12, 16), (17, 21)]


def test_split_article_covers_prose_blocks_only():
    a = article("# Headline here\n\nFirst one. Second one.\n\n- A list item.\n\nSources\n- https://example.org/a\n")
    got = [(s.text, a.blocks[s.block].kind) for s in split_article(a)]
    assert ("First one.", BlockKind.PARAGRAPH) in got
    assert ("Second one.", BlockKind.PARAGRAPH) in got
    assert ("A list item.", BlockKind.LIST_ITEM) in got
    assert all(kind is not BlockKind.SOURCE_ITEM for _, kind in got)
    assert all(s.text == a.text[s.start : s.end] for s in split_article(a))


def test_boundary_expression_matches_its_plain_spelling():
    """``_BOUNDARY`` spells its end mark ``[.!?…][.!?…]*`` so re can skip to those characters;
    ``[.!?…]+`` finds the same boundaries, with the same groups, on random copy."""
    import random
    import re

    from newslint.text.sentences import _BOUNDARY

    plain = re.compile(_BOUNDARY.pattern.replace("([.!?…][.!?…]*)", "([.!?…]+)", 1))
    assert plain.pattern != _BOUNDARY.pattern
    pieces = (".", "..", "!", "?", "…", "?!", '"', "'", "”", "’", ")", "]", "(", "[", "“", "‘", " ", "  ", "\n",
              "\t", "A", "The", "9", "a", "word", "U.S.", "Mr", "é")  # fmt: skip
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(30))
        groups = [(m.span(1), m.span(2), m.span(3)) for m in _BOUNDARY.finditer(text)]
        assert groups == [(m.span(1), m.span(2), m.span(3)) for m in plain.finditer(text)]
