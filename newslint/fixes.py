"""``--fix``, ``--unsafe-fixes`` and ``--diff``: apply the fixes rules attach to their findings.

Each plain-text or Markdown file is read, linted and fixed in passes until no fix applies (at
most ``MAX_PASSES``). In a pass a fix is skipped when an edit of it touches quoted speech or
overlaps an edit already chosen; the next pass re-lints the fixed text and picks up what is
left. The result keeps the file's encoding (UTF-8 with or without BOM, UTF-16, or Windows-1252
when the reader fell back to it) and its line endings, and replaces the file atomically. A file
with nothing to fix is never written.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newslint.engine import Engine, RuleSet, lint_article
from newslint.model import Article, Edit, Finding, Fix
from newslint.readers import decode, format_for, is_stream, parser_for

MAX_PASSES = 5
FIXABLE_FORMATS = ("text", "markdown")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass
class FileFix:
    """What fixing one file did: its bytes before and after, and the fixes applied."""

    path: Path
    display: str
    before: bytes
    after: bytes
    applied: list[str] = field(default_factory=list)  # descriptions, in the order applied
    problem: str | None = None  # why the file could not be fixed

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes become text and back."""

    codec: str
    bom: bytes

    @classmethod
    def sniff(cls, data: bytes) -> Encoding:
        for bom, codec in BOMS:
            if data.startswith(bom):
                return cls(codec, bom)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return cls("cp1252", b"")
        return cls("utf-8", b"")

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def _overlaps(a: Edit, b: Edit) -> bool:
    """Whether two edits touch the same text (two insertions at one point count: their order is unclear)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def _touches_quote(e: Edit, article: Article) -> bool:
    for q in article.quotes:
        if e.start == e.end:
            if q.start < e.start < q.end:
                return True
        elif e.start < q.end and q.start < e.end:
            return True
    return False


def _splits_crlf(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1 : pos + 1] == "\r\n"


def _whole_crlf(text: str, e: Edit) -> Edit:
    """The edit moved or widened so that it never splits a CR LF pair, with its line breaks
    written as the file writes them."""
    start, end = e.start, e.end
    if start == end:
        if _splits_crlf(text, start):
            start = end = start - 1
    else:
        if _splits_crlf(text, start):
            start -= 1
        if _splits_crlf(text, end):
            end += 1
    repl = re.sub(r"\r?\n", "\r\n", e.replacement) if "\r\n" in text else e.replacement
    return Edit(start, end, repl)


def choose_fixes(article: Article, findings: list[Finding], unsafe: bool) -> list[tuple[Fix, list[Edit]]]:
    """The fixes to apply to ``article`` in one pass, each with its (line-break safe) edits."""
    chosen: list[tuple[Fix, list[Edit]]] = []
    taken: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        fix = f.fix
        if fix is None or not fix.edits or (not fix.safe and not unsafe):
            continue
        if any(e.start < 0 or e.end < e.start or e.end > len(article.text) for e in fix.edits):
            continue
        edits = [_whole_crlf(article.text, e) for e in fix.edits]
        if any(_touches_quote(e, article) for e in edits):
            continue
        if any(_overlaps(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :] + taken):
            continue
        taken += edits
        chosen.append((fix, edits))
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    pieces, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces += [text[pos : e.start], e.replacement]
        pos = e.end
    return "".join(pieces) + text[pos:]


def fix_text(text: str, display: str, ruleset: RuleSet, unsafe: bool) -> tuple[str, list[str]]:
    """``text`` after up to MAX_PASSES rounds of fixes, and the descriptions of the fixes applied."""
    parse = parser_for(format_for(display))
    applied: list[str] = []
    for _ in range(MAX_PASSES):
        article = parse(text, display)
        if article.source_map is not None:
            break
        chosen = choose_fixes(article, lint_article(article, ruleset).findings, unsafe)
        if not chosen:
            break
        text = apply_edits(text, [e for _, edits in chosen for e in edits])
        applied += [fix.description for fix, _ in chosen]
    return text, applied


def fix_file(path: Path, display: str, ruleset: RuleSet, unsafe: bool) -> FileFix:
    """Fix one file in memory (nothing is written)."""
    data = path.read_bytes()
    decoded = decode(data, display)
    if not isinstance(decoded, tuple):
        return FileFix(path, display, data, data, problem=decoded.message)
    text = decoded[0]
    encoding = Encoding.sniff(data)
    try:
        round_trip = encoding.encode(text) == data
    except UnicodeEncodeError:
        round_trip = False
    if not round_trip:
        return FileFix(path, display, data, data, problem=f"not fixed: its bytes are not valid {encoding.codec}, "
                       "so it cannot be rewritten without changing other text; re-save it as UTF-8")
    fixed, applied = fix_text(text, display, ruleset, unsafe)
    try:
        after = encoding.encode(fixed)
    except UnicodeEncodeError as exc:
        added = exc.object[exc.start : exc.end]
        return FileFix(path, display, data, data, problem=f"not fixed: a fix adds “{added}”, which "
                       f"{encoding.codec} cannot store; re-save the file as UTF-8")
    return FileFix(path, display, data, after, applied)


def fix_paths(engine: Engine, paths: list[str], unsafe: bool) -> list[FileFix]:
    """Fix every plain-text and Markdown file among ``paths`` in memory, each with its own config."""
    results = []
    for path, display, config, failure in engine.inputs(paths):
        if failure or path is None or config is None:
            continue
        if format_for(display) not in FIXABLE_FORMATS or is_stream(display):
            continue
        try:
            ruleset = engine.ruleset(config)
            engine.before_article()
            results.append(fix_file(path, display, ruleset, unsafe))
            engine.after_article()
        except OSError as exc:
            results.append(FileFix(path, display, b"", b"", problem=f"not fixed: {exc.strerror or exc}"))
    return results


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data`` in one step (temporary file in the same folder, then rename)."""
    target = path.resolve()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".newslint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _lines(text: str) -> list[str]:
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def unified_diff(ff: FileFix) -> str:
    """The change of one file as a unified diff (as ``git diff`` prints it), '' when unchanged."""
    if not ff.changed:
        return ""
    encoding = Encoding.sniff(ff.before)
    before = ff.before.removeprefix(encoding.bom).decode(encoding.codec)
    after = ff.after.removeprefix(encoding.bom).decode(encoding.codec)
    name = ff.display.replace(os.sep, "/")
    out = []
    for line in difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
