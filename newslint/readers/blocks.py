"""From raw line groups to typed blocks: the classification every line-based reader shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from newslint.model import Block, BlockKind, Directive
from newslint.readers import shape
from newslint.text import rx


class Raw(NamedTuple):
    """A group of source lines before classification. ``hint``: para, heading, quote, list, code."""

    start: int
    end: int
    text: str
    hint: str = "para"
    level: int = 0  # heading level in Markdown


_DIRECTIVE = rx.compile(
    r"^\s*<!--\s*newslint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->\s*$"
)


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line in ``text[start:end]``, without its line break or trailing CR."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        line_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        yield pos, line_end
        if nl == -1:
            break
        pos = nl + 1


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start``..``end`` past leading and trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_directive(line: str, start: int, line_no: int) -> Directive | None:
    """A ``<!-- newslint-disable... RULE, RULE -->`` comment, or None."""
    m = _DIRECTIVE.match(line)
    if not m:
        return None
    rules = tuple(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
    return Directive(m.group(1), rules, start, start + len(line), line_no)


def classify(
    text: str,
    raws: list[Raw],
    *,
    find_headline: bool,
    plain: bool,
) -> list[Block]:
    """Type each raw group: label, headline, dek, headings, body, source section."""
    blocks: list[Block] = []

    def add(kind: BlockKind, raw: Raw) -> None:
        blocks.append(Block(kind, raw.start, raw.end, raw.text))

    i = 0
    if find_headline and raws:
        first = raws[0]
        if (
            len(raws) >= 3
            and first.hint == "para"
            and shape.is_label(first.text)
            and raws[1].hint in ("para", "heading")
            and shape.is_headline(raws[1].text)
        ):
            add(BlockKind.LABEL, first)
            i = 1
        if (
            i < len(raws) - 1
            and raws[i].hint in ("para", "heading")
            and shape.is_headline(raws[i].text)
            and not shape.is_source_heading(raws[i].text)
        ):
            add(BlockKind.HEADLINE, raws[i])
            i += 1
            nxt = raws[i]
            if (
                plain
                and i < len(raws) - 1
                and nxt.hint == "para"
                and shape.is_dek(nxt.text)
                and not shape.is_heading(nxt.text)
            ):
                add(BlockKind.DEK, nxt)
                i += 1

    in_sources = False
    seen_body = bool(blocks)
    for j in range(i, len(raws)):
        raw = raws[j]
        line = raw.text
        if raw.hint == "code":
            add(BlockKind.CODE, raw)
            continue
        if seen_body and raw.hint in ("para", "heading") and shape.is_source_heading(line):
            add(BlockKind.SOURCE_HEADING, raw)
            in_sources = True
            continue
        if seen_body and raw.hint == "para" and shape.is_inline_source(line) and j >= len(raws) // 2:
            add(BlockKind.SOURCE_ITEM, raw)
            continue
        if in_sources:
            if raw.hint == "heading" or shape.ends_source_section(line):
                in_sources = False
            else:
                add(shape.source_kind(line), raw)
                continue
        seen_body = True
        if raw.hint == "heading":
            add(BlockKind.HEADING, raw)
        elif raw.hint == "quote":
            add(BlockKind.QUOTE, raw)
        elif raw.hint == "list":
            add(BlockKind.LIST_ITEM, raw)
        elif plain and j < len(raws) - 1 and shape.is_heading(line):
            add(BlockKind.HEADING, raw)
        else:
            add(BlockKind.PARAGRAPH, raw)
    return blocks
