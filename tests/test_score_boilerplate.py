"""scripts/score_boilerplate.py on a small synthetic labelled-lines file written for this test."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_boilerplate", ROOT / "scripts" / "score_boilerplate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


ROWS = [
    # (label, text)
    ("boilerplate", "Read more: Ferry fares to rise in spring"),  # read more: flagged
    ("boilerplate", "Sign up for our weekly newsletter"),  # newsletter: flagged
    ("boilerplate", "ADVERTISEMENT"),  # advertisement: flagged
    ("boilerplate", "Please review our terms to complete your newsletter subscription."),  # kind, not flagged: a miss
    ("boilerplate", "Privacy Policy"),  # not one of the kinds: outside the recall figure
    ("body", "The city council approved the harbour budget on Monday, its clerk said."),
    ("body", "Subscribers to the council newsletter were told of the vote on Tuesday."),  # kind by keyword, not flagged
    ("body", "Buy Now"),  # a shopping button inside the publisher's body: flagged
]


def write_tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["line_no\tlabel\ttoken_coverage\ttext"]
    lines += [f"{i}\t{label}\t0.00\t{text}" for i, (label, text) in enumerate(rows, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_score_counts_recall_and_body_rate(scorer, tmp_path):
    result = scorer.score([write_tsv(tmp_path / "0001.lines.tsv", ROWS)])
    assert sum(result.kind_total.values()) == 4
    assert sum(result.kind_flagged.values()) == 3
    assert result.recall == pytest.approx(3 / 4)
    assert [line.text for _, line in result.misses] == [ROWS[3][1]]
    assert (result.body_flagged, result.body_total) == (1, 3)
    assert result.body_rate == pytest.approx(1 / 3)
    # "Buy Now" and the newsletter sentence match the keyword filter; only the first body line is plain
    assert (result.plain_body_flagged, result.plain_body_total) == (0, 1)
    assert result.rule_body["spam/shopping-call"] == 1
    assert result.rule_boilerplate["spam/newsletter-prompt"] == 1


def test_kind_filter(scorer):
    assert scorer.kind_of("More in politics →") == "more in <section>"
    assert scorer.kind_of("© 2026 Port City Media. All rights reserved.") == "copyright line"
    assert scorer.kind_of("7k SHARES") == "share counter"
    assert scorer.kind_of("Privacy Policy") is None
    assert scorer.kind_of("newsletter " * 31) is None  # long lines are out of the filter


def test_report_names_both_figures(scorer, tmp_path):
    text = scorer.report(scorer.score([write_tsv(tmp_path / "0001.lines.tsv", ROWS)]), show=5)
    assert "(a) recall on those lines:      3 / 4 = 75.0%" in text
    assert "(b) body lines flagged:         1 / 3 = 33.33%" in text
    assert "Please review our terms" in text


def test_missing_corpus_skips_cleanly(scorer, tmp_path, capsys):
    assert scorer.main(["--corpus", str(tmp_path / "absent")]) == 0
    assert "corpus absent" in capsys.readouterr().out


DEALS = [("body", "Five drills are on sale this week, the chain said.")] + [
    row for n in range(1, 6) for row in (("body", f"The model {n} drill is ${n}9 at the chain."), ("body", "Buy Now"))
] + [("boilerplate", "Sign up for our weekly newsletter")]


def test_page_mode_reads_a_deals_page_as_one_article(scorer, tmp_path):
    path = write_tsv(tmp_path / "0002.lines.tsv", DEALS)
    alone, whole = scorer.score([path], mode="line"), scorer.score([path], mode="page")
    # on their own, the five buttons are five widget lines; on the page, one finding at the first
    assert (alone.body_flagged, whole.body_flagged) == (5, 1)
    assert [line.line_no for _, line in whole.body_hits] == [3]
    assert alone.recall == whole.recall == 1.0  # the newsletter prompt is found either way


def test_main_prints_both_modes(scorer, tmp_path, capsys):
    write_tsv(tmp_path / "0001.lines.tsv", ROWS)
    assert scorer.main(["--corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "== mode line" in out and "== mode page" in out
