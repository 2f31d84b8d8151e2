"""Speed features keep their promises: same output whatever -j is, a cache keyed by content and
config (never by mtime), and no heavy module loaded at CLI import."""

from __future__ import annotations

import functools
import json
import marshal
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from newslint.cache import ResultCache
from newslint.config import Config, FixedResolver
from newslint.engine import PARALLEL_MIN_FILES, Engine

STORY = (
    "Harbour Budget Passes\n\nThe council approved the harbour budget on Monday, its clerk said. "
    "Officials say the vote was close. {n} barges were waiting, accoring to the port.\n"
)


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(STORY.format(n=i + 2), encoding="utf-8")
    return folder


def test_output_is_identical_whatever_the_number_of_jobs(tmp_path):
    folder = _corpus(tmp_path / "copy", 3 * PARALLEL_MIN_FILES)
    one = run_cli("check", "--format", "json", "--no-cache", "-j", "1", str(folder))
    two = run_cli("check", "--format", "json", "--no-cache", "-j", "2", str(folder))
    assert one.returncode == two.returncode == 1
    assert json.loads(one.stdout)["findings"] == json.loads(two.stdout)["findings"]
    assert len(json.loads(one.stdout)["findings"]) >= 3 * PARALLEL_MIN_FILES


def test_cache_replays_results_without_linting(tmp_path, monkeypatch):
    folder = _corpus(tmp_path / "copy", 5)
    cache_dir = tmp_path / "cache"
    first = Engine(FixedResolver(Config()), cache=ResultCache(cache_dir)).run([str(folder)])
    with sqlite3.connect(cache_dir / "results.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM results WHERE key NOT LIKE 'run:%'").fetchone()[0] == 5

    def boom(*args, **kwargs):
        raise AssertionError("a cached file was linted again")

    monkeypatch.setattr(Engine, "lint_data", boom)
    second = Engine(FixedResolver(Config()), cache=ResultCache(cache_dir)).run([str(folder)])
    assert [(f.path, f.line, f.column, f.rule, f.message) for f in second.findings] == [
        (f.path, f.line, f.column, f.rule, f.message) for f in first.findings
    ]


def test_cache_is_keyed_by_content_and_config_not_mtime(tmp_path):
    folder = _corpus(tmp_path / "copy", 2)
    cache_dir = tmp_path / "cache"
    target = folder / "a000.txt"

    def rules(config: Config) -> set[str]:
        run = Engine(FixedResolver(config), cache=ResultCache(cache_dir)).run([str(target)])
        return {f.rule for f in run.findings}

    assert "typos/spelling" in rules(Config())  # "accoring"
    stat = target.stat()
    target.write_text(STORY.format(n=2).replace("accoring", "according"), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, new content
    assert "typos/spelling" not in rules(Config())
    everything = rules(Config())
    assert any(not r.startswith("structure/") for r in everything)  # so a cached result would show
    assert rules(Config(select=("structure",))) == {r for r in everything if r.startswith("structure/")}


def test_cli_cache_flags(tmp_path):
    folder = _corpus(tmp_path / "copy", 2)
    run_cli("check", "--cache-dir", str(tmp_path / "c"), str(folder))
    assert (tmp_path / "c" / "results.sqlite3").exists()
    assert (tmp_path / "c" / ".gitignore").read_text().strip().endswith("*")
    run_cli("check", "--no-cache", str(folder), cwd=tmp_path)
    assert not (tmp_path / ".newslint_cache").exists()


def test_unusable_cache_is_skipped_with_one_message(tmp_path):
    folder = _corpus(tmp_path / "copy", 2)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = run_cli("check", "--format", "json", "--cache-dir", str(blocker / "c"), str(folder))
    assert proc.returncode == 1 and json.loads(proc.stdout)["findings"]
    assert proc.stderr.decode().count("result cache") == 1


def test_cli_import_loads_nothing_heavy():
    code = ("import sys, newslint.cli; heavy = ['rich', 'yaml', 'wordfreq', 'spellchecker', 'selectolax', 'pyphen', "
            "'newslint.engine', 'newslint.checks']; print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_bad_jobs_is_a_usage_error(tmp_path, jobs):
    folder = _corpus(tmp_path / "copy", 1)
    assert run_cli("check", "-j", jobs, str(folder)).returncode == 2


def test_a_lone_article_skips_the_story_digest_and_its_cached_result_is_not_reused_in_a_corpus(tmp_path):
    from newslint.registry import builtin_registry

    seeds = ROOT / "seeds"
    pair = [seeds / "tehran-walks-out.txt", seeds / "tehran-walks-back.txt"]  # two copies of one story
    engine = Engine(FixedResolver(Config()), cache=ResultCache(tmp_path / "cache"))
    alone = engine.lint_data(pair[0].read_bytes(), str(pair[0]), Config(), corpus=False)
    assert [r.digests for r in alone] == [{}]
    assert any(cls.id.startswith("consistency/") for cls in builtin_registry().sorted())
    engine.run([str(pair[0])])  # cached without digests ...
    together = Engine(FixedResolver(Config()), cache=ResultCache(tmp_path / "cache")).run([str(p) for p in pair])
    fresh = Engine(FixedResolver(Config())).run([str(p) for p in pair])
    # ... so the two-article run does not replay it: its consistency findings match an uncached run
    consistency = [f.rule for f in fresh.findings if f.rule.startswith("consistency/")]
    assert consistency and [f.rule for f in together.findings if f.rule.startswith("consistency/")] == consistency


def test_output_and_derived_data_are_the_same_whatever_the_hash_seed(tmp_path):
    """String hashing differs between processes: nothing newslint reports or derives may depend on
    set order (an expression built in set order would also be derived again, and the user-cache
    file rewritten, on every run)."""
    seeds = ROOT / "seeds"
    contents, reports = [], []
    for seed in ("1", "2"):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / seed), "PYTHONHASHSEED": seed}
        cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", "--format", "json", str(seeds)]
        reports.append(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)
        folder = tmp_path / seed / "newslint"
        contents.append({p.name: p.read_bytes() for p in folder.glob("*.marshal")})
    assert contents[0].keys() == contents[1].keys() and any(n.startswith("literal-filters") for n in contents[0])
    assert [n for n in contents[0] if contents[0][n] != contents[1][n]] == []
    assert json.loads(reports[0])["findings"] and reports[0] == reports[1]


