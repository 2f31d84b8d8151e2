"""Reading input: finding article files, guarding against bad input, and parsing each format.

Every problem with an input becomes a ``ReadFailure`` naming the file (never an exception that
stops the run); the other files are still read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newslint.model import Article

WALK_SUFFIXES = (".md", ".markdown", ".txt")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ReadFailure:
    """A file (or record) that could not be read as an article."""

    path: str
    rule: str  # structure/unreadable-file or structure/no-articles
    message: str
    line: int = 1
    record_id: str | None = None


def format_for(path: str, forced: str | None = None) -> str:
    if forced:
        return forced
    suffix = os.path.splitext(path)[1].lower()
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def parser_for(fmt: str) -> Callable[[str, str], Article]:
    if fmt == "markdown":
        from newslint.readers.markdown import read_markdown

        return read_markdown
    from newslint.readers.text import read_text

    return read_text


def decode(data: bytes, path: str) -> tuple[str, list[tuple[str, str, int, int]]] | ReadFailure:
    """Text of a file's bytes, with a problem noted when it was not UTF-8."""
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
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        text = data.decode("cp1252", errors="replace")
        offset = len(data[: exc.start].decode("cp1252", errors="replace"))
        msg = (f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {col}); "
               "it was read as Windows-1252: re-save it as UTF-8")
        return text, [("structure/not-utf8", msg, offset, offset + 1)]


def read_bytes(data: bytes, path: str, fmt: str | None = None) -> Article | ReadFailure:
    """One article from a file's bytes."""
    decoded = decode(data, path)
    if isinstance(decoded, ReadFailure):
        return decoded
    text, problems = decoded
    article = parser_for(format_for(path, fmt))(text, path)
    article.problems[:0] = problems
    return article


def is_stream(path: str, fmt: str | None = None) -> bool:
    """Whether the input holds many records read one at a time (NDJSON and the like)."""
    return format_for(path, fmt) in STREAM_FORMATS


STREAM_FORMATS: frozenset[str] = frozenset()


def read_stream(fh: BinaryIO, path: str, fmt: str | None = None) -> Iterator[Article | ReadFailure]:
    """The articles in an open binary stream: one for single-article formats, one per record
    for stream formats, read incrementally so memory stays flat."""
    yield read_bytes(fh.read(), path, fmt)


def read_file(path: Path, display: str, max_mb: float, fmt: str | None = None) -> Iterator[Article | ReadFailure]:
    """The article(s) in one file, guarded: missing, unreadable, huge and binary files become
    failures naming the file."""
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024 and not is_stream(display, fmt):
            yield ReadFailure(display, "structure/unreadable-file",
                              f"file is {size / 1048576:.1f} MB, over the {max_mb:g} MB limit; "
                              "split it, or raise 'max-file-size' in .newslint.yaml")
            return
        with path.open("rb") as fh:
            yield from read_stream(fh, display, fmt)
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
