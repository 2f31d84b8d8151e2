"""Parsing the dates that metadata carries (front matter, JSON-LD, ninjs, feeds)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def parse_meta_datetime(value: Any) -> dt.datetime | None:
    """A timezone-aware datetime from a metadata value, or None when it is not a date.

    Accepts ``datetime``/``date`` objects (as YAML loads them), ISO 8601 strings with or without
    a zone (no zone means UTC) and RFC 2822 strings (RSS ``pubDate``).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    text = str(value).strip()
    if not text:
        return None
    iso = text.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(iso)
    except ValueError:
        from email.utils import parsedate_to_datetime  # RSS dates only: 5 ms to import

        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if parsed is None:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