def test_derived_literal_tests_are_saved_when_asked_and_only_when_new(tmp_path, monkeypatch):
    from newslint.text import lexcache, literals

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(literals, "_store", functools.cache(literals._store.__wrapped__))  # this test's own memo
    writes: list[str] = []
    real = lexcache.write_cache_file
    def counted(path, data):  # (the first look-up of a word also builds the lexicon's files)
        if path.name.startswith("literal-filters-"):
            writes.append(path.name)
        real(path, data)

    monkeypatch.setattr(lexcache, "write_cache_file", counted)
    words = ["harbour", "dredging", "ferry", "tariff"]
    for word in words:
        literals.expression_checks(rf"\b{word}\b")
    assert writes == []  # deriving writes nothing ...
    literals.save_derived()
    assert len(writes) == 1  # ... saving writes once
    literals.save_derived()
    assert len(writes) == 1  # nothing new: nothing written
    literals.expression_checks(r"\bquay\b")
    literals.save_derived()
    stored = marshal.loads(next((tmp_path / "newslint").glob("literal-filters-*.marshal")).read_bytes())
    assert len(writes) == 2 and sum(w in key for key in stored for w in [*words, "quay"]) == 5
    assert list(stored) == sorted(stored)


def test_what_worker_processes_derive_is_saved_too(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    from newslint.engine import PARALLEL_MIN_FILES

    for n in range(2 * PARALLEL_MIN_FILES + 1):  # two worker processes; front matter and an outlet's report
        (folder / f"story-{n}.md").write_text(  # bring in expressions no warm-up derives
            f"---\ntitle: Port strike ends {n}\n---\n\nDock workers returned on Monday, according to a "
            f"Reuters report, the union said. Copy {n}.\n", encoding="utf-8")
    stored = []
    for jobs in ("1", "2"):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / jobs)}
        subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", "-j", jobs, str(folder)],
                       env=env, capture_output=True, check=True)
        stored.append(marshal.loads(next((tmp_path / jobs / "newslint").glob("literal-filters-*.marshal")).read_bytes()))
    assert stored[0].keys() == stored[1].keys()


