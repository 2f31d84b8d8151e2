"""Quoted speech (newslint/text/quotes.py)."""

from __future__ import annotations

import pytest
from conftest import article

from newslint.text.quotes import find_quotes, quote_spans


def quoted(text: str) -> list[tuple[str, bool]]:
    return [(text[s:e], closed) for s, e, closed in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will go” today.", [("“we will go”", True)]),
        ('He said "we will go" today.', [('"we will go"', True)]),
        # mixed curly and straight marks close each other
        ("“Our results were good,\" Lee said. \"We grew.”", [("“Our results were good,\"", True), ("\"We grew.”", True)]),
        ("„Guten Tag“, sagte er.", [("„Guten Tag“", True)]),
        ("“It was wrong,’’ Moy said. It’s over.", [("“It was wrong,’’", True)]),
        ("«Bonjour», dit-il.", [("«Bonjour»", True)]),
        # an inch mark is not a quotation
        ('A 12" screen and "a phrase" here.', [('"a phrase"', True)]),
        # a quotation left open at the end of a paragraph continues in the next one
        ("He said: “We will go.", [("“We will go.", False)]),
        ("No quotes here.", []),
    ],
)
def test_quote_spans(text, expected):
    assert quoted(text) == expected


def test_find_quotes_in_article():
    a = article("# Talks\n\nThe minister said: “We will not come back.\n\n“Not until the attacks stop.”\n")
    got = [(q.inner, q.closed, a.blocks[q.block].text[:4]) for q in find_quotes(a)]
    assert got == [("We will not come back.", False, "The "), ("Not until the attacks stop.", True, "“Not")]
    for q in find_quotes(a):
        assert a.text[q.start] == "“"
    assert a.in_quote(a.text.index("Not until"))
    assert not a.in_quote(a.text.index("minister"))
