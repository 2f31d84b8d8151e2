"""HTML article pages and CMS exports: headline, dek, body blocks and metadata.

The page is parsed with selectolax (Lexbor, an HTML5 parser). The article body is the element
holding most of the page's paragraph text (readability-style scoring, helped by schema.org
``itemprop="articleBody"``); navigation, scripts, styles, forms and header/footer/aside are not
body text, but whatever furniture sits inside the body ("Read more", "Advertisement") stays so the
spam rules see it.

Text layout: headline, dek and each body block are separated by a blank line; whitespace inside a
block is collapsed, ``<br>`` becomes a line break, and a link with an absolute (or resolvable)
http(s) URL is written Markdown-style, ``[label](url)``, so ``article.links`` finds it.

Positions: a scan of the source (``_scan``) lists its text runs with their entities decoded and
records where every character came from; each text node of the parsed tree is found in that
stream in document order, so every word of the article maps to its exact offset in the HTML
source (an entity maps to its ``&``). Link URLs map to their ``href`` value, a headline or dek
taken from a ``<meta>`` tag to its ``content`` value, from JSON-LD to the JSON string.
"""

from __future__ import annotations

import bisect
import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from newslint.model import Article, Block, BlockKind, Directive, Segment, SourceMap
from newslint.readers.blocks import classify, parse_directive
from newslint.readers.html_body import BLOCK, ENTER, SKIP, TEXT, ancestors, containers, walk
from newslint.readers.offsets import OffsetMap, TextBuilder
from newslint.text import rx

# -- scanning the source ---------------------------------------------------------------------------

_MARKUP = rx.compile(
    r"<!--.*?(?:--!?>|\Z)"
    r"|<[!?][^>]*(?:>|\Z)"
    r"|</[A-Za-z][^>]*(?:>|\Z)"
    r"|<(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)(?:>|\Z)",
    re.S,
)
_ENTITY = rx.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)|\r\n?|\x00")
_ATTR = rx.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_RCDATA = frozenset({"title", "textarea"})
_KEPT_TAGS = frozenset({"meta", "a", "script"})


@dataclass(frozen=True, slots=True)
class _Tag:
    """A start tag in the source: name, offsets, and the span of its attributes."""

    name: str
    start: int
    attrs_start: int
    attrs_end: int
    content_end: int = -1  # for script: where its text ends

    def attrs(self, source: str) -> dict[str, tuple[str, int]]:
        """Attribute name -> (decoded value, source offset of the raw value)."""
        out: dict[str, tuple[str, int]] = {}
        for m in _ATTR.finditer(source, self.attrs_start, self.attrs_end):
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), 0)
            value = htmllib.unescape(m.group(group)) if group else ""
            out.setdefault(m.group(1).lower(), (value, m.start(group) if group else m.start()))
        return out


@dataclass
class _Scan:
    """The source's visible text as one decoded stream, mapped back, and the tags we look up."""

    stream: str
    offsets: OffsetMap
    tags: dict[str, list[_Tag]]


def _scan(source: str) -> _Scan:
    parts: list[str] = []
    segments: list[Segment] = []
    tags: dict[str, list[_Tag]] = {name: [] for name in _KEPT_TAGS}
    size = 0

    def text_run(start: int, end: int) -> None:
        nonlocal size
        i = start
        first = _ENTITY.search(source, start, end)
        if first is None:
            segments.append(Segment(size, start, end - start))
            parts.append(source[start:end])
            size += end - start
            return
        for m in _ENTITY.finditer(source, first.start(), end):
            if m.start() > i:
                segments.append(Segment(size, i, m.start() - i))
                parts.append(source[i : m.start()])
                size += m.start() - i
            raw = m.group()
            decoded = "\n" if raw[0] == "\r" else "" if raw == "\x00" else htmllib.unescape(raw)
            if decoded:
                segments.append(Segment(size, m.start(), min(len(decoded), len(raw)) if decoded != raw else len(raw)))
                parts.append(decoded)
                size += len(decoded)
            i = m.end()
        if end > i:
            segments.append(Segment(size, i, end - i))
            parts.append(source[i:end])
            size += end - i

    pos = 0
    n = len(source)
    while pos < n:
        m = _MARKUP.search(source, pos)
        if m is None:
            text_run(pos, n)
            break
        if m.start() > pos:
            text_run(pos, m.start())
        pos = m.end()
        name = (m.group("name") or "").lower()
        if not name:
            continue
        if name in _RAW_TEXT or name in _RCDATA:
            close = rx.compile(rf"</{name}[\s/>]", re.I).search(source, pos)
            stop = close.start() if close else n
            if name in _RCDATA:
                text_run(pos, stop)
            if name in tags:
                tags[name].append(_Tag(name, m.start(), m.start("attrs"), m.end("attrs"), stop))
            pos = stop
            continue
        if name in tags:
            tags[name].append(_Tag(name, m.start(), m.start("attrs"), m.end("attrs")))
    return _Scan("".join(parts), OffsetMap.of(segments), tags)


