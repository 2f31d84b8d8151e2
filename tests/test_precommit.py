"""The real pre-commit, with try-repo against a temporary git repo: a bad article fails the
hook, a clean one passes. Needs the package index to build the hook's environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _run(cmd: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def _content_repo(tmp: Path, env: dict, files: dict[str, str]) -> Path:
    repo = tmp / "content"
    repo.mkdir()
    _run(["git", "init", "-q"], repo, env)
    for name, source in files.items():
        shutil.copy(FIXTURES / source, repo / name)
    _run(["git", "add", "."], repo, env)
    return repo


def _try_repo(repo: Path, env: dict, *files: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "newslint", "--files", *files], repo, env)


def test_bad_article_fails_the_hook(tmp_path, env):
    repo = _content_repo(tmp_path, env, {"bad.md": "bad-article.md"})
    proc = _try_repo(repo, env, "bad.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "leakage/" in proc.stdout and "bad.md" in proc.stdout


def test_clean_article_passes_the_hook(tmp_path, env):
    repo = _content_repo(tmp_path, env, {"clean.md": "clean-article.md"})
    proc = _try_repo(repo, env, "clean.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
