"""Regular expressions compiled once per machine instead of once per process.

``re.compile`` parses an expression and generates the matcher's code in pure Python: about
0.2 ms for a typical newslint expression, and a one-article run compiles some 200 of them (a
quarter of its time). ``compile`` does the same work on the first run and keeps the generated
code in the user's cache folder; later processes hand that code straight to the matcher, as
``re.compile`` itself does as its last step, in microseconds.

The code is in the interpreter's private format, so the file is keyed by the exact Python build
and the matcher's version (``_sre.MAGIC``). CPython validates code it is given, anything
unexpected (a damaged entry, an interpreter without these pieces) falls back to ``re.compile``,
and tests compare every expression newslint compiles with ``re.compile``'s. What a process
compiled is saved by ``save_derived`` with the literal filters' tests (see ``engine``).
"""

from __future__ import annotations

import marshal
import re
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

FORMAT = 1
MAX_STORED = 4096  # expressions remembered in the cache file (old ones of edited local packs pile up)


class _Store(NamedTuple):
    code: dict[str, bytes]  # "flags:pattern" -> marshal bytes of the matcher's arguments
    new: dict[str, bytes]  # those this process compiled since it last saved


def _private() -> Any:
    """CPython's matcher module, or None when this interpreter lacks the pieces compile uses."""
    try:
        import _sre
        from re import _compiler, _parser

        if callable(getattr(_sre, "compile", None)) and callable(_compiler._code) and callable(_parser.parse):
            return _sre
    except (ImportError, AttributeError):
        pass
    return None


def _store_path() -> Path:
    from newslint.text.lexcache import cache_folder

    import _sre

    key = f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    return cache_folder() / f"compiled-expressions-{zlib.crc32(key.encode()):08x}.marshal"


@cache
def _store() -> _Store | None:
    """This process's memo, loaded from the cache file once; None without the private pieces."""
    if _private() is None:
        return None
    try:
        loaded = marshal.loads(_store_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        loaded = {}
    return _Store(loaded if isinstance(loaded, dict) else {}, {})


def _arguments(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after ``pattern`` itself."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]
    state = tree.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's stand-in
    """``re.compile(pattern, flags)``, from code compiled by an earlier process when there is."""
    store = _store()
    if store is None or flags & re.DEBUG or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    key = f"{flags}:{pattern}"
    import _sre

    stored = store.code.get(key)
    if stored is not None:
        try:
            return _sre.compile(pattern, *marshal.loads(stored))  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a damaged entry or another build's code: compile afresh
            pass
    try:
        arguments = _arguments(pattern, flags)
        compiled = _sre.compile(pattern, *arguments)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - private pieces that changed shape: the public way
        return re.compile(pattern, flags)
    if len(store.code) >= MAX_STORED:
        store.code.clear()
    store.code[key] = store.new[key] = marshal.dumps(arguments)
    return compiled  # type: ignore[no-any-return]


def save_derived() -> None:
    """Add what this process compiled since it last saved to the cache file."""
    from newslint.text.lexcache import merge_cache_entries

    store = _store()
    if store is not None and store.new and merge_cache_entries(_store_path(), store.new, MAX_STORED,
                                                               "compiled-expressions-*.marshal"):
        store.new.clear()
