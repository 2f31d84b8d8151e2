"""Quoted speech: spans between matching quotation marks inside one block."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.model import Article

OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``inner`` is the text between them."""

    start: int
    end: int
    inner: str
    block: int
    closed: bool  # False when the block ends before the closing mark (a continuing quote)


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in ``text``; ``end`` is past the closing mark."""
    spans: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = OPENERS.get(ch)
        if close is None or (ch == '"' and i > 0 and text[i - 1].isalnum() and i + 1 < n and not text[i + 1].isalnum()):
            i += 1
            continue
        j = text.find(close, i + 1)
        if j == -1:
            spans.append((i, n, False))
            break
        spans.append((i, j + 1, True))
        i = j + 1
    return spans


def find_quotes(article: Article) -> list[Quote]:
    from newslint.text.sentences import PROSE_KINDS

    out: list[Quote] = []
    for index, block in enumerate(article.blocks):
        if block.kind not in PROSE_KINDS:
            continue
        for s, e, closed in quote_spans(block.text):
            inner_end = e - 1 if closed else e
            out.append(Quote(block.start + s, block.start + e, block.text[s + 1 : inner_end], index, closed))
    return out
