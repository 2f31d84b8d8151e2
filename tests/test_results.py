"""The run's result store: a run spilled to disk reports exactly what a run held in memory
reports, and a spilled store's memory does not grow with the run."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest

from conftest import ROOT

from newslint.checks import consistency
from newslint.config import ConfigResolver
from newslint.engine import Engine, FileResult
from newslint.model import Finding, Severity
from newslint.reporters import ReportOptions
from newslint.reporters.json_format import render
from newslint.results import ResultStore, Rows, SortedFindings, read_each


def _copies(folder: Path) -> list[str]:
    """The seeds, every consistency rule's examples as files, and a stream of their copies."""
    texts = []
    for n, cls in enumerate(consistency.RULES):
        for kind in ("bad", "good"):
            for example in getattr(cls, kind):
                where = folder / f"{n}-{kind}"
                where.mkdir(parents=True, exist_ok=True)
                (where / example["path"]).write_text(example["text"], encoding="utf-8")
                for name, text in example.get("others", {}).items():
                    (where / name).write_text(text, encoding="utf-8")
                texts.append(example["text"])
    with (folder / "feed.ndjson").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts * 3):
            body = text.split("\n---\n", 1)[1]
            fh.write(json.dumps({"uri": f"urn:copy:{i}", "headline": f"Copy {i}", "body_text": body,
                                 "versioncreated": "2026-03-03T10:00:00Z"}) + "\n")
    return [str(ROOT / "seeds"), str(folder), str(folder / "feed.ndjson")]  # (a folder walk skips streams)


def _report(paths: list[str], spill_after: int) -> tuple[str, bool]:
    engine = Engine(ConfigResolver(), metrics=True, spill_after=spill_after)
    run = engine.run(paths)
    out = io.StringIO()
    render(run, out, ReportOptions())
    return out.getvalue(), isinstance(run.findings, SortedFindings)


def test_a_spilled_run_reports_exactly_what_a_run_in_memory_reports(tmp_path):
    paths = _copies(tmp_path)
    held, spilled_held = _report(paths, 10**9)
    spilled, spilled_spilled = _report(paths, 3)
    assert not spilled_held and spilled_spilled
    assert spilled == held
    doc = json.loads(held)
    rules = {f["rule"] for f in doc["findings"]}
    # the corpus rules had something to find, and the stream's records are in the report
    assert {"consistency/near-duplicate", "consistency/figure", "consistency/quote-wording",
            "consistency/report-time", "consistency/post-date"} <= rules
    assert doc["groups"] and any(f.get("record", "").startswith("urn:copy:") for f in doc["findings"])


def _finding(path: str, record: str | None, line: int, rule: str = "typos/x", message: str = "m",
             run_level: bool = False) -> Finding:
    f = Finding(rule, Severity.WARNING, message, path=path, line=line, record_id=record)
    if run_level:
        f.data["run_level"] = True
    return f


def test_spilled_findings_come_back_in_report_order(tmp_path):
    findings = [
        _finding("b.md", None, 3), _finding("a.md", None, 10), _finding("a.md", None, 9),
        _finding("feed.ndjson", "10", 1), _finding("feed.ndjson", "9", 1), _finding("feed.ndjson", None, 1),
        _finding("é.md", None, 1), _finding("z.md", None, 1), _finding("bad\udcff.md", None, 1),
        _finding("a.md", None, 9, message="tie 1"), _finding("a.md", None, 9, rule="spam/y"),
    ]
    findings.append(_finding("a.md", None, 9, message="tie 1"))  # an exact tie keeps the order added
    findings[9].data["added"], findings[-1].data["added"] = "first", "second"
    store = ResultStore(spill_after=0)
    for f in findings:
        store.add(FileResult(f.path, [f]))
    assert store.spilled
    _, kept = store.results()
    got = list(kept)
    assert len(kept) == len(findings)
    assert [f.sort_key() for f in got] == sorted(f.sort_key() for f in findings)
    assert [f.data["added"] for f in got if f.message == "tie 1"] == ["first", "second"]


def test_a_run_level_finding_is_kept_once_in_memory_and_on_disk():
    for spill_after in (0, 100):
        store = ResultStore(spill_after)
        for worker in range(3):
            store.add(FileResult(f"a{worker}.md", [_finding(f"a{worker}.md", None, 1, "typos/server", "down", True),
                                                   _finding(f"a{worker}.md", None, 2)]))
        _, kept = store.results()
        assert [f.rule for f in kept].count("typos/server") == 1 and len(kept) == 4


def test_digests_come_back_per_rule_in_order_shared_by_rules_that_share_them():
    store = ResultStore(spill_after=2)
    shared = [{"n": n} for n in range(6)]
    for n in range(6):
        digests = {"consistency/a": shared[n], "consistency/b": shared[n], "consistency/c": None}
        if n % 2:
            digests["consistency/odd"] = ("odd", n)
        store.add(FileResult(f"a{n}.md", [], digests))
    got = store.digests()
    assert set(got) == {"consistency/a", "consistency/b", "consistency/odd"}  # a None digest is left out
    assert got["consistency/a"] is got["consistency/b"]
    assert list(got["consistency/a"]) == shared and list(got["consistency/odd"]) == [("odd", 1), ("odd", 3), ("odd", 5)]
    rows = got["consistency/a"]
    assert isinstance(rows, Rows) and rows[4] == {"n": 4} and rows[-1] == {"n": 5} and rows[1:3] == shared[1:3]
    assert list(read_each(rows, [5, 0, 5])) == [shared[5], shared[0], shared[5]]


