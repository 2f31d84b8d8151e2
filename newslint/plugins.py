"""Plugin discovery: the ``newslint.rules`` entry points of the installed distributions.

Importing ``importlib.metadata`` and scanning every distribution with it costs about 20 ms, most
of a pre-commit hook's budget, and most installations have no newslint plugin at all. A plain
read of the ``entry_points.txt`` files on ``sys.path`` answers "is any declared?" first;
``importlib.metadata`` loads the entry points only when one is.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

from newslint.text import rx

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "newslint.rules"
_SECTION = rx.compile(r"^\s*\[\s*newslint\.rules\s*\]", re.MULTILINE)


def declared(paths: list[str] | None = None) -> bool:
    """Whether a distribution on ``paths`` (default ``sys.path``) declares a ``newslint.rules`` entry point."""
    for entry in sys.path if paths is None else paths:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a missing folder
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as fh:
                    if _SECTION.search(fh.read()):
                        return True
            except (OSError, UnicodeDecodeError):
                continue
    return False


def entry_points() -> list[EntryPoint]:
    """The ``newslint.rules`` entry points, sorted by name (none without a scan when none is declared)."""
    if not declared():
        return []
    from importlib.metadata import entry_points as scan

    return sorted(scan(group=GROUP), key=lambda ep: ep.name)
