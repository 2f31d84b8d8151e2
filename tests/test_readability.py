"""Readability metrics and the readability/* rules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newslint.model import Finding
from newslint.readers.markdown import read_markdown
from newslint.readers.text import read_text
from newslint.registry import builtin_registry
from newslint.rule import Context
from newslint.text import readability
from newslint.text.readability import article_metrics, syllables

REGISTRY = builtin_registry()


def check(rule_id: str, text: str, **options: object) -> list[Finding]:
    return list(REGISTRY.get(rule_id)(options or None).check(read_markdown(text, "story.md"), Context()))


def test_metrics_of_a_simple_text() -> None:
    # 9 one-syllable words in 2 sentences: 4.5 words a sentence, 1 syllable a word.
    metrics = article_metrics(read_markdown("# Pets\n\nThe cat sat on the mat. The dog ran.\n", "a.md"))
    assert metrics == {
        "words": 9,
        "sentences": 2,
        "syllables": 9,
        "words_per_sentence": 4.5,
        "flesch_reading_ease": 117.7,  # 206.835 - 1.015 * 4.5 - 84.6 * 1
        "grade_level": -2.0,  # 0.39 * 4.5 + 11.8 * 1 - 15.59
    }


def test_metrics_count_body_prose_only() -> None:
    text = ("Council Approves Budget for the Next Financial Year\n\n"
            "The council approved next year's budget after a long debate on Monday evening.\n\n"
            "The vote was close.\n\n"
            "Sources\n- https://example.org/council/minutes/2026-06-29\n- Council press office statement\n")
    metrics = article_metrics(read_text(text, "a.txt"))
    assert (metrics["words"], metrics["sentences"]) == (4, 1)  # headline, dek and sources left out


def test_urls_and_link_targets_are_not_words() -> None:
    text = "# Pets\n\nThe cat sat on [the mat](https://example.org/wiki/Mat_(rug)) at https://example.org/x today.\n"
    assert article_metrics(read_markdown(text, "a.md"))["words"] == 8


def test_metrics_without_body() -> None:
    metrics = article_metrics(read_markdown("# Pets\n", "a.md"))
    assert metrics["words"] == 0 and metrics["grade_level"] is None and metrics["flesch_reading_ease"] is None


def test_syllables() -> None:
    assert syllables("the") == 1
    assert syllables("infrastructure") == 4
    assert syllables("well-known") == 2
    assert syllables("1987") == 1


def test_syllable_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readability, "SYLLABLE_MEMO", 5)
    readability.measure(["One two three four five six seven eight."])
    assert syllables.cache_info().currsize >= 8
    readability.measure(["Alpha beta gamma delta epsilon zeta eta theta."])
    assert syllables.cache_info().currsize == 8  # emptied first


LONG = ("The council approved the budget on Monday after a debate that lasted most of the afternoon and "
        "touched on road repairs, the opening hours of the library, the cost of the new swimming pool, the "
        "salaries of senior officers and a proposal to cut parking fees in the town centre over Christmas, "
        "its clerk said.")


def test_long_sentence_over_the_limit() -> None:
    [f] = check("readability/long-sentence", f"# Budget\n\n{LONG}\n", **{"max-words": 40})
    assert f.severity.value == "info"
    assert "sentence of 55 words (limit 40)" in f.message and "“The council approved" in f.message
    assert check("readability/long-sentence", f"# Budget\n\n{LONG}\n", **{"max-words": 55}) == []


def test_quoted_long_sentence_and_list_rows_are_skipped() -> None:
    quoted = f"# Budget\n\n“{LONG[:-len(', its clerk said.')]},” the mayor said.\n"
    rows = "# Tour\n\n" + "\n".join(f"June {d} West Palm Beach Coral Sky Amphitheatre with guests" for d in range(1, 9)) + "\n"
    assert check("readability/long-sentence", quoted, **{"max-words": 20}) == []
    assert check("readability/long-sentence", rows, **{"max-words": 20}) == []


def test_soft_wrapped_sentence_is_one_sentence() -> None:
    wrapped = "# Budget\n\n" + LONG.replace(" touched", "\ntouched").replace(" salaries", "\nsalaries") + "\n"
    assert len(check("readability/long-sentence", wrapped, **{"max-words": 40})) == 1


def test_copy_in_another_language_is_not_measured() -> None:
    text = ("# Orçamento\n\nO conselho aprovou o orçamento na segunda-feira depois de um debate que durou quase "
            "toda a tarde e tratou das obras nas estradas, do horário da biblioteca, do custo da nova piscina, "
            "dos salários dos dirigentes e de uma proposta para reduzir as taxas de estacionamento no centro.\n")
    assert check("readability/long-sentence", text, **{"max-words": 20}) == []
    assert check("readability/grade-level", text, **{"max-grade": 1, "min-words": 10}) == []


def test_grade_level_ceiling_and_minimum_length() -> None:
    text = "# Budget\n\n" + " ".join([LONG] * 3) + "\n"
    [f] = check("readability/grade-level", text, **{"max-grade": 10})
    assert f.data["grade_level"] > 10 and "above the ceiling 10" in f.message
    assert check("readability/grade-level", text, **{"max-grade": 40}) == []
    assert check("readability/grade-level", text, **{"max-grade": 10, "min-words": 500}) == []


def test_importing_the_rules_loads_no_hyphenation_or_textstat() -> None:
    code = ("import sys, newslint.cli, newslint.checks.readability, newslint.text.readability;"
            "print(sorted(m for m in ('pyphen', 'textstat', 'nltk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("rule_id", ["readability/long-sentence", "readability/grade-level"])
def test_readability_rules_are_info(rule_id: str) -> None:
    assert REGISTRY.get(rule_id).severity.value == "info"
