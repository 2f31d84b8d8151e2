"""--format json is written a batch of findings at a time; the text must be exactly the one JSON
document the README describes, whatever the number of findings."""

from __future__ import annotations

import io
import json

import pytest

from newslint.engine import FileResult, RunResult
from newslint.model import Finding, Severity
from newslint.reporters import ReportOptions
from newslint.reporters.json_format import BATCH, document, render


def _run(count: int) -> RunResult:
    findings = []
    for i in range(count):
        f = Finding("typos/misspelling", Severity.WARNING, f"Misspelling “recieve” {i}: write “receive”", 0, 7)
        f.path, f.line, f.column, f.end_line, f.end_column = f"a{i % 3}.md", i + 1, 1, i + 1, 8
        findings.append(f)
    files = [FileResult(f"a{n}.md", [], metrics={"words": 10 + n}) for n in range(3)]
    return RunResult(files, findings, [], {"groups": [{"id": "story-1", "articles": ["a0.md", "a1.md"]}]})


@pytest.mark.parametrize("count", [0, 1, BATCH, BATCH + 1, 2 * BATCH + 5])
def test_streamed_report_is_the_document(count):
    run = _run(count)
    out = io.StringIO()
    render(run, out, ReportOptions())
    text = out.getvalue()
    assert text == json.dumps(document(run), ensure_ascii=False) + "\n"
    parsed = json.loads(text)
    assert list(parsed) == ["version", "newslint", "findings", "summary", "metrics", "groups"]
    assert [f["line"] for f in parsed["findings"]] == list(range(1, count + 1))
