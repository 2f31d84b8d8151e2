"""Decoding the creation time carried by post ids, and spotting invented ids."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.text import postids

UTC = dt.timezone.utc


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


# The test vectors of docs news-standards.md ("Provenance: ids that carry a time").
@pytest.mark.parametrize(
    ("platform", "post_id", "expected"),
    [
        ("x", "1050118621198921728", "2018-10-10T20:19:24.211Z"),
        ("discord", "105484726235607040", "2015-10-19T01:58:38.546Z"),
        ("mastodon", "114913763253121684", "2025-07-25T12:01:13.857Z"),
        ("tiktok", "7459287841546292488", "2025-01-13T06:46:29Z"),
        ("linkedin", "6904926959046938624", "2022-03-02T23:14:34.376Z"),
        ("bluesky", "3l25zusnsfctk", "2024-08-20T16:31:35.793Z"),
    ],
)
def test_standard_vectors(platform, post_id, expected):
    assert postids.decode(platform, post_id) == at(expected)


def test_x_formula_by_hand():
    # (id >> 22) + epoch: an id of exactly three days after the epoch, in milliseconds, shifted.
    day_ms = 86_400_000
    post_id = str(day_ms * 3 << 22)
    assert postids.decode("x", post_id) == at("2010-11-07T01:42:54.657Z")


def instagram_shortcode(media_id: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    out = ""
    while media_id:
        media_id, rest = divmod(media_id, 64)
        out = alphabet[rest] + out
    return out


def test_instagram_numeric_id_and_shortcode_agree():
    when = at("2023-04-05T06:07:08.009Z")
    ms = int(when.timestamp() * 1000) - 1314220021721
    media_id = (ms << 23) | 12345  # shard and sequence bits below the time
    assert postids.decode("instagram", str(media_id)) == when
    code = instagram_shortcode(media_id)
    assert len(code) == 11
    assert postids.shortcode_to_id(code) == media_id
    assert postids.decode("instagram", code) == when


@pytest.mark.parametrize(
    ("platform", "post_id"),
    [
        ("x", "20"),  # a 2006 sequential id from before snowflakes
        ("x", "1234567"),
        ("mastodon", "109"),  # pre-2017 sequential Mastodon ids
        ("tiktok", "12345"),
        ("bluesky", "3l25zusnsfct"),  # 12 characters
        ("bluesky", "zzzzzzzzzzzzz"),  # top bit set: not a TID
        ("bluesky", "3L25ZUSNSFCTK"),  # TIDs are lowercase
        ("x", "not-a-number"),
        ("x", str(1 << 64)),  # wider than 64 bits
        ("telegram", "1234"),  # Telegram numbers carry no time
        ("facebook", "10158012345678901"),
    ],
)
def test_undecodable_ids_are_unknown(platform, post_id):
    assert postids.decode(platform, post_id) is None


def test_carries_time():
    assert postids.carries_time("x") and postids.carries_time("bluesky")
    assert not postids.carries_time("telegram")


@pytest.mark.parametrize(
    ("post_id", "fragment"),
    [
        ("2000000000000000001", "run of 17 zeros"),
        ("1234", "counting sequence 1234"),
        ("4321", "counting sequence 4321"),
        ("9999", "every character is “9”"),
        ("1234567890123456789", "counting sequence 0123456789"),
        ("1802999999918305678", "run of 7 nines"),
        ("aaaaaaaaaaaaa", "every character is “a”"),
        ("3l25zzzzzzzzk", "run of 8 “z”s"),
    ],
)
def test_placeholder_reasons(post_id, fragment):
    reason = postids.placeholder_reason(post_id)
    assert reason is not None and fragment in reason


@pytest.mark.parametrize(
    "post_id",
    ["1050118621198921728", "114913763253121684", "7459287841546292488", "3l25zusnsfctk", "48211", "123", "1000", "111"],
)
def test_real_looking_ids_are_not_placeholders(post_id):
    assert postids.placeholder_reason(post_id) is None
