"""--format junit: JUnit XML that parses, one suite per file, one failed case per finding."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import run_cli

from newslint.engine import FileResult, RunResult
from newslint.model import Finding, Severity
from newslint.reporters import ReportOptions
from newslint.reporters.junit_format import render

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
RULES = ("spam/testonly-promo-line", "typos/testonly-misspelling", "leakage/testonly-marker")
STORY = "# Talks resume\n\nPROMO Get the app\n\nBoth sides recieve the draft, ZORBLAX said.\n"


def test_suites_cases_and_failures(tmp_path):
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Talks resume\n\nTalks resumed, the ministry said.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "junit", "bad.md", "clean.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"")
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "0")
    bad, clean = root.findall("testsuite")
    assert (bad.get("name"), bad.get("tests"), bad.get("failures")) == ("bad.md", "3", "3")
    cases = [(c.get("name"), c.get("file"), c.get("line"), c.find("failure").get("type"),
              c.find("failure").get("message")) for c in bad.findall("testcase")]
    assert cases == [
        ("spam/testonly-promo-line at 3:1", "bad.md", "3", "error",
         "Promotional line “PROMO Get the app”: delete it"),
        ("typos/testonly-misspelling at 5:12", "bad.md", "5", "warning",
         "Misspelling “recieve”: write “receive”"),
        ("leakage/testonly-marker at 5:31", "bad.md", "5", "info",
         "Marker “ZORBLAX” <b>&amp;</b> 100% sure, really: remove it"),
    ]
    assert "bad.md:5:12: warning typos/testonly-misspelling" in bad.findall("testcase")[1].find("failure").text
    assert (clean.get("name"), clean.get("tests"), clean.get("failures")) == ("clean.md", "1", "0")
    [case] = clean.findall("testcase")
    assert case.find("failure") is None


def test_characters_xml_cannot_hold_and_internal_errors(tmp_path):
    f = Finding("spam/x", Severity.ERROR, "bad \x0b char ]]> <&>", path="a.md", line=1, column=1, end_line=1,
                end_column=2, excerpt="x\x01y")
    run = RunResult([FileResult("a.md", [f])], [f], ["rule y crashed:\nTraceback ..."])
    out = io.StringIO()
    render(run, out, ReportOptions())
    root = ET.fromstring(out.getvalue())
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "bad \ufffd char ]]> <&>"
    assert failure.text.endswith("x\ufffdy")
    errors = root.findall("testsuite[@name='newslint internal errors']/testcase/error")
    assert [e.get("message") for e in errors] == ["rule y crashed:"]
    assert root.get("errors") == "1"
