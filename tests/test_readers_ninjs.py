"""IPTC ninjs records: versions 1.x/2.x/3.0, documents and lists, positions through JSON escapes."""

from __future__ import annotations

import json
from pathlib import Path

from newslint.model import Article, BlockKind
from newslint.readers import ReadFailure, format_for, is_stream, read_file

K = BlockKind
FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def read(path: Path, display: str | None = None) -> list[Article | ReadFailure]:
    return list(read_file(path, display or path.name, 10))


def at(source: str, needle: str) -> tuple[int, int]:
    i = source.index(needle)
    return source.count("\n", 0, i) + 1, i - (source.rfind("\n", 0, i) + 1) + 1


def test_suffixes_and_stream_format():
    for name in ("a.json", "a.ndjson", "a.jsonl"):
        assert format_for(name) == "ninjs" and is_stream(name)
    assert format_for("-", "ndjson") == format_for("-", "json") == "ninjs"


def test_ninjs_1x_record_in_a_stream():
    results = read(FIXTURES / "wire.ndjson")
    first = results[0]
    assert isinstance(first, Article) and first.format == "ninjs"
    assert first.record_id == "urn:newsml:wire.example:20260628:harbour"
    assert first.headline.text == "Harbour budget passes after late vote"
    assert [b.kind for b in first.blocks] == [K.HEADLINE, K.PARAGRAPH, K.PARAGRAPH]
    assert first.published.isoformat() == "2026-06-28T17:00:00+00:00"  # firstcreated
    assert first.updated.isoformat() == "2026-06-28T18:00:00+00:00"  # versioncreated
    assert first.meta["located"] == "Harbourtown" and first.meta["by"] == "Mara Lind"
    assert first.meta_sources == ["https://harbour.example/minutes/2026-06-28"]
    assert "body_text" not in first.meta


def test_ninjs_3_camel_case_with_html_body_and_unknown_fields():
    second = read(FIXTURES / "wire.ndjson")[1]
    assert isinstance(second, Article)
    assert second.line_base == 1
    assert second.headline.text == "Ferry fares rise again"
    assert [b.text for b in second.paragraphs] == ["Ferry fares will rise by 5% in July, the operator said.", "Advertisement"]
    assert second.meta["custom_field"] == {"kept": True}
    assert second.updated < second.published  # versionCreated before firstCreated is visible to rules


def test_stream_positions_are_lines_of_the_stream():
    src = (FIXTURES / "wire.ndjson").read_text("utf-8")
    second = read(FIXTURES / "wire.ndjson")[1]
    ad = second.paragraphs[1]
    line, col = second.position(ad.start)
    assert line == 2
    assert col == at(src.splitlines()[1], "Advertisement</p>")[1]


def test_bad_records_are_reported_by_line_and_id_and_the_rest_read():
    results = read(FIXTURES / "wire.ndjson")
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [(f.line, f.record_id) for f in failures] == [(4, None), (6, "urn:newsml:wire.example:20260628:empty")]
    assert "cut short" in failures[0].message and "wire.ndjson" == failures[0].path
    assert "has no body text" in failures[1].message
    articles = [r for r in results if isinstance(r, Article)]
    assert len(articles) == 2  # the picture item without text is not an article


def test_pretty_printed_document_with_escapes_maps_exactly():
    src = (FIXTURES / "record.json").read_text("utf-8")
    (a,) = read(FIXTURES / "record.json")
    assert a.headline.text == "Dredging “to start in September”"
    assert a.position(a.headline.start) == at(src, "Dredging \\u201c")
    i = a.text.index("to start")
    assert a.position(i) == at(src, "to start")
    second = a.paragraphs[1]
    assert a.position(second.start) == at(src, "The work was first")
    assert a.updated > a.published


def test_list_of_records(tmp_path):
    records = [{"uri": f"r{n}", "headline": f"Story number {n}", "body_text": f"Paragraph {n} said the clerk."} for n in range(3)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    results = read(path)
    assert [r.record_id for r in results] == ["r0", "r1", "r2"]
    src = path.read_text("utf-8")
    assert results[2].position(results[2].paragraphs[0].start) == at(src, "Paragraph 2")


def test_truncated_document_and_wrong_shapes(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{\n  "uri": "x",\n  "headline": "Cut', encoding="utf-8")
    (fail,) = read(path)
    assert isinstance(fail, ReadFailure) and fail.line == 3 and "not valid JSON" in fail.message
    path.write_text('"just a string"\n', encoding="utf-8")
    (fail,) = read(path)
    assert isinstance(fail, ReadFailure) and "string where a ninjs record" in fail.message


def test_schema_org_news_article_json(tmp_path):
    path = tmp_path / "ld.json"
    path.write_text(json.dumps({"@type": "NewsArticle", "url": "https://x.example/a", "headline": "Port strike ends",
                                "articleBody": "Dock workers returned on Monday.", "datePublished": "2026-06-28"}), encoding="utf-8")
    (a,) = read(path)
    assert a.record_id == "https://x.example/a" and a.paragraphs[0].text == "Dock workers returned on Monday."
    assert a.published.isoformat() == "2026-06-28T00:00:00+00:00"


def test_invalid_utf8_record_is_read_with_a_problem(tmp_path):
    path = tmp_path / "latin.ndjson"
    record = '{"uri": "c1", "headline": "Café reopens", "body_text": "The café reopened, its owner said."}\n'
    path.write_bytes(record.encode("cp1252"))
    (a,) = read(path)
    assert a.headline.text == "Café reopens"
    assert a.problems and a.problems[0][0] == "structure/not-utf8"
