"""Post ids that carry their creation time, and ids that look made up.

Several platforms mint ids from a clock, so the id of a cited post says when the post was
written: X/Twitter, Discord, LinkedIn and Instagram "snowflakes", Mastodon ids, TikTok video ids
and Bluesky record keys (TIDs). An id whose decoded time falls before the platform's scheme
existed (old sequential ids, a number that is not an id) decodes to ``None``: unknown, not wrong.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import NamedTuple

from newslint.text import rx

_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable
_SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_TID = rx.compile(r"^[2-7a-j][2-7a-z]{12}$")
_SHORTCODE = rx.compile(r"^[A-Za-z0-9_-]{5,}$")
_SAME_RUN = rx.compile(r"(.)\1{5,}")
_DIGIT_NAMES = ("zeros", "ones", "twos", "threes", "fours", "fives", "sixes", "sevens", "eights", "nines")


class Scheme(NamedTuple):
    """How one platform's numeric ids encode time: ``ms = (id >> shift) * unit_ms + offset_ms``."""

    label: str  # for messages: "X status id"
    shift: int
    offset_ms: int
    unit_ms: int
    valid_from: dt.datetime  # earlier decodings are not ids of this scheme

    def decode(self, value: int) -> dt.datetime | None:
        ms = (value >> self.shift) * self.unit_ms + self.offset_ms
        try:
            when = _EPOCH + dt.timedelta(milliseconds=ms)
        except OverflowError:
            return None
        return when if when >= self.valid_from else None


def _day(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, tzinfo=_UTC)


SCHEMES: MappingProxyType[str, Scheme] = MappingProxyType(
    {
        "x": Scheme("X status id", 22, 1288834974657, 1, _day(2010, 11, 5)),
        "discord": Scheme("Discord message id", 22, 1420070400000, 1, _day(2015, 1, 2)),
        "mastodon": Scheme("Mastodon status id", 16, 0, 1, _day(2016, 3, 16)),
        "tiktok": Scheme("TikTok video id", 32, 0, 1000, _day(2016, 9, 1)),
        "linkedin": Scheme("LinkedIn activity id", 22, 0, 1, _day(2003, 5, 5)),
        "instagram": Scheme("Instagram media id", 23, 1314220021721, 1, _day(2011, 8, 25)),
    }
)
BLUESKY_VALID_FROM = _day(2022, 11, 1)
LABELS = MappingProxyType({**{k: s.label for k, s in SCHEMES.items()}, "bluesky": "Bluesky record key"})


def decode_tid(key: str) -> dt.datetime | None:
    """The time in a Bluesky TID: 13 base32-sortable characters, 53 bits of microseconds since
    the Unix epoch followed by a 10-bit clock id."""
    if not _TID.match(key):
        return None
    value = 0
    for char in key:
        value = value * 32 + _TID_ALPHABET.index(char)
    when = _EPOCH + dt.timedelta(microseconds=value >> 10)
    return when if when >= BLUESKY_VALID_FROM else None


def shortcode_to_id(code: str) -> int | None:
    """The numeric media id behind an Instagram shortcode (URL-safe base64 of the id).

    Longer codes (private posts) carry the id in their first 11 characters."""
    if not _SHORTCODE.match(code):
        return None
    value = 0
    for char in code[:11]:
        value = value * 64 + _SHORTCODE_ALPHABET.index(char)
    return value


def decode(platform: str, post_id: str) -> dt.datetime | None:
    """When the post ``post_id`` of ``platform`` was created, or None when unknown."""
    if platform == "bluesky":
        return decode_tid(post_id)
    scheme = SCHEMES.get(platform)
    if scheme is None:
        return None
    if post_id.isdigit():
        value = int(post_id)
    elif platform == "instagram":
        value = shortcode_to_id(post_id) or 0
    else:
        return None
    if not 0 < value < 1 << 64:
        return None
    return scheme.decode(value)


def carries_time(platform: str) -> bool:
    """Whether ids of ``platform`` encode their creation time."""
    return platform in LABELS


def _monotone_runs(digits: str) -> list[str]:
    """Maximal runs of consecutive digits going up (1234) or down (4321), each 2+ long."""
    runs: list[str] = []
    for step in (1, -1):
        start = 0
        for i in range(1, len(digits) + 1):
            if i == len(digits) or int(digits[i]) - int(digits[i - 1]) != step:
                if i - start >= 2:
                    runs.append(digits[start:i])
                start = i
    return runs


def placeholder_reason(post_id: str) -> str | None:
    """Why ``post_id`` looks invented rather than copied from a real post, or None.

    Flags a whole id that is one repeated character or a counting sequence ("1234", "4321"),
    and long ids containing a run of 6+ identical characters or 6+ counting digits, which real
    clock-based ids (random in their low bits) almost never have.
    """
    value = post_id.strip()
    if len(value) >= 4 and len(set(value)) == 1:
        return f"every character is “{value[0]}”"
    if value.isdigit():
        runs = _monotone_runs(value)
        if len(value) >= 4 and any(run == value for run in runs):
            return f"it is the counting sequence {value}"
        long_runs = [run for run in runs if len(run) >= 6]
        if long_runs:
            return f"it contains the counting sequence {max(long_runs, key=len)}"
    m = _SAME_RUN.search(value)
    if m:
        char = m.group(1)
        name = _DIGIT_NAMES[int(char)] if char.isdigit() else f"“{char}”s"
        return f"it contains a run of {len(m.group(0))} {name}"
    return None
