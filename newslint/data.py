"""Locating and loading the built-in rule packs and data files under ``rules/``.

In a wheel the packs live in ``newslint/_rules``; in a source checkout, in ``rules/`` beside the
package. Loaded data is cached: it never changes during a run.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def rules_dir() -> Path:
    bundled = Path(__file__).parent / "_rules"
    return bundled if bundled.is_dir() else Path(__file__).parent.parent / "rules"


@cache
def load_data(name: str) -> Any:
    """The parsed YAML of ``rules/data/<name>.yaml`` (lexicons, domain lists, registries)."""
    path = rules_dir() / "data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_words(name: str, key: str = "words") -> frozenset[str]:
    """A lexicon's word list as a frozenset (entries as written)."""
    return frozenset(str(w) for w in load_data(name)[key])
