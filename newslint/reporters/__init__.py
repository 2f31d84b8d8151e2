"""Output formats. Each module has ``render(run, out, options)``; modules load only when used."""

from __future__ import annotations

import importlib
import inspect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from newslint.engine import RunResult
    from newslint.registry import Registry
    from newslint.rule import Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")
TEXT_FORMATS = frozenset({"html"})  # formats that show the article text (Engine.keep_text)


@dataclass
class ReportOptions:
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    registry: Registry | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Renderer(Protocol):
    def __call__(self, run: RunResult, out: TextIO, options: ReportOptions) -> None: ...


def renderer(fmt: str) -> Renderer:
    return importlib.import_module(f"newslint.reporters.{fmt}_format").render


def summary(run: RunResult) -> dict[str, Any]:
    """Counts shared by every format."""
    counts = Counter((f.rule, f.severity.value) for f in run.findings)  # one pass: they may be read from disk
    sev: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for (rule, severity), n in counts.items():
        sev[severity] += n
        by_rule[rule] += n
    return {
        "files": run.checked,
        "findings": len(run.findings),
        "errors": sev["error"],
        "warnings": sev["warning"],
        "info": sev["info"],
        "by_rule": dict(sorted(by_rule.items())),
    }


def relative_path(path: str) -> str:
    """``path`` as a POSIX path relative to the working directory (the repository root in CI)
    when it lies inside it; otherwise unchanged."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return p.as_posix()


def rule_class(options: ReportOptions, rule_id: str) -> type[Rule] | None:
    """The class of a rule from the run's registry, when the reporter was given one."""
    return options.registry.get(rule_id) if options.registry else None


def rule_docs(cls: type[Rule]) -> str:
    """A rule's docs, dedented (its summary when it has none)."""
    return inspect.cleandoc(cls.docs) if cls.docs else cls.summary
