"""--format github: workflow commands the Actions runner turns into annotations, with the
runner's escaping of data and properties."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_cli

from newslint.model import Finding, Severity
from newslint.reporters.github_format import command

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
RULES = ("spam/testonly-promo-line", "typos/testonly-misspelling", "leakage/testonly-marker")
STORY = "# Talks resume\n\nPROMO Get the app\n\nBoth sides recieve the draft, ZORBLAX said.\n"
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str) -> str:
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: kind, properties, message."""
    m = COMMAND.match(line)
    assert m, line
    props = dict(item.split("=", 1) for item in m.group(2).split(","))
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


def test_annotations_for_each_finding(tmp_path):
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n", encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "story.md").write_text(STORY, encoding="utf-8")
    proc = run_cli("check", "--format", "github", "desk", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[-1] == "newslint: 1 error(s), 1 warning(s), 1 info in 1 file(s)"
    parsed = [parse(line) for line in lines[:-1]]
    assert [(kind, p["file"], p["line"], p["endLine"], p["col"], p["endColumn"], p["title"])
            for kind, p, _ in parsed] == [
        ("error", "desk/story.md", "3", "3", "1", "18", "spam/testonly-promo-line"),
        ("warning", "desk/story.md", "5", "5", "12", "19", "typos/testonly-misspelling"),
        ("notice", "desk/story.md", "5", "5", "31", "38", "leakage/testonly-marker"),
    ]
    assert parsed[2][2] == "Marker “ZORBLAX” <b>&amp;</b> 100% sure, really: remove it"
    quiet = run_cli("check", "--format", "github", "--quiet", "desk", cwd=tmp_path).stdout.decode().splitlines()
    assert quiet == lines[:-1]


def test_escaping_of_data_and_properties():
    f = Finding("spam/x", Severity.WARNING, "100% sure\r\nnext: line, really", path="desk/a,b:c.md",
                line=2, column=3, end_line=2, end_column=5)
    line = command(f)
    assert line == ("::warning file=desk/a%2Cb%3Ac.md,line=2,endLine=2,col=3,endColumn=5,title=spam/x"
                    "::100%25 sure%0D%0Anext: line, really")
    assert parse(line) == ("warning", {"file": "desk/a,b:c.md", "line": "2", "endLine": "2", "col": "3",
                                       "endColumn": "5", "title": "spam/x"}, "100% sure\r\nnext: line, really")


def test_multi_line_span_has_no_columns_and_records_are_named():
    f = Finding("spam/x", Severity.ERROR, "m", path="feed.ndjson", line=2, column=3, end_line=4, end_column=1,
                record_id="urn:9")
    kind, props, message = parse(command(f))
    assert (kind, props, message) == ("error", {"file": "feed.ndjson", "line": "2", "endLine": "4", "title": "spam/x"},
                                      "[urn:9] m")
