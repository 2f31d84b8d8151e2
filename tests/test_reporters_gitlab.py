"""--format gitlab: GitLab Code Quality JSON with fingerprints that are unique in a report and
stable while the problem stays."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
RULES = ("spam/testonly-promo-line", "typos/testonly-misspelling", "leakage/testonly-marker")
STORY = "# Talks resume\n\nPROMO Get the app\n\nBoth sides recieve the draft, ZORBLAX said.\n"
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _report(tmp_path: Path, story: str) -> list[dict]:
    (tmp_path / ".newslint.yaml").write_text(f"rule-packs: [{PACK}]\nselect: [{', '.join(RULES)}]\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(story, encoding="utf-8")
    proc = run_cli("check", "--format", "gitlab", "story.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, b"")
    return json.loads(proc.stdout)


def test_code_quality_issues(tmp_path):
    issues = _report(tmp_path, STORY)
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in SEVERITIES and isinstance(issue["fingerprint"], str)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("spam/testonly-promo-line", "major", {"path": "story.md", "lines": {"begin": 3, "end": 3}}),
        ("typos/testonly-misspelling", "minor", {"path": "story.md", "lines": {"begin": 5, "end": 5}}),
        ("leakage/testonly-marker", "info", {"path": "story.md", "lines": {"begin": 5, "end": 5}}),
    ]
    assert issues[1]["description"] == "Misspelling “recieve”: write “receive”"


def test_fingerprints_are_stable_and_unique(tmp_path):
    before = [i["fingerprint"] for i in _report(tmp_path, STORY)]
    moved = STORY.replace("# Talks resume\n", "# Talks resume\n\nA new first paragraph, the ministry said.\n")
    assert [i["fingerprint"] for i in _report(tmp_path, moved)] == before
    # The same promo line twice: two issues, two fingerprints, the first one unchanged.
    doubled = [i["fingerprint"] for i in _report(tmp_path, STORY + "\nPROMO Get the app\n")]
    assert len(doubled) == 4 and len(set(doubled)) == 4
    assert doubled[0] == before[0]
