"""Streams of ninjs records: stdin, record ids and lines in reports, limits, flat memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import ROOT, run_cli

from newslint.readers import ReadFailure, read_file

RECORDS = [
    {"uri": "urn:x:1", "headline": "Port strike ends", "body_text": "Dock workers returned on Monday, the union said."},
    {"uri": "urn:x:2", "headline": "Ferry fares rise",
     "body_html": "<p>Fares rise in July, the operator said.</p><p>Advertisement</p>"},
]


def ndjson(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def test_stdin_ninjs_stream_findings_carry_record_and_line():
    proc = run_cli("check", "--format", "json", "--exit-zero", "--stdin-format", "ninjs", "-",
                   stdin=ndjson(RECORDS[0], '{"uri": "urn:x:bad", "head', RECORDS[1]))
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    ad = next(f for f in findings if f["rule"] == "spam/advertisement-label")
    assert ad["record"] == "urn:x:2" and ad["line"] == 3 and ad["path"] == "<stdin>"
    bad = next(f for f in findings if f["rule"] == "structure/unreadable-file")
    assert bad["line"] == 2 and "truncated" in bad["message"]


def test_stdin_filename_suffix_picks_the_format():
    page = b"<html><body><h1>Port strike ends</h1><p>Dock workers returned.</p>\n<p>Advertisement</p></body></html>"
    proc = run_cli("check", "--format", "json", "--exit-zero", "--stdin-filename", "story.html", "-", stdin=page)
    findings = json.loads(proc.stdout)["findings"]
    assert any(f["rule"] == "spam/advertisement-label" and f["line"] == 2 for f in findings)


def test_unknown_stdin_format_is_a_clear_failure():
    proc = run_cli("check", "--format", "json", "--stdin-format", "pdf", "-", stdin=b"x")
    (finding,) = json.loads(proc.stdout)["findings"]
    assert "unknown format 'pdf'" in finding["message"] and "ninjs" in finding["message"]


def test_over_long_record_is_refused_and_the_stream_goes_on(tmp_path):
    path = tmp_path / "s.ndjson"
    path.write_bytes(ndjson(RECORDS[0], {"uri": "huge", "body_text": "x" * 3_000_000}, RECORDS[1]))
    results = list(read_file(path, "s.ndjson", 2))  # a 2 MB limit
    assert [getattr(r, "record_id", None) for r in results] == ["urn:x:1", None, "urn:x:2"]
    assert isinstance(results[1], ReadFailure) and results[1].line == 2 and "over 2 MB" in results[1].message


def test_empty_stream_yields_nothing(tmp_path):
    path = tmp_path / "empty.ndjson"
    path.write_bytes(b"\n\n")
    assert list(read_file(path, "empty.ndjson", 10)) == []


_READER = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from newslint.model import Article
    from newslint.readers import read_file
    n = bad = 0
    for result in read_file(Path(sys.argv[1]), "big.ndjson", 10):
        n += 1
        bad += not isinstance(result, Article)
    # VmHWM is this program's own peak: ru_maxrss would also count the pytest process it forked from
    hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
    print(n, bad, hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""")


def test_hundred_megabyte_stream_reads_in_flat_memory(tmp_path):
    path = tmp_path / "big.ndjson"
    para = "The harbour authority said on Monday that dredging would start in September, the minutes show. " * 20
    size = count = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < 100 * 1024 * 1024:
            record = {"uri": f"urn:big:{count}", "headline": f"Harbour story {count}", "located": "Harbourtown"}
            if count % 10 == 0:
                record["body_html"] = f"<p>{para}</p>" * 4
            else:
                record["body_text"] = "\n\n".join([para] * 4)
            line = json.dumps(record) + "\n"
            fh.write(line)
            size += len(line)
            count += 1
        fh.write('{"uri": "urn:big:cut", "headline": "cut sho\n')
    proc = subprocess.run([sys.executable, "-c", _READER, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, check=True)
    n, bad, peak_kb = map(int, proc.stdout.split())
    assert (n, bad) == (count + 1, 1)
    assert peak_kb < 80 * 1024, f"peak memory {peak_kb // 1024} MB while streaming a {size // 1048576} MB file"
