"""newslint: a content-quality linter for syndicated news copy.

Python API::

    import newslint
    findings = newslint.lint_text(text, path="story.md")
    findings = newslint.lint_paths(["copy/"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "lint_text", "lint_paths"]

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
