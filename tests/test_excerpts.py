"""Excerpts: the source line a finding sits on, or a stretch of it around the finding when the
line is very long (a stream record, a page with no line breaks), so findings never hold whole
records; reporters and baseline fingerprints read both the same way."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ndjson, run_cli

from newslint.baseline import fingerprint, matched_text
from newslint.config import ConfigResolver
from newslint.engine import Engine, lint_text
from newslint.model import EXCERPT_CONTEXT, EXCERPT_MAX
from newslint.reporters.html_format import locate
from newslint.reporters.text_format import _window

FILLER = "The harbour board met on Monday and approved the dredging budget, the minutes show. "
LONG = FILLER * 60 + "Officials said the the ferry would run. " + FILLER * 60  # one line of ~10,000 characters


def _repeated(text: str):
    return next(f for f in lint_text(text, "long.md") if f.rule == "typos/repeated-word")


def test_a_short_line_is_the_whole_excerpt():
    line = "Officials said the the ferry would run on Monday, the harbour board said."
    f = _repeated(f"# Ferry\n\n{line}\n")
    assert (f.excerpt, f.excerpt_column) == (line, 1)
    assert matched_text(f).lower() == "the the"


def test_a_very_long_line_is_excerpted_around_the_finding():
    assert len(LONG) > EXCERPT_MAX
    f = _repeated(f"# Ferry\n\n{LONG}\n")
    at = f.excerpt_column - 1
    assert 1 < f.excerpt_column < f.column and LONG[at : at + len(f.excerpt)] == f.excerpt
    assert f.column - f.excerpt_column == EXCERPT_CONTEXT and len(f.excerpt) < 2 * EXCERPT_CONTEXT + 20
    assert matched_text(f).lower() == "the the"


@pytest.mark.parametrize("line", [LONG, FILLER * 3 + LONG, LONG + "Officials said the the ferry was late.",
                                  "The the ferry ran. " + FILLER * 30, FILLER * 30 + "Officials said the the"])
def test_fingerprint_and_text_window_are_those_of_the_whole_line(line):
    f = _repeated(f"# Ferry\n\n{line}\n")
    assert len(f.excerpt) < len(line)
    whole = replace(f, excerpt=line, excerpt_column=1)
    assert fingerprint(f) == fingerprint(whole)
    text, s, e = _window(f)
    assert text[s:e].lower() == "the the"
    assert _window(whole) == (text, s, e)


def test_html_places_a_finding_on_a_very_long_line():
    source = f"# Ferry\n\n{LONG}\n"
    f = _repeated(source)
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    span = locate(source, starts, f)
    assert span is not None and source[span[0] : span[1]].lower() == "the the"
    assert locate(source.replace("Officials", "Officers!"), starts, f) is None  # not the line it was found on


def test_stream_findings_hold_a_stretch_of_their_record_not_the_record(tmp_path):
    records = [{"uri": f"urn:x:{i}", "headline": f"Ferry story {i}",
                "body_html": f"<p>{FILLER * 80}</p><p>Officials said the the ferry would run.</p>"} for i in range(30)]
    path = tmp_path / "s.ndjson"
    path.write_bytes(ndjson(*records))
    assert all(len(line) > 5000 for line in path.read_text().splitlines())
    proc = run_cli("check", "--format", "text", "--no-cache", "--select", "typos/repeated-word", str(path))
    shown = [line for line in proc.stdout.decode().splitlines() if "| " in line and "the the" in line.lower()]
    assert len(shown) == 30 and all(len(line) < 200 for line in shown)
    run = Engine(ConfigResolver()).run([str(path)])
    assert run.findings and all(len(f.excerpt) <= 2 * EXCERPT_CONTEXT + 200 for f in run.findings)
