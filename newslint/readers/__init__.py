"""Reading input: finding article files, guarding against bad input, and parsing each format.

Every problem with an input becomes a ``ReadFailure`` naming the file (never an exception that
stops the run); the other files are still read.

Formats, picked by suffix (or forced, e.g. ``--stdin-format``): ``text`` (.txt and anything
unknown), ``markdown`` (.md .markdown .mdx), ``html`` (.html .htm .xhtml), ``ninjs`` (.json
.ndjson .jsonl: one IPTC ninjs record, a list of them, or one record per line) and ``feed``
(.xml .rss .atom: one article per RSS item or Atom entry). ninjs is a stream format: records are
read one line at a time, so memory stays flat however long the stream.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from newslint.model import Article
from newslint.text import rx

T = TypeVar("T")

WALK_SUFFIXES = (".md", ".markdown", ".txt")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
SNIFF_BYTES = 8192
SUFFIX_FORMATS = {
    **dict.fromkeys(MARKDOWN_SUFFIXES, "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".json", ".ndjson", ".jsonl"), "ninjs"),
    **dict.fromkeys((".xml", ".rss", ".atom"), "feed"),
}
FORMATS = ("text", "markdown", "html", "ninjs", "feed")
FORMAT_ALIASES = {"txt": "text", "md": "markdown", "htm": "html", "json": "ninjs", "ndjson": "ninjs",
                  "jsonl": "ninjs", "rss": "feed", "atom": "feed", "xml": "feed"}
STREAM_FORMATS: frozenset[str] = frozenset({"ninjs"})
_CHARSET = {
    "html": rx.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I),
    "feed": rx.compile(rb"""\A[^<]*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)""", re.I),
}


@dataclass(frozen=True)
class ReadFailure:
    """A file (or record) that could not be read as an article."""

    path: str
    rule: str  # structure/unreadable-file or structure/no-articles
    message: str
    line: int = 1
    record_id: str | None = None


def format_for(path: str, forced: str | None = None) -> str:
    """The format of ``path`` (by suffix), or ``forced`` (aliases such as ``json`` or ``rss``
    resolved; an unknown name is returned as given, and reading it fails with a clear message)."""
    if forced:
        name = forced.strip().lower()
        return FORMAT_ALIASES.get(name, name)
    return SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def parser_for(fmt: str) -> Callable[[str, str], Article]:
    """The reader of a single-article format (text, markdown, html)."""
    if fmt == "markdown":
        from newslint.readers.markdown import read_markdown

        return read_markdown
    if fmt == "html":
        from newslint.readers.html import read_html

        return read_html
    from newslint.readers.text import read_text

    return read_text


def decode(data: bytes, path: str, fmt: str = "text") -> tuple[str, list[tuple[str, str, int, int]]] | ReadFailure:
    """Text of a file's bytes, with a problem noted when it was not UTF-8 (an HTML page or feed
    that declares its charset is read in it without one)."""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in head:
        return ReadFailure(path, "structure/unreadable-file", "binary file (it contains NUL bytes), not an article; "
                           "exclude it or convert it to text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        declared = _declared_charset(data, fmt)
        if declared:
            return data.decode(declared, errors="replace"), []
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        text = data.decode("cp1252", errors="replace")
        offset = len(data[: exc.start].decode("cp1252", errors="replace"))
        msg = (f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {col}); "
               "it was read as Windows-1252: re-save it as UTF-8")
        return text, [("structure/not-utf8", msg, offset, offset + 1)]


def _declared_charset(data: bytes, fmt: str) -> str | None:
    """A non-UTF-8 charset the document declares (``<meta charset>``, ``<?xml encoding>``)."""
    pattern = _CHARSET.get(fmt)
    m = pattern.search(data[:SNIFF_BYTES]) if pattern else None
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name == "utf-8" else "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def read_bytes(data: bytes, path: str, fmt: str | None = None) -> Article | ReadFailure:
    """One article from a file's bytes (for records and feeds: the first one)."""
    fmt = format_for(path, fmt)
    if fmt not in ("text", "markdown", "html"):
        return next(read_stream(io.BytesIO(data), path, fmt), None) or ReadFailure(
            path, "structure/no-articles", f"no {fmt} records or items in this input")
    decoded = decode(data, path, fmt)
    if isinstance(decoded, ReadFailure):
        return decoded
    text, problems = decoded
    article = parser_for(fmt)(text, path)
    article.problems[:0] = problems
    return article


