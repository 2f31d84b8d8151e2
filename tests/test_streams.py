"""Streams of ninjs records: stdin, record ids and lines in reports, limits, flat memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, ndjson, run_cli

from newslint.readers import ReadFailure, read_file
from newslint.readers.ninjs import ndjson_batches, read_ninjs_stream

RECORDS = [
    {"uri": "urn:x:1", "headline": "Port strike ends", "body_text": "Dock workers returned on Monday, the union said."},
    {"uri": "urn:x:2", "headline": "Ferry fares rise",
     "body_html": "<p>Fares rise in July, the operator said.</p><p>Advertisement</p>"},
]


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


def _seen(results: list) -> list[tuple]:
    """What a reader produced, comparable across runs: kind, record, line, message or text."""
    return [(type(r).__name__, r.record_id, getattr(r, "line", None) or r.line_of(r.anchor[0]),
             getattr(r, "message", None) or r.text) for r in results]


def _in_batches(data: bytes, limit: int, size: int) -> list:
    out = []
    for batch, start in ndjson_batches(io.BytesIO(data), limit, size):
        out.extend(read_ninjs_stream(io.BytesIO(batch), "s.ndjson", limit, start))
    return out


STREAMS = {
    "records, blank lines and a list per line": b"\n\n" + ndjson(RECORDS[0], "", [RECORDS[1], RECORDS[0]], RECORDS[1]),
    "byte-order mark and no final newline": b"\xef\xbb\xbf" + ndjson(RECORDS[0], RECORDS[1]).rstrip(b"\n"),
    "bad lines": ndjson(RECORDS[0], '{"uri": "cut', "[1, 2]", '"text"', RECORDS[1]) + b'{"uri": "x", "body_text": "caf\xe9"}\n',
    "over-long records, first and later": ndjson({"body_text": "x" * 400}, RECORDS[0], {"body_text": "y" * 500},
                                                 RECORDS[1]),
    "a pretty-printed document": b"\n" + json.dumps([RECORDS[0], RECORDS[1]], indent=2).encode() + b"\n",
    "a document over the limit": json.dumps([RECORDS[0]] * 12, indent=2).encode(),
    "a document opened on a later line": ndjson(RECORDS[0]) + json.dumps(RECORDS[1], indent=2).encode(),
}


@pytest.mark.parametrize("name", STREAMS)
def test_a_stream_read_in_batches_reads_as_it_does_whole(name):
    data = STREAMS[name]
    whole = _seen(list(read_ninjs_stream(io.BytesIO(data), "s.ndjson", 300)))
    assert whole, "the stream must produce something to compare"
    for size in (1, 64, 1 << 20):
        assert _seen(_in_batches(data, 300, size)) == whole, size


def test_a_first_line_nested_too_deeply_is_a_bad_line_whole_or_in_batches():
    data = b"[" * 5000 + b"\n" + ndjson(*RECORDS * 40)  # opens a value it never closes, yet is no document
    assert len(data) > 2 * 6000  # longer than the limit: a batch cut as for a document would lose records
    whole = _seen(list(read_ninjs_stream(io.BytesIO(data), "s.ndjson", 6000)))
    assert [kind for kind, *_ in whole] == ["ReadFailure"] + ["Article"] * 80
    for size in (1, 64, 1 << 20):
        assert _seen(_in_batches(data, 6000, size)) == whole, size


def test_batches_cut_at_line_ends_and_number_their_first_line():
    data = ndjson(RECORDS[0], RECORDS[1], RECORDS[0], {"body_text": "z" * 400}, RECORDS[1])
    batches = list(ndjson_batches(io.BytesIO(data), 300, 100))
    assert b"".join(b for b, _ in batches).count(b"\n") == 4  # the over-long line is cut to 301 bytes
    assert [start for _, start in batches] == [1, 2, 3, 4, 5]
    assert all(b.endswith(b"\n") or len(b) == 301 for b, _ in batches)


def test_a_stream_linted_in_parallel_matches_one_process(tmp_path):
    seeds = [p.read_text(encoding="utf-8").partition("\n") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    records: list[object] = [{"uri": f"urn:x:{i}", "headline": head, "body_text": f"{body}\nCopy {i}."}
                             for i, (head, _, body) in enumerate(seeds * 40)]
    records[7] = '{"uri": "urn:x:cut", "head'
    path = tmp_path / "s.ndjson"
    path.write_bytes(ndjson(*records))
    one = run_cli("check", "--format", "json", "--exit-zero", "--no-cache", "-j", "1", str(path))
    two = run_cli("check", "--format", "json", "--exit-zero", "--no-cache", "-j", "2", str(path))
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    findings = json.loads(two.stdout)["findings"]
    late = {f["rule"] for f in findings if f["line"] > 150}  # records from the later batches
    assert "consistency/near-duplicate" in late and "provenance/no-sources" in late
    assert [f["line"] for f in findings if f["rule"] == "structure/unreadable-file"] == [8]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_long_stream_moves_the_progress_bar_as_its_records_are_linted(tmp_path, jobs):
    from newslint.config import ConfigResolver
    from newslint.engine import Engine

    body = "Dock workers returned on Monday, the union said, and 40 ships waited at anchor. " * 40
    path = tmp_path / "s.ndjson"
    path.write_bytes(ndjson(*({"uri": f"urn:x:{i}", "headline": f"Port {i}", "body_text": body} for i in range(300))))
    seen: list[tuple[float, int]] = []
    Engine(ConfigResolver(), jobs=jobs).run([str(path)], progress=lambda done, total: seen.append((done, total)))
    from newslint.readers.ninjs import BATCH_BYTES

    done = [d for d, _ in seen]
    assert done == sorted(done), done  # never backwards (it once jumped to 1 before the stream began)
    assert len([d for d in done if 0 < d < 1]) >= path.stat().st_size // BATCH_BYTES - 1  # a step per batch
    assert seen[-1] == (1, 1) and all(t == 1 for _, t in seen)
