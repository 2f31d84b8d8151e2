"""timestamps/* rules: what each catches, and the traps none of them may fall into."""

from __future__ import annotations

import pytest
from conftest import run_rule as run

from newslint.checks import timestamps as ts
from newslint.model import Finding, Severity
from newslint.readers import parser_for
from newslint.rule import Context


def run_all(text: str, path: str = "story.md") -> list[Finding]:
    article = parser_for("text" if path.endswith(".txt") else "markdown")(text, path)
    return [f for rule in ts.RULES for f in rule().check(article, Context())]


def flagged(findings: list[Finding], text: str) -> list[str]:
    return [text[f.start : f.end] for f in findings]


# -- weekday-mismatch -----------------------------------------------------------------------------
def test_weekday_mismatch_with_explicit_year_is_an_error():
    text = "Ministers met on Friday 3 March 2026 to approve the budget.\n"
    [f] = run(ts.WeekdayMismatch, text)
    assert flagged([f], text) == ["Friday 3 March 2026"]
    assert f.severity is Severity.ERROR
    assert "3 March 2026 is a Tuesday, not a Friday" in f.message


def test_weekday_mismatch_with_inferred_year_is_a_warning():
    text = "---\ndate: 2026-03-05\n---\n\nThe council voted on Friday, March 3, its clerk said.\n"
    [f] = run(ts.WeekdayMismatch, text)
    assert f.severity is Severity.WARNING and "year taken from the article's date" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Ministers met on Tuesday 3 March 2026.\n",
        "---\ndate: 2019-11-19\n---\n\nShe was taken on Saturday, May 18, police said.\n",  # May 2019, not 2020
        "Ministers met on Friday. The budget of 3 March 2026 passed.\n",
    ],
)
def test_weekday_mismatch_good(text):
    assert run(ts.WeekdayMismatch, text) == []


# -- offset-mismatch ------------------------------------------------------------------------------
SEED_LIKE = (
    "# Tehran walks out\n\n"
    "At 20:46 UTC on 28 June 2026, an Iranian official confirmed what a Reuters correspondent had "
    "already flagged twenty minutes earlier: Tehran skipped the talks.\n\n"
    "Analysts were split.\n\n"
    "A Reuters report carried at {t} UTC said Iran cancelled over recent attacks.\n"
)


def test_offset_contradicting_linked_times():
    text = SEED_LIKE.format(t="20:10")
    [f] = run(ts.OffsetMismatch, text)
    assert flagged([f], text) == ["20:10 UTC"]  # the later of the two expressions
    for part in ("“twenty minutes earlier” (line 3)", "“20:46 UTC” (line 3)", "20:26 UTC",
                 "“20:10 UTC” (line 7)", "36 minutes before"):  # fmt: skip
        assert part in f.message


@pytest.mark.parametrize(("t", "fires"), [("20:26", False), ("20:21", False), ("20:31", False), ("20:19", True), ("20:33", True), ("20:50", True)])
def test_offset_tolerance_is_a_quarter_and_five_minutes(t, fires):
    assert bool(run(ts.OffsetMismatch, SEED_LIKE.format(t=t))) is fires


def test_about_doubles_the_tolerance():
    text = SEED_LIKE.format(t="20:17").replace("twenty minutes", "about twenty minutes")
    assert run(ts.OffsetMismatch, text) == []


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("The first blast came at 13:40. Two hours later, at 14:10, a second one hit.\n", True),
        ("The first blast came at 13:40. Two hours later, at 15:45, a second one hit.\n", False),
        ("At 14:10, two hours after the first blast at 13:40, police arrived.\n", True),
        ("At 15:40, two hours after the first blast at 13:40, police arrived.\n", False),
        ("The blast came at 13:40. Thirty minutes later, at 13:10, police arrived.\n", True),  # wrong way
        ("The blast came at 23:50. Twenty minutes later, at 00:10, police arrived.\n", False),  # past midnight
        ("The blast came at 13:40. More than an hour later, at 16:00, police arrived.\n", False),
        ("The blast came at 13:40. Within minutes, at 15:30, the port closed.\n", True),
        ("Talks opened on 28 June 2026. The next day, 30 June, both sides walked out.\n", True),
        ("Talks opened on 28 June 2026. The next day, 29 June, both sides walked out.\n", False),
        ("Talks opened on 28 June 2026. Two days later, on 3 July, both sides walked out.\n", True),
    ],
)
def test_offset_forms(text, fires):
    assert bool(run(ts.OffsetMismatch, text)) is fires


