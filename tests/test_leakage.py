"""leakage/*: rewriting-tool and chat-assistant residue, and the real-news wording it must leave alone."""

from __future__ import annotations

import pytest
from conftest import SHARED

from newslint.model import Finding
from newslint.readers.markdown import read_markdown
from newslint.readers.text import read_text
from newslint.registry import builtin_registry
from newslint.rule import Context

REGISTRY = builtin_registry()
CORPUS = SHARED / "corpus"


def findings(rule_id: str, body: str, path: str = "story.md") -> list[Finding]:
    """Findings of one rule on ``body`` under a headline."""
    text = f"# Talks resume in Geneva\n\n{body}\n" if path.endswith(".md") else body
    article = (read_markdown if path.endswith(".md") else read_text)(text, path)
    return list(REGISTRY.get(rule_id)().check(article, Context()))


def matched(rule_id: str, body: str) -> list[str]:
    text = f"# Talks resume in Geneva\n\n{body}\n"
    return [text[f.start : f.end] for f in findings(rule_id, body)]


@pytest.mark.parametrize(
    "body",
    [
        "While the provided text does not say when, the ministry confirmed the plan.",
        "Based on the given excerpt, the vote was close.",
        "The snippet provided gives no date for the vote.",
        "According to the provided article, turnout fell.",
        "The text you provided gives no figure for turnout.",
        "The original article does not specify who fired first.",
        "The framing of the excerpt casts the ministry as the victim.",
        "The article’s headline and framing point to a long dispute.",
        "The excerpt suggests the talks were planned for weeks.",
        "The text implies that the port will reopen.",
        "The post does not provide granular details about the route.",
        "The sources are listed in the text as: a trader and a broker.",
        "As mentioned in the original post, the port reopens in May.",
        "The news story frames the strike as a protest.",
    ],
)
def test_source_text_references_are_flagged(body: str) -> None:
    assert findings("leakage/source-text-reference", body)


@pytest.mark.parametrize(
    "body",
    [
        "The text of the resolution states that both sides must withdraw.",
        "Diplomats circulated a draft on Monday. The draft text suggests a phased withdrawal.",
        "This story was first published by a partner site. Read the original article.",
        "In the original post, which was later deleted, the user claimed the port was closed.",
        "An excerpt from the memoir, published on Sunday, describes the night of the flood.",
        "The film's story emphasizes family, and the article's framing drew criticism from readers.",
        "The report does not specify which ships were hit, according to the report.",
        "“The provided text is a forgery,” the minister told reporters.",
        "The translator compared the source material with the English edition.",
    ],
)
def test_real_news_wording_is_not_a_source_reference(body: str) -> None:
    assert findings("leakage/source-text-reference", body) == []


def test_source_reference_message_quotes_the_phrase_and_says_how_to_fix() -> None:
    [f] = findings("leakage/source-text-reference", "The excerpt also points to rising costs.")
    assert "“The excerpt also points to”" in f.message
    assert "attribute it to its real source" in f.message


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ("As an AI language model, I cannot predict the vote.", "As an AI language model"),
        ("As a large language model, I do not have opinions on the vote.", "As a large language model, I"),
        ("As of my last knowledge update in 2023, the bridge was closed.", "As of my last knowledge update"),
        ("The bridge was closed as of my knowledge cutoff.", "as of my knowledge cutoff"),
        ("I’m unable to verify the casualty figures.", "I’m unable to verify"),
        ("I don't have access to real-time data on the vote.", "I don't have access to real-time"),
        ("The council voted on Monday. I hope this helps!", "I hope this helps"),
    ],
)
def test_assistant_voice_is_flagged(body: str, phrase: str) -> None:
    assert matched("leakage/assistant-voice", body) == [phrase]


@pytest.mark.parametrize(
    "body",
    [
        "“As an AI language model, I cannot give legal advice,” the chatbot replied.",
        "“I cannot verify those reports,” the spokesperson said.",
        "Amazon pitched the speaker as an AI assistant for the kitchen.",
        "The company describes its product as a large language model for lawyers.",
        "Officials said they hope this helps shorten queues at the border.",
        "The report, a rich tapestry of interviews, delves into a pivotal moment for the port.",
    ],
)
def test_assistant_voice_leaves_quotes_and_ordinary_prose_alone(body: str) -> None:
    assert findings("leakage/assistant-voice", body) == []


