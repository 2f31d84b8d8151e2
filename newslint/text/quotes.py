"""Quoted speech: spans between matching quotation marks inside one block."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from newslint.text import rx

if TYPE_CHECKING:
    from newslint.model import Article

# Marks that close a quotation opened by each opener: copy often mixes curly and straight marks
# (“...," she said) or closes with two apostrophes (“...’’), and German-style quotes close with
# either curly mark.
CLOSERS = {"“": ("”", '"', "’’"), '"': ('"', "”"), "«": ("»",), "„": ("“", "”")}
_OPENER = rx.compile(f"[{''.join(CLOSERS)}]")  # any opening mark


class Quote(NamedTuple):
    """A quotation: ``start``/``end`` include the marks; ``inner`` is the text between them."""

    start: int
    end: int
    inner: str
    block: int
    closed: bool  # False when the block ends before the closing mark (a continuing quote)


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in ``text``; ``end`` is past the closing mark."""
    spans: list[tuple[int, int, bool]] = []
    n = len(text)
    m = _OPENER.search(text)
    while m is not None:
        i = m.start()
        ch = text[i]
        if ch == '"' and _not_an_opener(text, i):
            m = _OPENER.search(text, i + 1)
            continue
        found = [(k, len(c)) for c in CLOSERS[ch] if (k := text.find(c, i + 1)) != -1]
        if not found:
            spans.append((i, n, False))
            break
        j, width = min(found)
        spans.append((i, j + width, True))
        m = _OPENER.search(text, j + width)
    return spans


def _not_an_opener(text: str, i: int) -> bool:
    """A straight double mark that cannot open a quotation: an inch mark (12" screen) or a mark
    glued to the end of a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isdigit() or (before.isalnum() and not after.isalnum())


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
