"""--diff-base REF: only findings on lines changed since the ref's merge base are reported;
untracked files count as wholly new; bad refs and files outside a repository are errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.gitdiff import parse_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PACK = Path(__file__).parent / "data" / "testonly-pack.yaml"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

STORY = """# Talks resume

PROMO Get the app

Talks resumed in Geneva on Monday, the ministry said.

Both sides recieve the draft on Tuesday.
"""


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / ".newslint.yaml").write_text(
        f"rule-packs: [{PACK}]\nselect: [spam/testonly-promo-line, typos/testonly-misspelling]\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "other.md").write_text(STORY, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    return tmp_path


def _reported(repo: Path, *args: str) -> list[tuple[str, str, int]]:
    proc = run_cli("check", "--format", "json", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["rule"], f["line"]) for f in json.loads(proc.stdout)["findings"]]


def test_only_findings_on_changed_lines(repo):
    # A new misspelling is added (line 9) and the promo line is rewritten (line 3, still promo);
    # the old misspelling (line 7) and other.md are untouched.
    (repo / "story.md").write_text(
        STORY.replace("PROMO Get the app", "PROMO Get the new app") + "\nThey recieve it.\n", encoding="utf-8")
    assert _reported(repo, "--diff-base", "base", "story.md", "other.md") == [
        ("story.md", "spam/testonly-promo-line", 3),
        ("story.md", "typos/testonly-misspelling", 9),
    ]
    # Without the option every finding is reported.
    assert len(_reported(repo, "story.md", "other.md")) == 5


def test_committed_changes_count_too(repo):
    (repo / "story.md").write_text(STORY + "\nThey recieve it.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit")
    assert _reported(repo, "--diff-base", "base", ".") == [("story.md", "typos/testonly-misspelling", 9)]


def test_untracked_file_is_new_in_full(repo):
    (repo / "new.md").write_text(STORY, encoding="utf-8")
    assert _reported(repo, "--diff-base", "base", "new.md", "other.md") == [
        ("new.md", "spam/testonly-promo-line", 3),
        ("new.md", "typos/testonly-misspelling", 7),
    ]


def test_changes_on_the_base_branch_are_not_the_branch_s(repo):
    # main moves on after the branch left it: main drops the promo line. The branch never touched
    # it, so comparing with main's merge base reports nothing on the branch.
    default = git(repo, "rev-parse", "--abbrev-ref", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    git(repo, "checkout", "-q", default)
    (repo / "story.md").write_text(STORY.replace("PROMO Get the app\n\n", ""), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main drops the promo line")
    git(repo, "checkout", "-q", "feature")
    assert _reported(repo, "--diff-base", default, "story.md") == []


def test_bad_ref_and_no_repository_are_errors(repo, tmp_path_factory):
    proc = run_cli("check", "--diff-base", "no-such-ref", "story.md", cwd=repo)
    assert proc.returncode == 2 and b"--diff-base no-such-ref: no such commit" in proc.stderr
    outside = tmp_path_factory.mktemp("plain")
    shutil.copy(repo / ".newslint.yaml", outside)
    (outside / "a.md").write_text(STORY, encoding="utf-8")
    proc = run_cli("check", "--diff-base", "base", "a.md", cwd=outside,
                   env={"GIT_CEILING_DIRECTORIES": str(outside.parent)})
    assert proc.returncode == 2 and b"is not in a git repository" in proc.stderr


def test_parse_diff_hunks():
    diff = "\n".join([
        "diff --git a/a.md b/a.md",
        "--- a/a.md",
        "+++ b/a.md",
        "@@ -3 +3 @@ heading",
        "-old",
        "+new",
        "@@ -10,2 +9,0 @@",  # a pure deletion adds no line
        "-gone",
        "-gone too",
        "@@ -20,0 +21,3 @@",
        "+++ an added line that looks like a header",
        "+b",
        "+c",
        "\\ No newline at end of file",
        'diff --git "a/odd \\"name\\".md" "b/odd \\"name\\".md"',
        "new file mode 100644",
        "--- /dev/null",
        '+++ "b/odd \\"name\\".md"',
        "@@ -0,0 +1 @@",
        "+x",
        "diff --git a/deleted.md b/deleted.md",
        "--- a/deleted.md",
        "+++ /dev/null",
        "@@ -1 +0,0 @@",
        "-x",
    ])
    assert parse_diff(diff) == {"a.md": {3, 21, 22, 23}, 'odd "name".md': {1}}
