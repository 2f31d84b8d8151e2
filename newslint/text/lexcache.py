"""A compact copy of the spelling lexicon's word lists in the user's cache folder, loaded in a
few milliseconds instead of half a second.

The spelling checker needs wordfreq's English frequencies (321,000 words) and pyspellchecker's
dictionary (160,000 words). Loading them from the packages takes about 0.6 s of CPU (importing
wordfreq, decompressing its msgpack list, parsing pyspellchecker's JSON, building dicts): more
than everything else a one-article run does. So on first use newslint writes a derived table of
exactly what ``newslint.text.spelling`` reads, and later runs map it into memory:

- an open-addressing hash table over bytes: each word (UTF-8) with the index of its frequency
  and a flag "in the dictionary"; a look-up hashes the word (CRC-32) and compares a few bytes,
  so nothing is built at load time and worker processes share the pages;
- the common words (about once per million words or more: the suggestions and "known outright"
  set, 28,000 words) with their frequencies, in wordfreq's order, loaded as a small dict.

The file lives in ``$XDG_CACHE_HOME/newslint`` (``~/.cache/newslint``), is named after a key of
the wordfreq and pyspellchecker versions (and their data files' sizes and times), is written
atomically (a temporary file, then a rename), and is rebuilt when it is missing or damaged. When
the folder cannot be written the table is built in memory for the run. It is derived from the
installed packages on the user's machine and never shipped: wordfreq's data is CC BY-SA 4.0.
"""

from __future__ import annotations

import gc
import marshal
import os
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = 1
MAGIC = b"NLLEX1\n\0"
_HEADER = struct.Struct("<8sIIIII")  # magic, key, values, buckets, records, common (byte lengths / counts)
_RECORD = struct.Struct("<IB")  # frequency index, flags (after the u16 length and the word)
_LEN = struct.Struct("<H")
LISTED = 1  # flag: the word is in the dictionary of real words
COMMON_FLOOR = 1e-6  # frequency of a common word: zipf 3.0 (spelling.COMMON_ZIPF)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection while a table is loaded: loading allocates thousands of objects,
    none of them garbage, and each collection it would trigger walks every object alive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_folder() -> Path:
    """Where newslint keeps derived data: ``$XDG_CACHE_HOME/newslint`` or ``~/.cache/newslint``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


class WordTable:
    """Words with a frequency and flags, looked up in a hash table held in ``buf`` (an mmap of
    the cache file, or bytes built in memory)."""

    __slots__ = ("_buf", "_buckets", "_mask", "_records", "_values", "_mm")

    def __init__(self, buf: Any, buckets: memoryview, records: int, values: list[float], mm: Any = None) -> None:
        self._buf = buf
        self._buckets = buckets
        self._mask = len(buckets) - 1
        self._records = records  # offset of the record area in buf
        self._values = values
        self._mm = mm  # keeps the mapping open

    def _find(self, word: str) -> int:
        """Offset of the word's record fields (after the word), or -1."""
        key = word.encode("utf-8", "surrogatepass")
        if len(key) > 0xFFFF:
            return -1
        record = _LEN.pack(len(key)) + key  # how the record starts: length, word
        n = len(record)
        buf = self._buf
        buckets = self._buckets
        mask = self._mask
        records = self._records - 1
        i = zlib.crc32(key) & mask
        while slot := buckets[i]:
            off = records + slot
            if buf[off : off + n] == record:
                return off + n
            i = (i + 1) & mask
        return -1

    def get(self, word: str, default: float = 0.0) -> float:
        """The word's share of all words; ``default`` for a word wordfreq does not list."""
        off = self._find(word)
        if off < 0:
            return default
        value = self._values[_RECORD.unpack_from(self._buf, off)[0]]
        return value if value > 0 else default

    def listed(self, word: str) -> bool:
        """Whether the word is in the dictionary of real words."""
        off = self._find(word)
        return off >= 0 and bool(self._buf[off + 4] & LISTED)


