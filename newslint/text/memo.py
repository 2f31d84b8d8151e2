"""Per-process memos of word-level results that stay bounded on long runs.

The analyses remember what they work out per word (syllables, key terms, token keys) in plain
``functools.cache`` memos and empty each one now and then with ``bound``, instead of using an
``lru_cache`` with a size limit: an LRU moves an entry to the front of its list on every hit,
which in a full run (entries out of the processor's cache) was from a fifth to most of a
look-up's time. A memo emptied past its limit costs a run a few thousand look-ups again, once.
"""

from __future__ import annotations

from typing import Any


def bound(memo: Any, limit: int) -> None:
    """Empty ``memo`` (a ``functools.cache`` function) when it holds more than ``limit`` entries."""
    if memo.cache_info().currsize > limit:
        memo.cache_clear()
