"""``--format junit``: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure).

One test suite per checked file (and per record of a stream); each finding is a failed test
case named after its rule and position, a file without findings is one passing case. Internal
errors (a rule crashed) are test cases with an ``<error>`` in a suite of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from newslint.model import Finding
from newslint.reporters import ReportOptions, relative_path
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.engine import RunResult

_NOT_XML = rx.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", value)


def _suite(parent: ET.Element, name: str, cases: int, failures: int, errors: int = 0) -> ET.Element:
    return ET.SubElement(parent, "testsuite", name=xml_text(name), tests=str(cases), failures=str(failures),
                         errors=str(errors), skipped="0", time="0")


def _failure(case: ET.Element, f: Finding) -> None:
    el = ET.SubElement(case, "failure", message=xml_text(f.message), type=f.severity.value)
    detail = f"{relative_path(f.path)}:{f.line}:{f.column}: {f.severity.value} {f.rule}: {f.message}"
    if f.excerpt.strip():
        detail += f"\n    {f.excerpt.strip()}"
    el.text = xml_text(detail)


def document(run: RunResult) -> ET.Element:
    root = ET.Element("testsuites", name="newslint")
    by_file: dict[tuple[str, str], list[Finding]] = {(fr.path, fr.record_id or ""): [] for fr in run.files}
    for key, items in groupby(run.findings, key=lambda f: (f.path, f.record_id or "")):
        by_file.setdefault(key, []).extend(items)
    total = failures = 0
    for (path, record), findings in by_file.items():
        name = relative_path(path) + (f" [{record}]" if record else "")
        suite = _suite(root, name, max(len(findings), 1), len(findings))
        if not findings:
            ET.SubElement(suite, "testcase", classname=xml_text(name), name="newslint", time="0")
        for f in findings:
            case = ET.SubElement(suite, "testcase", classname=xml_text(name),
                                 name=f"{f.rule} at {f.line}:{f.column}", file=xml_text(relative_path(path)),
                                 line=str(f.line), time="0")
            _failure(case, f)
        total += max(len(findings), 1)
        failures += len(findings)
    if run.errors:
        suite = _suite(root, "newslint internal errors", len(run.errors), 0, len(run.errors))
        for i, err in enumerate(run.errors, 1):
            case = ET.SubElement(suite, "testcase", classname="newslint", name=f"internal error {i}", time="0")
            el = ET.SubElement(case, "error", message=xml_text(err.splitlines()[0] if err else "internal error"))
            el.text = xml_text(err)
        total += len(run.errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(len(run.errors)))
    return root


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    tree = ET.ElementTree(document(run))
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode")
    out.write("\n")
