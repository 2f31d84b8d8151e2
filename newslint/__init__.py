"""newslint: a content-quality linter for syndicated news copy.

Python API::

    import newslint
    findings = newslint.lint_text(text, path="story.md")
    findings = newslint.lint_paths(["copy/"])
    rows = newslint.lint_records([{"id": "a1", "text": "# Title\n\nBody.", "format": "markdown"}])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "lint_text", "lint_paths", "lint_records"]

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.model import Finding


def lint_text(text: str, path: str = "<text>", config: Config | None = None, **kw: Any) -> list[Finding]:
    """Findings for one article given as a string; ``path``'s suffix picks the format."""
    from newslint.engine import lint_text as _lint_text

    return _lint_text(text, path=path, config=config, **kw)


def lint_paths(paths: list[str], config: Config | None = None, config_file: str | None = None) -> list[Finding]:
    """Findings for files and folders (each file uses its closest .newslint.yaml by default)."""
    from newslint.engine import lint_paths as _lint_paths

    return _lint_paths(paths, config=config, config_file=config_file)


def lint_records(records: Any, select: Any = None, ignore: Any = ()) -> list[dict[str, Any]]:
    """Findings as plain dicts for plain-dict records (ninjs, or ``{id, text, format}``);
    picklable, for Dask or Spark. See ``newslint.records``."""
    from newslint.records import lint_records as _lint_records

    return _lint_records(records, select=select, ignore=ignore)
