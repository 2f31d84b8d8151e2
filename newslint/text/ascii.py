"""Runs of chosen characters, split in C (``bytes.translate``): the per-article hot paths use this
instead of a regular expression. A character outside ASCII ends a run, so a caller uses it on
ASCII text, or where such characters may only split words (see ``runs``)."""

from __future__ import annotations

from collections.abc import Callable


def run_table(keep: Callable[[int], bool]) -> bytes:
    """A ``bytes.translate`` table keeping the ASCII bytes ``keep`` accepts, every other byte a space."""
    return bytes(b if b < 0x80 and keep(b) else 0x20 for b in range(256))


WORD_CHARS = run_table(lambda b: chr(b).isalnum() or b == 0x5F)  # ``\w`` in ASCII
LOWER_LETTERS = run_table(lambda b: 0x61 <= b <= 0x7A)  # a-z


def runs(text: str, table: bytes) -> list[str]:
    """The runs of ``text`` made of the characters ``table`` keeps; any other character (one
    outside ASCII too) ends a run."""
    return text.encode("ascii", "replace").translate(table).decode("ascii").split()
