"""Suppression comments and front-matter ignores, and reporting of unused ones."""

from __future__ import annotations

from newslint import lint_text
from newslint.config import Config

CFG = Config(select=("structure",))
BODY = "The council approved the budget on Monday, its clerk said.\n"


def rules(text: str, path: str = "a.md") -> list[str]:
    return [f.rule for f in lint_text(text, path=path, config=CFG)]


def test_disable_next_line_silences_and_unused_is_reported():
    assert rules(BODY) == ["structure/missing-headline"]
    assert rules("<!-- newslint-disable-next-line structure/missing-headline -->\n" + BODY) == []
    found = rules("<!-- newslint-disable-next-line structure/empty-article -->\n" + BODY)
    assert sorted(found) == ["structure/missing-headline", "structure/unused-suppression"]


def test_disable_next_line_skips_blank_lines_and_accepts_family_prefix():
    assert rules("<!-- newslint-disable-next-line structure -->\n\n" + BODY) == []


def test_disable_enable_range():
    text = "<!-- newslint-disable structure/missing-headline -->\n" + BODY + "<!-- newslint-enable structure/missing-headline -->\n"
    assert rules(text) == []
    text = "<!-- newslint-enable structure/missing-headline -->\n" + BODY
    assert "structure/missing-headline" in rules(text)


def test_front_matter_ignore_and_unused_front_matter_ignore():
    text = "---\nnewslint:\n  ignore: [structure/missing-headline]\n---\n" + BODY
    assert rules(text) == []
    text = "---\ntitle: Budget passes\nnewslint:\n  ignore: [structure/empty-article]\n---\n" + BODY
    found = lint_text(text, path="a.md", config=CFG)
    assert [f.rule for f in found] == ["structure/unused-suppression"]
    assert found[0].line == 4  # the "ignore:" line inside the newslint key


def test_suppression_comments_work_in_plain_text_too():
    assert rules("<!-- newslint-disable-next-line -->\n" + BODY, path="a.txt") == []
