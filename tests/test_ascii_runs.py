"""The C-level run splitter gives what the regular expressions it stands in for give."""

from __future__ import annotations

import random
import re

from newslint.text.ascii import LOWER_LETTERS, WORD_CHARS, runs


def _texts(count: int) -> list[str]:
    rng = random.Random(7)
    pieces = ["a", "Z", "é", "ß", "_", "9", " ", "\n", "\t", "\x0b", "\x1c", "-", "'", "’", "?", ".", "\x7f", "\x00"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))) for _ in range(count)]


def test_word_runs_of_ascii_text_are_regex_word_runs():
    for text in _texts(3000):
        if text.isascii():
            assert runs(text, WORD_CHARS) == re.findall(r"\w+", text), repr(text)


def test_letter_runs_are_ascii_lowercase_runs():
    for text in _texts(3000):
        assert runs(text, LOWER_LETTERS) == re.findall("[a-z]+", text), repr(text)
