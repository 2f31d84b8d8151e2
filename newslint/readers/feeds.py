"""RSS 0.9x/1.0/2.0 and Atom feeds: one article per item or entry.

Parsed with the standard library's expat, hardened as defusedxml does it: a feed that declares
entities (``<!ENTITY>``, the billion-laughs and external-entity attacks) is refused, and external
DTDs and entities are never fetched. Every piece of character data keeps its offset in the feed,
so findings point at the line and column of the item's title or description, including text in
CDATA sections and escaped HTML (read through the HTML reader).

Per item: title (headline); content:encoded or Atom content (body; description or summary is
then the dek), else description or summary (body); pubDate / published / dc:date, updated,
link, guid / id (the record id), author / dc:creator, category, and RSS ``<source url>`` (a
declared source) go to ``article.meta``. Items with neither description nor content are left
out (a title-only link feed); a feed where that leaves nothing is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from newslint.model import Article, Segment
from newslint.readers import ReadFailure
from newslint.readers.offsets import OffsetMap, TextBuilder, write_plain
from newslint.text import rx

_HTML_TAG = rx.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^>]*|/[a-zA-Z][a-zA-Z0-9]*)>")
_ITEM = frozenset({"item", "entry"})
_FIELDS = frozenset({"title", "link", "description", "encoded", "summary", "content", "pubDate",
                     "published", "updated", "date", "guid", "id", "creator", "author", "name",
                     "category", "source"})


class _Refused(Exception):
    """The feed uses a construct we do not expand (entity declarations, external entities)."""


@dataclass
class _Text:
    """Character data of one element, with the offset map back to the feed."""

    parts: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    size: int = 0
    attrs: dict[str, str] = field(default_factory=dict)
    start: int = 0  # offset of the element's start tag
    inner: tuple[int, int] | None = None  # for Atom xhtml content: the markup between the tags

    def add(self, data: str, at: int, exact: bool) -> None:
        self.segments.append(Segment(self.size, at, len(data) if exact else 0))
        self.parts.append(data)
        self.size += len(data)

    def value(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap.of(self.segments or [Segment(0, self.start, 0)])


@dataclass
class _Item:
    start: int
    fields: dict[str, _Text] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)


class _FeedParser:
    """Collects items with their fields' text and offsets from expat's events."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._byte, self._char = 0, 0
        self.root = ""
        self.channel_title = ""
        self.items: list[_Item] = []
        self.item: _Item | None = None
        self.stack: list[tuple[str, str]] = []  # (namespace, local name)
        self.field: tuple[str, _Text] | None = None
        self.depth_in_field = 0
        p = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.EntityDeclHandler = self._entity
        p.UnparsedEntityDeclHandler = self._entity
        p.ExternalEntityRefHandler = self._external
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._chars
        p.buffer_text = False
        self.parser = p

    def parse(self) -> None:
        self.parser.Parse(self.data, True)

    def offset(self) -> int:
        """Character offset of the current event."""
        b = self.parser.CurrentByteIndex
        if self.ascii or b < 0:
            return max(b, 0)
        if b < self._byte:
            self._byte, self._char = 0, 0
        self._char += len(self.data[self._byte : b].decode("utf-8", errors="replace"))
        self._byte = b
        return self._char

    def _entity(self, *args: Any) -> None:
        raise _Refused("the feed declares XML entities (<!ENTITY>); newslint does not expand them")

    def _external(self, *args: Any) -> int:
        raise _Refused("the feed refers to an external entity; newslint does not fetch it")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        at = self.offset()
        if not self.stack:
            self.root = local
        self.stack.append((ns, local))
        if self.field is not None:
            self.depth_in_field += 1
            return
        if local in _ITEM:
            self.item = _Item(at)
            return
        if self.item is None:
            if local == "title" and len(self.stack) <= 3 and not self.channel_title:
                self.field = ("channel-title", _Text(start=at))
            return
        key = self._key(ns, local, attrs)
        if key == "link" and attrs.get("href"):  # Atom: <link rel="alternate" href="..."/>
            if attrs.get("rel", "alternate") == "alternate" and "link" not in self.item.fields:
                self.item.fields["link"] = _Text(parts=[attrs["href"]], size=len(attrs["href"]), start=at)
            return
        if key is not None:
            self.field = (key, _Text(attrs=dict(attrs), start=at))
            self.depth_in_field = 0

    def _key(self, ns: str, local: str, attrs: dict[str, str]) -> str | None:
        if local not in _FIELDS or len(self.stack) < 2:
            return None
        parent = self.stack[-2][1]
        if local == "name":
            return "author" if parent == "author" else None
        if local == "author" and ns.endswith("Atom"):
            return None  # its <name> child is read
        if parent not in _ITEM:
            return None
        if local == "encoded":
            return "content"
        if local == "date":
            return "dc-date"
        return local

    def _end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        self.stack.pop()
        if self.field is not None:
            if self.depth_in_field:
                self.depth_in_field -= 1
                return
            key, text = self.field
            self.field = None
            if key == "content" and text.attrs.get("type") == "xhtml":
                open_end = self.text.find(">", text.start) + 1
                text.inner = (open_end, self.offset())
            if key == "channel-title":
                self.channel_title = "".join(text.parts).strip()
            elif self.item is not None:
                if key == "category":
                    self.item.categories.append("".join(text.parts).strip())
                else:
                    self.item.fields.setdefault(key, text)
            return
        if local in _ITEM and self.item is not None:
            self.items.append(self.item)
            self.item = None

    def _chars(self, data: str) -> None:
        if self.field is None:
            return
        at = self.offset()
        if self.text.startswith(data, at):
            self.field[1].add(data, at, True)
            return
        found = self.text.find(data, at, at + len(data) + 16)  # after "<![CDATA["
        if found >= 0 and data:
            self.field[1].add(data, found, True)
        else:
            self.field[1].add(data, at, False)  # an entity or character reference