def build(frequencies: Mapping[str, float], dictionary: Iterable[str], key: str) -> bytes:
    """The cache file's bytes for a frequency list and a dictionary (lowercase words)."""
    listed = frozenset(w.lower() for w in dictionary)
    values = sorted({0.0, *frequencies.values()})
    index = {v: i for i, v in enumerate(values)}
    entries: list[tuple[str, int, int]] = [(w, index[f], LISTED if w in listed else 0) for w, f in frequencies.items()]
    entries += [(w, 0, LISTED) for w in sorted(listed) if w not in frequencies]
    nbuckets = 1 << max(4, (2 * len(entries)).bit_length())
    buckets = array("I", bytes(4 * nbuckets))
    mask = nbuckets - 1
    records = bytearray()
    for word, vi, flags in entries:
        raw = word.encode("utf-8", "surrogatepass")
        if len(raw) > 0xFFFF:
            continue
        i = zlib.crc32(raw) & mask
        while buckets[i]:
            i = (i + 1) & mask
        buckets[i] = len(records) + 1
        records += _LEN.pack(len(raw)) + raw + _RECORD.pack(vi, flags)
    common_words = [w for w, f in frequencies.items() if f >= COMMON_FLOOR and w.isascii() and w.isalpha()]
    common = marshal.dumps(("\n".join(common_words), array("I", [index[frequencies[w]] for w in common_words]).tobytes()))
    key_raw = key.encode()
    head = _HEADER.pack(MAGIC, len(key_raw), len(values), nbuckets, len(records), len(common))
    parts = [head, key_raw, array("d", values).tobytes(), common]
    size = sum(map(len, parts))
    parts.append(bytes(-size % 8))  # align the buckets
    parts += [buckets.tobytes(), bytes(records), MAGIC]
    return b"".join(parts)


def parse(buf: Any, key: str, mm: Any = None) -> tuple[WordTable, dict[str, float]] | None:
    """The table and the common words (word -> frequency, in wordfreq's order) in ``buf``, or
    None when it is not a complete cache file for ``key``."""
    try:
        magic, klen, nvalues, nbuckets, nrecords, ncommon = _HEADER.unpack_from(buf, 0)
        if magic != MAGIC or bytes(buf[len(buf) - len(MAGIC) :]) != MAGIC:
            return None
        pos = _HEADER.size
        if bytes(buf[pos : pos + klen]) != key.encode():
            return None
        pos += klen
        values = array("d", bytes(buf[pos : pos + 8 * nvalues])).tolist()
        pos += 8 * nvalues
        words, idx = marshal.loads(bytes(buf[pos : pos + ncommon]))
        pos += ncommon
        pos += -pos % 8
        if pos + 4 * nbuckets + nrecords + len(MAGIC) != len(buf) or nbuckets & (nbuckets - 1):
            return None
        buckets = memoryview(buf)[pos : pos + 4 * nbuckets].cast("I")
        indices = array("I", idx)
        common_words = words.split("\n") if words else []
        if len(indices) != len(common_words):
            return None
        common = dict(zip(common_words, map(values.__getitem__, indices)))
        return WordTable(buf, buckets, pos + 4 * nbuckets, values, mm), common
    except (ValueError, TypeError, EOFError, IndexError, struct.error):
        return None


def _version(dist: str, site: Path) -> str:
    """The installed version of ``dist``: from its ``.dist-info`` folder beside the package (no
    need to import importlib.metadata, about 40 ms), else from importlib.metadata."""
    norm = dist.replace("-", "_").lower()
    try:
        for entry in os.scandir(site):
            name = entry.name
            if (name.endswith(".dist-info") and name[len(norm) : len(norm) + 1] == "-"
                    and name[: len(norm)].replace("-", "_").replace(".", "_").lower() == norm):
                return name[len(norm) + 1 : -len(".dist-info")]
    except OSError:
        pass
    from importlib.metadata import version

    return version(dist)


def lexicon_key() -> str:
    """What the lexicon table is derived from (for data derived from it in turn)."""
    return _key()


@cache
def _key() -> str:
    """What the table is derived from: the two packages' versions and data file sizes (not their
    mtimes: two virtual environments with the same versions, say pre-commit's and the shell's,
    then share one table instead of each rebuilding it over the other's)."""
    import importlib.util

    parts = [f"newslint-lexcache-{FORMAT}", sys.byteorder]
    for dist, module, data in (("wordfreq", "wordfreq", "data/large_en.msgpack.gz"),
                               ("pyspellchecker", "spellchecker", "resources/en.json.gz")):
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.origin:
            raise ModuleNotFoundError(f"newslint's spelling checker needs the {dist} package", name=module)
        package = Path(spec.origin).parent
        parts.append(f"{dist}={_version(dist, package.parent)}")
        try:
            parts.append(str((package / data).stat().st_size))
        except OSError:
            pass
    return "|".join(parts)


