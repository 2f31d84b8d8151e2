"""Every rule newslint knows: built-in modules, built-in YAML packs, plugins, local packs.

Built-in Python rules live in ``newslint/checks/<family>*.py`` (each lists its classes in
``RULES``); built-in declarative rules in ``rules/*.yaml``. Plugins register under the entry-point
group ``newslint.rules``: the entry point loads a Rule subclass, an iterable of them, a module
with ``RULES``, or the path of a YAML pack.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from newslint.config import ConfigError
from newslint.data import rules_dir
from newslint.packs import load_pack
from newslint.plugins import entry_points
from newslint.rule import RULE_ID, Rule


@dataclass
class Registry:
    """Rule classes by id, in a stable order."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)

    def add(self, cls: type[Rule], origin: str) -> None:
        rid = getattr(cls, "id", None)
        if not isinstance(rid, str) or not RULE_ID.match(rid):
            raise ConfigError(origin, None, f"rule {cls.__name__} has an invalid id {rid!r} (family/kebab-name)")
        if rid in self.rules:
            first = self.rules[rid].origin
            raise ConfigError(origin, None, f"rule id {rid} is defined twice: by {first} and by {origin}")
        if cls.origin == "builtin" and origin != "builtin":
            cls = type(cls.__name__, (cls,), {"origin": origin})
        self.rules[rid] = cls

    def get(self, rule_id: str) -> type[Rule] | None:
        return self.rules.get(rule_id)

    def sorted(self) -> list[type[Rule]]:
        return [self.rules[k] for k in sorted(self.rules)]

    def known_selector(self, entry: str) -> bool:
        """Whether a select/ignore entry names a rule or a family with rules."""
        return entry == "ALL" or entry in self.rules or any(r.startswith(entry + "/") for r in self.rules)


def _classes_from(obj: Any) -> Iterable[type[Rule]]:
    if isinstance(obj, type) and issubclass(obj, Rule):
        return [obj]
    if hasattr(obj, "RULES"):
        return list(obj.RULES)
    if isinstance(obj, (str, Path)):
        return load_pack(Path(obj))
    return list(obj)


@cache
def builtin_rule_classes() -> tuple[type[Rule], ...]:
    """Rule classes shipped with newslint, loaded once per process."""
    import newslint.checks as checks

    reg = Registry()
    for mod in sorted(m.name for m in pkgutil.iter_modules(checks.__path__)):
        module = importlib.import_module(f"newslint.checks.{mod}")
        for cls in getattr(module, "RULES", ()):
            reg.add(cls, "builtin")
    for pack in sorted(rules_dir().glob("*.yaml")):
        for cls in load_pack(pack, origin="builtin"):
            reg.add(cls, "builtin")
    return tuple(reg.sorted())


def builtin_registry() -> Registry:
    """A fresh registry of the rules shipped with newslint."""
    return Registry({cls.id: cls for cls in builtin_rule_classes()})


def full_registry(local_packs: Iterable[str] = (), plugins: bool = True) -> Registry:
    """Built-in rules plus installed plugins and the config's local packs."""
    reg = builtin_registry()
    if plugins:
        for ep in entry_points():
            try:
                loaded = ep.load()
                classes = list(_classes_from(loaded))
            except ConfigError:
                raise
            except Exception as exc:  # a broken plugin is a config problem, not a crash
                raise ConfigError(f"plugin {ep.name} ({ep.value})", None, f"failed to load: {exc}") from None
            for cls in classes:
                reg.add(cls, f"plugin {ep.name}")
    for pack in local_packs:
        for cls in load_pack(Path(pack)):
            reg.add(cls, pack)
    return reg
