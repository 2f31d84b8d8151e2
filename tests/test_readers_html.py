"""HTML pages and CMS exports: blocks, links, metadata, positions in the source, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import article

import newslint
from newslint.model import BlockKind
from newslint.readers import format_for, read_bytes

K = BlockKind
FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def story():
    text = (FIXTURES / "story.html").read_text(encoding="utf-8")
    return text, article(text, "story.html")


def at(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``source``."""
    i = -1
    for _ in range(nth + 1):
        i = source.index(needle, i + 1)
    return source.count("\n", 0, i) + 1, i - (source.rfind("\n", 0, i) + 1) + 1


def test_suffixes_pick_the_html_reader():
    assert format_for("a/story.html") == format_for("x.HTM") == format_for("x.xhtml") == "html"
    assert format_for("x", "htm") == "html"


def test_blocks_of_a_page_in_order():
    _, a = story()
    assert a.format == "html"
    assert [b.kind for b in a.blocks] == [
        K.HEADLINE, K.DEK, K.PARAGRAPH, K.PARAGRAPH, K.QUOTE, K.HEADING, K.LIST_ITEM, K.LIST_ITEM,
        K.PARAGRAPH, K.PARAGRAPH, K.PARAGRAPH,
    ]
    assert a.headline.text == "Harbour budget passes after late vote"
    assert a.dek.text == "Councillors backed the plan 7-2 after a four-hour debate over dredging costs."
    assert a.blocks[2].text.endswith("dredging costs, the council’s clerk said.")  # entity decoded, lines joined
    assert a.blocks[4].text == "“We could not wait another year,” the mayor told reporters."
    assert a.blocks[-1].text == "Work is due to start in September,\naccording to the port authority."  # <br>
    for block in a.blocks:
        assert a.text[block.start : block.end] == block.text


def test_furniture_outside_the_body_is_dropped_inside_it_kept():
    _, a = story()
    text = a.text
    for gone in ("News Sport", "Ferry fares rise again", "All rights reserved", "Read more about cookies",
                 "color: #222", "By Mara Lind"):
        assert gone not in text, gone
    assert "Advertisement" in text and "Read more: Harbour traffic hits a record" in text


def test_links_are_markdown_links_with_resolved_urls():
    _, a = story()
    assert [(link.label, link.url) for link in a.links] == [
        ("port", "https://gazette.example/topics/port"),
        ("published minutes", "https://harbour.example/minutes/2026-06-28"),
    ]


def test_metadata_from_json_ld_graph_open_graph_and_meta():
    _, a = story()
    assert a.meta["datePublished"] == "2026-06-28T18:05:00Z"
    assert a.updated.isoformat() == "2026-06-29T08:30:00+00:00"
    assert a.published.isoformat() == "2026-06-28T18:05:00+00:00"
    assert a.meta["author"] == ["Mara Lind", "Tom Ekberg"]
    assert a.meta["og:site_name"] == "The Harbour Gazette"
    assert a.meta["url"] == "https://gazette.example/news/2026/06/28/harbour-budget"
    assert a.meta_sources == ["https://harbour.example/minutes/2026-06-28"]  # isBasedOn comes first
    assert a.meta["citation"] == [{"@type": "CreativeWork", "url": "https://harbour.example/budget.pdf"}]


def test_positions_map_to_the_html_source():
    src, a = story()
    blocks = {b.text[:20]: b for b in a.blocks}
    assert a.position(a.headline.start) == at(src, "Harbour budget passes after late vote</h1>")
    assert a.position(a.dek.start) == at(src, "Councillors backed the plan")
    second = blocks["The city council app"]
    assert a.position(second.start) == at(src, "The city council approved")
    # after a line break in the source, and after an entity (&rsquo; maps to its '&')
    i = a.text.index("dredging costs")
    assert a.position(i) == at(src, "dredging costs")
    i = a.text.index("’s clerk")
    assert a.position(i) == at(src, "&rsquo;s clerk")
    assert a.position(i + 1) == at(src, "s clerk")
    # a link's URL maps to its href value, a word after &nbsp; to itself
    url = a.links[1]
    assert a.position(url.start) == at(src, "https://harbour.example/minutes/2026-06-28", 1)
    i = a.text.index("million euros")
    assert a.position(i) == at(src, "million euros")
    assert a.position(blocks["Advertisement"].start) == at(src, "Advertisement")