def read_feed(text: str, path: str,
              problems: list[tuple[str, str, int, int]] | None = None) -> Iterator[Article | ReadFailure]:
    """One article per item of an RSS or Atom feed."""
    parser = _FeedParser(text)
    failure = None
    try:
        parser.parse()
    except expat.ExpatError as exc:
        line = exc.lineno or 1
        failure = ReadFailure(path, "structure/unreadable-file",
                              f"not well-formed XML at line {line}, column {exc.offset + 1}: "
                              f"{expat.ErrorString(exc.code)}; fix the feed so every item is read", line=line)
    except _Refused as exc:
        failure = ReadFailure(path, "structure/unreadable-file", f"{exc}; refused for safety",
                              line=parser.parser.CurrentLineNumber)
    if failure is None and parser.root not in ("rss", "feed", "RDF"):
        failure = ReadFailure(path, "structure/unreadable-file",
                              f"not an RSS or Atom feed (its root element is <{parser.root or '?'}>)")
    count = 0
    for item in parser.items:
        article = _article(item, text, path, parser.channel_title)
        if article is not None:
            if problems and count == 0:
                article.problems[:0] = problems
            count += 1
            yield article
    if failure is not None:
        yield failure
    elif not count:
        what = f"{len(parser.items)} items, none with a description or content" if parser.items else "no items"
        yield ReadFailure(path, "structure/no-articles", f"feed has {what}: nothing to check")


def _article(item: _Item, source: str, path: str, channel: str) -> Article | None:
    f = item.fields
    body_key = "content" if "content" in f else "description" if "description" in f else \
        "summary" if "summary" in f else None
    if body_key is None:
        return None
    out = TextBuilder()
    if "title" in f:
        _write(f["title"], source, out, "headline")
    dek_key = next((k for k in ("description", "summary") if k in f and k != body_key), None)
    if dek_key is not None and body_key == "content":
        _write(f[dek_key], source, out, "dek")
    _write(f[body_key], source, out, "body")
    meta: dict[str, Any] = {}
    for key in ("title", "link", "pubDate", "published", "updated", "guid", "id", "author", "creator"):
        if key in f and (value := "".join(f[key].parts).strip()):
            meta[key] = value
    if "dc-date" in f:
        meta["datePublished"] = "".join(f["dc-date"].parts).strip()
    if "creator" in meta:
        meta.setdefault("author", meta.pop("creator"))
    if "source" in f:
        meta["source"] = {"name": "".join(f["source"].parts).strip(), "url": f["source"].attrs.get("url", "")}
    if item.categories:
        meta["categories"] = item.categories
    if channel:
        meta["feed"] = channel
    if meta.get("link"):
        meta["url"] = meta["link"]
    from newslint.readers.html import assemble

    rid = meta.get("guid") or meta.get("id") or meta.get("link")
    return assemble(source, path, out, meta, "feed", plain=True, record_id=rid)


def _write(field_text: _Text, source: str, out: TextBuilder, hint: str) -> None:
    if field_text.inner is not None:  # Atom xhtml: markup in the feed itself
        s, e = field_text.inner
        value, smap = source[s:e], OffsetMap.shift(s)
    else:
        value, smap = field_text.value()
    if not value.strip():
        return
    is_html = field_text.inner is not None or field_text.attrs.get("type") == "html" or bool(_HTML_TAG.search(value))
    if hint == "body":
        if is_html:
            from newslint.readers.html import write_html

            write_html(value, out, via=(smap,), fragment=True)
        else:
            write_plain(value, smap, out)
        return
    if is_html:  # a title or summary with markup: its text only
        inner = TextBuilder()
        from newslint.readers.html import write_html

        write_html(value, inner, via=(smap,), fragment=True)
        text = " ".join(r.text for r in inner.raws)
        out.open_block()
        out.write(" ".join(text.split()), inner.segments[0].source_start if inner.segments else smap.locate(0), exact=False)
        out.close_block(hint)
        return
    lead = len(value) - len(value.lstrip())
    words = " ".join(value.split())
    out.open_block()
    out.write(words, lead, exact=words == value.strip(), via=(smap,))
    out.close_block(hint)
