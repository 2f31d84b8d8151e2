""".newslint.yaml: discovery from each file's folder upward, ``extends``, validation, per-path
overrides, and the effective settings for one file."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from newslint.data import yaml_loader
from newslint.model import Severity
from newslint.text import rx

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
KEYS = {
    "extends": "a path to another config file this one inherits from",
    "select": "rule ids or family prefixes to run",
    "ignore": "rule ids or family prefixes not to run",
    "severity": "rule id or family -> error, warning or info",
    "fail-on": "error, warning or info",
    "rule-packs": "paths of local YAML rule packs",
    "accept": "words never flagged as typos: a list, or a path to a word file",
    "reject": "words always flagged: a list, or a path to a word file",
    "options": "rule id -> mapping of that rule's options",
    "overrides": "list of {files: [globs], select, ignore, severity, options}",
    "languagetool": "{url: LanguageTool server} for the optional grammar backend",
    "source-registry": "extra outlets: a list of {name, kind, aliases, domains, handles}",
    "max-file-size": "largest file read, in megabytes (default 10)",
}
OVERRIDE_KEYS = ("files", "select", "ignore", "severity", "options")
SEVERITIES = tuple(s.value for s in Severity)


class ConfigError(Exception):
    """A config problem, with the file and line it is on."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Override:
    base: Path
    patterns: tuple[re.Pattern[str], ...]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    severity: dict[str, Severity]
    options: dict[str, dict[str, Any]]

    def matches(self, path: Path) -> bool:
        try:
            rel = path.resolve().relative_to(self.base).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(p.fullmatch(rel) for p in self.patterns)


@dataclass(frozen=True)
class Config:
    """Settings for a set of files. ``select is None`` means every rule."""

    path: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    rule_packs: tuple[str, ...] = ()
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    languagetool: dict[str, Any] = field(default_factory=dict)
    source_registry: tuple[dict[str, Any], ...] = ()
    max_file_size: float = 10.0
    extend_select: tuple[str, ...] = ()  # from the command line: added to select

    def for_file(self, path: Path) -> Config:
        """This config with every override whose globs match ``path`` applied, in order."""
        cfg = self
        for ov in self.overrides:
            if ov.matches(path):
                cfg = replace(
                    cfg,
                    select=ov.select if ov.select is not None else cfg.select,
                    ignore=cfg.ignore + ov.ignore,
                    severity={**cfg.severity, **ov.severity},
                    options=_merge_options(cfg.options, ov.options),
                    overrides=(),
                )
        return cfg

    def is_enabled(self, rule_id: str) -> bool:
        """The most specific matching select/ignore entry decides; on a tie, ignore wins."""
        sel = max((_specificity(e, rule_id) for e in (self.select or ("ALL",)) + self.extend_select), default=-1)
        ign = max((_specificity(e, rule_id) for e in self.ignore), default=-1)
        return sel >= 0 and sel > ign

    def severity_for(self, rule_id: str) -> Severity | None:
        best: tuple[int, Severity | None] = (-1, None)
        for key, sev in self.severity.items():
            spec = _specificity(key, rule_id)
            if spec > best[0]:
                best = (spec, sev)
        return best[1]

    @cached_property
    def fingerprint(self) -> str:
        """A stable text that changes whenever the effective settings change (for caches)."""
        return repr(
            (self.select, self.ignore, sorted((k, v.value) for k, v in self.severity.items()),
             self.rule_packs, sorted(self.accept), sorted(self.reject),
             sorted((k, sorted(v.items())) for k, v in self.options.items()), self.languagetool,
             self.source_registry)
        )


def _specificity(entry: str, rule_id: str) -> int:
    if entry == "ALL":
        return 0
    if entry == rule_id:
        return 2
    if "/" not in entry and rule_id.startswith(entry + "/"):
        return 1
    return -1


