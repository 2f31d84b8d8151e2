"""--format sarif: valid against the official SARIF 2.1.0 schema, with rule metadata, regions and
line-independent fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import run_cli

from newslint.engine import FileResult, RunResult
from newslint.model import Finding, Severity
from newslint.reporters import ReportOptions
from newslint.reporters.sarif_format import document

DATA = Path(__file__).parent / "data"
PACK = DATA / "testonly-pack.yaml"
RULES = ("spam/testonly-promo-line", "typos/testonly-misspelling", "leakage/testonly-marker")
STORY = "# Talks resume\n\nPROMO Get the app\n\nBoth sides recieve the draft, ZORBLAX said.\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _sarif(tmp_path: Path, story: str = STORY) -> dict:
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n", encoding="utf-8")
    (tmp_path / "desk").mkdir(exist_ok=True)
    (tmp_path / "desk" / "story.md").write_text(story, encoding="utf-8")
    proc = run_cli("check", "--format", "sarif", "desk", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"")
    return json.loads(proc.stdout)


def _errors(validator: jsonschema.Draft4Validator, doc: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_output_is_valid_sarif_with_regions(tmp_path, validator):
    doc = _sarif(tmp_path)
    assert _errors(validator, doc) == []
    assert doc["version"] == "2.1.0"
    [run] = doc["runs"]
    got = []
    for r in run["results"]:
        [loc] = r["locations"]
        region = loc["physicalLocation"]["region"]
        assert loc["physicalLocation"]["artifactLocation"] == {"uri": "desk/story.md", "uriBaseId": "%SRCROOT%"}
        got.append((r["ruleId"], r["level"], region["startLine"], region["startColumn"], region["endLine"],
                    region["endColumn"], region["snippet"]["text"]))
    assert got == [
        ("spam/testonly-promo-line", "error", 3, 1, 3, 18, "PROMO Get the app"),
        ("typos/testonly-misspelling", "warning", 5, 12, 5, 19, "recieve"),
        ("leakage/testonly-marker", "note", 5, 31, 5, 38, "ZORBLAX"),
    ]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_rules_carry_metadata(tmp_path):
    run = _sarif(tmp_path)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    promo = next(r for r in rules if r["id"] == "spam/testonly-promo-line")
    assert promo["shortDescription"]["text"] == "A test-only promotional line"
    assert promo["fullDescription"]["text"].startswith("A whole line starting with PROMO.")
    assert "The safe fix deletes the line." in promo["help"]["text"]
    assert "newslint check --fix" in promo["help"]["markdown"]
    assert promo["defaultConfiguration"] == {"level": "error"}
    assert "spam" in promo["properties"]["tags"]
    marker = next(r for r in rules if r["id"] == "leakage/testonly-marker")
    assert marker["defaultConfiguration"] == {"level": "note"}
    assert "structure/missing-headline" in {r["id"] for r in rules}  # every rule of the run is described


def test_fingerprints_survive_lines_moving(tmp_path):
    def prints(doc: dict) -> list[str]:
        return [r["partialFingerprints"]["newslint/v1"] for r in doc["runs"][0]["results"]]

    before = prints(_sarif(tmp_path))
    moved = STORY.replace("# Talks resume\n", "# Talks resume\n\nA new first paragraph, the ministry said.\n")
    after_doc = _sarif(tmp_path, moved)
    assert prints(after_doc) == before
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after_doc["runs"][0]["results"]]
    assert lines == [5, 7, 7]
    assert len(set(before)) == 3


def test_unusual_runs_stay_valid(validator, tmp_path, monkeypatch):
    # A rule crash, a record of a stream, a path outside the working folder with a space, a
    # zero-width span, a finding of a rule no registry describes.
    monkeypatch.chdir(tmp_path)
    findings = [
        Finding("structure/unreadable-file", Severity.ERROR, "no such file", path="/elsewhere/my story.md"),
        Finding("spam/x", Severity.INFO, "m", path="feed.ndjson", line=4, column=3, end_line=4, end_column=3,
                record_id="urn:1", excerpt="abc"),
    ]
    files = [FileResult("feed.ndjson", findings[1:], record_id="urn:1")]
    run = RunResult(files, findings, ["rule x crashed:\nTraceback"])
    doc = json.loads(json.dumps(document(run, ReportOptions())))
    assert _errors(validator, doc) == []
    first, second = doc["runs"][0]["results"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///elsewhere/my%20story.md"}
    assert second["properties"] == {"record": "urn:1"}
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False
