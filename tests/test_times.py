"""The time-expression layer: every written form, the false matches it must avoid, resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.readers import parser_for
from newslint.text.times import (
    NO_DAY,
    Anchor,
    Kind,
    Resolved,
    Timeline,
    article_timeline,
    describe,
    elapsed,
    extract,
    looks_future,
    number,
)

MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


def only(text: str, kind: Kind | None = None):
    found = extract(text)
    if kind is not None:
        found = [e for e in found if e.kind is kind]
    assert len(found) == 1, found
    return found[0]


def md(text: str) -> Timeline:
    return article_timeline(parser_for("markdown")(text, "story.md"))


def item(tl: Timeline, text: str) -> Resolved:
    matches = [r for r in tl.items if r.expr.text == text]
    assert len(matches) == 1, [r.expr.text for r in tl.items]
    return matches[0]


# -- absolute dates -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "written", "ymd", "weekday"),
    [
        ("It happened on 28 June 2026 in Tehran.", "28 June 2026", (2026, 6, 28), None),
        ("It happened on June 28, 2026, in Tehran.", "June 28, 2026", (2026, 6, 28), None),
        ("It happened on Sunday 28 June in Tehran.", "Sunday 28 June", (None, 6, 28), 6),
        ("It happened on Sunday, June 28, 2026.", "Sunday, June 28, 2026", (2026, 6, 28), 6),
        ("It happened on Sunday (June 28).", "Sunday (June 28)", (None, 6, 28), 6),
        ("The file is dated 2026-06-28 in the archive.", "2026-06-28", (2026, 6, 28), None),
        ("Voting starts Oct. 2 in most states.", "Oct. 2", (None, 10, 2), None),
        ("They met on 28 June.", "28 June", (None, 6, 28), None),
        ("They met on the 28th of June.", "28th of June", (None, 6, 28), None),
        ("They met on Sept. 11.", "Sept. 11", (None, 9, 11), None),
        ("COMMACK, N.Y., Feb 26 - Computer makers said", "Feb 26", (None, 2, 26), None),
    ],
)
def test_dates(text, written, ymd, weekday):
    e = only(text, Kind.DATE)
    assert e.text == written
    assert (e.year, e.month, e.day) == ymd
    assert e.weekday == weekday
    assert text[e.start : e.end] == written


def test_offset_argument_shifts_positions():
    e = only("On 28 June 2026.")
    shifted = extract("On 28 June 2026.", offset=100)[0]
    assert (shifted.start, shifted.end) == (e.start + 100, e.end + 100)


def test_full_month_name_keeps_the_full_stop_out():
    assert only("The vote was on 28 June.").text == "28 June"


def test_attributive_date_is_marked():
    assert only("He spoke of the September 11 attacks.").attributive
    assert only("Leaders set a March 31 deadline.").attributive
    assert not only("The attack came on September 11, officials said.").attributive


# -- clock times ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "written", "hour", "minute", "zone"),
    [
        ("At 20:46 UTC an official spoke.", "20:46 UTC", 20, 46, "UTC"),
        ("The strike began at 3:15 p.m. EST on Friday.", "3:15 p.m. EST", 15, 15, "EST"),
        ("Curfew ends at 06:00 local time.", "06:00 local time", 6, 0, "local"),
        ("He posted at 21:47 GMT+3.", "21:47 GMT+3", 21, 47, "GMT+3"),
        ("By 10 a.m. ET the market had opened.", "10 a.m. ET", 10, 0, "ET"),
        ("The speech is at 1530 EST, aides said.", "1530 EST", 15, 30, "EST"),
        ("Trains stop at 3.15pm daily.", "3.15pm", 15, 15, None),
        ("Doors open at 10am.", "10am", 10, 0, None),
        ("The vote starts at 12 a.m. sharp.", "12 a.m.", 0, 0, None),
        ("The vote starts at 12 p.m. sharp.", "12 p.m.", 12, 0, None),
        ("It starts at 9 a.m. (EDT).", "9 a.m. (EDT)", 9, 0, "EDT"),
        ("It starts at 3 p.m. Eastern time.", "3 p.m. Eastern time", 15, 0, "ET"),
        ("It starts at 6 p.m. Tehran time.", "6 p.m. Tehran time", 18, 0, "Tehran time"),
    ],
)
def test_clock_times(text, written, hour, minute, zone):
    e = only(text, Kind.CLOCK)
    assert (e.text, e.hour, e.minute, e.zone) == (written, hour, minute, zone)
    assert not e.problem


def test_gmt_offset_is_read():
    assert only("He posted at 21:47 GMT+3.").utc_offset == 3 * HOUR
    assert only("He posted at 09:00 UTC-05:30.").utc_offset == -(5 * HOUR + 30 * MIN)


def test_by_10_am_et_is_a_clock_time_not_a_date():
    found = extract("By 10 a.m. ET the market had opened.")
    assert [e.kind for e in found] == [Kind.CLOCK]


def test_conversion_pair_and_lowercase_gmt():
    found = extract("Reagan speaks at 1530 EST/2030 gmt today.")
    clocks = [e for e in found if e.kind is Kind.CLOCK]
    assert [(e.hour, e.minute, e.zone) for e in clocks] == [(15, 30, "EST"), (20, 30, "GMT")]


def test_iso_datetime_is_one_clock_with_its_date():
    e = only("Filed 2026-06-28T20:46:00Z by the desk.")
    assert e.kind is Kind.CLOCK
    assert (e.year, e.month, e.day, e.hour, e.minute, e.utc_offset) == (2026, 6, 28, 20, 46, dt.timedelta(0))


def test_bare_clock_needs_a_cue_and_is_twelve_hour_ambiguous():
    e = only("The minister arrived at 3:15 and left.")
    assert e.twelve_hour
    assert not only("The minister arrived at 15:15 and left.").twelve_hour
    assert extract("The ratio was 3:15 in the sample.") == []


# -- weekdays, relative days, offsets --------------------------------------------------------------
def test_weekdays():
    e = only("The council met on Sunday.")
    assert (e.kind, e.weekday) == (Kind.WEEKDAY, 6)
    assert extract("Shops open on Sundays.") == []
    assert extract("Prices fell on Black Friday.") == []


@pytest.mark.parametrize(
    ("text", "days", "anchor"),
    [
        ("He resigned yesterday.", -1, Anchor.REFERENCE),
        ("He resigned later that day.", 0, Anchor.NARRATIVE),
        ("He resigned the next morning.", 1, Anchor.NARRATIVE),
        ("He resigned the previous evening.", -1, Anchor.NARRATIVE),
        ("He resigns tomorrow.", 1, Anchor.REFERENCE),
    ],
)
def test_relative_days(text, days, anchor):
    e = only(text)
    assert e.kind is Kind.RELATIVE_DAY
    assert e.direction * e.amount.low.days == days
    assert e.anchor is anchor


@pytest.mark.parametrize(
    ("text", "low", "high", "direction", "anchor", "approximate"),
    [
        ("Reuters had flagged it twenty minutes earlier.", 20 * MIN, 20 * MIN, -1, Anchor.NARRATIVE, False),
        ("Police came two hours after the blast.", 2 * HOUR, 2 * HOUR, 1, Anchor.CLAUSE, False),
        ("Police came two hours after.", 2 * HOUR, 2 * HOUR, 1, Anchor.NARRATIVE, False),
        ("Within minutes, police came.", dt.timedelta(0), 59 * MIN, 1, Anchor.NARRATIVE, False),
        ("Within two hours, police came.", dt.timedelta(0), 2 * HOUR, 1, Anchor.NARRATIVE, False),
        ("Half an hour later police came.", 30 * MIN, 30 * MIN, 1, Anchor.NARRATIVE, False),
        ("About twenty-five minutes later police came.", 25 * MIN, 25 * MIN, 1, Anchor.NARRATIVE, True),
        ("More than two hours later police came.", 2 * HOUR, None, 1, Anchor.NARRATIVE, False),
        ("Less than an hour later police came.", dt.timedelta(0), HOUR, 1, Anchor.NARRATIVE, False),
        ("A few minutes later police came.", 2 * MIN, 5 * MIN, 1, Anchor.NARRATIVE, True),
        ("The bank cut rates 10 days ago.", dt.timedelta(days=10), dt.timedelta(days=10), -1, Anchor.REFERENCE, False),
    ],
)
def test_offsets(text, low, high, direction, anchor, approximate):
    e = only(text)
    assert e.kind is Kind.OFFSET
    assert (e.amount.low, e.amount.high, e.direction, e.anchor, e.amount.approximate) == (
        low, high, direction, anchor, approximate,
    )  # fmt: skip


def test_comparisons_and_clock_phrases_are_not_offsets():
    assert extract("The flight landed two hours later than planned.") == []
    assert extract("The vote closed five minutes after midnight.") == []


@pytest.mark.parametrize(("word", "value"), [("twenty", 20), ("twenty-five", 25), ("forty five", 45), ("eleven", 11), ("12", 12), ("an", 1), ("twenty-eleven", None)])
def test_number_words(word, value):
    assert number(word) == value


# -- what must not match --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Music of the 1980s came back.",
        "He lives at No. 10 Downing Street.",
        "They won 1-0 at home and 3-2 away.",
        "A 2-for-1 offer ran all week.",
        "Install version 3.10.2 of the tool.",
        "Tickets cost $3.15 each.",
        "See page 12 for details.",
        "The helpline runs 24/7.",
        "The 9/11 report was published.",
        "A banner read John 3:16.",
        "It may 5 times be said.",
        "Sales rose in March 2026.",
        "In 1987 the firm grew.",
        "The ratio of 25:10 held.",
        "Read https://www.reuters.com/world/iran-talks-2026-06-28/ now.",
        "Ask @june28 about it.",
    ],
)
def test_no_false_matches(text):
    assert extract(text) == []


def test_doubled_numbers_give_one_date():
    dates = [e for e in extract("The 14 14 June meeting") if e.kind is Kind.DATE]
    assert [(e.text, e.day) for e in dates] == [("14 June", 14)]


# -- impossible values ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Polls closed at 13 p.m. on Monday.", "no 13 p.m."),
        ("It was signed on 30 February.", "30 February does not exist"),
        ("It was signed on 31 April 2026.", "31 April 2026 does not exist"),
        ("It was signed on 29 February 2027.", "29 February 2027 does not exist"),
        ("Polls closed at 25:10 GMT.", "no hour 25"),
        ("Polls closed at 10:75 GMT.", "no minute 75"),
    ],
)
def test_impossible_values_are_extracted_with_a_problem(text, problem):
    flagged = [e for e in extract(text) if e.problem]
    assert len(flagged) == 1 and problem in flagged[0].problem


def test_leap_day_is_fine_in_a_leap_year_or_without_year():
    assert not only("It was signed on 29 February 2028.").problem
    assert not only("It was signed on 29 February.").problem


# -- the timeline ---------------------------------------------------------------------------------
def test_reference_prefers_front_matter():
    tl = md("---\ndate: 2026-07-01\n---\n\nLONDON, June 28 (Reuters) - They met on 2 May 2026.\n")
    assert tl.reference.source == "front matter"
    assert tl.reference.date == dt.date(2026, 7, 1)
    assert tl.dateline.value == dt.date(2026, 6, 28)


def test_reference_from_dateline_then_copy():
    tl = md("LONDON, June 28 (Reuters) - The pact of 1 January 2026 failed.\n")
    assert (tl.reference.source, tl.reference.date) == ("dateline", dt.date(2026, 6, 28))
    tl = md("Talks failed on 2 May 2026. A deal of 1 January 2026 had held.\n")
    assert (tl.reference.source, tl.reference.date) == ("copy", dt.date(2026, 5, 2))


def test_meta_dateline_of_wire_copy():
    tl = md("---\ndate: '1987-02-26T15:18:06'\ndateline: COMMACK, N.Y., Feb 26 -\n---\n\nThe firm said on Monday it sold shares.\n")
    assert tl.dateline.value == dt.date(1987, 2, 26)
    assert item(tl, "Monday").value == dt.date(1987, 2, 23)  # 26 February 1987 was a Thursday


def test_year_is_taken_from_the_reference():
    tl = md("---\ndate: 2026-07-01\n---\n\nThey met on 28 June.\n")
    assert item(tl, "28 June").value == dt.date(2026, 6, 28)
    assert item(tl, "28 June").year_inferred
    tl = md("---\ndate: 2026-01-03\n---\n\nThey met on Dec. 30.\n")
    assert item(tl, "Dec. 30").value == dt.date(2025, 12, 30)


def test_weekday_picks_the_year_it_fits():
    tl = md("---\ndate: 2019-11-19\n---\n\nShe was taken on Saturday, May 18, police said.\n")
    assert item(tl, "Saturday, May 18").value == dt.date(2019, 5, 18)


def test_weekday_alone_resolves_back_or_ahead():
    tl = md("---\ndate: 2026-06-28\n---\n\nIran spoke on Friday. Talks will resume on Tuesday.\n")
    assert item(tl, "Friday").value == dt.date(2026, 6, 26)
    assert item(tl, "Tuesday").value == dt.date(2026, 6, 30)


def test_offset_counts_from_the_time_just_told_not_publication():
    tl = md("---\ndate: 2026-06-29T09:00:00Z\n---\n\nAt 20:46 UTC on 28 June 2026 an official confirmed what Reuters had flagged twenty minutes earlier.\n")
    r = item(tl, "twenty minutes earlier")
    assert r.anchor.expr.text == "20:46 UTC"
    assert r.value == dt.datetime(2026, 6, 28, 20, 26, tzinfo=dt.timezone.utc)


def test_offset_links_the_same_actor_elsewhere():
    tl = md("At 20:46 UTC an official confirmed what Reuters had flagged twenty minutes earlier.\n\n"
            "Iran's television spoke at 19:00 UTC. A Reuters report at 20:10 UTC said so.\n")  # fmt: skip
    assert item(tl, "twenty minutes earlier").target.expr.text == "20:10 UTC"


def test_offset_with_apposed_time_and_previous_anchor():
    tl = md("The first blast came at 13:40. Two hours later, at 14:10, a second one hit.\n")
    r = item(tl, "Two hours later")
    assert (r.anchor.expr.text, r.target.expr.text) == ("13:40", "14:10")


def test_relative_day_counts_from_the_day_just_told():
    tl = md("Talks opened on 28 June 2026. The next morning both sides walked out.\n")
    assert item(tl, "The next morning").value == dt.date(2026, 6, 29)


def test_clock_takes_the_date_of_its_sentence_and_its_zone_rules():
    tl = md("The speech is at 3 p.m. ET on 4 July 2026. The next is at 3 p.m. ET on 10 January 2027.\n")
    summer, winter = [r for r in tl.items if r.expr.kind is Kind.CLOCK]
    assert summer.value.utcoffset() == -4 * HOUR and summer.date_source == "sentence"
    assert winter.value.utcoffset() == -5 * HOUR


def test_clock_without_any_date_is_a_time_of_day():
    tl = md("The first blast came at 13:40.\n")
    r = item(tl, "13:40")
    assert r.date_source == "none" and r.value.date() == NO_DAY
    assert describe(r.value) == "13:40"


def test_ambiguous_zone_letters_get_no_offset():
    tl = md("The Beijing briefing began at 3 p.m. CST on 4 July 2026.\n")
    assert item(tl, "3 p.m. CST").value.tzinfo is None


def test_elapsed_reads_an_unlabelled_clock_in_the_other_zone():
    tl = md("Polls closed at 20:00 GMT on 4 July 2026. Results came at 21:30.\n")
    assert elapsed(item(tl, "20:00 GMT"), item(tl, "21:30")) == 90 * MIN
    tl = md("Polls closed at 20:00 GMT on 4 July 2026. Results came at 21:30 local time.\n")
    assert elapsed(item(tl, "20:00 GMT"), item(tl, "21:30 local time")) is None


def test_tokyo_reference_admits_the_next_day():
    tl = md("---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The bank held rates.\n")
    assert dt.date(2026, 6, 29) in tl.reference.local_dates()
    assert dt.date(2026, 6, 30) not in tl.reference.local_dates()


def test_looks_future():
    assert looks_future("The ministers will meet on 3 July.")
    assert looks_future("The talks are scheduled for 3 July.")
    assert not looks_future("The ministers met on 3 July.")


def test_describe():
    assert describe(dt.date(2026, 6, 28)) == "Sunday 28 June 2026"
    assert describe(dt.datetime(2026, 6, 28, 20, 26, tzinfo=dt.timezone(dt.timedelta(0), "UTC"))) == "28 June 2026, 20:26 UTC"


def test_first_letter_lookaheads_change_no_match():
    """The lookaheads put in front of the date, weekday and clock expressions only skip positions
    where no match can start: the expressions without them find the same on random copy."""
    import random
    import re

    from newslint.text import times

    colon, meridiem, four = times._clock_res()
    cases = [(times._DATE_RE, r"(?=[\dADFJMNOSTW])"), (times._WEEKDAY_RE, r"(?=[MTWFS])")]
    cases += [(p, r"(?=\d)") for p in (colon, meridiem, four)]
    pieces = ("Sunday", "Tues", "Mondays", "Sept.", "June", "May", "Dec", "the", "of", "(", ")", ",", ".", "-", ":",
              "$", "28", "3", "1530", "2026", "st", "th", "p.m.", "am", "GMT", "EST", "+3", "local time", "Friday",
              "hrs", "Z", "x", "@", "\n", "٣", "20:46", "3:15:07")  # fmt: skip
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) + rng.choice(("", " ", "  ")) for _ in range(40)) for _ in range(3000)]
    for pattern, lookahead in cases:
        assert pattern.pattern.startswith(lookahead)
        plain = re.compile(pattern.pattern[len(lookahead) :], pattern.flags)
        for text in texts:
            got = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text
