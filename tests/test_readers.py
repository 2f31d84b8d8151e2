"""Plain-text and Markdown readers: article shape, offsets, metadata."""

from __future__ import annotations

import pytest

import datetime as dt

from conftest import SHARED, article

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


# Scalars and layouts for the plain front-matter reader: each either read exactly as PyYAML reads
# it, or left to PyYAML (booleans, nulls, odd numbers, comments, nesting, tabs ...).
_SCALARS = [
    "Plain title", "COMPUTER MAKER <CPML> COMPLETES SALE", "COMMACK, N.Y., Feb 26 -", "NEWID=10",
    "Reuters-21578 Distribution 1.0 (copy in x/y)", "https://example.org/a?b=c#frag", "C# and F#",
    "Économie: la suite", "a: b", "trailing colon:", "not # a comment", "yes", "No", "on", "null", "~",
    "y", "2019-05-10", "2019-02-30", "2019-5-10", "2019-05-10T10:00:00Z", "12", "012", "1_000", "3.5",
    "0", "-1", ".inf", "'single ''quoted'''", "'unclosed", '"double"', '"with \\n escape"', "- dash",
    "&anchor x", "*alias", "!tag x", "|", ">", "[a, b]", "{a: b}", "@mention", "%x", "`tick`",
    "tab\there", "trail ", "'a' b", "x\u00a0y", "\ufeffbom", "70cb2d5b", "26-FEB-1987 15:18:06.67", "1:20",
    "0x1F", "0b101", "1e5", "1.5e+3", "7 key questions", "12:30", "2019-05-10 10:00:00", "<<", "(CORRECTED) - X",
    "$5", "/path/x", "\u0663 digit", "=", "+1", "?x", "x: ", "a:b",
]


def _layouts(rng):
    keys = ["title", "date", "topics", "places", "on", "raw_html", "source-id", "dateline"]
    for _ in range(3000):
        lines = []
        for key in rng.sample(keys, rng.randint(1, 4)):
            if rng.random() < 0.3:
                indent = rng.choice(["", "  ", " "])
                lines.append(f"{key}:")
                lines += [f"{indent}- {rng.choice(_SCALARS)}" for _ in range(rng.randint(0, 3))]
            else:
                lines.append(f"{key}: {rng.choice(_SCALARS)}")
            if rng.random() < 0.15:
                lines.append(rng.choice(["", "# comment", "  continued", "\t- x"]))
        yield "\n".join(lines) + "\n"


def test_plain_front_matter_reads_what_pyyaml_reads_or_leaves_it_to_pyyaml():
    import random

    from newslint.readers.markdown import plain_front_matter, yaml_front_matter

    plain = 0
    for chunk in _layouts(random.Random(7)):
        text = "---\n" + chunk + "---\nBody.\n"
        start, end = 4, 4 + len(chunk)
        fast = plain_front_matter(text, start, end)
        if fast is None:
            continue
        plain += 1
        meta, spans, error, _ = yaml_front_matter(text, start, end)
        assert error is None, chunk
        assert fast == (meta, spans), chunk
        assert [type(v) for v in fast[0].values()] == [type(v) for v in meta.values()], chunk
    assert plain > 100  # the plain reader took a fair share of the layouts


@pytest.mark.parametrize("chunk, plain", [
    ("title: A b\ntopics:\n- acq\n- x y\n\nplaces:\n  - usa\ndate: 2019-05-10\nid: 12\nq: 'it''s'\n", True),
    ("title: A b\n  continued on a second line\n", False),
    ("draft: no\n", False),
    ("tags: [a, b]\n", False),
    ("title: A\ntitle: B\n", False),
    ("topics:\ntitle: A\n", False),
    ("title: A\ndate: 2024-03-05", False),  # not ended by a line break: not a whole front matter
])
def test_plain_front_matter_takes_only_plain_yaml(chunk, plain):
    from newslint.readers.markdown import plain_front_matter, yaml_front_matter

    text = "---\n" + chunk + "---\n"
    fast = plain_front_matter(text, 4, 4 + len(chunk))
    assert (fast is not None) == plain
    if fast is not None:
        meta, spans, _, _ = yaml_front_matter(text, 4, 4 + len(chunk))
        assert fast == (meta, spans)


def test_a_markdown_article_with_plain_front_matter_is_read_without_pyyaml():
    import subprocess
    import sys

    code = ("import sys; from newslint.readers import read_bytes; "
            "a = read_bytes(b'---\\ntitle: Plain\\ndate: 2024-03-05\\n---\\n\\nBody text.\\n', 'a.md'); "
            "print(a.meta['title'], 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["Plain", "False"]


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="the shared news corpus is not available")
def test_plain_front_matter_agrees_with_pyyaml_on_real_front_matter():
    from newslint.readers.markdown import plain_front_matter, split_front_matter, yaml_front_matter

    checked = plain = 0
    for path in sorted((SHARED / "corpus").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        found = split_front_matter(text)
        if not found or found[1] < 0:
            continue
        start, end, _ = found
        checked += 1
        fast = plain_front_matter(text, start, end)
        if fast is not None:
            plain += 1
            meta, spans, _, _ = yaml_front_matter(text, start, end)
            assert fast == (meta, spans), path.name
            assert [type(v) for v in fast[0].values()] == [type(v) for v in meta.values()], path.name
    assert checked and plain >= checked * 0.9  # real front matter is plain
