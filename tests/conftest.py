"""Shared test helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.model import Article, Finding
from newslint.readers import read_bytes
from newslint.rule import Context, Rule

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def article(text: str, path: str = "story.md") -> Article:
    """Parse ``text`` as the reader for ``path``'s suffix would."""
    result = read_bytes(text.encode("utf-8"), path)
    assert isinstance(result, Article), result
    return result


def ndjson(*records: object) -> bytes:
    """An NDJSON stream: each record (a dict, or a line given as a string) on a line of its own."""
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def run_rule(rule: type[Rule], text: str, path: str = "story.md", ctx: Context | None = None,
             **options: object) -> list[Finding]:
    """The findings of one rule, with ``options``, on ``text`` read as ``path``."""
    return list(rule(options).check(article(text, path), ctx or Context()))


def flagged_text(rule: type[Rule], text: str, path: str = "story.md") -> list[str]:
    """The text each finding of one rule points at in ``text``."""
    a = article(text, path)
    return [a.text[f.start : f.end] for f in rule().check(a, Context())]


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m newslint`` as a user would, capturing bytes."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args], cwd=cwd, input=stdin, capture_output=True, env=full_env, timeout=300
    )


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write