# -- walking the tree ------------------------------------------------------------------------------

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CHUNK = rx.compile(r"\S+(?: \S+)*")  # words separated by single spaces: one contiguous piece


@dataclass
class _Locator:
    """Finds text nodes in the page's text stream, in document order."""

    stream: str
    found: dict[int, int] = field(default_factory=dict)  # text node mem_id -> stream offset
    cursor: int = 0

    def __call__(self, node: Any, text: str) -> None:
        if not text or text.isspace():
            return
        i = self.stream.find(text, self.cursor)
        if i >= 0:
            self.found[node.mem_id] = i
            self.cursor = i + len(text)


# -- metadata --------------------------------------------------------------------------------------

_ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "report", "techarticle", "scholarlyarticle", "socialmediaposting", "satiricalarticle", "posting",
})
_LD_KEYS = (
    "headline", "alternativeHeadline", "description", "datePublished", "dateModified", "dateCreated",
    "author", "creator", "publisher", "isBasedOn", "citation", "url", "dateline", "articleSection",
    "keywords", "inLanguage", "sourceOrganization", "copyrightHolder",
)
_OG_DATES = {"article:published_time": "datePublished", "article:modified_time": "dateModified",
             "og:updated_time": "dateModified"}
_NAME_DATES = {
    "date": "datePublished", "pubdate": "datePublished", "publishdate": "datePublished",
    "publish-date": "datePublished", "publish_date": "datePublished", "article.published": "datePublished",
    "article:published_time": "datePublished", "parsely-pub-date": "datePublished",
    "sailthru.date": "datePublished", "dc.date.issued": "datePublished", "dcterms.created": "datePublished",
    "article:modified_time": "dateModified", "last-modified": "dateModified", "article.updated": "dateModified",
    "dc.date.modified": "dateModified", "dcterms.modified": "dateModified",
}
_INTERPRETED = frozenset({"date", "published", "updated", "modified", "lastmod", "sources", "source", "title"})


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).rsplit("/", 1)[-1].lower() for x in items if x}


def _ld_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object in a parsed script, through lists and ``@graph``."""
    if isinstance(value, list):
        for item in value:
            yield from _ld_objects(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _ld_objects(value["@graph"])


def _person_names(value: Any) -> Any:
    """An author value as a name or a list of names."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return names[0] if len(names) == 1 else names or None


@dataclass
class _Meta:
    """Page metadata and where the headline/dek candidates sit in the source."""

    values: dict[str, Any] = field(default_factory=dict)
    places: dict[str, tuple[int, bool]] = field(default_factory=dict)  # key -> (source offset, exact)
    article_body: str = ""

    def put(self, key: str, value: Any, place: tuple[int, bool] | None = None) -> None:
        if value in (None, "", []) or key in self.values:
            return
        self.values[key] = value
        if place is not None:
            self.places[key] = place


def _json_ld(page: _Page, meta: _Meta) -> None:
    best: tuple[int, dict[str, Any], _Tag] | None = None
    for tag in page.scan.tags["script"]:
        attrs = tag.attrs(page.source)
        if attrs.get("type", ("", 0))[0].strip().lower() != "application/ld+json":
            continue
        raw = page.source[tag.attrs_end + 1 : tag.content_end].strip()
        raw = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$|^<!--|-->$", "", raw).strip()
        try:
            objects = list(_ld_objects(json.loads(raw, strict=False)))
        except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD: no metadata from it
            continue
        for obj in objects:
            types = _types(obj)
            rank = 2 if types & _ARTICLE_TYPES else 1 if "webpage" in types else 0
            if rank and (best is None or rank > best[0]):
                best = (rank, obj, tag)
    if best is None:
        return
    _, obj, tag = best
    for key in _LD_KEYS:
        value = obj.get(key)
        if key in ("author", "creator", "publisher", "sourceOrganization", "copyrightHolder"):
            value = _person_names(value)
        elif isinstance(value, list) and key in ("headline", "description", "datePublished", "dateModified"):
            value = value[0] if value else None
        if isinstance(value, str):
            value = " ".join(value.split())
        meta.put(key, value, _json_place(page.source, tag, value) if key in ("headline", "description") else None)
    if isinstance(obj.get("articleBody"), str):
        meta.article_body = obj["articleBody"]


