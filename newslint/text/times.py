"""Time expressions in news copy, and the article timeline they resolve to.

``extract`` finds, context-free, the dates ("28 June 2026", "Oct. 2", "2026-06-28"), clock times
("20:46 UTC", "3:15 p.m. EST", "1530 GMT"), bare weekdays ("on Sunday"), relative offsets
("twenty minutes earlier", "within minutes") and relative days ("yesterday", "the next
morning") in a piece of text. ``article_timeline`` resolves an article's expressions against its
reference point (front matter date, else dateline, else the latest explicit date in the copy)
and links each relative expression to the times it relates. Only the standard library resolves
anything: general date parsers mis-read these forms (dropped p.m., offsets counted from the
publication time instead of the time just told, a weekday that contradicts its date accepted).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.data import load_data
from newslint.model import PUBLISHED_KEYS, BlockKind
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.model import Article

# -- fixed grammar tables -------------------------------------------------------------------------
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_VAGUE = {"a couple of": (2, 2), "a few": (2, 5), "several": (3, 10)}
_FRACTIONS = {"half an hour": 30, "a half hour": 30, "a half-hour": 30, "an hour and a half": 90,
              "a quarter of an hour": 15, "an hour and a quarter": 75}  # fmt: skip
UNITS = {"second": dt.timedelta(seconds=1), "minute": dt.timedelta(minutes=1), "min": dt.timedelta(minutes=1),
         "hour": dt.timedelta(hours=1), "hr": dt.timedelta(hours=1), "day": dt.timedelta(days=1),
         "week": dt.timedelta(weeks=1)}  # fmt: skip
DAY = dt.timedelta(days=1)
NO_DAY = dt.date(2000, 1, 1)  # where clock times with no known day are put, to compare them as times of day
# A weekday after one of these is part of a name ("Black Friday"), not a day of the story.
_NAMED_DAYS = frozenset("black super good ash cyber bloody easter palm holy maundy giving shrove".split())
# A bare "3:15" is a clock time only after one of these (else a ratio, a verse, a race time).
_CLOCK_CUES = frozenset(
    "at by until till before after from around about since to and or between approximately "
    "shortly circa roughly nearly almost".split()
)
# "3 p.m. Eastern time": spelled-out US zone names.
_SPELLED_ZONES = {"eastern": "ET", "central": "CT", "mountain": "MT", "pacific": "PT"}
_FUTURE = rx.compile(
    r"\b(?:will|would|shall|going to|is to|are to|due|scheduled|expected|expects?|plans?|planned|set to"
    r"|slated|upcoming|next|until|deadline|could|may|might|should|must|intends?|aims?|hopes?|wants?"
    r"|payable|effective|expires?|ahead of|pending|proposed)\b|'ll\b",
    re.IGNORECASE,
)


class Kind(str, Enum):
    """What a time expression is."""

    DATE = "date"  # 28 June 2026, Oct. 2, Sunday 28 June
    CLOCK = "clock"  # 20:46 UTC, 3:15 p.m. EST (with its date when written together, ISO 8601)
    WEEKDAY = "weekday"  # on Sunday, with no date attached
    OFFSET = "offset"  # twenty minutes earlier, two hours after, within minutes
    RELATIVE_DAY = "relative_day"  # yesterday, the next morning, later that day


class Anchor(str, Enum):
    """What a relative expression counts from."""

    REFERENCE = "reference"  # the article's own time: yesterday, two hours ago
    NARRATIVE = "narrative"  # the time just told: twenty minutes earlier, the next morning
    CLAUSE = "clause"  # the event named next: two hours after the blast


class Amount(NamedTuple):
    """A stated length of time, ``low`` to ``high`` (``high`` None: "more than two hours")."""

    low: dt.timedelta
    high: dt.timedelta | None
    approximate: bool = False  # "about", "some", "a few": the writer rounded
    unit: dt.timedelta = dt.timedelta(minutes=1)


class TimeExpr(NamedTuple):
    """One time expression, fields as written: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    hour: int | None = None  # 0-24, on the 24-hour clock
    minute: int | None = None
    twelve_hour: bool = False  # a bare "at 3:15": a.m. or p.m. not said
    zone: str | None = None  # "UTC", "EST", "GMT+3", "local", "Tehran time"
    utc_offset: dt.timedelta | None = None  # written out: "GMT+3", ISO "+03:00"
    amount: Amount | None = None  # offsets; relative days (whole days)
    direction: int = 0  # -1 earlier/before/ago/yesterday, +1 later/after/tomorrow
    anchor: Anchor | None = None
    attributive: bool = False  # "the September 11 attacks", "a March 31 deadline": a name
    problem: str = ""  # why the value cannot exist ("there is no 13 p.m."); empty when valid


# -- zone labels (data) ---------------------------------------------------------------------------
class ZoneLabel(NamedTuple):
    """A zone abbreviation from ``rules/data/timezones.yaml``."""

    label: str
    name: str
    group: str  # labels of one group name the same clock
    offset: dt.timedelta | None = None  # None: depends on the date ("ET")
    dst: bool | None = None  # True daylight label, False standard label of a DST region
    region: str | None = None  # IANA zone whose rules apply
    hints: frozenset[str] = frozenset()  # words that make the letters ambiguous ("Beijing" for CST)


def _parse_offset(raw: str) -> dt.timedelta:
    sign = -1 if raw.strip()[:1] in "-−" else 1
    digits = re.sub(r"\D", "", raw)
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return sign * dt.timedelta(hours=hours, minutes=minutes)


