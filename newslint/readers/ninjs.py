"""IPTC ninjs records (1.x/2.x lowercase names, 3.0 camelCase), one per line or as a document.

A stream is read one line at a time: a first line that is a whole JSON value means NDJSON (one
record, or a list of them, per line); otherwise the input is one JSON document (a record or a
list of records), read whole up to ``max_bytes``. Every record becomes an ``Article`` whose
``record_id`` is its ``uri`` (or ``guid``) and whose ``line_base`` places it in the stream;
headline, dek and body map character for character back to the JSON string they came from,
escapes included. A schema.org ``NewsArticle`` object (``articleBody``) is read the same way.

Fields: headline / headlines[]; description_text / descriptions[] (the dek); body_html / bodyHtml /
bodies[] with an HTML content type (read as HTML), body_text / bodyText / bodies[] / articleBody
(plain text); every other top-level field is kept in ``article.meta`` (``versioncreated``,
``firstCreated``, ``infoSources``, ``located``, ``by`` ... as given), unknown ones included.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator, Mapping
from json.decoder import scanstring
from typing import Any, BinaryIO

from newslint.model import Article, Segment
from newslint.readers import ReadFailure
from newslint.readers.blocks import trimmed
from newslint.readers.offsets import OffsetMap, TextBuilder, write_plain
from newslint.text import rx

MAX_LINE_BYTES = 64 * 1024 * 1024  # a single record longer than this is refused (when no limit is given)
_READ_CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"
BATCH_BYTES = 1 << 18  # records handed to a worker process at a time
_DECODER = json.JSONDecoder(strict=False)
_WS = rx.compile(r"[ \t\n\r]*")
_ESCAPE = rx.compile(r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(.))", re.S)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_MEDIA_TYPES = frozenset({"picture", "video", "audio", "graphic", "composite", "component"})
_BODY_FIELDS = ("body_html", "bodyHtml", "body_text", "bodyText", "bodies", "articleBody")
_HTML_OPEN = rx.compile(r"<(?:p|div|h[1-6]|ul|ol|blockquote|br|a)\b", re.I)


# -- JSON with positions ---------------------------------------------------------------------------


def _members(src: str, i: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the object at ``src[i]`` (already known to be valid)."""
    i = _WS.match(src, i + 1).end()
    if src[i] == "}":
        return
    while True:
        key, i = scanstring(src, i + 1, False)
        i = _WS.match(src, _WS.match(src, i).end() + 1).end()  # past ':'
        _, end = _DECODER.raw_decode(src, i)
        yield key, i, end
        i = _WS.match(src, end).end()
        if src[i] != ",":
            return
        i = _WS.match(src, i + 1).end()