def test_derived_files_of_other_versions_are_removed_only_once_long_unused(tmp_path):
    from newslint.text.lexcache import STALE_DAYS, remove_stale

    kept, recent, old = (tmp_path / f"lexicon-en-{n}.bin" for n in ("aa", "bb", "cc"))
    for p in (kept, recent, old):
        p.write_bytes(b"x")
    long_ago = time.time() - (STALE_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(kept, (long_ago, long_ago))
    remove_stale(kept, "lexicon-en-*.bin")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon-en-aa.bin", "lexicon-en-bb.bin"]


def test_keys_of_derived_data_do_not_depend_on_where_or_when_a_package_was_installed(tmp_path, monkeypatch):
    """Two virtual environments with the same package versions (pre-commit's and the shell's)
    share the derived files instead of each rebuilding them over the other's."""
    from newslint.text.lexcache import package_key

    for site in ("env1", "env2"):
        pkg = tmp_path / site / "fakepkg"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "table.dat").write_bytes(b"0123456789")
        (tmp_path / site / "fakepkg-1.2.dist-info").mkdir()
    later = time.time() + 3600
    os.utime(tmp_path / "env2" / "fakepkg" / "table.dat", (later, later))
    keys = []
    for site in ("env1", "env2"):
        monkeypatch.syspath_prepend(str(tmp_path / site))
        sys.modules.pop("fakepkg", None)
        keys.append(package_key("fakepkg", "fakepkg", "table.dat"))
        monkeypatch.undo()
    assert keys[0] == keys[1] == "fakepkg=1.2|table.dat:10"


@pytest.fixture
def gc_paused():
    """The cyclic GC paused as the ``newslint`` command starts; restored afterwards."""
    import gc

    gc.disable()
    yield gc
    gc.unfreeze()
    gc.enable()


# Runs the newslint command in-process and reports, as it exits, whether the GC is on and how
# many objects are frozen (the command leaves through os._exit).
GC_AT_EXIT = """
import gc, os, sys
real_exit = os._exit
def report(code):
    sys.stderr.write(f"\\ngc-at-exit {gc.isenabled()} {gc.get_freeze_count()}\\n")
    real_exit(code)
os._exit = report
sys.argv = ["newslint", *sys.argv[1:]]
from newslint.__main__ import main
main()
"""


def _gc_at_exit(*args: str) -> tuple[bool, int]:
    proc = subprocess.run([sys.executable, "-c", GC_AT_EXIT, *args], capture_output=True, text=True)
    enabled, frozen = proc.stderr.rsplit("gc-at-exit ", 1)[1].split()
    return enabled == "True", int(frozen)


@pytest.mark.parametrize("mode", [[], ["--fix"], ["--diff"], ["-j", "2"]])
def test_the_command_turns_the_gc_back_on_after_its_first_article(tmp_path, mode):
    folder = _corpus(tmp_path / "copy", 2 * PARALLEL_MIN_FILES + 1)
    enabled, frozen = _gc_at_exit("check", "--no-cache", "--exit-zero", *mode, str(folder))
    assert enabled and frozen > 10_000  # on, with start-up's objects left out of its collections


def test_other_commands_turn_the_gc_back_on_as_they_start(tmp_path):
    assert _gc_at_exit("rules") == (True, 0)


def test_an_engine_never_turns_on_a_gc_its_caller_did_not_pause(tmp_path, gc_paused):
    folder = _corpus(tmp_path / "copy", 1)
    story = next(folder.iterdir())
    Engine(FixedResolver(Config())).lint_data(story.read_bytes(), str(story), Config())
    assert not gc_paused.isenabled()  # a library caller's choice stands