def _json_place(source: str, tag: _Tag, value: Any) -> tuple[int, bool] | None:
    """Where a JSON-LD string sits in the source (exact when written without escapes)."""
    if not isinstance(value, str):
        return None
    literal = json.dumps(value, ensure_ascii=False)[1:-1]
    i = source.find(literal, tag.attrs_end, tag.content_end)
    return (i, literal == value) if i >= 0 else (tag.start, False)


def _meta_tags(page: _Page, meta: _Meta) -> None:
    for tag in page.scan.tags["meta"]:
        attrs = tag.attrs(page.source)
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ("", 0))[0].strip()
        if not key or "content" not in attrs:
            continue
        value, at = attrs["content"]
        text = " ".join(value.split())
        if not text:
            continue
        place = (at, page.source[at : at + len(text)] == text)
        low = key.lower()
        if low in _OG_DATES:
            meta.put(_OG_DATES[low], text)
        elif low in _NAME_DATES:
            meta.put(_NAME_DATES[low], text)
        elif key in ("datePublished", "dateModified", "author", "isBasedOn", "citation", "headline"):
            meta.put(key, text)
        if low not in _INTERPRETED:
            meta.put(low if ":" in low or "." in low else key, text, place)


def _page_meta(page: _Page) -> _Meta:
    meta = _Meta()
    _json_ld(page, meta)
    _meta_tags(page, meta)
    tree = page.tree
    for prop in ("datePublished", "dateModified", "author"):
        node = tree.css_first(f'[itemprop="{prop}"]')
        if node is not None:
            attrs = node.attributes
            value = attrs.get("content") or attrs.get("datetime") or node.text(strip=True)
            meta.put(prop, " ".join((value or "").split()) or None)
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None:
        meta.put("url", (canonical.attributes.get("href") or "").strip() or None)
    meta.put("url", meta.values.get("og:url"))
    if isinstance(meta.values.get("author"), str) and meta.values["author"].startswith(("http://", "https://")):
        del meta.values["author"]
    title = tree.css_first("title")
    if title is not None:
        meta.put("title", " ".join(title.text().split()) or None)
    html_node = tree.css_first("html")
    if html_node is not None:
        meta.put("inLanguage", (html_node.attributes.get("lang") or "").strip() or None)
    return meta


# -- writing the article ---------------------------------------------------------------------------


@dataclass
class _Page:
    source: str
    tree: Any
    scan: _Scan
    texts: dict[int, int]  # text node mem_id -> stream offset
    base: str  # URL that relative links resolve against ("" when unknown)