def _merge_options(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {k: dict(v) for k, v in a.items()}
    for k, v in b.items():
        out.setdefault(k, {}).update(v)
    return out


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """A recursive glob ('archive/**/*.md') as a regex over POSIX relative paths."""
    out, i = [], 0
    glob = glob.lstrip("./") if glob.startswith("./") else glob
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return rx.compile("".join(out))


# -- loading -------------------------------------------------------------------------------------

def _load_yaml(path: Path) -> tuple[Any, Any]:
    """The data and the node tree (for line numbers) of a YAML file; yaml loads on first use."""
    import yaml

    loader = yaml_loader()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"cannot read config: {exc}") from None
    try:
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(str(path), mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    return data, node


def _key_lines(node: Any) -> dict[str, int]:
    if type(node).__name__ != "MappingNode":
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}


def _str_list(value: Any, where: str, path: Path, line: int | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(str(path), line, f"'{where}' must be a list of strings")
    return tuple(value)


def _severities(value: Any, path: Path, line: int | None) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(str(path), line, "'severity' must map rule ids or families to error, warning or info")
    out = {}
    for key, sev in value.items():
        if sev not in SEVERITIES:
            raise ConfigError(str(path), line, f"severity of '{key}' must be one of {', '.join(SEVERITIES)}, not {sev!r}")
        out[str(key)] = Severity(sev)
    return out


def _options(value: Any, path: Path, line: int | None) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(str(path), line, "'options' must map rule ids to mappings of option values")
    return {str(k): dict(v) for k, v in value.items()}


def _words(value: Any, key: str, path: Path, line: int | None) -> frozenset[str]:
    if isinstance(value, str):
        word_file = (path.parent / value)
        try:
            text = word_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), line, f"cannot read the '{key}' word file {word_file}: {exc}") from None
        return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#"))
    return frozenset(_str_list(value, key, path, line))


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> Config:
    """Read and validate one config file, following ``extends``."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(str(path), None, "'extends' forms a cycle: " + " -> ".join(map(str, _seen + (path,))))
    data, node = _load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(str(path), 1, "a config file must be a mapping of keys to values")
    lines = _key_lines(node)
    for key in data:
        if key not in KEYS:
            hint = difflib.get_close_matches(str(key), KEYS, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(str(path), lines.get(str(key)), f"unknown key '{key}'{extra}")

    cfg = Config()
    if "extends" in data:
        parent = path.parent / str(data["extends"])
        if not parent.is_file():
            raise ConfigError(str(path), lines.get("extends"), f"'extends' names {parent}, which does not exist")
        cfg = load_config(parent, _seen + (path,))
    ln = lines.get
    updates: dict[str, Any] = {"path": str(path)}
    if "select" in data:
        updates["select"] = _str_list(data["select"], "select", path, ln("select"))
    if "ignore" in data:
        updates["ignore"] = cfg.ignore + _str_list(data["ignore"], "ignore", path, ln("ignore"))
    if "severity" in data:
        updates["severity"] = {**cfg.severity, **_severities(data["severity"], path, ln("severity"))}
    if "fail-on" in data:
        if data["fail-on"] not in SEVERITIES:
            raise ConfigError(str(path), ln("fail-on"), f"'fail-on' must be one of {', '.join(SEVERITIES)}")
        updates["fail_on"] = Severity(data["fail-on"])
    if "rule-packs" in data:
        packs = _str_list(data["rule-packs"], "rule-packs", path, ln("rule-packs"))
        updates["rule_packs"] = cfg.rule_packs + tuple(str((path.parent / p).resolve()) for p in packs)
    if "accept" in data:
        updates["accept"] = cfg.accept | _words(data["accept"], "accept", path, ln("accept"))
    if "reject" in data:
        updates["reject"] = cfg.reject | _words(data["reject"], "reject", path, ln("reject"))
    if "options" in data:
        updates["options"] = _merge_options(cfg.options, _options(data["options"], path, ln("options")))
    if "languagetool" in data:
        if not isinstance(data["languagetool"], dict):
            raise ConfigError(str(path), ln("languagetool"), "'languagetool' must be a mapping such as {url: http://localhost:8081}")
        updates["languagetool"] = dict(data["languagetool"])
    if "source-registry" in data:
        entries = data["source-registry"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) and "name" in e and "kind" in e for e in entries):
            raise ConfigError(str(path), ln("source-registry"),
                              "'source-registry' must be a list of {name, kind, aliases, domains, handles}")
        updates["source_registry"] = cfg.source_registry + tuple(dict(e) for e in entries)
    if "max-file-size" in data:
        size = data["max-file-size"]
        if not isinstance(size, (int, float)) or isinstance(size, bool) or size <= 0:
            raise ConfigError(str(path), ln("max-file-size"), "'max-file-size' must be a positive number of megabytes")
        updates["max_file_size"] = float(size)
    if "overrides" in data:
        updates["overrides"] = cfg.overrides + _overrides(data["overrides"], path, node)
    return replace(cfg, **updates)


def _overrides(value: Any, path: Path, node: Any) -> tuple[Override, ...]:
    top = _key_lines(node)
    if not isinstance(value, list):
        raise ConfigError(str(path), top.get("overrides"), "'overrides' must be a list of {files: [...], ...} entries")
    seq = None
    if type(node).__name__ == "MappingNode":
        seq = next((v for k, v in node.value if k.value == "overrides"), None)
    out = []
    for i, entry in enumerate(value):
        item_node = seq.value[i] if type(seq).__name__ == "SequenceNode" and i < len(seq.value) else None
        line = item_node.start_mark.line + 1 if item_node is not None else top.get("overrides")
        if not isinstance(entry, dict) or "files" not in entry:
            raise ConfigError(str(path), line, "each override needs 'files': a list of globs")
        for key in entry:
            if key not in OVERRIDE_KEYS:
                raise ConfigError(str(path), line, f"unknown key '{key}' in override; allowed: {', '.join(OVERRIDE_KEYS)}")
        globs = _str_list(entry["files"], "files", path, line)
        out.append(
            Override(
                base=path.parent,
                patterns=tuple(glob_to_regex(g) for g in globs),
                select=_str_list(entry["select"], "select", path, line) if "select" in entry else None,
                ignore=_str_list(entry.get("ignore", []), "ignore", path, line),
                severity=_severities(entry.get("severity", {}), path, line),
                options=_options(entry.get("options", {}), path, line),
            )
        )
    return tuple(out)


@dataclass
class ConfigResolver:
    """Finds the config for each file (closest ``.newslint.yaml`` upward), caching per folder."""

    explicit: Path | None = None
    cli: dict[str, Any] = field(default_factory=dict)  # replace() updates from the command line
    _by_dir: dict[Path, Config] = field(default_factory=dict)
    _by_file: dict[Path, Config] = field(default_factory=dict)

    def base_for(self, path: Path) -> Config:
        return self._for_folder(path if path.is_dir() else path.parent)

    def _for_folder(self, written: Path) -> Config:
        if written in self._by_dir:  # the folder as given: no resolve() per file
            return self._by_dir[written]
        folder = written.resolve()
        if folder in self._by_dir:
            self._by_dir[written] = self._by_dir[folder]
            return self._by_dir[folder]
        cfg_path = self.explicit or find_config(folder)
        if cfg_path is None:
            cfg = Config()
        else:
            cfg_path = cfg_path.resolve()
            if cfg_path not in self._by_file:
                self._by_file[cfg_path] = load_config(cfg_path)
            cfg = self._by_file[cfg_path]
        cfg = self._apply_cli(cfg)
        self._by_dir[folder] = self._by_dir[written] = cfg
        return cfg

    def for_file(self, path: Path) -> Config:
        """The config of the file at ``path`` (a file, not a folder: no stat per file)."""
        return self._for_folder(path.parent).for_file(path)

    def _apply_cli(self, cfg: Config) -> Config:
        updates = dict(self.cli)
        if "ignore" in updates:
            updates["ignore"] = cfg.ignore + tuple(updates["ignore"])
        return replace(cfg, **updates) if updates else cfg


def find_config(folder: Path) -> Path | None:
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


@dataclass
class FixedResolver(ConfigResolver):
    """Every file gets the same config."""

    fixed: Config = field(default_factory=Config)

    def __init__(self, fixed: Config) -> None:
        super().__init__()
        self.fixed = fixed

    def for_file(self, path: Path) -> Config:
        return self.fixed.for_file(path)