@cache
def zone_labels() -> dict[str, ZoneLabel]:
    """Every known zone label, loaded once from ``timezones.yaml``."""
    out: dict[str, ZoneLabel] = {}
    for label, spec in load_data("timezones")["zones"].items():
        hints = frozenset(h for alt in spec.get("also", ()) for h in alt.get("hints", ()))
        offset = _parse_offset(spec["offset"]) if "offset" in spec else None
        out[str(label)] = ZoneLabel(str(label), spec["name"], spec["group"], offset, spec.get("dst"),
                                    spec.get("region"), hints)  # fmt: skip
    return out


@cache
def region_zone(name: str) -> dt.tzinfo | None:
    """The IANA zone ``name``, or None when this machine has no tz database."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # a few ms (sysconfig), for few articles

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def base_label(zone: str | None) -> ZoneLabel | None:
    """The table entry of a written zone ("GMT+3" -> GMT), or None for local and unknown zones."""
    if not zone:
        return None
    return zone_labels().get(re.split(r"[+\-−]", zone, maxsplit=1)[0])


# -- patterns (compiled once per process) ---------------------------------------------------------
_MON = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
        r"|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?)")  # fmt: skip
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
_YEAR = r"(?:1[89]|20)\d{2}"
_AMPM = r"(?P<ap>[aApP]\.\s?[mM]\.?|[aApP][mM](?![a-zA-Z]))"
_NUM = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
    r"|seven|eight|nine))?|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine"
    r"|eight|seven|six|five|four|three|two|one|a couple of|a few|several|an|a)"
)
_QUAL = (r"(?P<q>about|around|roughly|some|nearly|almost|approximately|just over|just under|more than|over"
         r"|at least|less than|under|fewer than|at most|barely|just|only)")  # fmt: skip

_DATE_RE = rx.compile(  # the lookahead (how a weekday, day or month begins) skips most positions quickly
    rf"(?=[\dADFJMNOSTW])(?:(?P<wd>{_WD})\.?,?\s+(?:the\s+)?(?P<paren>\()?)?"
    rf"(?:(?<![\w.,:/$£€])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_MON})"
    rf"|(?<![\w.])(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d%]|[.:,]\d))"
    rf"(?:,?\s+(?P<y>{_YEAR})(?![\d%]|[.,]\d))?(?(paren)\))"
)
_ISO = (
    rf"(?<![\w/.\-])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<z>Z|[+-]\d{2}:?\d{2})?)?(?![\w/\-])"
)
_WEEKDAY_RE = rx.compile(
    r"(?=[MTWFS])(?<![\w\-])(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<pl>s\b)?(?![\w\-])"
)
_RELDAY_RE = rx.compile(  # the lookahead (every alternative's first letter) skips most words quickly
    r"\b(?=[tylenfp])(?:(?P<ref>the day before yesterday|yesterday|today|tomorrow|tonight|last night"
    r"|(?:earlier|later) today|this (?:morning|afternoon|evening))"
    r"|(?P<next>(?:the )?(?:next|following) (?:day|morning|afternoon|evening|night))"
    r"|(?P<prev>(?:the )?(?:previous|preceding) (?:day|morning|afternoon|evening|night)"
    r"|the (?:day|night|evening) before(?! \w))"
    r"|(?P<same>(?:later|earlier) that (?:day|morning|afternoon|evening|night)"
    r"|that (?:same )?(?:day|morning|afternoon|evening|night)|the same day))\b"
)  # matched on lower-cased text
_DIRECTIONS = r"(?:earlier|later|before|after|ago|afterwards?|beforehand|previously)\b"
_DIRECTION_RE = rx.compile(r"\b(?=[elbap])" + _DIRECTIONS)
# The amount before a direction word: searched backwards from it, on lower-cased text.
_AMOUNT = (
    rf"\b(?:{_QUAL}\s+)?(?:(?P<frac>half an hour|a half[- ]hour|an hour and a half|a quarter of an hour"
    rf"|an hour and a quarter)|(?P<n>{_NUM})\s+(?P<u>seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?))\s+$"
)
_AMOUNT_ENDS = ("second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
                "week", "weeks", "half", "quarter")  # the last word of every amount _AMOUNT matches
_VAGUE_OFFSET = (
    r"\b(?=[wsmh])(?:within (?:(?P<wn>an?|one|two|three|four|five|ten|fifteen|twenty|thirty|\d{1,2}) )?"
    r"(?P<wu>seconds?|minutes?|hours?|moments)"
    r"|(?P<vu>seconds|minutes|hours|moments) (?P<vdir>later|earlier|after|before|afterwards?))\b"
)  # matched on lower-cased text
_URLISH = rx.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[@#]\w+|\b[\w-]+\.(?:com|org|net|html?|php)\S*")
# Cheap tests that let most blocks skip the costlier patterns: each holds wherever its pattern matches.
_URL_STEMS = ("@", "#", "://", "www.", ".com", ".org", ".net", ".htm", ".php")  # substrings _URL_HINT needs
_URL_HINT = rx.compile(r"[@#]|://|www\.|\.(?:com|org|net|html?|php)\b")
_DIGIT = rx.compile(r"\d")  # every date and clock pattern needs a digit
_MONTH_STEM = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_MONTH_HINT = rx.compile(_MONTH_STEM)  # one scan instead of twelve
# _DATE_RE's day written next to its month: "June 28", "Sept. 2", "28th of June"
_DAY_MONTH_HINT = rx.compile(rf"{_MONTH_STEM}[a-z]*\.?\s+\d|\d(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH_STEM}")
_ISO_HINT = rx.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_HINT = rx.compile(r"\d(?::\d\d|\.\d\d\s*[aApP]|\s*[aApP]\.?\s?[mM](?![a-zA-Z])|\d{3}\s*(?:[A-Za-z]{1,4}\b|\())")
# on lower-cased text: what each alternative of _RELDAY_RE contains
_RELDAY_STEMS = ("today", "yesterday", " day", "tomorrow", "night", "morning", "afternoon", "evening")
# An amount's last word (one of _AMOUNT_ENDS), white space and a direction word: what every offset
# found from a direction word contains.
_OFFSET_HINT = rx.compile(rf"(?:{'|'.join(sorted(_AMOUNT_ENDS, key=len, reverse=True))})\s+{_DIRECTIONS}")
_VAGUE_STEMS = ("second", "minute", "hour", "moment")  # the unit every _VAGUE_OFFSET match names
_WORD_BEFORE = rx.compile(r"([A-Za-z]+)\W*$")
_CLAUSE_NEXT = rx.compile(r"\s+[\w“\"'‘]")
_NOT_AN_OFFSET_NEXT = rx.compile(r"\s+(?:than|midnight|noon|the hour)\b")  # "hours before midnight"
_HOURS_NEXT = rx.compile(r"\s*(?:hrs|h)\b")
_WORD_NEXT = rx.compile(r",?\s+([a-z][a-z\-]+)")


class _RareRes(NamedTuple):
    iso: re.Pattern[str]
    amount: re.Pattern[str]
    vague: re.Pattern[str]


@cache
def _rare_res() -> _RareRes:
    """The patterns few texts get as far as (ISO dates, offset amounts, vague offsets), compiled
    when first needed rather than at start-up."""
    return _RareRes(rx.compile(_ISO), rx.compile(_AMOUNT), rx.compile(_VAGUE_OFFSET))


@cache
def _clock_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(colon clocks, a.m./p.m. clocks, four-digit clocks), built once from the zone table."""
    labels = "|".join(re.escape(z) for z in sorted(zone_labels(), key=len, reverse=True) if z != "Z")
    label = rf"(?:{labels})(?![A-Za-z])|(?i:gmt|utc)\b"
    plus = r"\s?[+\-−]\s?\d{1,2}(?::?\d{2})?(?![\d:])"
    zone = (
        rf"(?:\s*(?P<z>{label})(?P<zo>{plus})?|\s*\((?P<pz>{label})(?P<pzo>{plus})?\)"
        r"|\s+(?P<local>local(?:\s+time)?\b|[A-Z][a-z]+ time\b))?"
    )
    lead = r"(?=\d)(?<![\w:.$£€,\-])"  # (the lookahead skips most positions quickly)
    colon = rx.compile(lead + r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?(?![\d:])(?:\s*" + _AMPM + ")?" + zone)
    meridiem = rx.compile(lead + r"(?P<h>\d{1,2})(?:\.(?P<mi>\d{2}))?\s*" + _AMPM + zone)
    four = rx.compile(lead + r"(?P<hm>\d{4})(?:\s*(?P<hrs>hrs|h)\b|(?P<zulu>Z)\b)?" + zone)
    return colon, meridiem, four


# -- extraction -----------------------------------------------------------------------------------
def _mask(text: str) -> str:
    """``text`` with URLs, e-mail addresses, handles and hashtags blanked (same length)."""
    if not any(map(text.__contains__, _URL_STEMS)) or not _URL_HINT.search(text):
        return text
    return _URLISH.sub(lambda m: " " * len(m.group()), text)


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _date_problem(year: int | None, month: int, day: int) -> str:
    try:
        dt.date(2000 if year is None else year, month, day)  # 2000 is a leap year
    except ValueError:
        return f"{day} {MONTH_NAMES[month - 1]}{'' if year is None else f' {year}'} does not exist"
    return ""


def _attributive(text: str, start: int, end: int) -> bool:
    """A date used as a name: "the September 11 attacks", "a March 31 deadline"."""
    after = _WORD_NEXT.match(text, end)
    return (
        _word_before(text, start) in ("the", "a", "an", "its", "their", "this", "that")
        and bool(after)
        and after.group(1) not in ("and", "or", "to", "at", "in", "on", "when", "as", "is", "was", "will", "would")
    )


def _dates(text: str, lower: str, offset: int) -> Iterator[TimeExpr]:
    for m in _DATE_RE.finditer(text) if _MONTH_HINT.search(text) and _DAY_MONTH_HINT.search(text) else ():
        mon, wd = m.group("m1") or m.group("m2"), m.group("wd")
        day = int(m.group("d1") or m.group("d2"))
        if not 1 <= day <= 31:
            continue
        month = MONTHS[mon.lower().rstrip(".")]
        year = int(m.group("y")) if m.group("y") else None
        yield TimeExpr(
            offset + m.start(), offset + m.end(), m.group(), Kind.DATE, year, month, day,
            WEEKDAYS[wd.lower()] if wd else None, attributive=_attributive(text, m.start(), m.end()),
            problem=_date_problem(year, month, day),
        )  # fmt: skip
    for m in _rare_res().iso.finditer(text) if "-" in text and _ISO_HINT.search(text) else ():
        year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        problem = _date_problem(year, month, day)
        if m.group("h") is None:
            yield TimeExpr(offset + m.start(), offset + m.end(), m.group(), Kind.DATE, year, month, day, problem=problem)
            continue
        hour, minute, z = int(m.group("h")), int(m.group("mi")), m.group("z")
        yield TimeExpr(offset + m.start(), offset + m.end(), m.group(), Kind.CLOCK, year, month, day,
                       hour=hour, minute=minute, zone="UTC" if z == "Z" else z,
                       utc_offset=dt.timedelta(0) if z == "Z" else _parse_offset(z) if z else None,
                       problem=problem or _clock_problem(hour, minute, None))  # fmt: skip


def _clock_problem(hour: int, minute: int, meridiem: str | None) -> str:
    if minute > 59:
        return f"an hour has no minute {minute}"
    if meridiem and not 1 <= hour <= 12:
        fix = f"{hour - 12} {meridiem}" if 12 < hour < 24 else "a time from 1 to 12"
        return f"there is no {hour} {meridiem} on a 12-hour clock; write {fix} or {hour:02d}:{minute:02d}"
    if hour > 24 or (hour == 24 and minute):
        return f"a day has no hour {hour}"
    return ""


def _zone_fields(m: re.Match[str]) -> tuple[str | None, dt.timedelta | None]:
    local = m.group("local")
    if local:
        first = local.split()[0].lower()
        return ("local" if first == "local" else _SPELLED_ZONES.get(first, local)), None
    z, extra = (m.group("z"), m.group("zo")) if m.group("z") else (m.group("pz"), m.group("pzo"))
    if not z:
        return ("UTC", dt.timedelta(0)) if m.groupdict().get("zulu") else (None, None)
    z = z.upper()
    if extra:
        extra = re.sub(r"\s", "", extra)
        return z + extra, zone_labels()[z].offset + _parse_offset(extra)
    return z, None


def _clocks(text: str, lower: str, offset: int) -> Iterator[TimeExpr]:
    if not _CLOCK_HINT.search(text):
        return
    colon, meridiem, four = _clock_res()
    for pattern in (colon, meridiem, four):  # overlaps are dropped by ``extract``: earlier patterns win
        for m in pattern.finditer(text):
            ap = m.groupdict().get("ap")
            zone, utc = _zone_fields(m)
            if pattern is four:
                if zone is None and not m.group("hrs"):
                    continue
                hour, minute = int(m.group("hm")[:2]), int(m.group("hm")[2:])
            else:
                hour, minute = int(m.group("h")), int(m.group("mi") or 0)
            bare = not ap and zone is None
            cued = _word_before(text, m.start()) in _CLOCK_CUES or _HOURS_NEXT.match(text, m.end())
            if bare and pattern is colon and not cued:
                continue
            word = ("a.m." if ap[0] in "aA" else "p.m.") if ap else None
            problem = _clock_problem(hour, minute, word)
            if word and not problem:
                hour = hour % 12 + (12 if word == "p.m." else 0)
            yield TimeExpr(offset + m.start(), offset + m.end(), m.group(), Kind.CLOCK, hour=hour, minute=minute,
                           twelve_hour=bare and 1 <= hour <= 12 and not m.group().startswith("0"),
                           zone=zone, utc_offset=utc, problem=problem)  # fmt: skip


def _weekdays(text: str, lower: str, offset: int) -> Iterator[TimeExpr]:
    for m in _WEEKDAY_RE.finditer(text) if "day" in text else ():
        if m.group("pl") or _word_before(text, m.start()) in _NAMED_DAYS:
            continue
        yield TimeExpr(offset + m.start(), offset + m.end(), m.group(), Kind.WEEKDAY,
                       weekday=WEEKDAYS[m.group("wd").lower()])  # fmt: skip


def _relative_days(text: str, lower: str, offset: int) -> Iterator[TimeExpr]:
    for m in _RELDAY_RE.finditer(lower) if any(map(lower.__contains__, _RELDAY_STEMS)) else ():
        phrase = m.group()
        if m.group("ref"):
            if phrase == "today" and (_word_before(text, m.start()) == "usa" or text[m.end() : m.end() + 2] in ("'s", "’s")):
                continue
            days = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(phrase, 0)
            anchor = Anchor.REFERENCE
        else:
            days = 1 if m.group("next") else -1 if m.group("prev") else 0
            anchor = Anchor.NARRATIVE
        span = DAY * abs(days)
        yield TimeExpr(offset + m.start(), offset + m.end(), phrase, Kind.RELATIVE_DAY,
                       amount=Amount(span, span, unit=DAY), direction=(days > 0) - (days < 0),
                       anchor=anchor)  # fmt: skip


def number(word: str) -> int | None:
    """The value of a count written in digits or words ("twenty-five" -> 25)."""
    word = re.sub(r"[\s\-]+", " ", word.lower().strip())
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    first, *rest = word.split(" ")
    if first in _TENS and len(rest) <= 1 and (not rest or rest[0] in _SMALL[1:10]):
        return _TENS[first] + (_SMALL.index(rest[0]) if rest else 0)
    return _SMALL.index(word) if word in _SMALL else None


def _amount(m: re.Match[str]) -> Amount:
    """The length an offset states; ``m`` matched lower-cased text."""
    qual = m.group("q") or ""
    if m.group("frac"):
        unit = dt.timedelta(minutes=1)
        low = high = _FRACTIONS[re.sub(r"\s+", " ", m.group("frac"))]
        vague = False
    else:
        unit = UNITS[m.group("u").rstrip("s")]
        key = re.sub(r"\s+", " ", m.group("n"))
        vague = key in _VAGUE
        low, high = _VAGUE.get(key) or (number(key),) * 2
    if qual in ("more than", "over", "at least", "just over"):
        return Amount(unit * low, None, unit=unit)
    if qual in ("less than", "under", "fewer than", "at most", "barely", "just under"):
        return Amount(dt.timedelta(0), unit * high, unit=unit)
    return Amount(unit * low, unit * high, approximate=vague or qual not in ("", "just", "only"), unit=unit)


def _offsets(text: str, lower: str, offset: int) -> Iterator[TimeExpr]:
    for d in _DIRECTION_RE.finditer(lower) if _OFFSET_HINT.search(lower) else ():
        before = lower[max(0, d.start() - 60) : d.start()]
        # an amount ends in its unit ("three hours", "half an hour") and white space: test that
        # cheaply before searching the window for the whole amount
        if not (before[-1:].isspace() and before.rstrip().endswith(_AMOUNT_ENDS)):
            continue
        m = _rare_res().amount.search(lower, max(0, d.start() - 60), d.start())
        word = d.group()
        if m is None or _NOT_AN_OFFSET_NEXT.match(lower, d.end()):
            continue
        if word == "ago":
            anchor = Anchor.REFERENCE
        else:
            anchor = Anchor.CLAUSE if word in ("before", "after") and _CLAUSE_NEXT.match(lower, d.end()) else Anchor.NARRATIVE
        direction = -1 if word in ("earlier", "before", "ago", "beforehand", "previously") else 1
        yield TimeExpr(offset + m.start(), offset + d.end(), lower[m.start() : d.end()], Kind.OFFSET, amount=_amount(m),
                       direction=direction, anchor=anchor)  # fmt: skip
    for m in _rare_res().vague.finditer(lower) if any(map(lower.__contains__, _VAGUE_STEMS)) else ():
        if _NOT_AN_OFFSET_NEXT.match(lower, m.end()):
            continue
        unit_word = m.group("wu") or m.group("vu")
        if unit_word.startswith(("moment", "second")):
            unit, low, high = dt.timedelta(minutes=1), dt.timedelta(0), dt.timedelta(minutes=5)
        elif unit_word.startswith("minute"):
            unit, low, high = dt.timedelta(minutes=1), dt.timedelta(minutes=1), dt.timedelta(minutes=59)
        else:
            unit, low, high = dt.timedelta(hours=1), dt.timedelta(hours=1), dt.timedelta(hours=23)
        if m.group("wu"):  # within minutes, within two hours
            count = number(m.group("wn")) if m.group("wn") else None
            high = unit * count if count and not unit_word.startswith("moment") else high
            amount, direction, anchor = Amount(dt.timedelta(0), high, unit=unit), 1, Anchor.NARRATIVE
        else:  # minutes later, hours before the vote
            word = m.group("vdir")
            direction = -1 if word in ("earlier", "before") else 1
            clause = word in ("before", "after") and _CLAUSE_NEXT.match(lower, m.end())
            amount, anchor = Amount(low, high, unit=unit), Anchor.CLAUSE if clause else Anchor.NARRATIVE
        yield TimeExpr(offset + m.start(), offset + m.end(), m.group(), Kind.OFFSET, amount=amount,
                       direction=direction, anchor=anchor)  # fmt: skip


_WORD_SOURCES = (_offsets, _relative_days, _weekdays)  # the extractors that need no digit
_SOURCES = (_clocks, _dates, *_WORD_SOURCES)  # in order of precedence


def extract(text: str, offset: int = 0) -> list[TimeExpr]:
    """Every time expression in ``text``, in order; offsets are shifted by ``offset``.

    A weekday written with its date ("Sunday 28 June") belongs to the date; clock times win over
    whatever they overlap ("By 10 a.m. ET" is a clock time, never a date).
    """
    masked = _mask(text)
    lower = masked.lower()
    found: list[TimeExpr] = []
    for source in _SOURCES if _DIGIT.search(masked) else _WORD_SOURCES:
        for expr in source(masked, lower, offset):
            if not any(f.start < expr.end and expr.start < f.end for f in found):
                written = text[expr.start - offset : expr.end - offset]
                found.append(expr if expr.text == written else expr._replace(text=written))
    found.sort(key=lambda e: e.start)
    return found


def looks_future(text: str) -> bool:
    """Whether a sentence speaks of what is yet to happen ("will meet on 3 July", "is due")."""
    return bool(_FUTURE.search(text))


# -- resolution -----------------------------------------------------------------------------------
TEXT_KINDS = frozenset(
    {BlockKind.HEADLINE, BlockKind.DEK, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM}
)
_BODY_DATELINE_HEAD = rx.compile(r"^\s*(?:[A-Z][A-Z .,'’\-]{1,60},\s*)?$")  # "LONDON, " or nothing
_BODY_DATELINE_TAIL = rx.compile(r"^\s*(?:\([^)]{1,40}\))?\s*[-–—]")
_KEY_RE = rx.compile(r"@?\b[A-Z][\w’'\-]*[A-Za-z]")
_NOT_KEYS = frozenset(
    """the a an and but or so in on at of for by with as to from after before when while it its he she
    they we i you his her their this that these those there here then what which who mr mrs ms dr
    am pm utc gmt""".split()
)
_APPOSITION = rx.compile(r"^[\s,;:()\[\]—–-]*(?:(?:at|on|around|about|by|or|of)\s+)?[\s,;:()\[\]—–-]*$", re.IGNORECASE)


class Reference(NamedTuple):
    """The article's own time, which year-less dates and "yesterday" count from."""

    when: dt.datetime  # aware
    source: str  # "front matter", "dateline" or "copy"
    date_only: bool  # no time of day known
    start: int = 0  # where it is written: the front matter value, the dateline, the date in the copy
    end: int = 0

    @property
    def date(self) -> dt.date:
        return self.when.date()

    def local_dates(self) -> frozenset[dt.date]:
        """Dates a calendar somewhere showed at the reference time (UTC-12 to UTC+14); a bare date
        admits the day either side, as its zone is unknown (a Tokyo dateline runs a day ahead)."""
        if self.date_only:
            return frozenset({self.date - DAY, self.date, self.date + DAY})
        utc = self.when.astimezone(dt.timezone.utc)
        return frozenset({(utc - dt.timedelta(hours=12)).date(), utc.date(), (utc + dt.timedelta(hours=14)).date()})


class Resolved(NamedTuple):
    """A time expression placed on the article's timeline.

    ``value``: a date for dates, weekdays and relative days; a datetime for clock times (aware
    when the zone is known) and for offsets (the time they imply); None when unresolvable.
    """

    expr: TimeExpr
    value: dt.date | dt.datetime | None
    sentence: tuple[int, int]  # the sentence (or heading) it sits in
    block: int  # index of its block in the article
    year_inferred: bool = False  # the year came from the reference date
    date_source: str = ""  # clocks: "own", "sentence", "narrative", "reference", "none" (on NO_DAY)
    anchor: Resolved | None = None  # relative expressions: the time they count from
    target: Resolved | None = None  # relative expressions: the stated time of the event they place


class Timeline(NamedTuple):
    """Every resolved time expression of an article, in text order."""

    reference: Reference | None
    items: tuple[Resolved, ...]
    dateline: Resolved | None = None  # the date of the dateline ("LONDON, June 28 (Reuters) -")

    def of(self, *kinds: Kind) -> list[Resolved]:
        return [r for r in self.items if r.expr.kind in kinds]


def _date_only(raw: object) -> bool:
    if isinstance(raw, dt.datetime):
        return False
    return isinstance(raw, dt.date) or bool(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", str(raw)))


def _nearest_year(month: int, day: int, weekday: int | None, base: dt.date) -> dt.date | None:
    """The date nearest ``base`` among last, this and next year's; a stated weekday picks the
    year it fits ("Saturday, May 18" in November 2019 is May 2019, not May 2020)."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    fitting = [d for d in options if d.weekday() == weekday]
    return min(fitting or options, key=lambda d: abs(d - base), default=None)


def _date_of(expr: TimeExpr, base: dt.date | None) -> tuple[dt.date | None, bool]:
    """An expression's own calendar date (explicit or with the year nearest ``base``), and
    whether the year was inferred."""
    if expr.problem or expr.month is None or expr.day is None:
        return None, False
    if expr.year is not None:
        return dt.date(expr.year, expr.month, expr.day), False
    return (_nearest_year(expr.month, expr.day, expr.weekday, base), True) if base else (None, False)


class _Builder:
    """Resolves one article's expressions; lives for one ``article_timeline`` call."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        spans = sorted({(s.start, s.end) for s in article.sentences}
                       | {(b.start, b.end) for b in article.blocks if b.kind is BlockKind.HEADING})  # fmt: skip
        self.spans = spans
        self.span_starts = [s for s, _ in spans]
        self.block_starts = [b.start for b in article.blocks]
        self.exprs = [e for b in article.blocks if b.kind in TEXT_KINDS for e in extract(b.text, b.start)]
        self.hint_cache: dict[str, bool] = {}

    # -- positions --------------------------------------------------------------------------------
    def sentence_of(self, start: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.span_starts, start) - 1
        return self.spans[i] if i >= 0 and start < self.spans[i][1] else (start, start)

    def block_of(self, start: int) -> int:
        return bisect.bisect_right(self.block_starts, start) - 1

    def place(self, expr: TimeExpr, value: dt.date | dt.datetime | None, **more: object) -> Resolved:
        return Resolved(expr, value, self.sentence_of(expr.start), self.block_of(expr.start), **more)  # type: ignore[arg-type]

    # -- reference point --------------------------------------------------------------------------
    def dateline_expr(self) -> TimeExpr | None:
        span = self.article.meta_spans.get("dateline")
        if span and self.article.meta.get("dateline"):
            found = [e for e in extract(self.text[span[0] : span[1]], span[0]) if e.kind is Kind.DATE]
            if found:
                return found[0]
        first = next((b for b in self.article.blocks if b.kind is BlockKind.PARAGRAPH), None)
        if first is None:
            return None
        for e in self.exprs:
            if e.kind is Kind.DATE and first.start <= e.start < first.start + 60:
                head, tail = self.text[first.start : e.start], self.text[e.end : first.end]
                if _BODY_DATELINE_HEAD.match(head) and _BODY_DATELINE_TAIL.match(tail):
                    return e
                break
        return None

    def reference(self, dateline: TimeExpr | None) -> Reference | None:
        a = self.article
        if a.published is not None:
            key = next((k for k in PUBLISHED_KEYS if a.meta.get(k) not in (None, "")), "date")
            start, end = a.meta_spans.get(key, a.anchor)
            return Reference(a.published, "front matter", _date_only(a.meta.get(key)), start, end)
        explicit = [(d, e) for e in self.exprs if e.kind is Kind.DATE and e.year and not e.attributive
                    for d in [_date_of(e, None)[0]] if d]  # fmt: skip
        latest = max(explicit, key=lambda p: p[0], default=None)
        if dateline is not None:
            day, _ = _date_of(dateline, latest[0] if latest else None)
            if day:
                return Reference(_midnight(day), "dateline", True, dateline.start, dateline.end)
        if latest:
            return Reference(_midnight(latest[0]), "copy", True, latest[1].start, latest[1].end)
        return None

    # -- zones ------------------------------------------------------------------------------------
    def ambiguous(self, label: ZoneLabel) -> bool:
        if label.label not in self.hint_cache:
            self.hint_cache[label.label] = any(
                re.search(rf"\b{re.escape(h)}\b", self.text) for h in label.hints
            )
        return self.hint_cache[label.label]

    def tzinfo(self, expr: TimeExpr) -> dt.tzinfo | None:
        if expr.utc_offset is not None:
            return dt.timezone(expr.utc_offset, expr.zone)
        label = base_label(expr.zone)
        if label is None or self.ambiguous(label):
            return None
        if label.offset is not None:
            return dt.timezone(label.offset, label.label)
        return region_zone(label.region) if label.region else None

    # -- the timeline -----------------------------------------------------------------------------
    def build(self) -> Timeline:
        dateline = self.dateline_expr()
        ref = self.reference(dateline)
        base = ref.date if ref else None
        items: dict[int, Resolved] = {}
        for e in self.exprs:
            if e.kind is Kind.DATE:
                value, inferred = _date_of(e, base)
                items[e.start] = self.place(e, value, year_inferred=inferred)
        # dated DATE and RELATIVE_DAY items in text order: the narrative's days
        days = [r for r in items.values() if r.value is not None and not r.expr.attributive]
        for e in self.exprs:
            if e.kind is Kind.RELATIVE_DAY:
                items[e.start] = r = self.relative_day(e, ref, days)
                if r.value is not None:
                    bisect.insort(days, r, key=lambda d: d.expr.start)
        for e in self.exprs:
            if e.kind is Kind.CLOCK:
                items[e.start] = self.clock(e, ref, days)
            elif e.kind is Kind.WEEKDAY:
                items[e.start] = self.place(e, self.weekday(e, base))
        clocks = [r for r in items.values() if r.expr.kind is Kind.CLOCK and r.value is not None]
        for e in self.exprs:
            if e.kind is Kind.OFFSET:
                items[e.start] = self.offset(e, ref, clocks if e.amount.unit < DAY else days)
        resolved = tuple(items[e.start] for e in self.exprs)
        line = next((r for r in resolved if dateline and r.expr.start == dateline.start), None)
        if line is None and dateline is not None:
            value, inferred = _date_of(dateline, base)
            line = self.place(dateline, value, year_inferred=inferred)
        return Timeline(ref, resolved, line)

    def relative_day(self, e: TimeExpr, ref: Reference | None, days: list[Resolved]) -> Resolved:
        shift = DAY * e.direction * (e.amount.low.days if e.amount else 0)
        target = self.apposed(e, days)
        if e.anchor is Anchor.REFERENCE:
            return self.place(e, ref.date + shift if ref else None, target=target)
        limit = min(e.start, target.expr.start) if target else e.start
        anchor = self.previous(days, limit, e, exclude=target)
        value = _as_date(anchor.value) + shift if anchor else None
        return self.place(e, value, anchor=anchor, target=target)

    def clock(self, e: TimeExpr, ref: Reference | None, days: list[Resolved]) -> Resolved:
        sentence = self.sentence_of(e.start)
        day, source = None, ""
        if e.year is not None:
            day, source = _date_of(e, None)[0], "own"
        else:
            near = [d for d in days if self.sentence_of(d.expr.start) == sentence]
            if near:
                nearest = min(near, key=lambda d: max(d.expr.start - e.end, e.start - d.expr.end))
                day, source = _as_date(nearest.value), "sentence"
            else:
                before = self.previous(days, e.start, e)
                if before is not None:
                    day, source = _as_date(before.value), "narrative"
                elif ref is not None:
                    day, source = ref.date, "reference"
                else:
                    day, source = NO_DAY, "none"
        if day is None or e.problem or e.hour is None:
            return self.place(e, None, date_source=source)
        hour, minute = e.hour, e.minute or 0
        if hour == 24:
            day, hour = day + DAY, 0
        value = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tzinfo(e))
        return self.place(e, value, date_source=source)

    def weekday(self, e: TimeExpr, base: dt.date | None) -> dt.date | None:
        """The nearest such day before the reference date, or after it when the sentence looks
        ahead ("will meet on Friday") or says "next"."""
        if base is None or e.weekday is None:
            return None
        s, t = self.sentence_of(e.start)
        before = _word_before(self.text, e.start)
        back = (base.weekday() - e.weekday) % 7
        ahead = (e.weekday - base.weekday()) % 7
        if before == "last":
            return base - DAY * (back or 7)
        if before == "next" or looks_future(self.text[s:t]):
            return base + DAY * (ahead if before != "next" else ahead or 7)
        return base - DAY * back

    def previous(self, points: list[Resolved], limit: int, e: TimeExpr, exclude: Resolved | None = None) -> Resolved | None:
        """The time just told: the last point before ``limit`` within two blocks of ``e``; None when
        it sits in an earlier sentence that gives other times too (which one is meant is unclear)."""
        block = self.block_of(e.start)
        here = self.sentence_of(e.start)
        earlier = [p for p in points if p.expr.start < limit and p is not exclude and p.expr.start != e.start]
        if not earlier or earlier[-1].block < block - 2:
            return None
        last = earlier[-1]
        if last.sentence != here and any(p.sentence == last.sentence and p.value != last.value for p in earlier):
            return None
        return last

    def apposed(self, e: TimeExpr, points: list[Resolved]) -> Resolved | None:
        """A time written right beside ``e`` ("two hours later, at 14:10"; "the next day, 30 June")."""
        for p in points:
            lo, hi = (p.expr.end, e.start) if p.expr.end <= e.start else (e.end, p.expr.start)
            if p.expr.start != e.start and 0 <= hi - lo <= 8 and _APPOSITION.match(self.text[lo:hi]):
                return p
        return None

    def offset(self, e: TimeExpr, ref: Reference | None, points: list[Resolved]) -> Resolved:
        sentence = self.sentence_of(e.start)
        same = [p for p in points if p.sentence == sentence]
        target = self.apposed(e, same)
        before = [p for p in same if p.expr.end <= e.start and p is not target]
        after = [p for p in same if p.expr.start >= e.end and p is not target]
        anchor = None
        if e.anchor is Anchor.CLAUSE:
            if after:
                anchor = after[0]
            else:
                clause = re.split(r"[,;:.]", self.text[e.end : sentence[1]], maxsplit=1)[0]
                anchor = self.by_key(_keys(clause)[:1], points, {sentence}, None)
            target = target or (before[-1] if before else None)
        elif e.anchor is Anchor.NARRATIVE:
            if target is not None:
                anchor = self.previous(points, min(e.start, target.expr.start), e, exclude=target)
            elif before:
                anchor = before[-1]
                keys = _keys(self.text[anchor.expr.end : e.start])[-1:]
                target = self.by_key(keys, points, {sentence}, anchor)
            else:
                anchor = self.previous(points, sentence[0], e)
                if after and e.start - sentence[0] <= 2:
                    target = after[0]
                elif anchor is not None:
                    keys = _keys(self.text[sentence[0] : e.start])[-1:]
                    target = self.by_key(keys, points, {sentence, anchor.sentence}, anchor)
        value = None
        amount = e.amount
        if anchor is not None and anchor.value is not None and amount and amount.low == amount.high:
            value = anchor.value + e.direction * (amount.low if isinstance(anchor.value, dt.datetime) else DAY * amount.low.days)
        elif e.anchor is Anchor.REFERENCE and ref is not None and amount and amount.low == amount.high:
            value = ref.when - amount.low
        return self.place(e, value, anchor=anchor, target=target)

    def by_key(self, keys: list[str], points: list[Resolved], skip: set[tuple[int, int]],
               anchor: Resolved | None) -> Resolved | None:  # fmt: skip
        """The one time told elsewhere in a sentence naming the same actor ("Reuters")."""
        if not keys:
            return None
        # (re, not rx: an expression built from the copy is not for the user cache)
        pattern = re.compile(rf"(?<!\w){re.escape(keys[0].lstrip('@'))}(?!\w)", re.IGNORECASE)
        found = [p for p in points if p.sentence not in skip and p is not anchor
                 and p.sentence != (anchor.sentence if anchor else None)
                 and pattern.search(self.text[p.sentence[0] : p.sentence[1]])]  # fmt: skip
        if anchor is not None:
            found = [p for p in found if _close(p, anchor)]
        return found[0] if found and all(p.value == found[0].value for p in found) else None


