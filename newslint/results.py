"""A run's results, held until the report: in memory, or, past ``SPILL_AFTER`` articles in a
run that reads a stream (``FILE_SPILL_AFTER`` in a run of files only), in a temporary SQLite
database, so what a long run holds in memory does not grow with its findings and digests.

The store keeps what the report needs (each article's result, the findings in report order)
and what the corpus rules need (each article's digests), and hands them back as sequences:
plain lists while in memory, ``Rows`` and ``SortedFindings`` read from disk a batch at a time
once spilled. The database is SQLite's private temporary one (``connect("")``: a file in the
temporary folder, removed when the connection closes).
"""

from __future__ import annotations

import pickle
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any, overload

from newslint.model import Finding

if TYPE_CHECKING:
    from newslint.engine import FileResult

SPILL_AFTER = 2000  # articles held in memory; past this, a run with a stream goes to disk
# the same for a run of files only: high enough that most repos' runs stay in memory, where the
# result cache can keep a whole run for replaying it
FILE_SPILL_AFTER = 10_000
READ_BATCH = 500  # rows fetched per query when a sequence is read in order
CACHE_ROWS = 2048  # rows a Rows sequence keeps after reading them by position

_SCHEMA = """
CREATE TABLE files (n INTEGER PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE digests (n INTEGER PRIMARY KEY, blob BLOB NOT NULL);
CREATE TABLE findings (path BLOB, rec BLOB, line INTEGER, col INTEGER, rule BLOB, message BLOB, blob BLOB NOT NULL);
"""


def _dump(obj: Any) -> bytes:
    return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)


def _text(s: str) -> bytes:
    """A sort-key string as bytes that compare as the string does (UTF-8 keeps code-point order;
    ``surrogatepass`` keeps a path's undecodable bytes, which ``os.fsdecode`` made surrogates)."""
    return s.encode("utf-8", "surrogatepass")


class Rows(Sequence[Any]):
    """Pickled objects of one table of the spill database, by position: ``rows[k]`` is row
    ``numbers[k]``. Reading in order fetches a batch at a time; reading by position keeps the
    last ``CACHE_ROWS`` rows read (a story's earliest copy is named by each of its duplicates,
    and compared with each later copy)."""

    def __init__(self, db: sqlite3.Connection, table: str, numbers: Sequence[int]) -> None:
        self._db = db
        self._many = f"SELECT n, blob FROM {table} WHERE n IN"
        self._numbers = numbers
        self._cache: OrderedDict[int, Any] = OrderedDict()

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, k: int) -> Any: ...
    @overload
    def __getitem__(self, k: slice) -> list[Any]: ...
    def __getitem__(self, k: int | slice) -> Any:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return self.pick([k])[0]

    def pick(self, positions: Sequence[int]) -> list[Any]:
        """The objects at ``positions``: the rows read lately from the cache, the others
        ``READ_BATCH`` per query (and then cached)."""
        cache = self._cache
        numbers = [self._numbers[k] for k in positions]
        missing = sorted({n for n in numbers if n not in cache})
        for start in range(0, len(missing), READ_BATCH):
            part = missing[start : start + READ_BATCH]
            for n, blob in self._db.execute(f"{self._many} ({','.join('?' * len(part))})", part):
                cache[n] = pickle.loads(blob)
        found = []
        for n in numbers:
            cache.move_to_end(n)
            found.append(cache[n])
        while len(cache) > CACHE_ROWS:
            cache.popitem(last=False)
        return found

    def __iter__(self) -> Iterator[Any]:
        return self.each(range(len(self)))

    def each(self, positions: Iterable[int]) -> Iterator[Any]:
        """The objects at ``positions``, in that order, reading ``READ_BATCH`` rows per query."""
        positions = iter(positions)
        while wanted := [self._numbers[k] for k in islice(positions, READ_BATCH)]:
            distinct = sorted(set(wanted))
            found = dict(self._db.execute(f"{self._many} ({','.join('?' * len(distinct))})", distinct))
            for n in wanted:
                yield pickle.loads(found[n])

    def derive(self, fn: Callable[[Any], Any]) -> Rows:
        """``fn`` of each row, in order, in a new table of the same database."""
        (tables,) = self._db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        table = f"derived{tables}"
        self._db.execute(f"CREATE TABLE {table} (n INTEGER PRIMARY KEY, blob BLOB NOT NULL)")
        self._db.executemany(f"INSERT INTO {table} (n, blob) VALUES (?, ?)",
                             ((n, _dump(fn(item))) for n, item in enumerate(self)))
        return Rows(self._db, table, range(len(self)))


def derive(items: Sequence[Any], fn: Callable[[Any], Any]) -> Sequence[Any]:
    """``fn`` of each of ``items``, in order: a list, or a table on disk when ``items`` are there
    (what a corpus rule makes of every digest of a spilled run must not fill memory either)."""
    if isinstance(items, Rows):
        return items.derive(fn)
    return [fn(item) for item in items]


def pick(items: Sequence[Any], positions: Sequence[int]) -> list[Any]:
    """``items[k]`` for each k of ``positions``; the rows not read lately in one query when ``items`` is on disk."""
    if isinstance(items, Rows):
        return items.pick(positions)
    return [items[k] for k in positions]


def read_each(items: Sequence[Any], positions: Iterable[int]) -> Iterator[Any]:
    """``items[k]`` for each k of ``positions``; a batch of rows per query when ``items`` is on disk."""
    if isinstance(items, Rows):
        return items.each(positions)
    return (items[k] for k in positions)