@dataclass
class _Writer:
    """Writes the blocks of one subtree into a ``TextBuilder``, mapping every word to the source."""

    page: _Page
    out: TextBuilder
    via: tuple[OffsetMap, ...] = ()
    links: bool = True
    skip_ids: frozenset[int] = frozenset()
    _space: bool = False
    _break: int = 0  # <br> seen since the last word
    _hint: tuple[str, int] = ("para", 0)
    _context: list[str] = field(default_factory=list)
    _link: tuple[str, int] | None = None  # (url, href offset) of the open link
    _link_open: bool = False  # its "[" was written
    _a_cursor: int = 0

    def blocks(self, root: Any) -> None:
        for event, node in walk(root, SKIP, self.skip_ids):
            if event == TEXT:
                self.text(node)
                continue
            tag = node.tag
            if event == ENTER:
                if tag in BLOCK:
                    self.flush()
                    self._context.append(tag)
                elif tag == "br":
                    self.line_break()
                elif tag == "a" and self.links:
                    self.open_link(node)
            else:
                if tag in BLOCK:
                    self.flush()
                    if self._context:
                        self._context.pop()
                elif tag == "a" and self.links:
                    self.close_link()
        self.flush()

    def inline(self, root: Any) -> None:
        """Write the text under ``root`` as one run (a headline): no blocks, no links."""
        for event, node in walk(root, SKIP):
            if event == TEXT:
                self.text(node)
            elif node.tag == "br" or (node.tag in BLOCK and node is not root):
                self._space = self.out.in_block

    def text(self, node: Any) -> None:
        value = node.text_content
        if not value:
            return
        at = self.page.texts.get(node.mem_id)
        for m in _CHUNK.finditer(value):
            if m.start() > 0 or value[0].isspace():
                self._space = True
            self.words(m.group(), None if at is None else at + m.start())
        if value[-1].isspace():
            self._space = True

    def words(self, words: str, at: int | None) -> None:
        out = self.out
        if not out.in_block:
            out.open_block()
            self._hint = self._block_hint()
            self._space = self._break = 0
        elif self._break:
            out.write("\n")
        elif self._space:
            out.write(" ")
        self._space, self._break = False, 0
        if self._link is not None and not self._link_open:
            out.write("[", self._link[1], exact=False, via=self.via)
            self._link_open = True
        if at is None:
            out.write(words)
        else:
            out.write(words, at, via=(self.page.scan.offsets, *self.via))

    def line_break(self) -> None:
        if not self.out.in_block:
            return
        self._break += 1
        if self._break >= 2:
            self.flush()

    def flush(self) -> None:
        self.close_link()
        self._link = None
        self.out.close_block(*self._hint)
        self._space, self._break = False, 0

    def open_link(self, node: Any) -> None:
        href = (node.attributes.get("href") or "").strip()
        url = urljoin(self.page.base, href) if href and self.page.base else href
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return
        label = node.text(deep=True).strip().lower()
        if label.startswith(("http://", "https://", "www.")):  # the URL is shown: it is a bare link already
            return
        self._link, self._link_open = (url, self._href_offset(href)), False

    def close_link(self) -> None:
        if self._link is not None and self._link_open:
            url, at = self._link
            shown = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            self.out.write("](", at, exact=False, via=self.via)
            exact = self.page.source[at : at + len(shown)] == shown
            self.out.write(shown, at, exact=exact, via=self.via)
            self.out.write(")")
        self._link, self._link_open = None, False

    def _href_offset(self, href: str) -> int:
        """Source offset of this link's href value: the next <a> tag in the source with that href,
        at or after the text written last."""
        tags = self.page.scan.tags["a"]
        floor = self.out.segments[-1].source_start if self.out.segments and not self.via else 0
        i = self._a_cursor
        while i < len(tags) and tags[i].start < floor:
            i += 1
        for j in range(i, min(i + 40, len(tags))):
            attrs = tags[j].attrs(self.page.source)
            if attrs.get("href", ("", 0))[0].strip() == href:
                self._a_cursor = j + 1
                return attrs["href"][1]
        return tags[i].start if i < len(tags) else floor

    def _block_hint(self) -> tuple[str, int]:
        for tag in reversed(self._context):
            if tag in _HEADINGS:
                return "heading", _HEADINGS[tag]
            if tag == "pre":
                return "code", 0
            if tag in ("li", "dd", "dt"):
                return "list", 0
            if tag == "blockquote":
                return "quote", 0
        return "para", 0


# -- the reader ------------------------------------------------------------------------------------


def parse_page(source: str) -> _Page:
    from selectolax.lexbor import LexborHTMLParser

    return _Page(source, LexborHTMLParser(source), _scan(source), {}, "")