def _keys(segment: str) -> list[str]:
    """Names in ``segment`` that may identify who did something ("Reuters", "@sprinterpress")."""
    out = []
    for m in _KEY_RE.finditer(segment):
        word = re.sub(r"['’]s$", "", m.group())
        low = word.lower().lstrip("@")
        if low in _NOT_KEYS or low in MONTHS or low in WEEKDAYS or word.upper() in zone_labels():
            continue
        out.append(word)
    return out


def _close(a: Resolved, b: Resolved) -> bool:
    gap = elapsed(a, b)
    return gap is None or abs(gap) <= DAY


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.timezone.utc)


def elapsed(a: Resolved, b: Resolved) -> dt.timedelta | None:
    """``b`` minus ``a``. A clock without a zone label is read in the other's zone; None when the
    two cannot be compared (no value, or an unknown zone such as "local time")."""
    va, vb = a.value, b.value
    if va is None or vb is None:
        return None
    if not isinstance(va, dt.datetime) or not isinstance(vb, dt.datetime):
        return DAY * (_as_date(vb) - _as_date(va)).days
    if (va.tzinfo is None) != (vb.tzinfo is None):
        naive, other = (a, vb) if va.tzinfo is None else (b, va)
        if naive.expr.zone is not None:
            return None
        fixed = naive.value.replace(tzinfo=other.tzinfo)
        va, vb = (fixed, vb) if naive is a else (va, fixed)
    return vb - va


def article_timeline(article: Article) -> Timeline:
    """The article's time expressions resolved against its reference point, in text order."""
    return _Builder(article).build()


def describe(value: dt.date | dt.datetime | None) -> str:
    """A resolved value for messages: "Sunday 28 June 2026", "28 June 2026, 20:26 UTC", "20:26 UTC"."""
    if value is None:
        return "an unknown time"
    if not isinstance(value, dt.datetime):
        return f"{WEEKDAY_NAMES[value.weekday()]} {value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    zone = f" {value.tzname()}" if value.tzinfo is not None else ""
    if value.date() in (NO_DAY, NO_DAY - DAY, NO_DAY + DAY):
        return f"{value:%H:%M}{zone}"
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}, {value:%H:%M}{zone}"
