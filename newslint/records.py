"""Linting plain records: the pure, picklable entry point for distributed engines.

``lint_records(records)`` takes plain dicts and returns plain dicts, so it can run inside any
engine that ships functions and data between machines (Dask ``map_partitions``, Spark
``mapPartitions``, multiprocessing). A record is either

- an IPTC ninjs document (``headline``, ``body_text``/``bodyText``, ``versioncreated`` ...), or
- ``{"id": ..., "text": ..., "format": "markdown" | "text" | "html", "path": ...}``, where ``text``
  is the article as it would be stored in a file (Markdown may carry front matter).

Per-article rules run; cross-article (consistency) rules need every article at once and are not
part of this function.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from newslint.config import Config

SUFFIXES = {"markdown": ".md", "text": ".txt", "html": ".html"}


def _source(record: Mapping[str, Any], n: int) -> tuple[bytes, str, str, str]:
    """(bytes, path, format, record id) of a record: a text record's id is its ``id`` (else
    ``uri``, ``guid``), a ninjs record's the one the ninjs reader gives it; else ``record-N``."""
    if "text" in record:
        rid = str(record.get("id") or record.get("uri") or record.get("guid") or f"record-{n}")
        fmt = str(record.get("format", "markdown"))
        path = str(record.get("path") or f"{rid}{SUFFIXES.get(fmt, '.md')}")
        return str(record["text"]).encode("utf-8"), path, fmt, rid
    from newslint.readers.ninjs import record_id

    rid = record_id(record) or f"record-{n}"
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    return data, str(record.get("path") or f"{rid}.json"), "ninjs", rid


def lint_records(records: Iterable[Mapping[str, Any]], select: Iterable[str] | None = None,
                 ignore: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Findings (as JSON-ready dicts, each with its ``record`` id) for every record."""
    from newslint.config import FixedResolver
    from newslint.engine import Engine, save_derived_data
    from newslint.reporters.json_format import finding_dict

    config = Config(select=tuple(select) if select is not None else None, ignore=tuple(ignore))
    engine = Engine(FixedResolver(config), plugins=True)
    out: list[dict[str, Any]] = []
    for n, record in enumerate(records):
        data, path, fmt, rid = _source(record, n)
        for result in engine.lint_data(data, path, config, fmt=fmt):
            for f in result.findings:
                row = finding_dict(f)
                row["record"] = f.record_id or rid
                out.append(row)
    save_derived_data()  # a cluster worker lints many partitions: derive the filters once
    return out
