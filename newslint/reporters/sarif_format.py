"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run with newslint as the tool: every rule of the run's registry is described (id, short and
full description, help, default level, family tag), and each finding is a result with its
region (1-based lines, columns counted in Unicode code points, end column exclusive) and a
line-independent fingerprint so code scanning tracks an alert across edits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from newslint.baseline import fingerprint, matched_text
from newslint.model import Finding
from newslint.reporters import ReportOptions, relative_path, rule_docs

if TYPE_CHECKING:
    from newslint.engine import RunResult
    from newslint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def descriptor(cls: type[Rule]) -> dict[str, Any]:
    """A reportingDescriptor for one rule."""
    docs = rule_docs(cls)
    first_paragraph = docs.split("\n\n", 1)[0].replace("\n", " ")
    fixable = "\n\nnewslint can fix this: run `newslint check --fix`." if cls.fixable else ""
    explain = f"\n\nRun `newslint explain {cls.id}` for examples."
    return {
        "id": cls.id,
        "name": "".join(part.title() for part in cls.id.replace("/", "-").split("-")),
        "shortDescription": {"text": cls.summary},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": docs + fixable + explain, "markdown": f"**{cls.summary}**\n\n{docs}{fixable}{explain}"},
        "defaultConfiguration": {"level": LEVELS[cls.severity.value]},
        "properties": {"tags": ["news-copy", cls.id.split("/", 1)[0]]},
    }


def _minimal_descriptor(rule_id: str) -> dict[str, Any]:
    return {"id": rule_id, "shortDescription": {"text": rule_id}, "properties": {"tags": [rule_id.split("/")[0]]}}


def _artifact(path: str) -> dict[str, str]:
    rel = relative_path(path)
    if Path(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel), "uriBaseId": SRCROOT}


def result(f: Finding, rule_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": max(f.line, 1),
        "startColumn": max(f.column, 1),
        "endLine": max(f.end_line, f.line, 1),
        "endColumn": max(f.end_column, 1),
    }
    if region["endLine"] == region["startLine"]:
        region["endColumn"] = max(region["endColumn"], region["startColumn"])
    if snippet := matched_text(f):
        region["snippet"] = {"text": snippet}
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity.value],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path), "region": region}}],
        "partialFingerprints": {"newslint/v1": fingerprint(f)},
    }
    if f.record_id is not None:
        out["properties"] = {"record": f.record_id}
    return out


def document(run: RunResult, options: ReportOptions) -> dict[str, Any]:
    from newslint import __version__

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    if options.registry:
        for cls in options.registry.sorted():
            index[cls.id] = len(rules)
            rules.append(descriptor(cls))
    for f in run.findings:
        if f.rule not in index:
            index[f.rule] = len(rules)
            rules.append(_minimal_descriptor(f.rule))
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    if run.errors:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": e}} for e in run.errors]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": rules}},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [result(f, index[f.rule]) for f in run.findings],
        }],
    }


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(json.dumps(document(run, options), ensure_ascii=False, indent=2) + "\n")