def is_stream(path: str, fmt: str | None = None) -> bool:
    """Whether the input holds many records read one at a time (NDJSON and the like)."""
    return format_for(path, fmt) in STREAM_FORMATS


def read_stream(fh: BinaryIO, path: str, fmt: str | None = None, *,
                max_bytes: int | None = None) -> Iterator[Article | ReadFailure]:
    """The articles in an open binary stream: one for single-article formats, one per record
    or item for ninjs and feeds; ninjs streams are read a line at a time so memory stays flat
    (``max_bytes`` bounds a ninjs document that is not one record per line)."""
    fmt = format_for(path, fmt)
    if fmt == "ninjs":
        from newslint.readers.ninjs import read_ninjs_stream

        yield from read_ninjs_stream(fh, path, max_bytes)
        return
    if fmt not in FORMATS:
        yield ReadFailure(path, "structure/unreadable-file",
                          f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
        return
    data = fh.read()
    if fmt != "feed":
        yield read_bytes(data, path, fmt)
        return
    decoded = decode(data, path, fmt)
    if isinstance(decoded, ReadFailure):
        yield decoded
        return
    from newslint.readers.feeds import read_feed

    yield from read_feed(decoded[0], path, decoded[1])


def read_file(path: Path, display: str, max_mb: float, fmt: str | None = None) -> Iterator[Article | ReadFailure]:
    """The article(s) in one file, guarded: missing, unreadable, huge and binary files become
    failures naming the file."""

    def articles() -> Iterator[Article | ReadFailure]:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024 and not is_stream(display, fmt):
            yield ReadFailure(display, "structure/unreadable-file",
                              f"file is {size / 1048576:.1f} MB, over the {max_mb:g} MB limit; "
                              "split it, or raise 'max-file-size' in .newslint.yaml")
            return
        with path.open("rb") as fh:
            yield from read_stream(fh, display, fmt, max_bytes=int(max_mb * 1024 * 1024))

    return _guarded(display, articles())


def stream_batches(path: Path, display: str, max_bytes: int) -> Iterator[tuple[bytes, int] | ReadFailure]:
    """A ninjs stream file as (bytes, first line number) batches for worker processes (see
    ``ninjs.ndjson_batches``), guarded as ``read_file`` is; ``read_batch`` reads one."""

    def batches() -> Iterator[tuple[bytes, int]]:
        with path.open("rb") as fh:
            yield from read_batches(fh, max_bytes)

    return _guarded(display, batches())


def read_batches(fh: BinaryIO, max_bytes: int | None = None) -> Iterator[tuple[bytes, int]]:
    """An open ninjs stream (a file, stdin) as (bytes, first line number) batches."""
    from newslint.readers.ninjs import ndjson_batches

    return ndjson_batches(fh, max_bytes)


def read_batch(data: bytes, start_line: int, path: str, max_bytes: int | None) -> Iterator[Article | ReadFailure]:
    """The records of one batch of ``stream_batches`` or ``read_batches``, numbered from ``start_line``."""
    from newslint.readers.ninjs import read_ninjs_stream

    return read_ninjs_stream(io.BytesIO(data), path, max_bytes, start_line)


def _guarded(display: str, items: Iterator[T]) -> Iterator[T | ReadFailure]:
    """``items``, a file-system error while producing them ending in a failure naming the file."""
    try:
        yield from items
    except FileNotFoundError:
        yield ReadFailure(display, "structure/unreadable-file", "no such file or directory")
    except IsADirectoryError:
        yield ReadFailure(display, "structure/unreadable-file", "is a directory")
    except OSError as exc:
        yield ReadFailure(display, "structure/unreadable-file", f"cannot read file: {exc.strerror or exc}")


def iter_files(paths: list[str]) -> Iterator[tuple[Path, str] | ReadFailure]:
    """Files to check, in a stable order: given files as they are, folders walked recursively
    for Markdown and text files (hidden entries and ``.git`` skipped)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or not name.lower().endswith(WALK_SUFFIXES):
                        continue
                    found = True
                    full = Path(root) / name
                    yield full, str(full)
            if not found:
                yield ReadFailure(raw, "structure/no-articles",
                                  f"no articles found in this folder (looked for {', '.join(WALK_SUFFIXES)} files)")
        elif p.exists():
            yield p, raw
        else:
            yield ReadFailure(raw, "structure/unreadable-file", "no such file or directory")
