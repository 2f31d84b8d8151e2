"""Regular expressions compiled once per machine instead of once per process.

``re.compile`` parses an expression and generates the matcher's code in pure Python: about
0.2 ms for a typical newslint expression, and a one-article run compiles some 200 of them (a
quarter of its time). ``compile`` does the same work on the first run and keeps the generated
code in the user's cache folder; later processes hand that code straight to the matcher, as
``re.compile`` itself does as its last step, in microseconds.

The modules newslint imports compile expressions of their own with ``re.compile``, most as they
are imported (PyYAML's reader alone takes 8 ms for one character class). When the ``newslint``
command starts its first article, ``note_re_cache`` keeps the code of what sits in ``re``'s cache
(what those imports compiled: nothing built from the copy yet, nothing of a host program's, as
only the command calls it); ``warm``, called before those imports, puts the same expressions back
into that cache, where ``re.compile`` finds them.

The code is in the interpreter's private format, so the files are keyed by the exact Python build
and the matcher's version (``_sre.MAGIC``). CPython validates code it is given, anything
unexpected (a damaged entry, an interpreter without these pieces) falls back to ``re.compile``,
and tests compare every expression a run compiles with ``re.compile``'s. What a process compiled
is saved by ``save_derived`` with the literal filters' tests (see ``engine``).
"""

from __future__ import annotations

import marshal
import re
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any, AnyStr, NamedTuple

FORMAT = 1
MAX_STORED = 4096  # newslint's own expressions kept; past it the file starts afresh (edited local packs)
MAX_WARM = 256  # expressions put into re's cache (which keeps 512)
OWN, OTHERS = "compiled-expressions", "re-cache"  # the two files: rx.compile's, re.compile's


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


def _store_path(name: str) -> Path:
    from newslint.text.lexcache import cache_folder

    return cache_folder() / f"{name}-{zlib.crc32(_file_key().encode()):08x}.marshal"


def _file_key() -> str:
    """What the stored code is for: this format, this Python build, this matcher."""
    import _sre

    return f"{FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"


KEY_ENTRY = "\0key"  # the entry of each file that holds its _file_key (its name has only a hash of it)


@cache
def _store(name: str) -> _Store | None:
    """This process's memo of one file, loaded once; None without the private pieces."""
    if _private() is None:
        return None
    try:
        loaded = marshal.loads(_store_path(name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        loaded = {}
    if not isinstance(loaded, dict) or loaded.get(KEY_ENTRY) != _file_key().encode():
        loaded = {}
    loaded.pop(KEY_ENTRY, None)
    return _Store(loaded, {})


def _arguments(pattern: str | bytes, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after ``pattern`` itself."""
    from re import _compiler, _parser

    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]
    state = tree.state
    indexgroup: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    return flags | state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup)


def _from_code(pattern: AnyStr, stored: bytes) -> re.Pattern[AnyStr] | None:
    """The expression compiled from stored code; None when the code is damaged or foreign."""
    import _sre

    try:
        return _sre.compile(pattern, *marshal.loads(stored))  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any failure means: compile afresh
        return None


def _key(pattern: AnyStr, flags: int) -> str:
    """A stored expression's key: "flags:pattern", "bflags:pattern" for a bytes pattern."""
    if isinstance(pattern, bytes):
        return f"b{flags}:{pattern.decode('latin-1')}"
    return f"{flags}:{pattern}"


def _unkey(key: str) -> tuple[str | bytes, int]:
    """The pattern and flags of a stored expression's key."""
    flags, _, pattern = key.partition(":")
    if flags.startswith("b"):
        return pattern.encode("latin-1"), int(flags[1:])
    return pattern, int(flags)


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:  # noqa: A001 - re.compile's stand-in
    """``re.compile(pattern, flags)``, from code compiled by an earlier process when there is.
    For expressions fixed by the code, the rule packs or the config: one built from the copy (a
    name it mentions) belongs to ``re.compile``, or the user's cache would fill with the copy."""
    store = _store(OWN)
    if store is None or flags & re.DEBUG or not isinstance(pattern, (str, bytes)):
        return re.compile(pattern, flags)
    flags = int(flags)
    key = _key(pattern, flags)
    stored = store.code.get(key)
    if stored is not None and (compiled := _from_code(pattern, stored)) is not None:
        return compiled
    import _sre

    try:
        arguments = _arguments(pattern, flags)
        compiled = _sre.compile(pattern, *arguments)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - private pieces that changed shape: the public way
        return re.compile(pattern, flags)
    store.code[key] = store.new[key] = marshal.dumps(arguments)
    return compiled


def _re_cache() -> dict[Any, Any] | None:
    """``re``'s own cache ((type, pattern, flags) -> compiled), when it has the shape it has had
    since Python 3.7; None otherwise."""
    found = getattr(re, "_cache", None)
    return found if isinstance(found, dict) else None


def warm() -> None:
    """Put the expressions ``re.compile`` compiled in earlier runs into ``re``'s cache (see above)."""
    cache = _re_cache()
    store = _store(OTHERS)
    if cache is None or store is None:
        return
    for key, stored in list(store.code.items())[:MAX_WARM]:
        try:
            pattern, flags = _unkey(key)
            compiled = _from_code(pattern, stored)
        except Exception:  # noqa: BLE001 - a damaged entry: re.compile will compile it
            continue
        if compiled is not None:
            cache.setdefault((type(pattern), pattern, flags), compiled)


def note_re_cache() -> None:
    """Keep, for ``warm``, the code of what sits in ``re``'s cache and was not kept yet."""
    store = _store(OTHERS)
    if store is None:
        return
    for entry in list(_re_cache() or ()):
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] in (str, bytes)
                and type(entry[1]) is entry[0] and isinstance(entry[2], int)):
            continue
        _, pattern, flags = entry
        key = _key(pattern, flags)
        if flags & re.DEBUG or key in store.code or len(store.code) >= MAX_WARM:
            continue
        try:
            store.code[key] = store.new[key] = marshal.dumps(_arguments(pattern, flags))
        except Exception:  # noqa: BLE001 - not ours to fix: it is simply not kept
            continue


def save_derived() -> None:
    """Add what this process compiled or noted since it last saved to the cache files."""
    from newslint.text.lexcache import merge_cache_entries

    for name, limit in ((OWN, MAX_STORED), (OTHERS, MAX_WARM)):
        store = _store(name)
        if store is None:
            return
        if store.new and merge_cache_entries(_store_path(name), {**store.new, KEY_ENTRY: _file_key().encode()},
                                             limit + 1, f"{name}-*.marshal"):
            store.new.clear()