def test_assistant_preamble_line_is_removed_by_a_safe_fix() -> None:
    text = "Certainly! Here is a rewritten version of the article:\n\nThe council approved the budget on Monday.\n"
    article = read_markdown(text, "story.md")
    [f] = REGISTRY.get("leakage/assistant-line")().check(article, Context())
    assert f.fix is not None and f.fix.safe
    [edit] = f.fix.edits
    assert text[: edit.start] + edit.replacement + text[edit.end :] == "The council approved the budget on Monday.\n"


def test_preamble_glued_to_the_story_is_assistant_voice_not_a_whole_line() -> None:
    body = "Here is a rewritten version of the article: The council approved the budget on Monday."
    assert findings("leakage/assistant-line", body) == []
    assert matched("leakage/assistant-voice", body) == ["Here is a rewritten version of the article:"]


@pytest.mark.parametrize(
    "body",
    [
        "Let me know if you'd like any changes to the tone!",
        "If you’d like, I can also write a shorter version for social media.",
        "Would you like me to add quotes from the mayor?",
        "Here's a polished, news-style rewrite:",
        "Here is the article rewritten in a neutral news style:",
    ],
)
def test_assistant_chatter_lines(body: str) -> None:
    assert findings("leakage/assistant-line", "The council approved the budget on Monday.\n\n" + body)


@pytest.mark.parametrize(
    "body",
    [
        "Let me know what you think: write to the letters desk.",
        "Would you like to see the full results? They are on the council's website.",
        "Here is the full text of the mayor's statement:",
    ],
)
def test_newsroom_lines_are_not_assistant_chatter(body: str) -> None:
    assert findings("leakage/assistant-line", body) == []


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        ("The port reopened. :contentReference[oaicite:3]{index=3}", ":contentReference[oaicite:3]{index=3}"),
        ("The port reopened ([notice](https://example.org/n?id=4&utm_source=openai)).", "utm_source=openai"),
        ("The port reopened. citeturn2news5", "citeturn2news5"),
        ("The port reopened.【4†source】", "【4†source】"),
        ("The port reopened (oai_citation:1‡example.org).", "oai_citation"),
        ("The port reopened on Tuesday.<|endoftext|>", "<|endoftext|>"),
    ],
)
def test_chat_tool_markers(body: str, marker: str) -> None:
    assert matched("leakage/chat-tool-residue", body) == [marker]


def test_chat_tool_residue_is_found_in_the_source_list_too() -> None:
    text = ("Port Reopens After Storm\n\nThe port reopened on Tuesday, the harbour authority said.\n\n"
            "Sources\n- https://example.org/port-notice?utm_source=chatgpt.com\n")
    assert findings("leakage/chat-tool-residue", text, path="story.txt")


@pytest.mark.parametrize(
    ("body", "slot"),
    [
        ("“We are delighted,” said [Your Name], a spokesperson.", "[Your Name]"),
        ("The festival opens in [City] on [Insert date here].", "[City]"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ],
)
def test_template_slots(body: str, slot: str) -> None:
    assert slot in matched("leakage/template-slot", body)


@pytest.mark.parametrize(
    "body",
    [
        "“[The minister] knew about it,” the aide said.",
        "“[Your] team failed,” the coach told [his] players.",
        "Write to [Your Name](mailto:desk@example.org) with tips.",
        "Read the notice on the [Company Name][1] website.",
        "The vote is on Thursday [Reuters].",
    ],
)
def test_editorial_brackets_and_links_are_not_slots(body: str) -> None:
    assert findings("leakage/template-slot", body) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared news corpus is not available")
def test_no_leakage_on_real_published_news() -> None:
    rules = [cls() for cls in REGISTRY.sorted() if cls.id.startswith("leakage/")]
    hits = []
    paths = sorted(CORPUS.glob("*/[0-9]*.md"))
    assert paths  # the corpus is there: an empty glob would pass
    for path in paths:
        article = read_markdown(path.read_text(encoding="utf-8"), str(path))
        hits += [(path.name, f.rule, f.message) for rule in rules for f in rule.check(article, Context())]
    assert hits == []
