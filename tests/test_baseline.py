"""--write-baseline and --baseline: recorded findings stay hidden while the file is edited
elsewhere; new ones (including a second copy of a recorded one) are reported."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

from newslint.baseline import fingerprint
from newslint.model import Finding, Severity

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
CONFIG = f"rule-packs: [{PACK}]\nselect: [spam/testonly-promo-line, typos/testonly-misspelling]\n"

STORY = """# Talks resume

Talks resumed in Geneva on Monday, the ministry said.

PROMO Get the app

Both sides recieve the draft on Tuesday, and the delegations will study it over the weekend.
"""


def _findings(proc) -> list[tuple[str, int, str]]:
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(proc.stdout)["findings"]]


def _setup(tmp_path: Path) -> Path:
    (tmp_path / ".newslint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "desk").mkdir()
    story = tmp_path / "desk" / "story.md"
    story.write_text(STORY, encoding="utf-8")
    return story


def test_write_baseline_records_findings_and_reports_none(tmp_path):
    _setup(tmp_path)
    proc = run_cli("check", "--format", "json", "--write-baseline", "baseline.json", "desk", cwd=tmp_path)
    assert proc.returncode == 0 and _findings(proc) == []
    assert b"recorded 2 findings in baseline.json" in proc.stderr
    doc = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert doc["newslint-baseline"] == 1
    entries = {(e["path"], e["rule"], e["text"], e["count"]) for e in doc["findings"]}
    assert entries == {("desk/story.md", "spam/testonly-promo-line", "PROMO Get the app", 1),
                       ("desk/story.md", "typos/testonly-misspelling", "recieve", 1)}


def test_edits_elsewhere_do_not_resurrect_but_new_findings_show(tmp_path):
    story = _setup(tmp_path)
    run_cli("check", "--write-baseline", "baseline.json", "desk", cwd=tmp_path)
    # Lines move (a new paragraph on top), the misspelling's paragraph is edited far from the
    # word, and two new problems arrive: a new misspelling and a second copy of the promo line.
    edited = (
        STORY.replace("Talks resumed", "Delegates arrived overnight, officials said.\n\nTalks resumed")
        .replace("the weekend.", "the weekend before the next round.")
        + "\nThey will recieve the answer.\n\nPROMO Get the app\n"
    )
    story.write_text(edited, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--baseline", "baseline.json", "desk", cwd=tmp_path)
    found = _findings(proc)
    assert [(rule, line) for rule, line, _ in found] == [("typos/testonly-misspelling", 11),
                                                          ("spam/testonly-promo-line", 13)]
    assert proc.returncode == 1
    assert b"2 findings recorded in baseline.json not shown" in proc.stderr


def test_fixing_a_recorded_finding_does_not_hide_a_different_one(tmp_path):
    story = _setup(tmp_path)
    run_cli("check", "--write-baseline", "baseline.json", "desk", cwd=tmp_path)
    story.write_text(STORY.replace("PROMO Get the app", "PROMO Win a car"), encoding="utf-8")
    found = _findings(run_cli("check", "--format", "json", "--baseline", "baseline.json", "desk", cwd=tmp_path))
    assert [(rule, line) for rule, line, _ in found] == [("spam/testonly-promo-line", 5)]


def test_baseline_paths_do_not_depend_on_the_working_folder(tmp_path):
    _setup(tmp_path)
    run_cli("check", "--write-baseline", "baseline.json", "desk", cwd=tmp_path)
    proc = run_cli("check", "--format", "json", "--baseline", "../baseline.json", "story.md", cwd=tmp_path / "desk")
    assert proc.returncode == 0 and _findings(proc) == []


def test_bad_baseline_files_are_errors(tmp_path):
    _setup(tmp_path)
    (tmp_path / "not-json.json").write_text("{", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"version": "1.0", "findings": []}', encoding="utf-8")
    for name, words in (("not-json.json", b"not valid JSON"), ("other.json", b"not a newslint baseline"),
                        ("missing.json", b"cannot read it")):
        proc = run_cli("check", "--baseline", name, "desk", cwd=tmp_path)
        assert proc.returncode == 2 and words in proc.stderr
    proc = run_cli("check", "--baseline", "a.json", "--write-baseline", "b.json", "desk", cwd=tmp_path)
    assert proc.returncode == 2 and b"not both" in proc.stderr


def _finding(line: int, excerpt: str, column: int, end_column: int, rule: str = "spam/x") -> Finding:
    return Finding(rule, Severity.WARNING, "m", line=line, column=column, end_line=line, end_column=end_column,
                   excerpt=excerpt, path="a.md")


def test_fingerprint_ignores_line_numbers_case_and_spacing_but_not_context_or_rule():
    base = _finding(3, "They recieve the draft.", 6, 13)
    assert fingerprint(base) == fingerprint(_finding(40, "They  RECIEVE  the draft.", 7, 14))
    assert fingerprint(base) != fingerprint(_finding(3, "They recieve the answer.", 6, 13))
    assert fingerprint(base) != fingerprint(_finding(3, "They recieve the draft.", 6, 13, rule="spam/y"))
    far, near = ("x" * 10 + " " + "a" * 45 + " recieve it."), ("y" * 10 + " " + "a" * 45 + " recieve it.")
    assert fingerprint(_finding(3, far, 58, 65)) == fingerprint(_finding(3, near, 58, 65))  # edit 40+ chars away
