"""``--format json``: one versioned JSON document (schema in the README)."""

from __future__ import annotations

import json
from itertools import islice
from typing import TYPE_CHECKING, Any, TextIO

from newslint.model import Finding
from newslint.reporters import ReportOptions, summary

if TYPE_CHECKING:
    from newslint.engine import RunResult

SCHEMA_VERSION = "1.0"
BATCH = 1000  # findings encoded per json.dumps call


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "family": f.family,
    }
    if f.record_id is not None:
        out["record"] = f.record_id
    if f.fix is not None:
        out["fix"] = {"description": f.fix.description, "safe": f.fix.safe}
    if f.data:
        out["data"] = {k: _plain(v) for k, v in f.data.items()}
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return str(value)


def document(run: RunResult, findings: bool = True) -> dict[str, Any]:
    """The report as one dict (``findings=False``: without its findings key)."""
    from newslint import __version__

    doc: dict[str, Any] = {"version": SCHEMA_VERSION, "newslint": __version__}
    if findings:
        doc["findings"] = [finding_dict(f) for f in run.findings]
    doc["summary"] = summary(run)
    metrics = {fr.path: fr.metrics for fr in run.files if fr.metrics}
    if metrics:
        doc["metrics"] = metrics
    doc.update({k: _plain(v) for k, v in run.extras.items()})
    return doc


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    """Compact JSON on one line: the C encoder is many times faster than indented output, which
    matters on archive-sized runs (pipe through ``jq`` to read it). The findings are written a
    batch at a time, so the report is never held whole in memory; the text is exactly
    ``json.dumps(document(run))``."""
    doc = document(run, findings=False)
    head = json.dumps({k: doc.pop(k) for k in ("version", "newslint")}, ensure_ascii=False)
    out.write(head[:-1] + ', "findings": [')
    findings = iter(run.findings)
    sep = ""
    while chunk := [finding_dict(f) for f in islice(findings, BATCH)]:
        out.write(sep + json.dumps(chunk, ensure_ascii=False)[1:-1])
        sep = ", "
    out.write("], " + json.dumps(doc, ensure_ascii=False)[1:] + "\n")  # summary, metrics ...
