"""Plain-text and Markdown readers: article shape, offsets, metadata."""

from __future__ import annotations

import pytest

import datetime as dt

from conftest import article

from newslint.model import BlockKind

K = BlockKind


def kinds(a):
    return [b.kind for b in a.blocks]


def test_plain_text_headline_dek_body_sources():
    a = article(
        "Council Approves Harbour Budget\n"
        "The vote ends a year of wrangling over the port.\n\n"
        "The city council approved the harbour budget on Monday, its clerk said.\n"
        "The budget runs to 40 million euros, according to the finance office.\n"
        "Sources:\n- https://example.org/council/minutes-2026-06-28\n",
        "a.txt",
    )
    assert kinds(a) == [K.HEADLINE, K.DEK, K.PARAGRAPH, K.PARAGRAPH, K.SOURCE_HEADING, K.SOURCE_ITEM]
    assert a.headline.text == "Council Approves Harbour Budget"
    assert a.source_items[0].text == "https://example.org/council/minutes-2026-06-28"
    assert a.has_source_section


def test_plain_text_section_label_above_headline():
    a = article("world\n\nFloods Close Rhine Shipping\n\nShipping on the Rhine stopped on Tuesday, the agency said.\n", "a.txt")
    assert kinds(a)[:2] == [K.LABEL, K.HEADLINE]


def test_plain_text_first_line_paragraph_means_no_headline():
    a = article(
        "Shipping on the Rhine stopped on Tuesday after floods, the waterways agency said.\n"
        "Barges were moored at Duisburg, according to port officials.\n",
        "a.txt",
    )
    assert a.headline is None
    assert kinds(a) == [K.PARAGRAPH, K.PARAGRAPH]


def test_plain_text_joins_hard_wrapped_paragraph():
    text = "Rhine Shipping Halts\n\nShipping on the Rhine stopped on Tuesday after\nfloods, the agency said.\n"
    a = article(text, "a.txt")
    assert [b.text for b in a.paragraphs] == ["Shipping on the Rhine stopped on Tuesday after\nfloods, the agency said."]


def test_plain_text_subheadings_and_source_headings_variants():
    for heading in ("Sources", "Source:", "Wire provenance", "References and further reading", "SOURCES"):
        a = article(f"Rhine Shipping Halts\n\nShipping stopped, the agency said.\n\n{heading}\n- https://example.org/x\n", "a.txt")
        assert K.SOURCE_HEADING in kinds(a), heading
    a = article("Rhine Shipping Halts\n\nShipping stopped, the agency said.\n\nWhat comes next\n\nBarges wait, an official said.\n", "a.txt")
    assert K.HEADING in kinds(a)


def test_markdown_front_matter_title_date_and_spans():
    text = "---\ntitle: \"Rhine shipping halts\"\ndate: 2026-06-28\nsources:\n  - https://example.org/a\ncustom: kept\n---\n\nShipping stopped, the agency said.\n"
    a = article(text)
    assert a.headline.text == "Rhine shipping halts"
    assert a.line_of(a.headline.start) == 2
    assert a.published == dt.datetime(2026, 6, 28, tzinfo=dt.timezone.utc)
    assert a.meta["custom"] == "kept"
    assert a.meta_sources == ["https://example.org/a"]
    s, e = a.meta_spans["date"]
    assert text[s:e] == "2026-06-28"
    assert a.paragraphs[0].text == "Shipping stopped, the agency said."
    assert a.position(a.paragraphs[0].start) == (9, 1)


def test_markdown_heading_headline_quote_list_code_and_comments():
    text = (
        "# Rhine shipping halts\n\nShipping stopped, the agency said.\n\n> \"We have never seen this,\" a skipper said.\n\n"
        "- first point\n- second point\n\n```\ncode here\n```\n\n<!-- a plain comment -->\n\n## Sources\n\n- https://example.org/a\n"
    )
    a = article(text)
    assert kinds(a) == [K.HEADLINE, K.PARAGRAPH, K.QUOTE, K.LIST_ITEM, K.LIST_ITEM, K.CODE, K.SOURCE_HEADING, K.SOURCE_ITEM]
    assert a.blocks[2].text.startswith('"We have never seen this,"')


def test_markdown_broken_front_matter_is_a_problem_with_line_and_body_kept():
    text = "---\ntitle: Rhine\ndate: [2026-06-28\n---\n\nShipping stopped, the agency said.\n"
    a = article(text)
    assert a.problems and a.problems[0][0] == "structure/malformed-front-matter"
    assert a.paragraphs and a.paragraphs[0].text == "Shipping stopped, the agency said."


def test_crlf_positions():
    a = article("Rhine Shipping Halts\r\n\r\nShipping stopped, the agency said.\r\n", "a.txt")
    para = a.paragraphs[0]
    assert para.text == "Shipping stopped, the agency said."
    assert a.position(para.start) == (3, 1)


def test_sentences_quotes_links_are_shared_analysis():
    a = article(
        "# Rhine\n\nMr. Smith said the U.S. barge left at 3 p.m. on Monday. \"It was late,\" he said. "
        "See [the notice](https://example.org/notice?id=1) and https://example.org/b.\n"
    )
    texts = [s.text for s in a.sentences]
    assert texts[1] == "Mr. Smith said the U.S. barge left at 3 p.m. on Monday."
    assert texts[2] == "\"It was late,\" he said."
    assert [q.inner for q in a.quotes] == ["It was late,"]
    assert [link.url for link in a.links] == ["https://example.org/notice?id=1", "https://example.org/b"]
    q = a.quotes[0]
    assert a.in_quote(q.start + 1, q.start + 3)


@pytest.mark.parametrize("yaml_text", [
    "title: Plain\ntags: [a, b]\nauthor: {name: Ann, id: 7}\n",
    "date: 2024-03-05T10:00:00Z\ncount: 12\nratio: 0.5\ndraft: false\nnothing: null\nday: 2024-03-05\n",
    "base: &b {desk: world}\ncopy: *b\n",  # an alias: one shared object
    "base: &b {desk: world}\nstory:\n  <<: *b\n  slug: x\n",  # a merge key
    "1: number key\n2.5: float key\n",
    "when: !!str 2024-01-01\nbin: !!binary aGVsbG8=\n",
    "title: twice\ntitle: again\n",  # a repeated key: the last one wins, as in PyYAML
])
def test_front_matter_values_are_what_pyyaml_builds(yaml_text):
    import yaml

    from newslint.readers.markdown import parse_front_matter

    meta, spans, error, _ = parse_front_matter(yaml_text, 0, len(yaml_text))
    expected = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert error is None
    assert meta == {str(k): v for k, v in expected.items()}
    assert spans and set(spans) <= set(meta)
