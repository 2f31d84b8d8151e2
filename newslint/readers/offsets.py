"""Offsets through decoding: article text assembled from pieces of a source that was decoded
(HTML entities, JSON string escapes, XML character data), with each piece mapped back.

An ``OffsetMap`` carries offsets of a decoded string back to the string it was decoded from; a
``TextBuilder`` writes an article's text and records, for every piece, where it came from,
possibly through a chain of maps (a JSON string holding HTML, an RSS item holding HTML).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from newslint.model import Segment, SourceMap
from newslint.readers import shape
from newslint.readers.blocks import Raw, lines, trimmed

_OPEN_END = tuple(".!?:;\"”’)]…→")


@dataclass(frozen=True)
class OffsetMap:
    """Offsets in a decoded string -> offsets in its source; ``segments`` sorted, gap-free.

    A segment of length 0 maps every offset it covers to one point (an entity, an escape).
    """

    segments: tuple[Segment, ...]
    starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, segments: list[Segment]) -> OffsetMap:
        return cls(tuple(segments), tuple(s.text_start for s in segments))

    @classmethod
    def shift(cls, delta: int) -> OffsetMap:
        """The identity map moved by ``delta`` (a slice of the source taken as it is)."""
        return cls.of([Segment(0, delta, 1 << 62)])

    def locate(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return self.segments[0].source_start if self.segments else offset
        seg = self.segments[i]
        return seg.source_start + min(offset - seg.text_start, seg.length)

    def pieces(self, start: int, length: int) -> Iterator[tuple[int, int, int]]:
        """(offset in the range, source offset, exact length) covering ``start``..``start+length``;
        an exact length of 0 means the piece maps to one source point."""
        if length <= 0 or not self.segments:
            yield 0, self.locate(start), 0
            return
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        pos, end = start, start + length
        while pos < end:
            seg = self.segments[i]
            nxt = self.segments[i + 1].text_start if i + 1 < len(self.segments) else end
            stop = min(end, max(nxt, pos + 1))
            if seg.length == 0 or pos - seg.text_start >= seg.length:
                yield pos - start, self.locate(pos), 0
            else:
                n = min(stop, seg.text_start + seg.length) - pos
                yield pos - start, seg.source_start + pos - seg.text_start, n
                if pos + n < stop:
                    yield pos + n - start, seg.source_start + seg.length, 0
            pos = stop
            i += 1


@dataclass
class TextBuilder:
    """An article's text written piece by piece, with the source offset of each piece and the
    raw block groups that ``classify`` types."""

    parts: list[str] = field(default_factory=list)
    size: int = 0
    segments: list[Segment] = field(default_factory=list)
    raws: list[Raw] = field(default_factory=list)
    _block: int = -1  # offset where the open block's text starts, -1 when none has text yet
    _block_part: int = 0
    _pending: bool = False  # a block was opened but nothing written into it yet

    def write(self, text: str, source: int | None = None, *, exact: bool = True,
              via: tuple[OffsetMap, ...] = ()) -> None:
        """Append ``text``; when ``source`` is given it came from there (through ``via``, innermost
        map first); ``exact`` means character for character."""
        if not text:
            return
        if self._pending:
            self._pending = False
            if self.size:
                self.parts.append("\n\n")
                self.size += 2
            self._block, self._block_part = self.size, len(self.parts)
        if source is not None:
            self._map(self.size, source, len(text) if exact else 0, via)
        self.parts.append(text)
        self.size += len(text)

    def _map(self, at: int, source: int, length: int, via: tuple[OffsetMap, ...]) -> None:
        if not via:
            self._segment(at, source, length)
            return
        for rel, src, n in via[0].pieces(source, length):
            self._map(at + rel, src, n, via[1:])

    def _segment(self, at: int, source: int, length: int) -> None:
        if self.segments:
            last = self.segments[-1]
            if last.text_start == at:
                self.segments.pop()
            elif (length and last.length and last.text_start + last.length == at
                  and last.source_start + last.length == source):
                self.segments[-1] = Segment(last.text_start, last.source_start, last.length + length)
                return
        self.segments.append(Segment(at, source, length))

    # -- blocks ---------------------------------------------------------------------------------
    @property
    def in_block(self) -> bool:
        """Whether the open block has text."""
        return self._block >= 0

    def open_block(self) -> None:
        """Start a block (separated from the previous one by a blank line) unless one is open."""
        if self._block < 0:
            self._pending = True

    def close_block(self, hint: str = "para", level: int = 0) -> Raw | None:
        """End the open block as a raw group typed ``hint``; None when nothing was written in it."""
        self._pending = False
        start, self._block = self._block, -1
        if start < 0:
            return None
        raw = Raw(start, self.size, "".join(self.parts[self._block_part :]), hint, level)
        self.raws.append(raw)
        return raw

    def text(self) -> str:
        joined = "".join(self.parts)
        self.parts = [joined]
        return joined

    def source_map(self, source: str) -> SourceMap:
        return SourceMap(source, tuple(self.segments))


def write_plain(value: str, smap: OffsetMap, out: TextBuilder) -> None:
    """Plain body text (a ninjs ``body_text``, a feed description): a paragraph per line, with
    hard-wrapped lines joined as the text reader does, and list items marked."""
    prev_blank = True
    for start, end in lines(value):
        s, e = trimmed(value, start, end)
        line = value[s:e]
        if not line:
            prev_blank = True
            continue
        marker = shape.list_marker_end(line)
        if marker:
            out.close_block()
            out.open_block()
            out.write(line[marker:], s + marker, via=(smap,))
            out.close_block("list")
        elif not prev_blank and out.in_block and not out.parts[-1].endswith(_OPEN_END) and line[0].islower():
            out.write("\n")
            out.write(line, s, via=(smap,))
        else:
            out.close_block()
            out.open_block()
            out.write(line, s, via=(smap,))
        prev_blank = False
    out.close_block()
