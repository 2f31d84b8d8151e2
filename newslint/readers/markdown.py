"""Markdown articles with optional YAML front matter (Hugo, Jekyll, Astro content repos)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from newslint.data import yaml_loader
from newslint.model import Article, Block, BlockKind
from newslint.readers import shape
from newslint.readers.blocks import Raw, classify, lines, parse_directive, trimmed
from newslint.text import rx

_FENCE = rx.compile(r"^(```|~~~)")
_ATX = rx.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = rx.compile(r"^(=+|-+)\s*$")
_FM_OPEN = rx.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FM_CLOSE = rx.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# the plain front matter read without PyYAML (``plain_front_matter``)
_FM_ENTRY = rx.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.+))?")
_FM_ITEM = rx.compile(r"( {0,2})- (.+)")
_FM_SINGLE = rx.compile(r"'((?:[^']|'')*)'")
_FM_DOUBLE = rx.compile(r'"([^"\\]*)"')
_FM_DATE = rx.compile(r"(\d{4})-(\d\d)-(\d\d)")
_FM_INT = rx.compile(r"0|[1-9][0-9]*")
# what YAML 1.1 (PyYAML's implicit resolvers) reads as a number or a time: an unquoted value
# opening with a digit is a string only when it is none of these
_YAML_NUMBER_OR_TIME = rx.compile(
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
    r"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
    r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"
)
# first characters of a value that is not a plain string: YAML indicators, and the openers of
# YAML 1.1's floats, nulls and the "=" value key (letters and digits are tested separately)
_NOT_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`.=~+ ")
# plain words YAML 1.1 reads as booleans and null, not strings
_YAML_WORDS = frozenset("y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF "
                        "null Null NULL".split())

if TYPE_CHECKING:
    import yaml


def split_front_matter(text: str) -> tuple[int, int, int] | None:
    """(yaml_start, yaml_end, body_start) when ``text`` opens with front matter, else None.

    ``yaml_end == body_start == -1`` means the block is never closed.
    """
    m = _FM_OPEN.match(text)
    if not m:
        return None
    close = _FM_CLOSE.search(text, m.end())
    if not close:
        return m.end(), -1, -1
    nl = text.find("\n", close.end())
    return m.end(), close.start(), len(text) if nl == -1 else nl + 1


def parse_front_matter(
    text: str, start: int, end: int
) -> tuple[dict[str, Any], dict[str, tuple[int, int]], str | None, int]:
    """(meta, key -> value offsets, error message, error offset) of the YAML in ``text[start:end]``."""
    plain = plain_front_matter(text, start, end)
    if plain is not None:
        return plain[0], plain[1], None, start
    return yaml_front_matter(text, start, end)


def yaml_front_matter(
    text: str, start: int, end: int
) -> tuple[dict[str, Any], dict[str, tuple[int, int]], str | None, int]:
    """``parse_front_matter`` by PyYAML, for any YAML."""
    import yaml  # only for front matter that is not plain: most runs never load PyYAML

    chunk = text[start:end]
    loader = yaml_loader()(chunk)
    try:  # one parse: the node tree gives the spans, the same tree builds the values
        node = loader.get_single_node()
        data, node = (None, None) if node is None else _construct(loader, node, chunk)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None)
        if context is not None and (mark is None or mark.index >= len(chunk.rstrip())):
            mark = context  # the error surfaced at the end; the unclosed construct is more useful
        offset = start + (mark.index if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, {}, f"front matter is not valid YAML: {problem}", offset
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, None, start
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return {}, {}, "front matter must be a mapping of keys to values", start
    spans: dict[str, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        spans[str(key_node.value)] = (start + value_node.start_mark.index, start + value_node.end_mark.index)
    return {str(k): v for k, v in data.items()}, spans, None, start


def _plain_scalar(value: str) -> tuple[Any] | None:
    """(what PyYAML reads) for a one-line scalar of plain front matter: a quoted string, an unquoted
    string, a date (YYYY-MM-DD) or a whole number; None for anything else (PyYAML reads it)."""
    first = value[0]
    if first == "'":
        m = _FM_SINGLE.fullmatch(value)
        return (m.group(1).replace("''", "'"),) if m else None
    if first == '"':
        m = _FM_DOUBLE.fullmatch(value)
        return (m.group(1),) if m else None
    if first in _NOT_PLAIN_FIRST or ": " in value or " #" in value or value.endswith((":", " ")):
        return None
    if first.isdigit():
        if _FM_INT.fullmatch(value):
            return (int(value),)
        m = _FM_DATE.fullmatch(value)
        if m:
            try:
                return (dt.date(*map(int, m.groups())),)
            except ValueError:
                return None
        if not first.isascii() or _YAML_NUMBER_OR_TIME.fullmatch(value):
            return None
    elif value in _YAML_WORDS or value == "<<":
        return None
    return (value,)


def plain_front_matter(text: str, start: int, end: int) -> tuple[dict[str, Any], dict[str, tuple[int, int]]] | None:
    """(meta, key -> value offsets) of the front matter ``text[start:end]`` when it is plain:
    ``key: scalar`` lines and ``key:`` lines followed by ``- scalar`` items, one line each, as
    most content repos write it. The same values and offsets PyYAML gives, without loading
    PyYAML (about 7 ms of a one-article run's start-up); None for any other YAML, which PyYAML
    reads. ``end`` is the start of the closing line."""
    chunk = text[start:end]
    if not chunk.endswith("\n"):
        return None
    meta: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    items: list[Any] | None = None  # the list of the open ``key:`` entry
    indent = ""
    at = start
    for line in chunk.split("\n")[:-1]:
        if not line:
            at += 1
            continue
        if not line.isprintable():
            return None
        m = _FM_ITEM.fullmatch(line) if items is not None else None
        if m:
            if not items:
                indent = m.group(1)
                spans[key] = (at + len(indent), -1)
            elif m.group(1) != indent:
                return None
            value = _plain_scalar(m.group(2))
            if value is None:
                return None
            items.append(value[0])
        else:
            if items is not None:
                if not items:  # ``key:`` without items: null, or something nested
                    return None
                spans[key] = (spans[key][0], at)  # a list ends where the next entry starts
                items = None
            m = _FM_ENTRY.fullmatch(line)
            if not m or m.group(1) in meta or m.group(1) in _YAML_WORDS:
                return None
            key, raw = m.groups()
            if raw is None:
                meta[key] = items = []
            else:
                value = _plain_scalar(raw)
                if value is None:
                    return None
                meta[key] = value[0]
                spans[key] = (at + len(key) + 2, at + len(line))
        at += len(line) + 1
    if items is not None:
        if not items:
            return None
        spans[key] = (spans[key][0], end)
    return (meta, spans) if meta else None


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """The YAML holds more than mappings with string keys, lists and scalars, each written once."""


def _construct(loader: Any, node: yaml.Node, chunk: str) -> tuple[Any, yaml.Node]:
    """What ``loader.construct_document(node)`` gives for the YAML ``chunk``, and the node tree
    as that leaves it (merge keys merged). Front matter is plain (string-keyed mappings, lists,
    scalars): that is built directly, without the constructor's bookkeeping, which costs more than
    the parse; anything else is parsed again and constructed the standard way."""
    try:
        return _build(loader, node, set()), node
    except _Unusual:
        fresh = yaml_loader()(chunk)  # a clean constructor, so errors and values are exactly its own
        try:
            node = fresh.get_single_node()
            return fresh.construct_document(node), node
        finally:
            fresh.dispose()


def _build(loader: Any, node: yaml.Node, seen: set[int]) -> Any:
    import yaml

    if id(node) in seen:  # an alias: the constructor shares one object
        raise _Unusual
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        try:  # a number, date, boolean or null: the constructor's own conversion
            return loader.construct_object(node)
        except Exception as exc:
            raise _Unusual from exc
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_build(loader, item, seen) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        if not all(isinstance(key, yaml.ScalarNode) and key.tag == _STR for key, _ in node.value):
            raise _Unusual  # merge keys, non-string keys
        return {key.value: _build(loader, value, seen) for key, value in node.value}
    raise _Unusual


def read_markdown(text: str, path: str) -> Article:
    meta: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    problems: list[tuple[str, str, int, int]] = []
    body_start = 0
    fm = split_front_matter(text)
    if fm:
        yaml_start, yaml_end, body_start = fm
        if yaml_end == -1:
            problems.append(
                ("structure/malformed-front-matter", "front matter opened with '---' is never closed; "
                 "add a closing '---' line", 0, 3)
            )
            body_start = 0
        else:
            meta, spans, error, at = parse_front_matter(text, yaml_start, yaml_end)
            if error:
                problems.append(("structure/malformed-front-matter", error + "; fix the YAML so its metadata is read", at, at + 1))

    raws, directives = _raw_blocks(text, body_start)
    first_h1 = next((r for r in raws if r.hint == "heading" and r.level == 1 and r.text), None)
    blocks: list[Block]
    if first_h1:
        rest = [r for r in raws if r is not first_h1]
        blocks = [Block(BlockKind.HEADLINE, first_h1.start, first_h1.end, first_h1.text)]
        blocks += classify(text, rest, find_headline=False, plain=False)
        blocks.sort(key=lambda b: b.start)
    elif isinstance(meta.get("title"), str) and meta["title"].strip() and "title" in spans:
        s, e = _title_span(text, spans["title"], meta["title"])
        blocks = [Block(BlockKind.HEADLINE, s, e, text[s:e])]
        blocks += classify(text, raws, find_headline=False, plain=False)
    else:
        blocks = classify(text, raws, find_headline=True, plain=False)
    dek = meta.get("dek") or meta.get("subtitle") or meta.get("description")
    for key in ("dek", "subtitle", "description"):
        if isinstance(dek, str) and meta.get(key) == dek and key in spans:
            s, e = _title_span(text, spans[key], dek)
            blocks.insert(1 if blocks and blocks[0].kind is BlockKind.HEADLINE else 0, Block(BlockKind.DEK, s, e, text[s:e]))
            break
    return Article(
        path=path,
        text=text,
        blocks=blocks,
        meta=meta,
        meta_spans=spans,
        format="markdown",
        directives=directives,
        problems=problems,
    )


def _title_span(text: str, span: tuple[int, int], value: str) -> tuple[int, int]:
    """Offsets of a scalar's own characters inside its (possibly quoted) YAML value span."""
    s, e = span
    found = text.find(value, s, max(e, s + len(value)) + 2)
    if found != -1:
        return found, found + len(value)
    s, e = trimmed(text, s, e)
    if e - s >= 2 and text[s] in "'\"" and text[e - 1] == text[s]:
        return s + 1, e - 1
    return s, e


def _raw_blocks(text: str, body_start: int) -> tuple[list[Raw], list]:
    raws: list[Raw] = []
    directives = []
    line_no = text.count("\n", 0, body_start)
    group: list[tuple[int, int]] = []
    group_hint = "para"
    fence: str | None = None
    fence_start = 0
    in_comment = False

    def flush() -> None:
        nonlocal group
        if group:
            start, end = group[0][0], group[-1][1]
            raws.append(Raw(start, end, text[start:end], group_hint))
        group = []

    for start, end in lines(text, body_start):
        line_no += 1
        s, e = trimmed(text, start, end)
        line = text[s:e]
        if fence is not None:
            if line.startswith(fence):
                raws.append(Raw(fence_start, e, text[fence_start:e], "code"))
                fence = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if not line:
            flush()
            continue
        directive = parse_directive(line, s, line_no)
        if directive:
            flush()
            directives.append(directive)
            continue
        if line.startswith("<!--"):
            flush()
            in_comment = "-->" not in line
            continue
        fm = _FENCE.match(line)
        if fm:
            flush()
            fence, fence_start = fm.group(1), s
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            hs = s + line.find(atx.group(2)) if atx.group(2) else e
            raws.append(Raw(hs, hs + len(atx.group(2)), atx.group(2), "heading", len(atx.group(1))))
            continue
        if group and group_hint == "para" and _SETEXT.match(line) and len(group) == 1:
            gs, ge = group[0]
            group = []
            raws.append(Raw(gs, ge, text[gs:ge], "heading", 1 if line[0] == "=" else 2))
            continue
        if line.startswith(">"):
            if group and group_hint != "quote":
                flush()
            group_hint = "quote"
            group.append((s, e))
            continue
        marker = shape.list_marker_end(line)
        if marker:
            flush()
            group_hint = "list"
            group.append((s + marker, e))
            continue
        if group and group_hint == "quote":
            flush()
        if not group:
            group_hint = "para"
        group.append((s, e))
    if fence is not None:
        raws.append(Raw(fence_start, len(text), text[fence_start:], "code"))
    flush()
    for i, raw in enumerate(raws):
        if raw.hint == "quote":
            inner = raw.start + 1
            while inner < raw.end and text[inner] == " ":
                inner += 1
            raws[i] = Raw(inner, raw.end, text[inner : raw.end], "quote")
    return raws, directives
