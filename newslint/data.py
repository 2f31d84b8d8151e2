"""Locating and loading the built-in rule packs and data files under ``rules/``.

In a wheel the packs live in ``newslint/_rules``; in a source checkout, in ``rules/`` beside the
package. Loaded data is cached: it never changes during a run.

Parsing the YAML of every pack and data file takes about 50 ms at each start (the source
registry alone 20 ms), so the parsed files are also kept, all together, in the user's cache
folder (``newslint.text.lexcache.cached_data``), keyed by each file's size and modification time
and PyYAML's version: a later run reads them in about a millisecond, without importing PyYAML.
"""

from __future__ import annotations

import zlib
from functools import cache
from pathlib import Path
from typing import Any



@cache
def rules_dir() -> Path:
    bundled = Path(__file__).parent / "_rules"
    return bundled if bundled.is_dir() else Path(__file__).parent.parent / "rules"


def yaml_loader() -> Any:
    """PyYAML's safe loader class: its C loader when it is built, else the pure-Python one.
    PyYAML is imported here, on first use: most runs read no YAML (see above)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text parsed with PyYAML's safe loader."""
    import yaml

    return yaml.load(text, Loader=yaml_loader())


def _pack_lines(text: str) -> list[int] | None:
    """The 1-based line of each rule of a pack (for messages about a rule), or None."""
    import yaml

    node = yaml.compose(text, Loader=yaml_loader())
    if not isinstance(node, yaml.MappingNode):
        return None
    seq = next((v for k, v in node.value if k.value == "rules"), None)
    return [item.start_mark.line + 1 for item in seq.value] if isinstance(seq, yaml.SequenceNode) else None


def _parse_rules_dir(files: list[tuple[str, Path]]) -> dict[str, tuple[Any, list[int] | None]]:
    out = {}
    for rel, path in files:
        text = path.read_text(encoding="utf-8")
        data = parse_yaml(text)
        lines = _pack_lines(text) if isinstance(data, dict) and isinstance(data.get("rules"), list) else None
        out[rel] = (data, lines)
    return out


@cache
def _builtin_files() -> dict[str, tuple[Any, list[int] | None]]:
    """Every YAML file under ``rules/`` parsed (with its rules' lines when it is a pack), keyed by
    its path relative to ``rules/``; from the user's cache folder when it is up to date."""
    root = rules_dir()
    files = sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*.yaml"))
    try:
        from newslint import __version__
        from newslint.text.lexcache import cached_data, package_key

        crc = 0  # by content: every install of these packs shares one file
        for rel, p in files:
            crc = zlib.crc32(p.read_bytes(), zlib.crc32(f"{rel}\0".encode(), crc))
        key = f"newslint={__version__}|{package_key('PyYAML', 'yaml')}|{len(files)}:{crc:08x}"
        return cached_data("rules", key, lambda: _parse_rules_dir(files))
    except (OSError, ImportError):
        return _parse_rules_dir(files)


def builtin_pack(path: Path) -> tuple[Any, list[int] | None] | None:
    """The parsed pack at ``path`` and its rules' lines, when it is a built-in pack."""
    try:
        rel = path.resolve().relative_to(rules_dir().resolve()).as_posix()
    except ValueError:
        return None
    return _builtin_files().get(rel)


@cache
def load_data(name: str) -> Any:
    """The parsed YAML of ``rules/data/<name>.yaml`` (lexicons, domain lists, registries)."""
    found = _builtin_files().get(f"data/{name}.yaml")
    if found is not None:
        return found[0]
    path = rules_dir() / "data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:  # not there: the OSError callers expect
        return parse_yaml(fh.read())


def load_words(name: str, key: str = "words") -> frozenset[str]:
    """A lexicon's word list as a frozenset (entries as written)."""
    return frozenset(str(w) for w in load_data(name)[key])