def test_a_spilled_store_holds_no_more_memory_for_more_articles():
    def add(store: ResultStore, start: int, count: int) -> None:
        for n in range(start, start + count):
            path = f"feed-{n}.md"
            findings = [_finding(path, f"urn:{n}", line, message=f"problem {line} in record {n}") for line in range(4)]
            store.add(FileResult(path, findings, {"consistency/x": {"terms": [f"t{n}-{k}" for k in range(30)]}},
                                 metrics={"words": n}))

    store = ResultStore(spill_after=100)
    add(store, 0, 500)  # spilled long ago
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        add(store, 500, 3000)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # held in memory, these 3,000 results would take about 10 MB; spilled, a digest number each
    assert grown < 3000 * 40, grown
    assert len(store) == 3500


def test_derived_rows_are_a_new_table_and_picks_come_from_the_cache_or_one_query(monkeypatch):
    from newslint import results
    from newslint.results import derive, pick

    assert derive([1, 2, 3], lambda n: n * 10) == [10, 20, 30]
    assert pick(["a", "b", "c"], [2, 0, 2]) == ["c", "a", "c"]
    monkeypatch.setattr(results, "CACHE_ROWS", 4)
    store = ResultStore(spill_after=0)
    for n in range(1200):  # more than READ_BATCH: derived in several reads
        store.add(FileResult(f"a{n}.md", [], {"consistency/x": {"n": n}}))
    rows = store.digests()["consistency/x"]
    assert isinstance(rows, Rows)
    tens = derive(rows, lambda d: d["n"] * 10)
    assert isinstance(tens, Rows) and len(tens) == 1200 and list(tens) == [n * 10 for n in range(1200)]
    assert list(rows) == [{"n": n} for n in range(1200)]  # the table derived from is unchanged
    queries: list[str] = []
    tens._db.set_trace_callback(queries.append)
    assert tens.pick([7, 3, 7, 1100]) == [70, 30, 70, 11000]
    assert len(queries) == 1  # the three rows not cached, in one query
    assert tens.pick([3, 7]) == [30, 70] and len(queries) == 1  # read lately: from the cache
    assert tens.pick([0, 1, 2, 4, 5]) == [0, 10, 20, 40, 50] and len(tens._cache) == 4  # the cache stays bounded
    assert tens[-1] == 11990 and tens[1:3] == [10, 20]


def test_corpus_findings_go_to_disk_as_they_come_and_those_before_an_error_are_kept():
    from newslint.results import READ_BATCH

    for spill_after in (0, 10**9):
        store = ResultStore(spill_after)
        store.add(FileResult("a.md", [_finding("a.md", None, 1)]))

        def corpus():
            for n in range(2 * READ_BATCH + 5):
                if store.spilled and n % READ_BATCH == 0:  # nothing is held back longer than a batch
                    assert len(store.results()[1]) == 1 + n
                yield _finding("b.md", None, n + 1, rule="consistency/x")
            raise RuntimeError("rule failed")

        with pytest.raises(RuntimeError):
            store.add_findings(corpus())
        _, kept = store.results()
        assert len(kept) == len(list(kept)) == 2 * READ_BATCH + 6


def _spilled_stories(stories: int, copies: int, seed: int) -> Rows:
    """The digests of ``copies`` copies of each of ``stories`` stories, spilled to disk, the
    copies of a story ``stories`` articles apart (as in a stream cycling through its sources)."""
    import datetime as dt
    import random
    from array import array

    from newslint.text.story import Place, StoryDigest

    rng = random.Random(seed)
    vocab = [f"term{k}" for k in range(3000)]
    made = [(rng.sample(vocab, 40), array("I", sorted(rng.sample(range(1 << 32), 128)))) for _ in range(stories)]
    store = ResultStore(spill_after=0)
    for copy in range(copies):
        for story, (terms, sketch) in enumerate(made):
            digest = StoryDigest(f"s{story}-{copy}.md", None, "", tuple(terms), array("d", [2.5] * 40), tuple(terms),
                                 frozenset(terms[:10]), sketch, 500, dt.date(2026, 3, 3), (), Place(1, 1, 1, 2, "", 1))
            store.add(FileResult(digest.path, [], {"consistency/x": digest}))
    return store.digests()["consistency/x"]


def test_grouping_a_spilled_run_keeps_its_story_keys_on_disk(monkeypatch):
    """What comparing copies takes of each article (about 2 KB: key terms, weights, names, sketch)
    is read back from disk as needed; memory grows by a few numbers per article, and the groups."""
    from newslint import results

    monkeypatch.setattr(results, "CACHE_ROWS", 64)

    def peak(rows: Rows) -> int:
        tracemalloc.start()
        try:
            stories = consistency.group_stories(rows)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert len(stories.groups) == len(rows) // 3

    small, large = _spilled_stories(200, 3, 2), _spilled_stories(1000, 3, 2)
    grown = (peak(large) - peak(small)) / 2400
    assert grown < 600, grown


def test_grouping_reads_each_spilled_key_back_about_once_not_once_per_pair(monkeypatch):
    from newslint import results

    monkeypatch.setattr(results, "CACHE_ROWS", 64)
    rows = _spilled_stories(60, 10, 4)  # 600 articles, 2,700 pairs of copies
    missed: list[int] = []
    pick = Rows.pick

    def counted(self: Rows, positions: list[int]) -> list:
        missed.extend(k for k in positions if self._numbers[k] not in self._cache)
        return pick(self, positions)

    monkeypatch.setattr(Rows, "pick", counted)
    stories = consistency.group_stories(rows)
    assert len(stories.groups) == 60 and len(stories.duplicates) == 540
    # each article read by position as a later copy, and then found in the cache as a partner
    # (taking the later copies in article order, most of the 2,700 partners were reads)
    assert len(missed) < 700, len(missed)