def test_offset_is_not_linked_when_the_time_just_told_is_unclear():
    text = "At 14:10, after a blast at 13:40, police arrived. Within minutes, at 15:30, the port closed.\n"
    assert run(ts.OffsetMismatch, text) == []


def test_offset_is_not_compared_across_an_unknown_zone():
    text = "The blast came at 13:40 GMT. Two hours later, at 18:40 local time, police arrived.\n"
    assert run(ts.OffsetMismatch, text) == []


def test_offset_compares_across_known_zones():
    good = "The blast came at 13:40 GMT. Two hours later, at 17:40 GMT+2, police arrived.\n"
    bad = "The blast came at 13:40 GMT. Two hours later, at 15:40 GMT+2, police arrived.\n"
    assert run(ts.OffsetMismatch, good) == []
    assert run(ts.OffsetMismatch, bad)


def test_bare_clock_may_be_either_half_of_the_day():
    assert run(ts.OffsetMismatch, "The blast came at 13:40. Two hours later, at 3:40, police arrived.\n") == []


# -- after-publication ----------------------------------------------------------------------------
PUB = "---\ndate: 2026-06-28\n---\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("On 3 July 2026, the ministers met in Geneva and signed the accord.\n", ["3 July 2026"]),
        ("Iran announced the decision late on 3 July.\n", ["3 July"]),
        ("The ministers will meet in Geneva on 3 July 2026.\n", []),
        ("The talks are scheduled for 3 July, officials said.\n", []),
        ("The deal was launched in 2015 and expires on 1 July 2026.\n", []),
        ("Bidders were asked to submit offers by 1700 GMT on July 3.\n", []),
        ("Workers voted to strike on July 3 unless pay rises.\n", []),
        ("On 27 June 2026, the ministers met in Geneva.\n", []),
        ("The firm said it was founded on 3 July 1990.\n", []),
    ],
)
def test_after_publication(body, expected):
    text = PUB + body
    assert flagged(run(ts.AfterPublication, text), text) == expected


def test_after_publication_allows_a_tokyo_day():
    text = "---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The Bank of Japan said on June 29 it held rates.\n"
    assert run(ts.AfterPublication, text) == []


def test_after_publication_to_the_minute():
    text = "---\ndate: 2026-06-28T20:00:00Z\n---\n\nAn official confirmed it at 20:46 UTC on 28 June 2026.\n"
    assert flagged(run(ts.AfterPublication, text), text) == ["20:46 UTC"]


def test_after_publication_needs_a_publication_date():
    assert run(ts.AfterPublication, "On 3 July 2026, the ministers met. A deal of 1 May 2026 held.\n") == []


# -- outside-window -------------------------------------------------------------------------------
POST = "---\ndate: 2026-06-28\n---\n\nIran said it would stop the talks.\n\nBREAKING: Iran to stop talks with US.\n\n- @someaccount {d}\n"


def test_old_breaking_post():
    text = POST.format(d="May 1, 2026")
    [f] = run(ts.OutsideWindow, text)
    assert flagged([f], text) == ["May 1, 2026"]
    assert "58 days before" in f.message and "Sunday 28 June 2026" in f.message


def test_breaking_post_within_window_or_option():
    assert run(ts.OutsideWindow, POST.format(d="June 20, 2026")) == []
    assert run(ts.OutsideWindow, POST.format(d="May 1, 2026"), **{"max-days": 60}) == []


def test_old_date_without_breaking_marker_is_history():
    assert run(ts.OutsideWindow, PUB + "The deal, first agreed on May 1, 2026, is now in doubt.\n") == []


