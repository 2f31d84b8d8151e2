"""The data every stage shares: articles, their blocks, and findings.

Offsets are character offsets into ``Article.text``. For plain text and Markdown the text *is*
the file, so offsets map to lines directly; readers of other formats (HTML, ninjs) attach a
``SourceMap`` that carries each offset back to the original file.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from newslint.text.attribution import Attribution
    from newslint.text.links import Link
    from newslint.text.quotes import Quote
    from newslint.text.sentences import Sentence
    from newslint.text.story import StoryDigest
    from newslint.text.literals import Text as LiteralText
    from newslint.text.times import Timeline
    from newslint.text.words import Prose


class Severity(str, Enum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class BlockKind(str, Enum):
    """What part of an article a block is."""

    LABEL = "label"  # a leftover section label ("policy") above the headline
    HEADLINE = "headline"
    DEK = "dek"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"  # a block quote
    LIST_ITEM = "list_item"
    SOURCE_HEADING = "source_heading"
    SOURCE_NOTE = "source_note"  # prose inside the source section ("draws on the following:")
    SOURCE_ITEM = "source_item"
    CODE = "code"


BODY_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.HEADING})
SOURCE_KINDS = frozenset({BlockKind.SOURCE_HEADING, BlockKind.SOURCE_NOTE, BlockKind.SOURCE_ITEM})
# Metadata keys, first found first (front matter, schema.org JSON-LD, ninjs, feeds)
PUBLISHED_KEYS = ("date", "datePublished", "published", "firstcreated", "firstCreated", "pubDate")
UPDATED_KEYS = ("updated", "modified", "lastmod", "dateModified", "versioncreated", "versionCreated")
SOURCE_KEYS = ("sources", "source", "infoSources", "isBasedOn", "citation")
OWN_KEYS = ("sitename", "site_name", "siteName", "og:site_name", "publisher", "provider", "copyrightHolder",
            "feed")  # metadata naming the outlet that publishes the copy
EXCERPT_MAX = 1000  # a finding's source line longer than this is excerpted around the finding ...
EXCERPT_CONTEXT = 200  # ... with this many characters each side (more than any reporter shows)


class Block(NamedTuple):
    """A contiguous piece of the article: ``text == article.text[start:end]``."""

    kind: BlockKind
    start: int
    end: int
    text: str


class Segment(NamedTuple):
    """``length`` characters at ``text_start`` in the article came from ``source_start``."""

    text_start: int
    source_start: int
    length: int


@dataclass(frozen=True)
class SourceMap:
    """Maps offsets in an article's extracted text back to its source file's text."""

    source: str
    segments: tuple[Segment, ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [s.text_start for s in self.segments]

    def to_source(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.segments[0].source_start if self.segments else 0
        seg = self.segments[i]
        return seg.source_start + min(offset - seg.text_start, seg.length)


class Directive(NamedTuple):
    """A suppression comment: ``kind`` is disable, enable, disable-next-line or disable-line."""

    kind: str
    rules: tuple[str, ...]  # empty means every rule
    start: int
    end: int
    line: int  # 1-based line of the comment in the source


@dataclass
class Article:
    """One article, whatever format it was read from."""

    path: str
    text: str
    blocks: list[Block]
    meta: dict[str, Any] = field(default_factory=dict)
    meta_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> value offsets
    format: str = "text"
    source_map: SourceMap | None = None
    record_id: str | None = None  # for records of a stream
    line_base: int = 0  # lines before this record in its stream
    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[str, str, int, int]] = field(default_factory=list)  # reader: rule, msg, start, end
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value derived from this article, computed once (for analyses several rules of one
        family share but that are not worth a property of their own)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def release(self) -> None:
        """Forget what was computed from this article (it is computed again if asked for). Most
        of it refers back to the article, so once its results are taken, dropping it frees the
        article and its analyses at once instead of leaving them to the cyclic garbage collector
        (a twelfth of a run's time)."""
        self._memo.clear()
        computed = vars(self)
        for name in _COMPUTED.intersection(computed):
            del computed[name]

    # -- blocks -------------------------------------------------------------------------------
    def blocks_of(self, *kinds: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @cached_property
    def headline(self) -> Block | None:
        return next((b for b in self.blocks if b.kind is BlockKind.HEADLINE), None)

    @cached_property
    def dek(self) -> Block | None:
        return next((b for b in self.blocks if b.kind is BlockKind.DEK), None)

    @cached_property
    def body(self) -> list[Block]:
        """Paragraphs, block quotes, list items and subheadings, in order."""
        return [b for b in self.blocks if b.kind in BODY_KINDS]

    @cached_property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)]

    @cached_property
    def source_items(self) -> list[Block]:
        return [b for b in self.blocks if b.kind is BlockKind.SOURCE_ITEM]

    @cached_property
    def has_source_section(self) -> bool:
        return any(b.kind in SOURCE_KINDS for b in self.blocks) or bool(self.meta_sources)

    # -- metadata -----------------------------------------------------------------------------
    def meta_value(self, *keys: str) -> Any:
        for key in keys:
            if self.meta.get(key) not in (None, "", []):
                return self.meta[key]
        return None

    @cached_property
    def published(self) -> dt.datetime | None:
        """Publication time from metadata (front matter ``date``, ninjs ``versioncreated`` ...)."""
        from newslint.text.dates import parse_meta_datetime

        return parse_meta_datetime(self.meta_value(*PUBLISHED_KEYS))

    @cached_property
    def updated(self) -> dt.datetime | None:
        from newslint.text.dates import parse_meta_datetime

        return parse_meta_datetime(self.meta_value(*UPDATED_KEYS))

    @cached_property
    def meta_sources(self) -> list[str]:
        """Source entries given in metadata (front matter ``sources``/``source``, ninjs infoSources)."""
        raw = self.meta_value(*SOURCE_KEYS)
        items = raw if isinstance(raw, list) else [raw] if raw else []
        out: list[str] = []
        for item in items:
            if isinstance(item, dict):
                out.append(str(item.get("uri") or item.get("url") or item.get("name") or ""))
            else:
                out.append(str(item))
        return [s for s in out if s]

    @cached_property
    def publisher(self) -> list[str]:
        """What the metadata says of the outlet publishing the copy (``OWN_KEYS``; an object's
        ``name``), one text per key given."""
        values = (self.meta.get(key) for key in OWN_KEYS)
        texts = [str(v.get("name", "")) if isinstance(v, dict) else str(v or "") for v in values]
        return [t for t in texts if t]

    # -- shared text analysis (computed once, reused by every rule) -----------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        from newslint.text.sentences import split_article

        return split_article(self)

    @cached_property
    def quotes(self) -> list[Quote]:
        from newslint.text.quotes import find_quotes

        return find_quotes(self)

    @cached_property
    def links(self) -> list[Link]:
        from newslint.text.links import find_links

        return find_links(self)

    @cached_property
    def attribution(self) -> Attribution:
        """Who says what: attribution cues per sentence and the speaker of each quotation."""
        from newslint.text.attribution import analyze

        return analyze(self)

    @cached_property
    def timeline(self) -> Timeline:
        """The article's time expressions resolved against its reference date."""
        from newslint.text.times import article_timeline

        return article_timeline(self)

    @cached_property
    def literal_text(self) -> LiteralText | None:
        """The lowercased text and word set the literal pre-filters test (None: not filterable)."""
        from newslint.text.literals import build_text

        return build_text(self)

    @cached_property
    def prose(self) -> Prose:
        """The English prose blocks word by word, as the spelling rules read them."""
        from newslint.text.words import Prose

        return Prose(self)

    @cached_property
    def metrics(self) -> dict[str, Any]:
        """Readability figures of the body prose (words, sentences, Flesch scores)."""
        from newslint.text.readability import article_metrics

        return article_metrics(self)

    @cached_property
    def story(self) -> StoryDigest:
        """The digest cross-article (consistency) rules compare."""
        from newslint.text.story import story_digest

        return story_digest(self)

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when ``start``..``end`` lies inside quoted speech."""
        end = start if end is None else end
        return any(q.start <= start and end <= q.end for q in self.quotes)

    # -- positions ----------------------------------------------------------------------------
    @cached_property
    def _source(self) -> str:
        return self.source_map.source if self.source_map else self.text

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        src = self._source
        i = src.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = src.find("\n", i + 1)
        return starts

    def source_offset(self, offset: int) -> int:
        return self.source_map.to_source(offset) if self.source_map else offset

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file of a text offset."""
        src_off = self.source_offset(offset)
        starts = self._line_starts
        i = bisect.bisect_right(starts, src_off) - 1
        return i + 1 + self.line_base, src_off - starts[i] + 1

    def line_of(self, offset: int) -> int:
        return self.position(offset)[0]

    def locate(self, start: int, end: int) -> tuple[int, int, int, int, str, int]:
        """(line, column, end line, end column, excerpt, excerpt column) of the text span
        ``start``..``end``: its 1-based positions in the source file, and the source line it
        starts on with the column that line begins at (1), or for a line over ``EXCERPT_MAX``
        characters (a stream record, a page with no line breaks) ``EXCERPT_CONTEXT`` characters
        each side of the span and the column they begin at."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        src = self.source_map.source if self.source_map else self.text
        s = self.source_offset(start)
        a, b = src.rfind("\n", 0, s) + 1, src.find("\n", s)
        b = len(src) if b == -1 else b
        if b - a > EXCERPT_MAX:
            a, b = max(a, s - EXCERPT_CONTEXT), min(b, max(s, self.source_offset(end)) + EXCERPT_CONTEXT)
        # one string per excerpt, however many findings share it
        excerpt = self.memo(("excerpt", a, b), lambda: src[a:b].rstrip("\r"))
        return line, column, end_line, end_column, excerpt, column - (s - a)

    @cached_property
    def anchor(self) -> tuple[int, int]:
        """Where file-level findings point: the headline, else the first block, else the start."""
        block = self.headline or (self.blocks[0] if self.blocks else None)
        return (block.start, block.end) if block else (0, 0)


_COMPUTED = frozenset(n for n, v in vars(Article).items() if isinstance(v, cached_property))  # (release)


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the article with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A change that resolves a finding. ``safe`` fixes are applied by ``--fix``."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Finding:
    """One problem in one article. Rules fill offsets; the engine fills positions."""

    rule: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    path: str = ""
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    fix: Fix | None = None
    record_id: str | None = None
    excerpt: str = ""  # the source line the finding starts on (around the finding, for a very long line)
    excerpt_column: int = 1  # the column of that line the excerpt begins at
    data: dict[str, Any] = field(default_factory=dict)  # rule-specific extras (suggestion, decoded date ...)

    @property
    def family(self) -> str:
        return self.rule.split("/", 1)[0]

    def sort_key(self) -> tuple:
        return (self.path, self.record_id or "", self.line, self.column, self.rule, self.message)
