"""The command line as users and CI see it: exit codes, formats, commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import yaml
from conftest import ROOT, run_cli

NO_HEADLINE = "The council approved the harbour budget on Monday, its clerk said in a statement.\nIt passed, the clerk said.\n"
FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message"}


def test_exit_codes_follow_fail_on(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)  # one warning: structure/missing-headline
    sel = ("--select", "structure")
    assert run_cli("check", *sel, str(story)).returncode == 1
    assert run_cli("check", *sel, "--fail-on", "error", str(story)).returncode == 0
    assert run_cli("check", *sel, "--exit-zero", str(story)).returncode == 0
    clean = write("b.md", "# Budget passes\n\nThe council approved the budget, its clerk said.\n")
    assert run_cli("check", *sel, str(clean)).returncode == 0
    assert run_cli("check", *sel, "--fail-on", "loud", str(story)).returncode == 2
    assert run_cli("check", "--format", "yaml", str(story)).returncode == 2
    assert run_cli("check").returncode == 2
    assert run_cli("check", "--no-such-flag", str(story)).returncode == 2


def test_json_output_matches_documented_schema(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)
    proc = run_cli("check", "--format", "json", "--select", "structure", str(story))
    doc = json.loads(proc.stdout)
    assert set(doc) >= {"version", "findings", "summary"}
    assert doc["version"] == "1.0"
    f = doc["findings"][0]
    assert FINDING_KEYS <= set(f)
    assert (f["line"], f["column"], f["end_line"]) == (1, 1, 1)  # file-level: first line, 1-based
    assert f["end_column"] == len(NO_HEADLINE.splitlines()[0]) + 1
    assert f["severity"] in ("error", "warning", "info")
    assert doc["summary"]["warnings"] == 1 and doc["summary"]["files"] == 1
    assert proc.stderr == b""  # machine formats: nothing on stderr, stdout is pure JSON


def test_text_output_is_plain_when_not_a_terminal(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)
    out = run_cli("check", "--select", "structure", str(story)).stdout.decode()
    assert "\x1b[" not in out
    assert "1:1" in out and "structure/missing-headline" in out
    assert "^^^" in out  # the span is marked under the excerpt
    assert out.strip().endswith("0 errors, 1 warning, 0 info in 1 file")


def test_stdin_with_filename(tmp_path):
    proc = run_cli("check", "--format", "json", "--select", "structure", "--stdin-filename", "desk/story.txt", "-",
                   stdin=NO_HEADLINE.encode())
    doc = json.loads(proc.stdout)
    assert [f["path"] for f in doc["findings"]] == ["desk/story.txt"]


def test_statistics(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)
    out = run_cli("check", "--statistics", "--select", "structure", str(story)).stdout.decode()
    assert "Findings by rule" in out and "structure/missing-headline" in out


def test_rules_explain_version_init(tmp_path):
    rules = run_cli("rules").stdout.decode()
    assert "structure/missing-headline" in rules and "structure/empty-article" in rules
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert all({"id", "severity", "summary"} <= set(r) for r in listed)
    explained = run_cli("explain", "structure/missing-headline")
    assert explained.returncode == 0 and "Bad example" in explained.stdout.decode()
    wrong = run_cli("explain", "structure/missing-headlin")
    assert wrong.returncode == 2 and "did you mean structure/missing-headline" in wrong.stderr.decode()
    assert run_cli("--version").stdout.decode().startswith("newslint ")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    cfg = yaml.safe_load((tmp_path / ".newslint.yaml").read_text())
    assert cfg["fail-on"] == "warning"
    assert run_cli("init", cwd=tmp_path).returncode == 2  # does not overwrite


def test_seeds_exit_1_with_readable_findings():
    proc = run_cli("check", str(ROOT / "seeds"))
    out = proc.stdout.decode()
    assert proc.returncode == 1
    assert "seeds/stop-talks-protest.txt" in out and "warning" in out


def test_python_api(tmp_path, write):
    import newslint
    from newslint.config import Config

    found = newslint.lint_text(NO_HEADLINE, path="a.txt", config=Config(select=("structure",)))
    assert [f.rule for f in found] == ["structure/missing-headline"]
    assert found[0].line == 1 and found[0].severity.value == "warning"
    story = write("a.txt", NO_HEADLINE)
    assert [f.rule for f in newslint.lint_paths([str(story)], config=Config(select=("structure",)))] == [
        "structure/missing-headline"
    ]


def test_everything_written_reaches_the_pipe_before_the_process_exits(tmp_path):
    """The command line ends with os._exit, which skips Python's own flushing at exit."""
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as for most users

    def newslint(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "newslint", *args], env={**buffered, **env}, capture_output=True)

    assert newslint("--version").stdout.startswith(b"newslint ")
    shown = newslint("config", str(tmp_path))  # written with sys.stdout.write, never flushed by the command
    assert shown.returncode == 0 and b"fail-on:" in shown.stdout
    assert shown.stdout == newslint("config", str(tmp_path), PYTHONUNBUFFERED="1").stdout
    for n in range(60):
        (tmp_path / f"story-{n}.txt").write_text(
            f"Officials said {n}00 people were hurt. Shop now at the BEST SELLERS page!\n\n" * 8, encoding="utf-8")
    checked = newslint("check", "--no-cache", "--format", "json", str(tmp_path))
    assert len(checked.stdout) > 256 * 1024 and checked.returncode == 1
    assert len(json.loads(checked.stdout)["findings"]) > 60
    assert newslint("check", "--no-cache", "--exit-zero", str(tmp_path)).returncode == 0


def test_the_exit_follows_python_s_own_conventions(tmp_path, write):
    story = write("a.txt", NO_HEADLINE)
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    closed = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--exit-zero", "-o",
                             str(tmp_path / "report.txt"), str(story)], env=plain, capture_output=True,
                            preexec_fn=lambda: os.close(1))  # no stdout at all: sys.stdout is None
    assert closed.returncode == 0 and (tmp_path / "report.txt").read_text()
    script = ("import atexit, sys, newslint.cli as cli\n"
              "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
              "cli.app = lambda: sys.exit('a plugin needs the harbour package')\ncli.run()\n")
    message = subprocess.run([sys.executable, "-c", script], env=plain, capture_output=True, text=True)
    assert message.returncode == 1  # as for SystemExit("...") anywhere
    assert message.stderr.splitlines() == ["a plugin needs the harbour package", "handler ran"]