def test_window_from_the_other_dates_when_there_is_no_front_matter():
    text = "Iran skipped talks on 28 June 2026.\n\nBREAKING: Iran to stop talks.\n\n- @someaccount May 1, 2026\n"
    assert flagged(run(ts.OutsideWindow, text), text) == ["May 1, 2026"]
    assert run(ts.OutsideWindow, "BREAKING: Iran to stop talks.\n\n- @someaccount May 1, 2026\n") == []


# -- date-mismatch --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PUB + "LONDON, June 24 (Reuters) - The bank held rates, it said.\n", ["June 24"]),
        (PUB + "The bank held rates.\n\nPublished 2 June 2026\n", ["2 June 2026"]),
        (PUB + "The paper was published online today (June 24).\n", ["June 24"]),
        (PUB + "June 24, 2026 — The bank held rates, it said.\n", ["June 24, 2026"]),
        (PUB + "LONDON, June 28 (Reuters) - The bank held rates.\n", []),
        (PUB + "The bank, which last moved on June 2, held rates.\n", []),
        (PUB + "In a statement published June 2, the bank held rates.\n", []),
        (PUB + "The bank held rates.\n\nUpdated 29 June 2026\n", []),
        ("---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The bank held rates.\n", []),
        ("---\ndate: '1987-02-26T15:18:06'\ndateline: COMMACK, N.Y., Feb 26 -\n---\n\nThe firm sold shares.\n", []),
        ("---\ndate: '1987-02-26T16:35:16'\ndateline: WELLINGTON, Feb 27 -\n---\n\nThe bank cut rates.\n", []),
    ],
)
def test_date_mismatch(text, expected):
    assert flagged(run(ts.DateMismatch, text), text) == expected


def test_stale_meta_dateline_is_reported_with_both_dates():
    text = "---\ndate: '1987-03-16T05:13:28'\ndateline: ZURICH, March 12 -\n---\n\nThe exchange opens soon.\n"
    [f] = run(ts.DateMismatch, text)
    assert "Thursday 12 March 1987" in f.message and "16 March 1987" in f.message and "line 2" in f.message


# -- impossible-value -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote closed at 13 p.m. on Monday.\n", ["13 p.m."]),
        ("It was signed on 30 February 2026.\n", ["30 February 2026"]),
        ("Polls closed at 25:10 GMT.\n", ["25:10 GMT"]),
        ("It was signed on 31 April.\n", ["31 April"]),
        ("The score was 25-10 and a banner read John 3:16.\n", []),
        ("It was signed on 29 February 2028 at 1 p.m.\n", []),
    ],
)
def test_impossible_value(text, expected):
    found = run(ts.ImpossibleValue, text)
    assert flagged(found, text) == expected
    assert all(f.severity is Severity.ERROR for f in found)


# -- zone-season ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He speaks at 3 p.m. EST on 4 July 2026.\n", ["3 p.m. EST"]),
        ("He speaks at 9 a.m. BST on 15 January 2026.\n", ["9 a.m. BST"]),
        ("He speaks at 20:00 CEST on 10 December 2025.\n", ["20:00 CEST"]),
        ("He speaks at 3 p.m. EDT on 15 January 2026.\n", ["3 p.m. EDT"]),
        ("He speaks at 3 p.m. EST on 9 March 2026.\n", ["3 p.m. EST"]),  # US daylight time began 8 March
        ("He speaks at 3 p.m. EST on 7 March 2026.\n", []),  # the day before the change: slack
        ("He speaks at 3 p.m. EDT on 4 July 2026.\n", []),
        ("He speaks at 3 p.m. ET on 4 July 2026.\n", []),
        ("He speaks at 3 p.m. GMT on 4 July 2026.\n", []),
        ("The Beijing briefing starts at 3 p.m. CST on 4 July 2026.\n", []),
        ("The Phoenix council meets at 3 p.m. MST on 4 July 2026.\n", []),
        ("Offers close at 1600 EST on March 20, 1987.\n", []),  # US daylight time began 5 April in 1987
        ("He speaks at 3 p.m. EST.\n", []),  # no date at all
    ],
)
def test_zone_season(text, expected):
    assert flagged(run(ts.ZoneSeason, text), text) == expected


