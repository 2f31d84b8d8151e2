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
    own, others = rx._store(rx.OWN), rx._store(rx.OTHERS)
    assert own is not None and others is not None
    assert len(own.code) > 150 and len(others.code) > 10  # the run saved what it and its modules compiled
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for key, code in [*own.code.items(), *others.code.items()]:
        pattern, flags = rx._unkey(key)
        stored, fresh = rx._from_code(pattern, code), re.compile(pattern, flags)
        assert stored is not None, key
        assert (stored.pattern, stored.flags, stored.groups, stored.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), key
        for text in texts:
            sample = text if isinstance(pattern, str) else text.encode()
            assert _matches(stored, sample) == _matches(fresh, sample), key
    for key in own.code:
        rx.compile(*rx._unkey(key))
    assert own.new == {}  # rx.compile found each in the store: none was compiled afresh


def test_a_damaged_or_foreign_entry_is_compiled_afresh(own_store):
    store = rx._store(rx.OWN)
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
    assert len(files) == 1 and list(marshal.loads(files[0].read_bytes())) == [rx.KEY_ENTRY, r"0:\bharbour\s+master\b"]
    assert rx._store(rx.OWN).new == {}


def test_a_bad_expression_is_the_same_error_as_re_compile_gives(own_store):
    with pytest.raises(re.error, match="missing \\)"):
        rx.compile(r"(unclosed")
    assert rx._store(rx.OWN).new == {}


def test_a_bytes_expression_is_kept_apart_from_the_same_text(own_store):
    assert rx.compile(rb"\d+").match(b"42").group() == b"42"
    assert rx.compile(r"\d+").match("42").group() == "42"
    assert set(rx._store(rx.OWN).new) == {r"0:\d+", r"b0:\d+"}


def test_debug_expressions_go_to_re_compile(own_store, capsys):
    assert rx.compile(r"a+", re.DEBUG).match("aa")
    assert rx._store(rx.OWN).new == {} and capsys.readouterr().out  # re printed its debug dump


COUNT_COMPILES = """
import re._compiler, sys
from newslint.text import rx
rx.warm()
real, compiled = re._compiler.compile, []
re._compiler.compile = lambda p, flags=0: compiled.append(p) or real(p, flags)
{body}
print(len(compiled))
"""


def test_what_modules_compile_through_re_comes_from_stored_code_in_the_next_process(own_store, tmp_path):
    """PyYAML compiles a dozen expressions as it loads (8 ms for one); the ``newslint`` command
    warms re's cache with them before it imports anything."""
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Port strike ends\ndate: 2024-05-01\n---\n\nDock workers returned.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(own_store.parent)}

    def compiles(body: str) -> int:
        script = COUNT_COMPILES.format(body=body)
        return int(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                  check=True).stdout)

    assert compiles("import yaml") > 5  # nothing stored yet
    subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", str(story)],
                   env=env, capture_output=True, check=True)
    assert compiles("import yaml") == 0
    pattern = r"(?P<berth>quay|wharf)-\d{3}"
    assert compiles(f"import re; re.compile({pattern!r})") == 1  # never seen: compiled
    re.purge()
    assert re.compile(pattern).match("quay-123")
    re.compile(pattern.encode())
    rx.note_re_cache()
    rx.save_derived()
    assert compiles(f"import re; assert re.compile({pattern!r}).match('wharf-007')") == 0
    assert compiles(f"import re; assert re.compile({pattern.encode()!r}).match(b'quay-123')") == 0


def _run(*args: str, env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, **kw)


def test_the_command_warms_re_before_its_imports(own_store, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Port strike ends\n---\n\nDock workers returned, the union said.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(own_store.parent)}
    counted = ("import os, re._compiler, sys\nreal, n = re._compiler.compile, []\n"
               "re._compiler.compile = lambda p, flags=0: n.append(p) or real(p, flags)\n"
               "exit = os._exit\nos._exit = lambda code: (print(len(n)), exit(code))\n"
               f"sys.argv = ['newslint', 'check', '--no-cache', '--exit-zero', {str(story)!r}]\n"
               "from newslint.__main__ import main\nmain()\n")
    cold, warm = (int(_run("-c", counted, env=env).stdout.split()[-1]) for _ in range(2))
    assert cold > 30 and warm < 5  # (what rx itself imports compiles before rx.warm runs)


def test_only_what_start_up_compiled_is_kept_never_expressions_built_from_the_copy(own_store, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("Port strike ends\n\nQuarnby said on Monday the strike was over. At 9 a.m. "
                     "Quarnby said the docks had reopened.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(own_store.parent)}
    _run("-m", "newslint", "check", "--no-cache", "--exit-zero", str(story), env=env, check=True)
    script = ("import re, newslint; [re.compile(rf'customer-{i}@example[.]com') for i in range(3)]; "
              "newslint.lint_text('# Harbour\\n\\nWexcombe said the port reopened at 9 a.m., Wexcombe said.\\n')")
    _run("-c", script, env=env, check=True)  # the Python API, inside a host program
    kept = b"".join(p.read_bytes() for p in own_store.glob("*.marshal"))
    assert b"Port strike" not in kept and b"Quarnby" not in kept and b"Wexcombe" not in kept
    assert b"customer-" not in kept
    assert any(own_store.glob("re-cache-*.marshal")) and any(own_store.glob("compiled-expressions-*.marshal"))


def test_a_damaged_or_foreign_cache_file_is_ignored(own_store, monkeypatch):
    own_store.mkdir(parents=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(own_store.parent)}
    others, own = rx._store_path(rx.OTHERS), rx._store_path(rx.OWN)
    others.write_bytes(marshal.dumps({"0\0x": marshal.dumps(0), 5: b"", rx.KEY_ENTRY: rx._file_key().encode()}))
    assert _run("-m", "newslint", "--version", env=env).returncode == 0
    own.write_bytes(marshal.dumps({"0:abc": marshal.dumps((0, [1, 2], 0, {}, ())), rx.KEY_ENTRY: b"another build"}))
    assert rx._store(rx.OWN).code == {}  # the file names another build: none of it is used
    assert rx.compile("abc").match("abc")


def test_a_full_store_starts_afresh_with_what_the_run_compiled(own_store, monkeypatch):
    monkeypatch.setattr(rx, "MAX_STORED", 3)
    for word in ("harbour", "quay", "wharf"):
        assert rx.compile(word).match(word)
    rx.save_derived()
    for word in ("jetty", "berth"):  # two more, which do not fit beside the three
        rx.compile(word)
    rx.save_derived()
    kept = marshal.loads(next(own_store.glob("compiled-expressions-*.marshal")).read_bytes())
    assert sorted(kept) == [rx.KEY_ENTRY, "0:berth", "0:jetty"]  # old entries go: the file stays bounded
