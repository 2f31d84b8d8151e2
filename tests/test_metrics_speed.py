"""The cheap pre-tests of the readability and timeline analyses never change a result."""

from __future__ import annotations

import random
import sys

import pytest

from newslint.text import readability, times


def test_function_word_casings_match_lowercasing() -> None:
    """A word is in the casings set exactly when its lower() is a function word."""
    letters = set("".join(readability._ENGLISH_FUNCTION_WORDS))
    for c in map(chr, range(sys.maxunicode + 1)):
        if not c.isascii() and c.lower().isascii():
            assert not set(c.lower()) & letters, hex(ord(c))
    for word in ("The", "THE", "tHe", "Said", "WHICH", "thé", "İt", "ſhe", "them"):
        assert (word in readability._FUNCTION_WORD_CASINGS) == (word.lower() in readability._ENGLISH_FUNCTION_WORDS)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("See WWW.Example.com now.", ["See", "now"]),
        ("Read [the report](https://x.org/a) here", ["Read", "the", "report", "here"]),
        ("A <b>bold</b> `code` move", ["A", "bold", "move"]),
        ("Zoë’s café-bar, U.S. law.", ["Zoë’s", "café-bar", "U.S", "law"]),
    ],
)
def test_prose_words_skips_non_words(text: str, words: list[str]) -> None:
    assert readability.prose_words(text) == words


def test_words_without_pattern_characters_have_no_breaks() -> None:
    """The hyphenation shortcut for words in other scripts (no character of the patterns) gives
    Pyphen's count, whatever the case: some capitals lowercase to pattern characters (É, the
    Kelvin sign), some patterns have characters outside ASCII (é, the ligature ﬁ, ’)."""
    from pyphen import Pyphen

    positions = Pyphen(lang="en_US").positions
    rng = random.Random(5)
    foreign = "AEIOSTRNCLÉÜ\u212aİﬁﬂ’'дЖяλ한üßñø"  # no lowercase ASCII letter
    words = ["".join(rng.choice(pool) for _ in range(rng.randint(4, 12)))
             for pool in (foreign, foreign + "aeiostrnl") for _ in range(20000)]
    words += ["ÉLECTRICITÉ", "прожила", "행동에", "übermittelt", "ﬁﬁﬁﬁ"]
    assert [readability._breaks(w) for w in words] == [len(positions(w)) for w in words]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("It ended two seconds\nlater.", ["offset"]),
        ("Polls close on Dec.\n5 at 1530 GMT.", ["date", "clock"]),
        ("Within moments the\nnext day began.", ["offset", "relative_day"]),
        ("Visit news.com/2026-06-28 today.", ["relative_day"]),
        ("No time at all in this sentence.", []),
    ],
)
def test_extract_across_line_breaks_and_urls(text: str, kinds: list[str]) -> None:
    assert [e.kind.value for e in times.extract(text)] == kinds