def test_zone_season_message_names_the_right_label():
    [f] = run(ts.ZoneSeason, "He speaks at 3 p.m. EST on 4 July 2026.\n")
    assert "Eastern Standard Time" in f.message and "write EDT" in f.message and "ET" in f.message


# -- conversions ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He speaks at 3 p.m. EST (2100 GMT) on 10 January 2026.\n", ["2100 GMT"]),
        ("He speaks at 3 p.m. EST (2000 GMT) on 10 January 2026.\n", []),
        ("Reagan speaks at 1530 EST/2030 gmt on March 3, 1987.\n", []),
        ("The meeting starts at 10 a.m. local time (1600 GMT) on Friday.\n", []),
    ],
)
def test_conversion_mismatch(text, expected):
    assert flagged(run(ts.ConversionMismatch, text), text) == expected


def test_unconverted_zones_is_info_once():
    text = "Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 5:15 p.m. EDT, and again at 6 p.m. EDT.\n"
    [f] = run(ts.UnconvertedZones, text)
    assert f.severity is Severity.INFO and flagged([f], text) == ["5:15 p.m. EDT"]


@pytest.mark.parametrize(
    "text",
    [
        "Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 5:15 p.m. EDT (21:15 UTC).\n",
        "Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 21:15 GMT.\n",
        "Iran spoke at 20:46 UTC. Officials met at 06:00 local time.\n",
    ],
)
def test_unconverted_zones_good(text):
    assert run(ts.UnconvertedZones, text) == []


# -- traps for the whole family -------------------------------------------------------------------
WIRE_1987 = """---
title: ACME CORP SETS DIVIDEND
date: '1987-02-26T15:18:06'
dateline: COMMACK, N.Y., Feb 26 -
---

Acme Corp said on Monday its board declared a quarterly dividend of 10 cts a share, payable April 1 to holders of record March 16.

The company said on Tuesday it would hold its annual meeting on May 5. Its shares rose yesterday, and the offer expires at 1600 EST March 20.

The notes, issued in 1984, mature on November 15, 2004. Talks ended a year earlier, two days before the vote.
"""


def test_wire_copy_with_dateline_and_weekdays_is_clean():
    assert run_all(WIRE_1987) == []


def test_tokyo_dateline_a_day_ahead_of_a_utc_timestamp_is_clean():
    text = ("---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The Bank of Japan said on "
            "Monday, June 29, it held rates at 04:30 JST, after the Fed's 18:00 UTC decision on June 28.\n")  # fmt: skip
    assert [f.rule for f in run_all(text)] == ["timestamps/unconverted-zones"]  # only the info: JST and UTC unconverted


def test_forward_looking_copy_is_clean():
    text = PUB + "The ministers will meet on 3 July. Talks are due to resume on Friday, July 3, at 10 a.m. EDT.\n"
    assert run_all(text) == []


def test_plain_text_seed_style_offset_is_caught():
    text = SEED_LIKE.format(t="20:10").replace("# ", "")
    assert [f.rule for f in run_all(text, "story.txt")] == ["timestamps/offset-mismatch"]


def test_two_times_in_a_list_are_not_a_conversion():
    text = "He speaks at 3 p.m. EST and again at 11 p.m. GMT on 10 January 2026.\n"
    assert run(ts.ConversionMismatch, text) == []


def test_breaking_lookahead_changes_no_match():
    """``_BREAKING``'s lookahead (every alternative's first letter) only skips positions where no
    match can start."""
    import random
    import re

    from newslint.checks.timestamps import _BREAKING

    lookahead = "(?=[BJDUF])"
    assert _BREAKING.pattern.startswith(lookahead)
    plain = re.compile(_BREAKING.pattern[len(lookahead) :], _BREAKING.flags)
    pieces = ("BREAKING", "Breaking", " news", ":", "JUST IN", "DEVELOPING", "URGENT", "FLASH", "FLASHY", "x", " ", "\n", "_")
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(20))
        assert [m.span() for m in _BREAKING.finditer(text)] == [m.span() for m in plain.finditer(text)], text
