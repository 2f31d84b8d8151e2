"""RSS and Atom feeds: one article per item, positions in the feed, hostile and broken XML."""

from __future__ import annotations

import io
from pathlib import Path

import newslint
from newslint.model import Article, BlockKind
from newslint.readers import ReadFailure, format_for, read_bytes, read_file, read_stream

K = BlockKind
FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def read(name: str) -> list[Article | ReadFailure]:
    return list(read_file(FIXTURES / name, name, 10))


def read_text(text: str, name: str = "feed.xml") -> list[Article | ReadFailure]:
    return list(read_stream(io.BytesIO(text.encode("utf-8")), name))


def at(source: str, needle: str) -> tuple[int, int]:
    i = source.index(needle)
    return source.count("\n", 0, i) + 1, i - (source.rfind("\n", 0, i) + 1) + 1


def test_suffixes():
    assert format_for("a.rss") == format_for("a.atom") == format_for("a.xml") == format_for("-", "rss") == "feed"


def test_rss_items_become_articles():
    first, second = read("feed.rss")  # the title-only item is not an article
    assert first.record_id == "gazette-1001" and second.record_id == "gazette-1002"
    assert [b.kind for b in first.blocks] == [K.HEADLINE, K.DEK, K.PARAGRAPH, K.PARAGRAPH]
    assert first.meta["author"] == "Mara Lind" and first.meta["feed"] == "The Harbour Gazette"
    assert first.published.isoformat() == "2026-06-28T18:05:00+00:00"
    assert second.headline.text == "Ferry fares rise & timetables change"
    assert second.meta_sources == ["https://wire.example/ferry-fares"]
    # escaped HTML in a description is read as HTML
    assert second.paragraphs[-1].text == "The post Ferry fares rise appeared first on The Harbour Gazette."


def test_positions_inside_cdata_and_escaped_html():
    src = (FIXTURES / "feed.rss").read_text("utf-8")
    first, second = read("feed.rss")
    assert first.position(first.paragraphs[0].start) == at(src, "The city council")
    assert first.position(first.headline.start) == at(src, "Harbour budget passes")
    assert second.position(second.paragraphs[-1].start) == at(src, "The post Ferry")


def test_atom_entry_with_xhtml_content():
    src = (FIXTURES / "feed.atom").read_text("utf-8")
    (a,) = read("feed.atom")
    assert a.headline.text == "Pilot boats ordered"
    assert a.dek.text == "The port ordered two pilot boats."
    assert a.position(a.paragraphs[0].start) == at(src, "The port authority ordered")
    assert a.updated < a.published
    assert a.meta["author"] == "Tom Ekberg" and a.meta["url"] == "https://gazette.example/news/pilot-boats"


def test_feed_rules_fire_with_item_ids():
    found = [(f.rule, f.record_id, f.line) for f in newslint.lint_paths([str(FIXTURES / "feed.rss")])]
    assert ("spam/appeared-first-on", "gazette-1002", 20) in found
    assert ("spam/read-more", "gazette-1001", 14) in found


def test_entity_declarations_are_refused():
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'
              "<rss><channel><item><title>&b;</title><description>x</description></item></channel></rss>")
    (fail,) = read_text(laughs)
    assert isinstance(fail, ReadFailure) and "entities" in fail.message and fail.path == "feed.xml"
    external = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'
                "<rss><channel><item><title>&ext;</title><description>x</description></item></channel></rss>")
    (fail,) = read_text(external)
    assert isinstance(fail, ReadFailure) and "passwd" not in fail.message


def test_malformed_feed_keeps_complete_items_and_names_the_line():
    text = ("<rss><channel>\n<item><title>Good item here</title><description>The port reopened, the agency said."
            "</description></item>\n<item><title>Broken</title><description>Cut off")
    results = read_text(text)
    assert isinstance(results[0], Article) and results[0].headline.text == "Good item here"
    assert isinstance(results[-1], ReadFailure) and results[-1].line == 3 and "not well-formed" in results[-1].message


def test_not_a_feed_and_empty_feed():
    (fail,) = read_text('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', "sitemap.xml")
    assert isinstance(fail, ReadFailure) and "not an RSS or Atom feed" in fail.message
    (fail,) = read_text("<rss><channel><title>Empty</title></channel></rss>")
    assert isinstance(fail, ReadFailure) and fail.rule == "structure/no-articles"


def test_read_bytes_gives_the_first_item():
    a = read_bytes((FIXTURES / "feed.rss").read_bytes(), "feed.rss")
    assert isinstance(a, Article) and a.record_id == "gazette-1001"