def _norm(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _similar(a: str, b: str) -> float:
    """Share of ``a``'s words found in ``b``."""
    wa, wb = _norm(a), set(_norm(b))
    return sum(w in wb for w in wa) / len(wa) if wa else 0.0


def _pick_h1(tree: Any, titles: list[str]) -> Any | None:
    h1s = [h for h in tree.css("h1") if h.text(strip=True)]
    if not h1s:
        return None
    if titles:
        scored = [(max(_similar(h.text(), t) for t in titles), i, h) for i, h in enumerate(h1s)]
        score, _, best = max(scored, key=lambda x: (x[0], -x[1]))
        return best if score >= 0.6 else None
    for h in h1s:
        if len(h.text().split()) >= 2 and not any(a.tag in ("nav", "header") for a in ancestors(h)):
            return h
    return None


def write_html(source: str, out: TextBuilder, *, via: tuple[OffsetMap, ...] = (), fragment: bool = False) -> _Meta:
    """Write an HTML page into ``out``: headline and dek (raws typed ``headline``/``dek``), then
    the body blocks; return its metadata. A ``fragment`` (a ninjs or feed body) is all body.
    ``via`` maps offsets in ``source`` on to the file it came from."""
    page = parse_page(source)
    tree = page.tree
    body = tree.body
    meta = _Meta() if fragment else _page_meta(page)
    page.base = str(meta.values.get("url") or "")
    if body is None:
        return meta
    for selector in ("[hidden]", '[aria-hidden="true"]', '[style*="display:none"]', '[style*="display: none"]'):
        for node in tree.css(selector):
            node.decompose()
    locator = _Locator(page.scan.stream)
    chosen = containers(tree, body, locator)
    page.texts = locator.found
    if fragment:
        _Writer(page, out, via).blocks(body)
        return meta
    titles = [t for k in ("og:title", "headline", "twitter:title", "title") if isinstance(t := meta.values.get(k), str)]
    h1 = _pick_h1(tree, titles)
    skip: frozenset[int] = frozenset()
    if h1 is not None:
        _Writer(page, out, via, links=False).inline(h1)
        out.close_block("headline")
        skip = frozenset({h1.mem_id})
    elif titles:
        key = next(k for k in ("og:title", "headline", "twitter:title", "title") if isinstance(meta.values.get(k), str))
        _write_meta(page, meta, key, out, via, "headline")
    desc_key = next((k for k in ("description", "og:description") if isinstance(meta.values.get(k), str)), None)
    if desc_key is not None and not _echoes_body(meta.values[desc_key], meta.article_body, tree):
        _write_meta(page, meta, desc_key, out, via, "dek")
    writer = _Writer(page, out, via, skip_ids=skip)
    for container in chosen:
        writer.blocks(container)
    return meta


def _write_meta(page: _Page, meta: _Meta, key: str, out: TextBuilder, via: tuple[OffsetMap, ...], hint: str) -> None:
    text = meta.values[key]
    place = meta.places.get(key)
    out.open_block()
    if place is not None:
        out.write(text, place[0], exact=place[1], via=via)
    elif (i := page.scan.stream.find(text)) >= 0:  # the <title>, whose text is in the stream
        out.write(text, i, via=(page.scan.offsets, *via))
    else:
        out.write(text)
    out.close_block(hint)


def _echoes_body(desc: str, article_body: str, tree: Any) -> bool:
    """Whether a meta description just repeats the opening of the body (then it is no dek)."""
    head = " ".join(_norm(desc.rstrip(".…")))[:80]
    if not head:
        return True
    first = " ".join(_norm(article_body[:600])) if article_body else ""
    if not first:
        paras = [p.text() for p in tree.css("p")[:8]]
        first = " ".join(_norm(" ".join(paras)))
    return head in first


def read_html(text: str, path: str) -> Article:
    out = TextBuilder()
    meta = write_html(text, out)
    return assemble(text, path, out, meta.values, "html", directives_from=text)


def assemble(source: str, path: str, out: TextBuilder, meta: dict[str, Any], fmt: str,
             directives_from: str | None = None, plain: bool = False, **extra: Any) -> Article:
    """The article from what a builder holds: headline and dek raws first, body raws classified."""
    text = out.text()
    blocks: list[Block] = []
    body = []
    for raw in out.raws:
        if raw.hint == "headline" and not blocks:
            blocks.append(Block(BlockKind.HEADLINE, raw.start, raw.end, raw.text))
        elif raw.hint == "dek" and not body and not any(b.kind is BlockKind.DEK for b in blocks):
            blocks.append(Block(BlockKind.DEK, raw.start, raw.end, raw.text))
        elif raw.hint not in ("headline", "dek"):
            body.append(raw)
    blocks += classify(text, body, find_headline=False, plain=plain)
    smap = out.source_map(source)
    directives = _directives(source, smap, text) if directives_from is not None else []
    return Article(path=path, text=text, blocks=blocks, meta=meta, format=fmt, source_map=smap,
                   directives=directives, **extra)


def _directives(source: str, smap: SourceMap, text: str) -> list[Directive]:
    """``<!-- newslint-... -->`` comments, placed at the end of the text before them so that
    ``disable-next-line`` reaches the block that follows."""
    if "newslint-" not in source:
        return []
    found = []
    sources = [s.source_start for s in smap.segments]
    for m in re.finditer(r"<!--.*?-->", source, re.S):
        d = parse_directive(m.group(), 0, source.count("\n", 0, m.start()) + 1)
        if d is None:
            continue
        i = bisect.bisect_left(sources, m.end())
        at = smap.segments[i].text_start if i < len(sources) else len(text)
        if text[max(at - 2, 0) : at] == "\n\n":
            at -= 2
        found.append(d._replace(start=at, end=at))
    return found
