"""A content-hash result cache, so re-runs over unchanged copy cost almost nothing.

A file's results are stored under a key made of its bytes, its display path, its effective config
and the versions of newslint, the built-in rule packs and data, and any plugins. mtimes are never
used. The store is one SQLite file in the cache folder (``.newslint_cache`` by default).
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newslint.data import rules_dir

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
SCHEMA_VERSION = 3  # raise it when a pickled result type (Finding, FileResult, StoryDigest ...) changes shape


@cache
def code_version() -> str:
    """newslint's version plus a digest of every built-in pack and data file and the plugins."""
    from newslint import __version__
    from newslint.plugins import entry_points

    h = hashlib.blake2b(f"{__version__}|{SCHEMA_VERSION}".encode(), digest_size=16)
    for path in sorted(rules_dir().rglob("*.yaml")):
        h.update(path.relative_to(rules_dir()).as_posix().encode())
        h.update(path.read_bytes())
    for ep in entry_points():
        h.update(f"{ep.name}={ep.value}@{ep.dist.version if ep.dist else ''}".encode())
    return h.hexdigest()


FLUSH_BYTES = 8 << 20  # pickled results held before they are written (in one transaction)
LOOKUP_BATCH = 500  # keys looked up per query


@dataclass
class ResultCache:
    """Read and write pickled per-file results; writes are batched, each ``FLUSH_BYTES`` of
    results in a transaction of its own, the rest at ``close``.

    A cache that cannot be opened or written (read-only folder, corrupt file) turns itself off:
    the run goes on uncached, and one line on stderr says so.
    """

    folder: Path
    _db: sqlite3.Connection | None = None
    _pending: list[tuple[str, bytes]] = field(default_factory=list)
    _pending_bytes: int = 0
    _broken: bool = False

    @staticmethod
    def key(data: bytes, display: str, config_fingerprint: str, extra: str = "") -> str:
        """The cache key of one file: its bytes, name, effective config and the code's version."""
        h = hashlib.blake2b(digest_size=20)
        for part in (code_version(), config_fingerprint, display, extra):
            h.update(part.encode())
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _disable(self, exc: Exception) -> None:
        if not self._broken:
            sys.stderr.write(f"newslint: result cache {self.folder} unusable ({exc}); running without it\n")
        self._broken = True
        self._pending.clear()

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by newslint\n*\n", encoding="utf-8")
            self._db = sqlite3.connect(self.folder / "results.sqlite3", timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(SCHEMA)
        return self._db

    def has(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` that have a stored result (which may still fail to load: see ``get``)."""
        found: set[str] = set()
        if self._broken or not keys:  # (nothing to look up: the cache folder is not made)
            return found
        try:
            db = self._conn()
            for start in range(0, len(keys), LOOKUP_BATCH):
                part = keys[start : start + LOOKUP_BATCH]
                found.update(k for (k,) in db.execute(
                    f"SELECT key FROM results WHERE key IN ({','.join('?' * len(part))})", part))
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
        return found

    def get(self, key: str) -> Any | None:
        if self._broken:
            return None
        try:
            row = self._conn().execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return None
        if row is None:
            return None
        from newslint.text.lexcache import paused_gc

        try:
            with paused_gc():  # a replayed run is many small objects, none of them garbage
                return pickle.loads(row[0])
        except Exception:  # an entry from an incompatible version: treat as a miss
            return None

    def put(self, key: str, value: Any) -> None:
        if not self._broken:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending.append((key, blob))
            self._pending_bytes += len(blob)
            if self._pending_bytes > FLUSH_BYTES:  # a long run does not hold all it writes
                self._flush()

    def _flush(self) -> None:
        try:
            if self._pending and not self._broken:
                db = self._conn()
                with db:
                    db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", self._pending)
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
        finally:
            self._pending.clear()
            self._pending_bytes = 0

    def close(self) -> None:
        try:
            self._flush()
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None
