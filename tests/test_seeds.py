"""The five seed articles against their golden findings (seeds/*.expected.json).

Each golden file lists every finding newslint must report on that seed when the seeds are
checked together (the consistency rules compare them): rule, severity, line and column. The
files were written by reading each finding against the article; a change to a rule that alters
them must be reviewed the same way.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import ROOT, run_cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def findings() -> dict[str, list[dict]]:
    proc = run_cli("check", "--format", "json", "--no-cache", str(ROOT / "seeds"))
    assert proc.returncode == 1, proc.stderr.decode()
    by_file: dict[str, list[dict]] = defaultdict(list)
    for f in json.loads(proc.stdout)["findings"]:
        by_file[f["path"].rsplit("/", 1)[-1]].append(f)
    return by_file


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_matches_golden(seed, findings):
    golden = json.loads(seed.with_suffix(".expected.json").read_text(encoding="utf-8"))
    expected = sorted((g["rule"], g["severity"], g["line"], g["column"]) for g in golden["findings"])
    got = sorted((f["rule"], f["severity"], f["line"], f["column"]) for f in findings[seed.name])
    assert got == expected


def test_every_problem_family_is_caught_somewhere_in_the_seeds(findings):
    families = {f["rule"].split("/")[0] for fs in findings.values() for f in fs}
    assert {"provenance", "attribution", "typos", "spam", "timestamps", "leakage", "structure", "consistency"} <= families


def test_key_seed_problems(findings):
    def rules_at(name: str) -> set[tuple[str, int]]:
        return {(f["rule"], f["line"]) for f in findings[name]}

    assert ("typos/spelling", 17) in rules_at("tehran-walks-back.txt")  # "Theore are stated"
    assert ("timestamps/offset-mismatch", 8) in rules_at("tehran-walks-out.txt")  # 20:46 vs 20:10
    assert ("leakage/source-text-reference", 3) in rules_at("stop-talks-protest.txt")  # "news framing in the text"
    assert ("spam/shopping-call", 13) in rules_at("stop-talks-protest.txt")  # SHOP AMAZON BEST SELLERS
    assert ("spam/continue-reading", 19) in rules_at("iran-pulls-out.txt")
    assert ("provenance/shortened-link", 24) in rules_at("tehran-walks-back.txt")  # reut.rs
    assert ("provenance/vague-source", 13) in rules_at("talks-public-contradictions.txt")  # OSINT