def _items(src: str, i: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each value of the array at ``src[i]``."""
    i = _WS.match(src, i + 1).end()
    if src[i] == "]":
        return
    while True:
        _, end = _DECODER.raw_decode(src, i)
        yield i, end
        i = _WS.match(src, end).end()
        if src[i] != ",":
            return
        i = _WS.match(src, i + 1).end()


def string_map(src: str, start: int, end: int) -> tuple[str, OffsetMap]:
    """The value of the JSON string literal ``src[start:end]`` and the map of its characters back
    to ``src`` (an escape maps to its backslash)."""
    parts: list[str] = []
    segments: list[Segment] = []
    size, i, stop = 0, start + 1, end - 1
    for m in _ESCAPE.finditer(src, i, stop):
        if m.start() > i:
            segments.append(Segment(size, i, m.start() - i))
            parts.append(src[i : m.start()])
            size += m.start() - i
        if m.group(1):
            hi, lo = int(m.group(1), 16), int(m.group(2), 16)
            char = chr(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        elif m.group(3):
            char = chr(int(m.group(3), 16))
        else:
            char = _SIMPLE.get(m.group(4), m.group(4))
        segments.append(Segment(size, m.start(), 0))
        parts.append(char)
        size += 1
        i = m.end()
    if stop > i:
        segments.append(Segment(size, i, stop - i))
        parts.append(src[i:stop])
    return "".join(parts), OffsetMap.of(segments or [Segment(0, start, 0)])


# -- records ---------------------------------------------------------------------------------------


def _pick(entries: Any, html: bool | None = None) -> int | None:
    """Index of the main entry of a ninjs 2.x/3.0 array (``headlines``, ``bodies`` ...)."""
    if not isinstance(entries, list):
        return None
    usable = [i for i, e in enumerate(entries) if isinstance(e, dict) and isinstance(e.get("value"), str)]
    if html is not None:
        typed = [i for i in usable if ("html" in _content_type(entries[i])) == html]
        usable = typed or usable
    main = [i for i in usable if str(entries[i].get("role", "")).lower() in ("main", "", "body", "default")]
    return (main or usable or [None])[0]


def _content_type(entry: dict[str, Any]) -> str:
    return str(entry.get("contentType") or entry.get("contenttype") or "").lower()


def _value_span(src: str, spans: dict[str, tuple[int, int]], key: str, entry: int | None = None) -> tuple[int, int] | None:
    """Source span of the string at ``record[key]`` (or ``record[key][entry]["value"]``)."""
    span = spans.get(key)
    if span is None:
        return None
    if entry is None:
        return span if src[span[0]] == '"' else None
    for n, (s, _) in enumerate(_items(src, span[0])):
        if n == entry:
            for k, vs, ve in _members(src, s):
                if k == "value":
                    return vs, ve
    return None


def record_id(record: Mapping[str, Any]) -> str | None:
    """A record's id: its uri, guid, id, @id or url, the first one given."""
    for key in ("uri", "guid", "id", "@id", "url"):
        value = record.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    return None


def record_article(record: dict[str, Any], src: str, at: int, path: str, line: int,
                   line_base: int = 0) -> Article | ReadFailure | None:
    """The article of the record whose JSON object starts at ``src[at]``; a failure when it has
    no body; None for media items without text (pictures, video)."""
    spans = {k: (s, e) for k, s, e in _members(src, at)}
    rid = record_id(record)
    out = TextBuilder()

    def put(key: str, entry: int | None, hint: str, html: bool = False) -> bool:
        span = _value_span(src, spans, key, entry)
        if span is None:
            return False
        value, smap = string_map(src, *span)
        if not value.strip():
            return False
        if html:
            from newslint.readers.html import write_html

            write_html(value, out, via=(smap,), fragment=True)
        elif hint in ("headline", "dek"):
            s, e = trimmed(value, 0, len(value))
            one_line = "\n" not in value[s:e]
            out.open_block()
            out.write(value[s:e] if one_line else " ".join(value[s:e].split()), s, exact=one_line, via=(smap,))
            out.close_block(hint)
        else:
            write_plain(value, smap, out)
        return True

    if not put("headline", None, "headline"):
        put("headlines", _pick(record.get("headlines")), "headline")
    if not put("description_text", None, "dek"):
        entry = _pick(record.get("descriptions"), html=False)
        if entry is not None and "html" not in _content_type(record["descriptions"][entry]):
            put("descriptions", entry, "dek")
    body = (
        put("body_html", None, "body", html=True)
        or put("bodyHtml", None, "body", html=True)
        or put("body_text", None, "body")
        or put("bodyText", None, "body")
        or _put_bodies(record, put)
        or put("articleBody", None, "body")
    )
    if not body:
        if str(record.get("type", "")).lower() in _MEDIA_TYPES:
            return None
        where = f"record {rid!r} at line {line}" if rid else f"record at line {line}"
        return ReadFailure(path, "structure/unreadable-file",
                           f"{where} has no body text (expected one of {', '.join(_BODY_FIELDS)}); "
                           "add the story's text, or leave the record out of the stream",
                           line=line, record_id=rid)
    meta = {k: v for k, v in record.items() if k not in _BODY_FIELDS}
    from newslint.readers.html import assemble

    return assemble(src, path, out, meta, "ninjs", plain=True, record_id=rid, line_base=line_base)


def _put_bodies(record: dict[str, Any], put: Any) -> bool:
    bodies = record.get("bodies")
    entry = _pick(bodies, html=True)
    if entry is None:
        return False
    kind = _content_type(bodies[entry])
    html = "html" in kind or (not kind and bool(_HTML_OPEN.search(bodies[entry]["value"])))
    return put("bodies", entry, "body", html=html)


# -- streams ---------------------------------------------------------------------------------------


def _json_error(exc: json.JSONDecodeError, text: str) -> str:
    cut = "; the record is cut short (truncated JSON)" if not text.rstrip().endswith(("}", "]")) else ""
    where = f"{exc.msg} column {exc.colno}" if exc.msg.endswith(" at") else f"{exc.msg} at column {exc.colno}"
    return f"not valid JSON: {where}{cut}"


def _records(value: Any, src: str, at: int) -> Iterator[tuple[Any, int]]:
    """(record, its start in ``src``) for a value that is a record or a list of records."""
    if isinstance(value, list):
        for item, (s, _) in zip(value, _items(src, at), strict=True):
            yield item, s
    else:
        yield value, at


def _articles(value: Any, src: str, at: int, path: str, line_of: Any, line_base: int) -> Iterator[Article | ReadFailure]:
    for record, start in _records(value, src, at):
        line = line_of(start)
        if not isinstance(record, dict):
            kind = type(record).__name__.replace("str", "string").replace("dict", "object")
            yield ReadFailure(path, "structure/unreadable-file",
                              f"line {line}: a JSON {kind} where a ninjs record (an object) was expected", line=line)
            continue
        result = record_article(record, src, start, path, line, line_base)
        if result is not None:
            yield result


def _line(fh: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """The next line of ``fh`` (empty at the end), and whether it is over ``limit`` bytes; the
    rest of an over-long line is skipped, never held in memory."""
    raw = fh.readline(limit + 1)
    if len(raw) > limit and not raw.endswith(b"\n"):
        while (chunk := fh.readline(_READ_CHUNK)) and not chunk.endswith(b"\n"):
            pass
        return raw, True
    return raw, False


def _starts_document(raw: bytes) -> bool:
    """Whether a stream's first line opens a JSON value it does not close (a pretty-printed document)."""
    text = raw.removeprefix(_BOM).strip()
    return text[:1] in (b"{", b"[") and not text.endswith((b"}", b"]"))


def _opens_document(raw: bytes) -> bool:
    """Whether ``read_ninjs_stream`` reads the rest of a stream whose first line is ``raw`` as one
    JSON document: the line opens a value it does not close and does not decode (a line nested too
    deeply to decode is a bad line, not a document)."""
    if not _starts_document(raw):
        return False
    try:
        _DECODER.decode(_decode_line(raw.removeprefix(_BOM))[0])
    except json.JSONDecodeError:
        return True
    except RecursionError:
        return False
    return False


def read_ninjs_stream(fh: BinaryIO, path: str, max_bytes: int | None = None,
                      start_line: int = 1) -> Iterator[Article | ReadFailure]:
    """Every record of a ninjs stream or document, read incrementally (``start_line``: the line
    number of ``fh``'s first line, for a batch cut from a longer stream by ``ndjson_batches``)."""
    limit = max_bytes or MAX_LINE_BYTES
    line_no = start_line - 1
    first = start_line == 1
    while True:
        raw, over = _line(fh, limit)
        if not raw:
            return
        line_no += 1
        if over:
            yield ReadFailure(path, "structure/unreadable-file",
                              f"line {line_no}: record is over {limit / 1048576:g} MB; split it", line=line_no)
            first = False
            continue
        if first and raw.startswith(_BOM):
            raw = raw[3:]
        if not raw.strip():
            continue
        text, problem = _decode_line(raw)
        try:
            value = _DECODER.decode(text)
        except RecursionError:
            yield ReadFailure(path, "structure/unreadable-file", f"line {line_no}: JSON nested too deeply to be a record",
                              line=line_no)
            first = False
            continue
        except json.JSONDecodeError as exc:
            if first and _starts_document(raw):
                yield from _document(text, fh, path, line_no, limit)
                return
            yield ReadFailure(path, "structure/unreadable-file", f"line {line_no}: {_json_error(exc, text)}",
                              line=line_no)
            first = False
            continue
        first = False
        at = _WS.match(text).end()
        for result in _articles(value, text, at, path, lambda _, n=line_no: n, line_no - 1):
            if problem and isinstance(result, Article):
                result.problems.append(("structure/not-utf8", problem, *result.anchor))
            yield result


def ndjson_batches(fh: BinaryIO, max_bytes: int | None = None,
                   size: int = BATCH_BYTES) -> Iterator[tuple[bytes, int]]:
    """A ninjs stream cut at line ends into (bytes, first line number) batches of about ``size``
    bytes, which ``read_ninjs_stream(..., start_line=)`` reads exactly as it reads the whole
    stream: a batch ends after an over-long line (cut to ``max_bytes`` + 1 bytes, which the
    reader reports), and a stream that opens a JSON document is one batch."""
    limit = max_bytes or MAX_LINE_BYTES
    batch: list[bytes] = []
    held = 0
    start = line_no = 1
    opening = True  # still before the first non-blank line
    while True:
        raw, over = _line(fh, limit)
        if not raw:
            break
        batch.append(raw)
        held += len(raw)
        line_no += 1
        if opening and (over or raw.removeprefix(_BOM).strip()):
            opening = False
            if not over and _opens_document(raw):  # the reader reads at most this much of a document
                batch.append(fh.read(limit + 1 - len(raw.removeprefix(_BOM))))
                break
        if not opening and (over or held >= size):  # blank lines before the first record stay in batch 1
            yield b"".join(batch), start
            batch, held, start = [], 0, line_no
    if batch:
        yield b"".join(batch), start


def _decode_line(raw: bytes) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return raw.decode("cp1252", errors="replace"), (
            f"record is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
            "it was read as Windows-1252: re-save the stream as UTF-8")


def _document(head: str, fh: BinaryIO, path: str, first_line: int, limit: int) -> Iterator[Article | ReadFailure]:
    """The rest of the input as one JSON document (pretty-printed record or list of records)."""
    data = fh.read(limit + 1 - len(head.encode("utf-8")))
    if len(head.encode("utf-8")) + len(data) > limit:
        yield ReadFailure(path, "structure/unreadable-file",
                          f"JSON document over {limit / 1048576:g} MB; write one record per line (NDJSON) "
                          "to stream it, or raise 'max-file-size' in .newslint.yaml", line=first_line)
        return
    rest, problem = _decode_line(data)
    text = "\n" * (first_line - 1) + head + rest
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        yield ReadFailure(path, "structure/unreadable-file", "JSON nested too deeply to be a ninjs document")
        return
    except json.JSONDecodeError as exc:
        yield ReadFailure(path, "structure/unreadable-file", f"line {exc.lineno}: {_json_error(exc, text)}",
                          line=exc.lineno)
        return
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    for result in _articles(value, text, _WS.match(text).end(), path, line_of, 0):
        if problem and isinstance(result, Article):
            result.problems.append(("structure/not-utf8", problem.replace("record", "file"), *result.anchor))
        yield result
