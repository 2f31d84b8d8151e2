"""Sentence splitting tuned for news copy (abbreviations, initials, decimals, quotes)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from newslint.model import BlockKind
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.model import Article, Block

# Words that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj pres st jr sr rev hon
    inc corp co ltd llc plc bros dept univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp fig approx est ft mt
    vs etc al ca cf ie eg viz
    a.m p.m u.s u.k u.n e.u i.e e.g d.c n.y l.a""".split()
)
US_STATES = frozenset("ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo".split())

# Abbreviations that can also close a sentence ("... bought by Acme Inc. The deal ..."): the period
# ends the sentence when the next word is one that usually opens a sentence.
FINAL_ABBREVIATIONS = frozenset("inc corp co ltd llc plc bros etc jr sr u.s u.k u.n e.u d.c a.m p.m al".split())
_OPENERS = frozenset(
    "The A An It Its He She They We I In On At But And This That These Those There His Her Their Our".split()
)

_INITIALS = rx.compile(r"(?:[a-z]\.)+[a-z]")
# The end mark is spelled ``[.!?…][.!?…]*``, not ``[.!?…]+``: an expression opening with a
# character class lets re skip to the next of those characters instead of trying a match at
# every position (half the splitting time).
_BOUNDARY = rx.compile(r"""([.!?…][.!?…]*)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9“"‘'(\[])""")


class Sentence(NamedTuple):
    start: int
    end: int
    text: str
    block: int  # index into article.blocks


def _is_abbreviation(text: str, dot: int, after: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation or initial rather than a sentence;
    ``after`` is where the next word starts."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and text[j].isupper():  # an initial: "John F. Kennedy"
        return True
    if _INITIALS.fullmatch(word) and text[j].isupper():  # "R.M. Nicel", "J.R.R. Tolkien"
        return True
    if word in FINAL_ABBREVIATIONS:
        m = re.match(r"[A-Za-z]+", text[after:])
        return not (m and m.group() in _OPENERS)
    return word in ABBREVIATIONS or word in US_STATES


def split_text(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, shifted by ``offset``."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _BOUNDARY.finditer(text):
        punct = m.group(1)
        if punct == "." and _is_abbreviation(text, m.start(1), m.end(3)):
            continue
        end = m.end(2)
        if end > start:
            spans.append((offset + start, offset + end))
        start = m.end(3)
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))
    return spans


PROSE_KINDS = (BlockKind.HEADLINE, BlockKind.DEK, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


def split_article(article: Article) -> list[Sentence]:
    """Sentences of the headline, dek and body blocks (not source lists or headings)."""
    out: list[Sentence] = []
    for i, block in enumerate(article.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        out.extend(_split_block(article, i, block))
    return out


def _split_block(article: Article, index: int, block: Block) -> list[Sentence]:
    return [
        Sentence(s, e, article.text[s:e], index)
        for s, e in split_text(block.text, block.start)
    ]