def test_crlf_source_positions():
    src = "<html><body>\r\n<article>\r\n<h1>Port strike ends</h1>\r\n<p>Dock workers went back\r\nto work on Monday.</p>\r\n</article></body></html>"
    a = article(src, "a.html")
    para = a.paragraphs[0]
    assert para.text == "Dock workers went back to work on Monday."
    assert a.position(para.start) == (4, 4)
    assert a.position(para.start + para.text.index("to work")) == (5, 1)


def test_headline_falls_back_to_meta_when_no_heading_matches():
    src = ('<html><head><meta property="og:title" content="Port strike ends"><title>Port strike ends | Site</title></head>'
           "<body><h1>Site name</h1><div><p>Dock workers returned to work on Monday after two weeks, the union said.</p></div></body></html>")
    a = article(src, "a.html")
    assert a.headline.text == "Port strike ends"
    assert a.position(a.headline.start) == at(src, 'Port strike ends">')
    assert "Site name" not in [b.text for b in a.body]


def test_fragment_export_without_head():
    a = article("<h1>Port strike ends</h1>\n<p>Dock workers returned on Monday, the union said.</p>", "export.html")
    assert [b.kind for b in a.blocks] == [K.HEADLINE, K.PARAGRAPH]


def test_malformed_html_does_not_crash():
    for src in (
        "<html><body><p>Unclosed <b>bold <i>italic</p><p>Second para</div></span>",
        "<p>" * 5000 + "deep",
        "<<<>>> &&& &#xZZ; &bogus; <a href='x>broken</a> <p>Text after</p>",
        "",
        "<html><head><script type='application/ld+json'>{not json</script></head><body><p>Body.</p></body></html>",
        "<div>" * 3000 + "very deep nesting" + "</div>" * 3000,
    ):
        a = article(src, "bad.html")
        for b in a.blocks:
            assert a.text[b.start : b.end] == b.text
            a.position(b.start)


def test_declared_charset_is_honoured():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 reopens on Monday, its owner said.</p></body></html>'.encode("latin-1")
    a = read_bytes(data, "cafe.html")
    assert a.paragraphs[0].text == "Café reopens on Monday, its owner said."
    assert not a.problems


def test_spam_rules_see_furniture_inside_the_body():
    found = {f.rule: f for f in newslint.lint_text((FIXTURES / "story.html").read_text("utf-8"), path="story.html")}
    assert found["spam/advertisement-label"].line == 37
    assert found["spam/read-more"].line == 38


def test_suppression_comment_in_html():
    src = ("<html><body><article><h1>Port strike ends</h1><p>Dock workers returned on Monday, the union said.</p>\n"
           "<!-- newslint-disable-next-line spam/advertisement-label -->\n<p>Advertisement</p>\n"
           "<p>Advertisement</p></article></body></html>")
    found = [f for f in newslint.lint_text(src, path="s.html") if f.rule == "spam/advertisement-label"]
    assert [f.line for f in found] == [4]


def test_modified_before_published_is_reported():
    src = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-06-28T10:00:00Z",'
           ' "dateModified": "2026-06-20T10:00:00Z"}</script></head><body><h1>Port strike ends</h1>'
           "<p>Dock workers returned on Monday, the union said.</p></body></html>")
    assert any(f.rule == "provenance/updated-before-published" for f in newslint.lint_text(src, path="s.html"))


def test_cli_start_up_does_not_import_the_html_parser():
    code = "import sys, newslint.cli, newslint.engine; print('selectolax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