def package_key(dist: str, module: str, *data: str) -> str:
    """A key for data derived from an installed package: its version and the sizes of its data
    files (the same in every environment that installs that version; see ``_key``)."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        raise ModuleNotFoundError(f"newslint needs the {dist} package", name=module)
    package = Path(spec.origin).parent
    parts = [f"{dist}={_version(dist, package.parent)}"]
    for name in data:
        try:
            parts.append(f"{name}:{(package / name).stat().st_size}")
        except OSError:
            parts.append(f"{name}:missing")
    return "|".join(parts)


STALE_DAYS = 30  # derived files of other versions are removed once written this long ago


def remove_stale(kept: Path, pattern: str) -> None:
    """Remove the files matching ``pattern`` beside ``kept`` (derived from other versions) that
    were written over ``STALE_DAYS`` ago: another environment on the machine with other package
    versions may still use a recent one, and removing it at once would have each environment
    rebuild its file whenever the other had run (now at most once a month)."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    for stale in kept.parent.glob(pattern):
        try:
            if stale.name != kept.name and stale.stat().st_mtime < cutoff:
                stale.unlink()
                stale.with_name(f"{stale.name}.lock").unlink(missing_ok=True)  # (merge_cache_entries)
        except OSError:
            pass


def cached_data(name: str, key: str, build: Callable[[], Any]) -> Any:
    """Data (anything ``marshal`` writes) derived from installed packages: read from
    ``<cache folder>/<name>-<hash of key>.marshal`` when it was written for ``key``, else built,
    written atomically and returned."""
    key = f"{FORMAT}|{key}"
    path = cache_folder() / f"{name}-{zlib.crc32(key.encode()):08x}.marshal"
    try:
        with paused_gc():
            stored_key, data = marshal.loads(path.read_bytes())
        if stored_key == key:
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        write_cache_file(path, marshal.dumps((key, data)))
    except (OSError, ValueError):  # a read-only home, or data marshal cannot write
        return data
    remove_stale(path, f"{name}-*.marshal")
    return data


def merge_cache_entries(path: Path, new: dict[str, bytes], max_entries: int, stale: str) -> bool:
    """Add ``new`` entries to the marshal dict in cache file ``path``; False when the file cannot
    be written (a read-only home). The file is read again under a lock first, so processes saving
    at once (a run's workers) add to each other's entries, and written sorted, so the same entries
    make the same file; past ``max_entries`` it starts afresh. Files matching ``stale`` beside it
    (other versions) are removed once stale (``remove_stale``)."""
    try:
        with _locked(path):
            try:
                current = marshal.loads(path.read_bytes())
            except (OSError, EOFError, ValueError, TypeError):
                current = {}
            if not isinstance(current, dict) or len(current) + len(new) > max_entries:
                current = {}
            current.update(new)
            write_cache_file(path, marshal.dumps(dict(sorted(current.items()))))
    except (OSError, ValueError):
        return False
    remove_stale(path, stale)
    return True


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``<path>.lock`` (none where fcntl is missing: Windows)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _source_lists() -> tuple[Mapping[str, float], Iterable[str]]:
    from spellchecker import SpellChecker
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "large"), SpellChecker(language="en", distance=1).word_frequency.dictionary


def _open(path: Path, key: str) -> tuple[WordTable, dict[str, float]] | None:
    import mmap

    try:
        with path.open("rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    with paused_gc():
        loaded = parse(mm, key, mm)
    if loaded is None:
        mm.close()
    return loaded


def write_cache_file(path: Path, data: bytes) -> None:
    """Write derived data to the cache folder atomically (a temporary file, then a rename), so a
    concurrent run reads the old file or the new one, never half of one."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".lexicon-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def load_tables() -> tuple[WordTable, dict[str, float]]:
    """The word table and the common words, from the cache file (built when missing or damaged)."""
    key = _key()
    name = f"lexicon-en-{zlib.crc32(key.encode()):08x}.bin"
    path = cache_folder() / name
    loaded = _open(path, key)
    if loaded is not None:
        return loaded
    frequencies, dictionary = _source_lists()
    data = build(frequencies, dictionary, key)
    try:
        write_cache_file(path, data)
    except OSError:
        pass  # a read-only home: use the table from memory for this run
    else:
        remove_stale(path, "lexicon-en-*.bin")
        loaded = _open(path, key)
        if loaded is not None:
            return loaded
    loaded = parse(data, key)
    assert loaded is not None
    return loaded
