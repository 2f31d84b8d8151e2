"""newslint.text.rx: expressions compiled from stored code match exactly as ``re.compile``'s do."""

from __future__ import annotations

import functools
import marshal
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from newslint.text import rx

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """rx with a cache folder and a memo of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(rx, "_store", functools.cache(rx._store.__wrapped__))
    return tmp_path / "newslint"


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_every_expression_a_run_compiles_matches_from_stored_code_as_re_compile_does(own_store):
    env = {**os.environ, "XDG_CACHE_HOME": str(own_store.parent)}
    cmd = [sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", str(ROOT / "seeds")]
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    store = rx._store()
    assert store is not None and len(store.code) > 150  # the run saved what it compiled
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for key in store.code:
        flags, pattern = key.split(":", 1)
        stored, fresh = rx.compile(pattern, int(flags)), re.compile(pattern, int(flags))
        assert (stored.pattern, stored.flags, stored.groups, stored.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), key
        for text in texts:
            assert _matches(stored, text) == _matches(fresh, text), key
    assert store.new == {}  # each came from the stored code, none was compiled again


def test_a_damaged_or_foreign_entry_is_compiled_afresh(own_store):
    store = rx._store()
    assert store is not None
    pattern = r"(?P<who>officials?|police)\s+said"
    store.code[f"0:{pattern}"] = b"not marshal data"
    store.code[f"2:{pattern}"] = marshal.dumps((2, [1, 2, 3], 0, {}, ()))  # code the matcher rejects
    for flags in (0, re.IGNORECASE):
        compiled = rx.compile(pattern, flags)
        text = "Police said on Monday that officials said nothing."
        assert _matches(compiled, text) == _matches(re.compile(pattern, flags), text)
    assert set(store.new) == {f"0:{pattern}", f"2:{pattern}"}  # replaced by good code, saved next time


def test_what_a_process_compiles_is_saved_once_and_read_back(own_store):
    assert rx.compile(r"\bharbour\s+master\b").search("the harbour  master")
    rx.save_derived()
    rx.save_derived()  # nothing new: nothing to add
    files = list(own_store.glob("compiled-expressions-*.marshal"))
    assert len(files) == 1 and list(marshal.loads(files[0].read_bytes())) == [r"0:\bharbour\s+master\b"]
    assert rx._store().new == {}


def test_a_bad_expression_is_the_same_error_as_re_compile_gives(own_store):
    with pytest.raises(re.error, match="missing \\)"):
        rx.compile(r"(unclosed")
    assert rx._store().new == {}


def test_bytes_expressions_and_debug_flags_go_to_re_compile(own_store):
    assert rx.compile(rb"\d+").match(b"42").group() == b"42"  # type: ignore[arg-type]
    assert rx._store().new == {}
