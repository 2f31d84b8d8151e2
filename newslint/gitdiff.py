"""``--diff-base REF``: keep only findings on lines changed since a git ref.

The lines come from ``git diff -U0`` between the ref's merge base with ``HEAD`` (the point a
branch left its base, as a pull request sees it; the ref itself when there is none) and the
working tree. A file git does not track is new, so every line of it counts as changed; a finding
whose path is not a file (stdin) is kept.
"""

from __future__ import annotations

import codecs
import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newslint.model import Finding
from newslint.text import rx

HUNK = rx.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitDiffError(Exception):
    """git is missing, a file is outside a repository, or the ref does not exist."""


def _git(cwd: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise GitDiffError("--diff-base needs git, and git is not installed") from None
    if proc.returncode != 0:
        raise GitDiffError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _unquote(name: str) -> str:
    """A path as git prints it in a diff header (C-quoted when it has special characters)."""
    if name.startswith('"') and name.endswith('"'):
        raw = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0]
        return raw.decode("utf-8", "surrogateescape")  # type: ignore[union-attr]
    return name


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Changed (added or rewritten) line numbers of each new-side file in a ``-U0`` diff."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    in_header = False
    for line in diff.split("\n"):
        if line.startswith("diff --git "):
            in_header, current = True, None
        elif in_header and line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = None if name == "/dev/null" else changed.setdefault(name.removeprefix("b/"), set())
        elif line.startswith("@@"):
            in_header = False
            m = HUNK.match(line)
            if m and current is not None:
                first, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(first, first + count))
    return changed


@dataclass(frozen=True)
class RepoChanges:
    """Changed lines of the files of one repository (paths relative to its top folder)."""

    top: Path
    lines: dict[str, set[int]]
    tracked: frozenset[str]

    def changed(self, path: Path) -> set[int] | None:
        """The file's changed lines; None when every line counts (the file is untracked)."""
        rel = path.relative_to(self.top).as_posix()
        if rel not in self.tracked and rel not in self.lines:
            return None
        return self.lines.get(rel, set())


def repo_changes(top: Path, ref: str) -> RepoChanges:
    """What changed in the repository at ``top`` since ``ref``'s merge base with HEAD."""
    if ref.startswith("-"):
        raise GitDiffError(f"--diff-base {ref}: a git ref cannot start with '-'")
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitDiffError:
        raise GitDiffError(f"--diff-base {ref}: no such commit in {top} "
                           "(in CI, fetch the base branch with its history, e.g. fetch-depth: 0)") from None
    try:
        base = _git(top, "merge-base", ref, "HEAD").strip()
    except GitDiffError:  # no common history (or no HEAD yet): compare with the ref itself
        base = ref
    diff = _git(top, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "-U0",
                "--src-prefix=a/", "--dst-prefix=b/", base, "--")
    tracked = frozenset(p for p in _git(top, "ls-files", "-z").split("\0") if p)
    return RepoChanges(top, parse_diff(diff), tracked)


def on_changed_lines(findings: Iterable[Finding], ref: str) -> list[Finding]:
    """The findings that touch a line changed since ``ref``."""
    tops: dict[Path, Path] = {}
    repos: dict[Path, RepoChanges] = {}
    kept = []
    for f in findings:
        path = Path(os.path.abspath(f.path))
        if not path.is_file():
            kept.append(f)
            continue
        path = path.resolve()
        folder = path.parent
        if folder not in tops:
            try:
                tops[folder] = Path(_git(folder, "rev-parse", "--show-toplevel").strip()).resolve()
            except GitDiffError as exc:
                raise GitDiffError(f"--diff-base: {f.path} is not in a git repository ({exc})") from None
        top = tops[folder]
        if top not in repos:
            repos[top] = repo_changes(top, ref)
        lines = repos[top].changed(path)
        if lines is None or any(n in lines for n in range(f.line, max(f.line, f.end_line) + 1)):
            kept.append(f)
    return kept