def test_linting_leaves_no_cyclic_garbage(gc_paused):
    """An article's analyses refer back to it; the engine drops them once its results are taken,
    so nothing is left for the cyclic collector (it took a twelfth of a run)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    engine = Engine(FixedResolver(Config()), metrics=True, keep_text=True)
    engine.lint_data(seeds[0].read_bytes(), str(seeds[0]), Config())  # lazily loaded data, once
    gc_paused.collect()
    results = [engine.lint_data(p.read_bytes(), str(p), Config()) for p in seeds]
    assert all(r[0].findings for r in results) and gc_paused.collect() == 0


def test_a_released_article_computes_its_analyses_again():
    from conftest import article

    story = article("Port strike ends\n\nDock workers returned on Monday, the union said.\n")
    sentences = story.sentences
    story.memo("key", lambda: 1)
    story.release()
    assert "sentences" not in vars(story) and story.memo("key", lambda: 2) == 2
    assert story.sentences == sentences


def _rendered(run) -> str:
    import io

    from newslint.reporters import ReportOptions
    from newslint.reporters.json_format import render

    out = io.StringIO()
    render(run, out, ReportOptions())
    return out.getvalue()


def test_files_kept_as_they_are_linted_report_what_a_run_held_whole_reports(tmp_path, monkeypatch):
    """Files are read, linted a few chunks at a time and kept in input order whatever comes
    between them (cached files, unreadable ones, a stream), read again when past the bytes held,
    and spilled to disk past ``file_spill_after``: the report is the same."""
    from newslint import engine as engine_module
    from newslint.config import ConfigResolver

    first, second = _corpus(tmp_path / "one", 3 * PARALLEL_MIN_FILES), _corpus(tmp_path / "two", PARALLEL_MIN_FILES)
    (first / "a010.txt").write_bytes(b"\x00\x01binary")  # fails to read: kept in its place
    (second / "a005.txt").write_text(STORY.format(n=7).replace("Monday", "Monday\n\nSHOP AMAZON BEST SELLERS"))
    feed = tmp_path / "feed.ndjson"
    feed.write_text("".join(json.dumps({"uri": f"urn:{i}", "headline": f"Story {i}", "body_text": STORY.format(n=i)})
                            + "\n" for i in range(5)), encoding="utf-8")
    paths = [str(first), str(feed), str(second)]
    whole = _rendered(Engine(ConfigResolver(), jobs=1, metrics=True).run(paths))  # (metrics: in input order)
    found = json.loads(whole)["findings"]
    assert any(f["path"].endswith("one/a010.txt") for f in found)  # the binary file, in its place
    assert any(f.get("record") == "urn:4" for f in found) and any("SHOP" in f["message"] for f in found)
    monkeypatch.setattr(engine_module, "HELD_BYTES", 2000)  # most files read again to be linted
    for jobs in (1, 2):
        for cached in (False, True):
            cache = None
            if cached:  # some files' results are in the cache, between files to lint
                cache = ResultCache(tmp_path / f"cache{jobs}")
                some = [str(first / "a003.txt"), str(first / "a040.txt"), str(second)]
                Engine(ConfigResolver(), metrics=True, cache=cache).run(some)
            run = Engine(ConfigResolver(), jobs=jobs, metrics=True, cache=cache, file_spill_after=3).run(paths)
            assert _rendered(run) == whole, (jobs, cached)


def test_a_file_changed_after_its_cache_key_was_made_is_cached_as_it_was_linted(tmp_path, monkeypatch):
    from newslint import engine as engine_module

    monkeypatch.setattr(engine_module, "HELD_BYTES", 0)  # every file read again to be linted
    folder = _corpus(tmp_path / "copy", 3)
    target = folder / "a001.txt"
    old, new = target.read_text(), STORY.format(n=3).replace("accoring", "according")
    cache_dir = tmp_path / "cache"

    def rules(change: bool = False) -> set[str]:
        def progress(done: float, total: int) -> None:
            if change and done == 0:  # after the keys are made, before anything is linted
                target.write_text(new, encoding="utf-8")

        run = Engine(FixedResolver(Config()), cache=ResultCache(cache_dir)).run([str(folder)], progress=progress)
        return {f.rule for f in run.findings if f.path.endswith("a001.txt")}

    assert "accoring" in old
    assert "typos/spelling" not in rules(change=True)  # linted as changed
    assert "typos/spelling" not in rules()  # replayed as changed
    target.write_text(old, encoding="utf-8")
    assert "typos/spelling" in rules()  # neither the run nor the file was cached under the old text's key


def test_cache_writes_a_long_run_in_batches_not_all_at_close(tmp_path, monkeypatch):
    from newslint import cache as cache_module

    monkeypatch.setattr(cache_module, "FLUSH_BYTES", 10_000)
    cache = ResultCache(tmp_path / "c")
    for n in range(50):
        cache.put(f"k{n}", "x" * 1000)
    with sqlite3.connect(tmp_path / "c" / "results.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] >= 40  # all but the last batch
    cache.close()
    assert ResultCache(tmp_path / "c").has(["k0", "k49", "k50"]) == {"k0", "k49"}


def test_a_rerun_replays_each_file_from_the_cache_as_it_is_kept_not_all_first(tmp_path, monkeypatch):
    from newslint.results import ResultStore

    folder = _corpus(tmp_path / "copy", 30)
    Engine(FixedResolver(Config()), cache=ResultCache(tmp_path / "c")).run([str(folder)])
    (folder / "a029.txt").write_text(STORY.format(n=99), encoding="utf-8")  # no whole-run replay
    events: list[str] = []
    get, add = ResultCache.get, ResultStore.add
    monkeypatch.setattr(ResultCache, "get", lambda self, key: events.append("get") or get(self, key))
    monkeypatch.setattr(ResultStore, "add", lambda self, result: events.append("keep") or add(self, result))
    Engine(FixedResolver(Config()), cache=ResultCache(tmp_path / "c")).run([str(folder)])
    assert events[0] == "get"  # the whole run's entry (not there: a file changed)
    assert events.count("get") == 1 + 29 and events.count("keep") == 30
    assert "get, get" not in ", ".join(events[1:])  # each replayed result kept before the next is read
