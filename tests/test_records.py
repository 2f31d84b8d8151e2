"""lint_records: a pure function over plain dicts, and the Dask recipe that runs it on a cluster."""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import pickle
import subprocess
import sys

import pytest
from conftest import ROOT

import newslint

RECORDS = [
    {"id": "a1", "format": "markdown",
     "text": "# Talks stall\n\nAccording to the provided text, Iran left the talks, officials said.\n"},
    {"uri": "urn:wire:2", "headline": "Council passes harbour budget", "versioncreated": "2026-06-28T10:00:00Z",
     "body_text": "As an AI language model, I cannot verify this. The council passed the budget, its clerk said."},
    {"id": "a3", "format": "text", "text": "Harbour Budget Passes\n\nThe council passed the budget, its clerk said.\n"},
]


def test_lint_records_returns_plain_rows_keyed_by_record():
    rows = newslint.lint_records(RECORDS, select=["leakage"])
    got = sorted((r["record"], r["rule"]) for r in rows)
    assert got == [("a1", "leakage/source-text-reference"), ("urn:wire:2", "leakage/assistant-voice"),
                   ("urn:wire:2", "leakage/assistant-voice")]
    assert all(isinstance(v, (str, int, float, bool, dict, list)) for r in rows for v in r.values())
    json.dumps(rows)  # JSON-ready


def test_a_ninjs_record_is_named_by_the_id_the_ninjs_reader_gives_it():
    record = {"id": "internal-7", "uri": "urn:wire:7", "headline": "Council passes harbour budget",
              "body_text": "As an AI language model, I cannot verify this. The council passed the budget."}
    rows = newslint.lint_records([record], select=["leakage"])
    assert rows and {(r["record"], r["path"]) for r in rows} == {("urn:wire:7", "urn:wire:7.json")}


def test_lint_records_pickles_and_is_deterministic():
    fn = pickle.loads(pickle.dumps(newslint.lint_records))  # by reference: what a Dask or Spark worker gets
    rows = fn(RECORDS, select=["leakage"])
    assert sorted((r["record"], r["rule"]) for r in rows) == [
        ("a1", "leakage/source-text-reference"), ("urn:wire:2", "leakage/assistant-voice"),
        ("urn:wire:2", "leakage/assistant-voice")]
    # the same rows in other processes, whose string hashing differs
    code = "import json, sys, newslint; print(json.dumps(newslint.lint_records(json.load(sys.stdin))))"
    outputs = [
        subprocess.run([sys.executable, "-c", code], input=json.dumps(RECORDS), capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    assert json.loads(outputs[0]) == json.loads(outputs[1]) == json.loads(json.dumps(fn(RECORDS)))


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask.distributed is not installed")
def test_dask_recipe_on_a_local_cluster(tmp_path):
    spec = importlib.util.spec_from_file_location("dask_audit", ROOT / "recipes" / "dask_audit.py")
    recipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipe)
    source = tmp_path / "in"
    source.mkdir()
    for n in range(2):
        with (source / f"part{n}.ndjson").open("w", encoding="utf-8") as fh:
            for i, rec in enumerate(RECORDS):
                fh.write(json.dumps({**rec, "id": f"{n}-{i}"} if "id" in rec else {**rec, "uri": f"urn:{n}-{i}"}) + "\n")
    written = recipe.audit(str(source / "*.ndjson"), str(tmp_path / "out"))
    assert len(written) == 2
    rows = [json.loads(line) for name in written for line in open(name, encoding="utf-8") if line.strip()]
    expected = [r for n in range(2) for r in newslint.lint_records(
        [{**rec, "id": f"{n}-{i}"} if "id" in rec else {**rec, "uri": f"urn:{n}-{i}"} for i, rec in enumerate(RECORDS)])]
    assert sorted(json.dumps(r, sort_keys=True) for r in rows) == sorted(json.dumps(r, sort_keys=True) for r in expected)
    assert {r["record"] for r in rows if r["rule"] == "leakage/assistant-voice"} == {"urn:0-1", "urn:1-1"}


def test_lint_records_saves_the_filter_tests_it_derived_for_the_next_call(tmp_path):
    code = ("import newslint; newslint.lint_records([{'id': 'a', 'format': 'markdown', 'text': "
            "'---\\ntitle: Port strike\\n---\\n\\nDock workers left, according to a Reuters report.\\n'}])")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=ROOT)
    (stored,) = (tmp_path / "newslint").glob("literal-filters-*.marshal")
    keys = marshal.loads(stored.read_bytes())
    assert any("according" in key and "(?P<outlet>" in key for key in keys)  # undeclared-basis's, derived on first use