class SortedFindings(Collection[Finding]):
    """The findings of a spilled run in report order (``Finding.sort_key``, then the order they
    were added), read a batch at a time; SQLite sorts them on disk."""

    def __init__(self, db: sqlite3.Connection, count: int) -> None:
        self._db = db
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(f == item for f in self)

    def __iter__(self) -> Iterator[Finding]:
        cursor = self._db.execute(
            "SELECT blob FROM findings ORDER BY path, rec, line, col, rule, message, rowid")
        while batch := cursor.fetchmany(READ_BATCH):
            for (blob,) in batch:
                yield pickle.loads(blob)


class ResultStore:
    """Collects a run's results in input order; see the module docstring."""

    def __init__(self, spill_after: int = SPILL_AFTER) -> None:
        self.spill_after = spill_after
        self.files: list[FileResult] = []
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self._digests: list[Any] = []  # each article's distinct digests, in order (numbered from 0)
        self._rows: dict[tuple[str, ...], array[int]] = {}  # the rules sharing a digest -> its numbers
        self._run_level: set[tuple[str, str]] = set()
        self._db: sqlite3.Connection | None = None
        self._file_count = 0
        self._finding_count = 0
        self._digest_count = 0

    @property
    def spilled(self) -> bool:
        return self._db is not None

    def __len__(self) -> int:
        return self._file_count

    def add(self, result: FileResult) -> None:
        """Take one article's result: its digests go to the corpus rules' sequences, its findings
        to the run's (a run-level finding, such as an unreachable server, once per run however
        many worker processes reported it)."""
        self.errors.extend(result.errors)
        shared: dict[int, list[str]] = {}
        objects: dict[int, Any] = {}
        for rid, digest in result.digests.items():
            if digest is not None:
                shared.setdefault(id(digest), []).append(rid)
                objects[id(digest)] = digest
        for key, rids in shared.items():
            self._rows.setdefault(tuple(rids), array("q")).append(self._digest_count)
            self._add_digest(objects[key])
        findings = [f for f in result.findings if self._once(f)]
        self._file_count += 1
        if self._db is None:
            result.digests = {}  # held here until the corpus rules spend them
            self.files.append(result)
            self.findings.extend(findings)
            self._finding_count += len(findings)
            if self._file_count > self.spill_after:
                self._spill()
        else:
            self._db.execute("INSERT INTO files (n, blob) VALUES (?, ?)",
                             (self._file_count - 1, _dump(replace(result, findings=[], digests={}))))
            self.add_findings(findings)

    def add_findings(self, findings: Iterable[Finding]) -> None:
        """Add findings that belong to no one article's result (the corpus rules'), as they come:
        once spilled, ``READ_BATCH`` at a time (a corpus rule may have one for every article).
        Those that came before a failing rule's error are kept."""
        if self._db is None:
            held = len(self.findings)
            try:
                self.findings.extend(findings)
            finally:
                self._finding_count += len(self.findings) - held
            return
        batch: list[Finding] = []
        try:
            for f in findings:
                batch.append(f)
                if len(batch) == READ_BATCH:
                    self._insert(self._db, batch)
                    batch = []
        finally:
            self._insert(self._db, batch)

    def _insert(self, db: sqlite3.Connection, findings: list[Finding]) -> None:
        self._finding_count += len(findings)
        db.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(_text(f.path), _text(f.record_id or ""), f.line, f.column, _text(f.rule), _text(f.message), _dump(f))
             for f in findings])

    def _once(self, f: Finding) -> bool:
        if not f.data.get("run_level"):
            return True
        key = (f.rule, f.message)
        if key in self._run_level:
            return False
        self._run_level.add(key)
        return True

    def _add_digest(self, digest: Any) -> None:
        if self._db is None:
            self._digests.append(digest)
        else:
            self._db.execute("INSERT INTO digests (n, blob) VALUES (?, ?)", (self._digest_count, _dump(digest)))
        self._digest_count += 1

    def _spill(self) -> None:
        """Move everything held so far to a new temporary database; what comes after goes there too."""
        db = sqlite3.connect("", isolation_level=None)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(_SCHEMA)
        db.execute("BEGIN")  # one transaction for the whole run: nothing here needs to survive a crash
        self._db = db
        db.executemany("INSERT INTO files (n, blob) VALUES (?, ?)",
                       ((n, _dump(replace(fr, findings=[]))) for n, fr in enumerate(self.files)))
        db.executemany("INSERT INTO digests (n, blob) VALUES (?, ?)", ((n, _dump(d)) for n, d in enumerate(self._digests)))
        findings, self.findings, self.files, self._digests = self.findings, [], [], []
        self._finding_count -= len(findings)
        self.add_findings(findings)

    def digests(self) -> dict[str, Sequence[Any]]:
        """Each corpus rule's digests, in input order. Rules that got one and the same digest
        from every article get one and the same sequence."""
        by_rules: dict[bytes, Sequence[Any]] = {}
        out: dict[str, Sequence[Any]] = {}
        for rid in sorted({rid for rids in self._rows for rid in rids}):
            parts = [numbers for rids, numbers in self._rows.items() if rid in rids]
            numbers = parts[0] if len(parts) == 1 else array("q", sorted(n for part in parts for n in part))
            key = numbers.tobytes()
            if key not in by_rules:
                if self._db is None:
                    by_rules[key] = [self._digests[n] for n in numbers]
                else:
                    by_rules[key] = Rows(self._db, "digests", numbers)
            out[rid] = by_rules[key]
        return out

    def release_digests(self) -> None:
        """The corpus rules are done: on archive-sized runs the digests are most of the memory held."""
        self._digests = []
        self._rows = {}

    def results(self) -> tuple[Sequence[FileResult], Collection[Finding]]:
        """Every article's result and every finding, in input and report order."""
        if self._db is None:
            self.findings.sort(key=Finding.sort_key)
            return self.files, self.findings
        return Rows(self._db, "files", range(self._file_count)), SortedFindings(self._db, self._finding_count)
