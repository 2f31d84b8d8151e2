"""Bad input never crashes a run, never loses data, and is named in a clear message."""

from __future__ import annotations

import hashlib
import json

from conftest import run_cli

NO_HEADLINE = "The council approved the harbour budget on Monday, its clerk said in a statement.\nIt passed 30-5, the clerk said.\n"


def findings_by_path(proc):
    assert proc.returncode in (0, 1), proc.stderr.decode()
    doc = json.loads(proc.stdout)
    out = {}
    for f in doc["findings"]:
        out.setdefault(f["path"].rsplit("/", 1)[-1], []).append(f)
    return out


def test_every_bad_input_reported_and_the_rest_still_checked(tmp_path, write):
    files = {
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1.txt": "Caf\xe9 Reopens\n\nThe caf\xe9 reopened on Monday, its owner said.\n".encode("cp1252"),
        "empty.md": b"",
        "broken.md": b"---\ntitle: Rhine\ndate: [2026-06-28\n---\n\nShipping stopped, the agency said.\n",
        "unclosed.md": b"---\ntitle: Rhine\n\nShipping stopped, the agency said.\n",
        "good.txt": NO_HEADLINE.encode(),
    }
    paths = [write(name, data) for name, data in files.items()]
    empty_dir = tmp_path / "drafts"
    empty_dir.mkdir()
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    missing = tmp_path / "missing.md"
    proc = run_cli("check", "--format", "json", *map(str, paths), str(empty_dir), str(missing))
    assert proc.returncode == 1
    got = findings_by_path(proc)
    rules = {name: {f["rule"] for f in fs} for name, fs in got.items()}
    assert "structure/unreadable-file" in rules["binary.txt"]
    assert "binary" in got["binary.txt"][0]["message"]
    assert "structure/not-utf8" in rules["latin1.txt"]
    assert "structure/empty-article" in rules["empty.md"]
    broken = next(f for f in got["broken.md"] if f["rule"] == "structure/malformed-front-matter")
    assert broken["line"] == 3 and broken["severity"] == "error"
    assert "structure/malformed-front-matter" in rules["unclosed.md"]
    assert "structure/no-articles" in rules["drafts"]
    assert any("no such file" in f["message"] for f in got["missing.md"])
    assert "structure/missing-headline" in rules["good.txt"]  # the good file was still linted
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths} == before  # nothing written


def test_huge_file_is_refused_by_size_without_reading_it(tmp_path):
    big = tmp_path / "huge.md"
    with big.open("wb") as fh:
        fh.write(b"# Huge\n\n")
        fh.write((b"All work and no play, the clerk said. " * 1000 + b"\n") * 1350)  # ~50 MB
    assert big.stat().st_size > 50_000_000
    proc = run_cli("check", "--format", "json", str(big))
    got = findings_by_path(proc)["huge.md"]
    assert got[0]["rule"] == "structure/unreadable-file"
    assert "over the 10 MB limit" in got[0]["message"]


def test_huge_file_limit_is_configurable(tmp_path, write):
    write(".newslint.yaml", "max-file-size: 0.001\n")
    p = write("story.md", "# Harbour budget passes\n\n" + "The council approved the budget, its clerk said. " * 40)
    proc = run_cli("check", "--format", "json", str(p), cwd=tmp_path)
    assert "over the 0.001 MB limit" in proc.stdout.decode()


def test_text_report_names_the_bad_file(tmp_path, write):
    p = write("binary.md", b"\x00\x01\x02")
    proc = run_cli("check", str(p))
    out = proc.stdout.decode()
    assert "binary.md" in out and "structure/unreadable-file" in out and proc.returncode == 1
