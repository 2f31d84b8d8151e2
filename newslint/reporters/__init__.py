"""Output formats. Each module has ``render(run, out, options)``; modules load only when used."""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from newslint.engine import RunResult
    from newslint.registry import Registry

FORMATS = ("text", "json")


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
    sev = Counter(f.severity.value for f in run.findings)
    return {
        "files": run.checked,
        "findings": len(run.findings),
        "errors": sev["error"],
        "warnings": sev["warning"],
        "info": sev["info"],
        "by_rule": dict(sorted(Counter(f.rule for f in run.findings).items())),
    }
