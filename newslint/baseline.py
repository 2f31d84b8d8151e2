"""Baselines: record today's findings (``--write-baseline``) and report only new ones (``--baseline``).

A finding's fingerprint is its rule, its matched text (case and white space normalised) and a
hash of the text around it on its line; line numbers play no part, so edits elsewhere in the
file do not bring a recorded finding back. The baseline counts fingerprints per file (and per
record): a second copy of a recorded problem in the same file is new. Paths are stored relative
to the baseline file's folder, so the file can be committed next to the copy it describes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.model import Finding

if TYPE_CHECKING:
    from newslint.engine import RunResult

FORMAT_VERSION = 1
CONTEXT = 40  # characters of the line on each side of the match that go into the fingerprint


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a newslint baseline."""


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _span(f: Finding) -> tuple[int, int]:
    """The finding's span within its excerpt (the first line it sits on)."""
    start = min(max(f.column - f.excerpt_column, 0), len(f.excerpt))
    end = f.end_column - f.excerpt_column if f.end_line == f.line else len(f.excerpt)
    return start, min(max(end, start), len(f.excerpt))


def matched_text(f: Finding) -> str:
    """The text the finding points at on its first line ('' when there is no source text)."""
    start, end = _span(f)
    return f.excerpt[start:end]


def fingerprint(f: Finding) -> str:
    """A stable id of a finding that ignores where in the file it sits."""
    if f.excerpt:
        start, end = _span(f)
        before, after = f.excerpt[max(0, start - CONTEXT) : start], f.excerpt[end : end + CONTEXT]
        context = hashlib.sha256(f"{_norm(before)}\x00{_norm(after)}".encode()).hexdigest()
        what = _norm(f.excerpt[start:end])
    else:  # no source line (unreadable file, finding about the whole corpus): the message says it
        context, what = "", _norm(f.message)
    return hashlib.sha256("\x1f".join((f.rule, what, context)).encode()).hexdigest()[:24]


def _file_key(f: Finding, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(f.path), root)).as_posix()


@dataclass(frozen=True)
class Baseline:
    """How many findings of each fingerprint each file (or record) had when it was recorded."""

    root: Path
    counts: Counter[tuple[str, str, str]]  # (path, record, fingerprint) -> count

    def _key(self, f: Finding) -> tuple[str, str, str]:
        return _file_key(f, self.root), f.record_id or "", fingerprint(f)

    def new_findings(self, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not account for, in their order."""
        left = Counter(self.counts)
        new = []
        for f in findings:
            key = self._key(f)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.append(f)
        return new


def write_baseline(findings: list[Finding], path: Path) -> int:
    """Record ``findings`` in ``path``; returns how many were recorded."""
    root = path.resolve().parent
    counts: Counter[tuple[str, str, str, str, str]] = Counter(
        (_file_key(f, root), f.record_id or "", f.rule, fingerprint(f), " ".join(matched_text(f).split()))
        for f in findings
    )
    entries: list[dict[str, Any]] = []
    for (file, record, rule, fp, text), n in sorted(counts.items()):
        entry: dict[str, Any] = {"path": file, "rule": rule, "fingerprint": fp, "text": text, "count": n}
        if record:
            entry["record"] = record
        entries.append(entry)
    doc = {"newslint-baseline": FORMAT_VERSION, "findings": entries}
    try:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"--write-baseline {path}: cannot write it: {exc.strerror or exc}") from None
    return len(findings)


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by :func:`write_baseline`."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"--baseline {path}: cannot read it: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"--baseline {path}: not valid JSON ({exc}); write it with --write-baseline") from None
    if not isinstance(doc, dict) or doc.get("newslint-baseline") != FORMAT_VERSION:
        raise BaselineError(f"--baseline {path}: not a newslint baseline (version {FORMAT_VERSION}); "
                            "write it with --write-baseline")
    counts: Counter[tuple[str, str, str]] = Counter()
    for entry in doc.get("findings", []):
        try:
            counts[(str(entry["path"]), str(entry.get("record", "")), str(entry["fingerprint"]))] += int(entry["count"])
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"--baseline {path}: malformed entry {entry!r}; write it again with "
                                "--write-baseline") from None
    return Baseline(path.resolve().parent, counts)


def restrict(run: RunResult, kept: list[Finding]) -> RunResult:
    """The run with only the ``kept`` findings (some of the run's, in its order), in the run and
    in each file's result."""
    ids = {id(f) for f in kept}
    files = [replace(fr, findings=[f for f in fr.findings if id(f) in ids]) for fr in run.files]
    return replace(run, files=files, findings=list(kept))
