"""Third-party rules: an installed plugin package (entry point) and a local YAML pack."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import run_cli

PLUGIN_CODE = '''
from newslint.model import Severity
from newslint.rule import Rule


class NoExclamation(Rule):
    id = "structure/no-exclamation"
    severity = Severity.WARNING
    summary = "Exclamation mark in the headline"
    docs = "House style: headlines never shout. Rewrite the headline without the exclamation mark."
    bad = ("# Budget passes!\\n\\nThe council approved it, its clerk said.\\n",)
    good = ("# Budget passes\\n\\nThe council approved it, its clerk said.\\n",)

    def check(self, article, ctx):
        h = article.headline
        if h and "!" in h.text:
            i = h.text.index("!")
            yield self.finding(h.start + i, h.start + i + 1, "exclamation mark in the headline: drop it")


RULES = (NoExclamation,)
'''


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(folder: Path) -> Path:
    """A minimal, valid wheel of a plugin that registers under the newslint.rules entry point."""
    dist = "newslint_house-1.0.dist-info"
    files = {
        "newslint_house/__init__.py": PLUGIN_CODE.encode(),
        f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: newslint-house\nVersion: 1.0\n",
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/entry_points.txt": b"[newslint.rules]\nhouse = newslint_house\n",
    }
    record = "\n".join(_record_line(n, d) for n, d in files.items()) + f"\n{dist}/RECORD,,\n"
    wheel = folder / "newslint_house-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr(f"{dist}/RECORD", record)
    return wheel


def test_installed_plugin_rules_run(tmp_path, write):
    wheel = build_wheel(tmp_path)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        check=True,
    )
    story = write("story.md", "# Budget passes!\n\nThe council approved it, its clerk said.\n")
    env = {"PYTHONPATH": str(target)}
    listed = run_cli("rules", env=env).stdout.decode()
    assert "structure/no-exclamation" in listed
    proc = run_cli("check", "--format", "json", "--select", "structure/no-exclamation", str(story), env=env)
    found = json.loads(proc.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("structure/no-exclamation", 1, 16)]
    assert proc.returncode == 1
    # without the plugin on the path the rule is unknown: a config error, exit 2
    assert run_cli("check", "--select", "structure/no-exclamation", str(story)).returncode == 2


def test_local_rule_pack_from_config(tmp_path, write):
    write(
        "house.yaml",
        "rules:\n"
        "  - id: structure/house-banned-word\n"
        "    severity: error\n"
        "    summary: A word the style guide bans\n"
        "    docs: The house style guide bans this word; use the plain alternative it gives.\n"
        "    match: substitution\n"
        "    swap: {utilize: use}\n"
        "    message: \"house style: write “{replacement}”, not “{match}”\"\n"
        "    examples: {bad: ['We utilize it.'], good: ['We use it.']}\n",
    )
    write(".newslint.yaml", "rule-packs: [house.yaml]\n")
    story = write("a.md", "# Plan set\n\nThe council will Utilize the funds, its clerk said.\n")
    proc = run_cli("check", "--format", "json", "--select", "structure/house-banned-word", str(story), cwd=tmp_path)
    found = json.loads(proc.stdout)["findings"]
    assert [(f["line"], f["column"], f["message"]) for f in found] == [(3, 18, "house style: write “Use”, not “Utilize”")]
    assert found[0]["fix"]["safe"] is True


def test_broken_local_pack_is_exit_2_with_line(tmp_path, write):
    write("house.yaml", "rules:\n  - id: structure/x\n    summary: s\n    message: m\n    match: sometimes\n    phrases: [a]\n")
    write(".newslint.yaml", "rule-packs: [house.yaml]\n")
    proc = run_cli("check", str(write("a.md", "# T\n\nBody, he said.\n")), cwd=tmp_path)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "house.yaml:2" in err and "'match' must be one of" in err


def _dist(site: Path, name: str, entry_points: str | None) -> None:
    folder = site / f"{name}-1.0.dist-info"
    folder.mkdir(parents=True)
    if entry_points is not None:
        (folder / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_plugin_scan_finds_only_the_newslint_group(tmp_path):
    from newslint.plugins import declared

    site = tmp_path / "site"
    _dist(site, "tool", "[console_scripts]\ntool = tool:main\n")
    _dist(site, "bare", None)
    (site / "not-a-dist.txt").write_text("[newslint.rules]\n", encoding="utf-8")
    assert not declared([str(site), str(tmp_path / "missing"), str(tmp_path / "lib.zip")])
    _dist(site, "house_rules", "[console_scripts]\nx = y:z\n\n[ newslint.rules ]\nhouse = house_rules\n")
    assert declared([str(site)])


def test_no_plugin_declared_means_importlib_metadata_is_not_loaded(tmp_path):
    code = ("import sys; from newslint.plugins import entry_points; "
            f"sys.path[:] = [{str(tmp_path)!r}] + [p for p in sys.path if 'site-packages' not in p]; "
            "assert entry_points() == []; assert 'importlib.metadata' not in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "ok"
