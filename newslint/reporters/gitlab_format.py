"""``--format gitlab``: GitLab Code Quality JSON (``artifacts:reports:codequality``).

Each finding is an issue with its rule as ``check_name``, a severity GitLab knows, the file and
lines, and a fingerprint that stays the same while the problem stays: it hashes the file, the
record, newslint's line-independent fingerprint and the occurrence number of that fingerprint in
the file (so two identical problems in one file are two issues).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint.baseline import fingerprint
from newslint.model import Finding
from newslint.reporters import ReportOptions, relative_path

if TYPE_CHECKING:
    from newslint.engine import RunResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def issue(f: Finding, occurrence: int) -> dict[str, Any]:
    path = relative_path(f.path)
    key = "\x1f".join((path, f.record_id or "", fingerprint(f), str(occurrence)))
    description = f"[{f.record_id}] {f.message}" if f.record_id else f.message
    return {
        "type": "issue",
        "description": description,
        "check_name": f.rule,
        "categories": ["Style"],
        "severity": SEVERITIES[f.severity.value],
        "fingerprint": hashlib.sha256(key.encode()).hexdigest()[:32],
        "location": {"path": path, "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
    }


def document(run: RunResult) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in run.findings:
        key = (f.path, f.record_id or "", fingerprint(f))
        out.append(issue(f, seen[key]))
        seen[key] += 1
    return out


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(run), out, ensure_ascii=False, indent=2)
    out.write("\n")
