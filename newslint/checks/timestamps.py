"""timestamps/*: times and dates in one article that cannot all be true.

Every rule reads ``article.timeline`` (built by ``newslint.text.times``): each date, clock time,
weekday, offset and relative day resolved against the article's reference point (front matter
date, else dateline, else the latest explicit date in the copy). Messages quote both conflicting
expressions, say what each resolves to, and point at the later one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from newslint.model import Article, Finding, Severity
from newslint.rule import Context, Rule
from newslint.text import rx
from newslint.text.times import (
    DAY,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    Anchor,
    Kind,
    Resolved,
    Timeline,
    base_label,
    describe,
    elapsed,
    looks_future,
    region_zone,
    zone_labels,
)

# Past-tense verbs: common irregular ones, and regular -ed forms other than the ones that look ahead.
_PAST_VERB = (
    r"(?:was|were|had|did|said|told|met|took|made|came|went|gave|began|held|left|fell|rose|sold|bought|won|lost"
    r"|saw|became|got|struck|brought|sent|spoke|wrote|paid|ran|shot|fled|led|flew|broke|chose|drove|froze|stole"
    r"|(?!(?:schedul|plann|expect|propos|postpon|delay|slat|defer|reschedul|extend|intend|aim|hop|want|need)ed)[a-z]{3,}ed)"
)
# "On 3 July 2026, ministers met ...": the date opens its sentence and a past verb follows.
_OPENS = rx.compile(r"^\W*(?:On\s+|on\s+)?$")
_PAST_AFTER = rf"^\s*,\s*(?:[\w’'\-]+\s+){{0,10}}?{_PAST_VERB}\b"
# "... met in Geneva on 3 July": a past verb at most four words before "on"/"at" and the date.
_PAST_BEFORE = rf"\b{_PAST_VERB}((?:\s+[\w’':.\-]+){{0,4}}?)\s+(?:on|at)\s+$"
# Words between the verb and the date that hand the date to another verb or a deadline.
_NOT_GOVERNING = rx.compile(r"\b(?:to|for|until|by|from|through|before|starting|ending|and|or|but|which|that|who|while|when)\b")
# (the lookahead, every alternative's first letter, skips most positions quickly)
_BREAKING = rx.compile(r"(?=[BJDUF])(?:\b(?:BREAKING|JUST IN|DEVELOPING|URGENT|FLASH)\b|\bBreaking(?: news)?:)")
_POST_SIGNATURE = rx.compile(r"^\W*(?:[^\n()]{0,60}\()?@\w+\)?\W*$")
_STAMP = rx.compile(r"^\W*(?P<what>first published|published|posted|last updated|updated)\b\W{0,3}(?:on\s+)?$", re.I)
_CONVERSION_GAP = rx.compile(r"^\s*(?:\(|/|or)?\s*$")  # "3 p.m. EST (2000 GMT)", "1530 EST/2030 GMT"


def _q(r: Resolved) -> str:
    return f"“{r.expr.text}”"


def _span(delta: dt.timedelta) -> str:
    """ "36 minutes", "2 hours 10 minutes", "3 days"."""
    seconds = int(abs(delta).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(words[:2]) or "no time"


def _where(article: Article, r: Resolved) -> str:
    return f"line {article.line_of(r.expr.start)}"


def _reference_note(article: Article, tl: Timeline) -> str:
    ref = tl.reference
    assert ref is not None
    when = describe(ref.date if ref.date_only else ref.when)
    return f"{when} ({ref.source}, line {article.line_of(ref.start)})"


class WeekdayMismatch(Rule):
    id = "timestamps/weekday-mismatch"
    severity = Severity.ERROR
    summary = "A weekday does not match the date it is written with"
    docs = """Catches “Friday 3 March 2026” when 3 March 2026 is a Tuesday. One of the two is wrong and
    readers cannot tell which; wire desks correct such slips as errors. When the year is not written
    it is taken from the article's date (the year nearest it in which the weekday fits); if no nearby
    year fits, the finding is a warning. Fix: check the calendar and correct the weekday or the date."""
    bad = (
        "Ministers met on Friday 3 March 2026 to approve the budget.\n",
        "---\ndate: 2026-03-05\n---\n\nThe council voted on Friday, March 3, its clerk said.\n",
    )
    good = (
        "Ministers met on Tuesday 3 March 2026 to approve the budget.\n",
        "---\ndate: 2019-11-19\n---\n\nShe was taken on Saturday, May 18, police said.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for r in article.timeline.of(Kind.DATE):
            e = r.expr
            if e.weekday is None or not isinstance(r.value, dt.date) or r.value.weekday() == e.weekday:
                continue
            day = r.value
            actual = WEEKDAY_NAMES[day.weekday()]
            when = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
            note = " (year taken from the article's date)" if r.year_inferred else ""
            yield self.finding(
                e.start, e.end,
                f"{_q(r)}: {when} is a {actual}, not a {WEEKDAY_NAMES[e.weekday]}{note}; "
                f"correct the weekday or the date",
                severity=Severity.WARNING if r.year_inferred else None, resolved=day.isoformat(),
            )  # fmt: skip


class OffsetMismatch(Rule):
    id = "timestamps/offset-mismatch"
    severity = Severity.WARNING
    summary = "A stated interval (“twenty minutes earlier”) contradicts the times it links"
    docs = """Catches an interval that does not fit the absolute times the article gives for the same
    two events: “At 20:46 UTC ... a Reuters correspondent had already flagged twenty minutes
    earlier” when the article puts that Reuters report at 20:10 UTC (36 minutes earlier); “two hours
    later, at 14:10” after a 13:40 event; “the next day, 30 June” after 28 June. The offset is
    counted from the time just told (never from the publication time, the mistake date parsers
    make); the event's own time is the one written beside the offset, or the one time the article
    gives elsewhere for the same actor. Rounding is allowed (a quarter of the interval, at least
    five minutes; half of it for “about”). Fix: recompute the interval or correct the time."""
    bad = (
        "At 20:46 UTC an official confirmed what Reuters had flagged twenty minutes earlier.\n\n"
        "A Reuters report at 20:10 UTC said the talks were cancelled.\n",
        "The first blast came at 13:40. Two hours later, at 14:10, a second one hit the port.\n",
        "Talks opened on 28 June 2026. The next day, 30 June, both sides walked out.\n",
    )
    good = (
        "At 20:46 UTC an official confirmed what Reuters had flagged twenty minutes earlier.\n\n"
        "A Reuters report at 20:24 UTC said the talks were cancelled.\n",
        "The first blast came at 13:40. About half an hour later, at 14:10, a second one hit.\n",
        "The first blast came at 13:40. Two hours later a second one hit. Police arrived at 14:10.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for r in article.timeline.of(Kind.OFFSET, Kind.RELATIVE_DAY):
            e = r.expr
            if r.anchor is None or r.target is None or e.amount is None or e.anchor is Anchor.REFERENCE:
                continue
            actual = _actual(r)
            if actual is None or _fits(actual, r):
                continue
            later = r.target if r.target.expr.start > e.start else r
            forward = (actual >= dt.timedelta(0)) == (e.direction >= 0)
            implied = f"puts the event at {describe(r.value)}" if r.value is not None else "does not fit it"
            yield self.finding(
                later.expr.start, later.expr.end,
                f"{_q(r)} ({_where(article, r)}), counted from {_q(r.anchor)} ({_where(article, r.anchor)}), "
                f"{implied}; but {_q(r.target)} ({_where(article, r.target)}) gives {describe(r.target.value)}, "
                f"{_span(actual)} {'after' if forward else 'before'} {_q(r.anchor)}; correct the interval or one of the times",
                stated=e.text, actual_minutes=int(abs(actual).total_seconds() // 60),
            )  # fmt: skip


def _actual(r: Resolved) -> dt.timedelta | None:
    """The interval the absolute times give, signed in the offset's direction."""
    assert r.anchor is not None and r.target is not None
    gap = elapsed(r.anchor, r.target)
    if gap is None:
        return None
    signed = gap if r.expr.direction >= 0 else -gap
    if r.expr.kind is Kind.CLOCK or isinstance(r.target.value, dt.datetime):
        weak = {r.anchor.date_source, r.target.date_source} & {"narrative", "reference", "none"}
        if weak:  # both days were guessed: read the clocks within one day of each other
            signed = (signed + dt.timedelta(hours=12)) % DAY - dt.timedelta(hours=12)
        twelve = r.anchor.expr.twelve_hour or r.target.expr.twelve_hour
        if twelve:  # "at 3:15" may be a.m. or p.m.: take the reading that fits best
            options = (signed, signed + dt.timedelta(hours=12), signed - dt.timedelta(hours=12))
            signed = min(options, key=lambda d: _miss(d, r))
    return signed


def _tolerance(value: dt.timedelta, r: Resolved) -> dt.timedelta:
    assert r.expr.amount is not None
    amount = r.expr.amount
    share = 0.5 if amount.approximate else 0.25
    floor = {dt.timedelta(seconds=1): dt.timedelta(minutes=1), dt.timedelta(minutes=1): dt.timedelta(minutes=5),
             dt.timedelta(hours=1): dt.timedelta(minutes=15)}.get(amount.unit, DAY if amount.approximate else dt.timedelta(0))  # fmt: skip
    if amount.unit >= DAY:
        return floor
    return max(floor, value * share)


def _miss(actual: dt.timedelta, r: Resolved) -> dt.timedelta:
    """How far ``actual`` falls outside the stated interval (zero when it fits)."""
    assert r.expr.amount is not None
    amount = r.expr.amount
    low = amount.low - _tolerance(amount.low, r)
    if actual < low:
        return low - actual
    if amount.high is not None and actual > amount.high + _tolerance(amount.high, r):
        return actual - amount.high - _tolerance(amount.high, r)
    return dt.timedelta(0)


def _fits(actual: dt.timedelta, r: Resolved) -> bool:
    return _miss(actual, r) == dt.timedelta(0) and actual >= dt.timedelta(0)


class AfterPublication(Rule):
    id = "timestamps/after-publication"
    severity = Severity.WARNING
    summary = "An event told in the past tense is dated after the article was published"
    docs = """Catches “On 3 July 2026, ministers met ...” in a story dated 28 June 2026: copy cannot
    report as done what had not happened when it was published. Usually a mistyped day or month, a
    stale publication date, or copy recycled from a later version. Sentences that look ahead (“will
    meet on 3 July”, “is due”, “scheduled”) are left alone, and a day's slack is given for time
    zones (a Tokyo dateline runs a day ahead of UTC). Fix: correct the date, or the publication date
    if the story was updated."""
    bad = ("---\ndate: 2026-06-28\n---\n\nOn 3 July 2026, the ministers met in Geneva and signed the accord.\n",)
    good = (
        "---\ndate: 2026-06-28\n---\n\nThe ministers will meet in Geneva on 3 July 2026 to sign the accord.\n",
        "---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The Bank of Japan said on June 29 it held rates.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        tl = article.timeline
        ref = tl.reference
        if ref is None or ref.source == "copy":
            return
        last_day = max(ref.local_dates())
        for r in tl.of(Kind.DATE, Kind.CLOCK):
            e = r.expr
            if e.attributive or r.value is None:
                continue
            if e.kind is Kind.DATE:
                late = r.value > last_day and (not r.year_inferred or r.value - last_day <= dt.timedelta(days=45))
            else:
                late = (isinstance(r.value, dt.datetime) and r.value.tzinfo is not None and not ref.date_only
                        and r.date_source in ("own", "sentence")
                        and r.value - ref.when > dt.timedelta(minutes=15))  # fmt: skip
            if not late:
                continue
            if not _told_as_past(article, r):
                continue
            yield self.finding(
                e.start, e.end,
                f"{_q(r)} ({describe(r.value)}) is told as past, but the article is dated "
                f"{_reference_note(article, tl)}; correct the date, or the publication date if the story was updated",
                resolved=str(r.value),
            )  # fmt: skip


@cache
def _past_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(``_PAST_AFTER``, ``_PAST_BEFORE``), compiled on first use: few dates are ever tested."""
    return rx.compile(_PAST_AFTER), rx.compile(_PAST_BEFORE)


def _told_as_past(article: Article, r: Resolved) -> bool:
    """Whether a past-tense verb governs the date: "On 3 July, X met ..." or "X met ... on 3 July",
    in a sentence that does not look ahead."""
    start, end = r.sentence
    sentence = article.text[start:end]
    if looks_future(sentence) or re.search(r"\b(?:if|unless)\b", sentence, re.IGNORECASE):
        return False
    before, after = article.text[start : r.expr.start], article.text[r.expr.end : end]
    past_after, past_before = _past_res()
    if _OPENS.match(before) and past_after.match(after):
        return True
    m = past_before.search(before)
    return bool(m) and not _NOT_GOVERNING.search(m.group(1))


class OutsideWindow(Rule):
    id = "timestamps/outside-window"
    severity = Severity.WARNING
    summary = "A post presented as breaking news is dated far from the rest of the story"
    docs = """Catches a “BREAKING” post or flash dated weeks away from everything else in the story, as
    when a May post is embedded as the news in a story dated 28 June: an old post recycled as
    current news, or the wrong post. The story's date is the front matter date (else the dateline,
    else the latest other date in the copy); only dates inside a block marked BREAKING, JUST IN,
    DEVELOPING, URGENT or FLASH, or the signature line of such a post, are checked. Fix: check that
    the post is the one the story is about, or say plainly when it was posted."""
    defaults = {"max-days": 21}
    bad = (
        "---\ndate: 2026-06-28\n---\n\nIran said it would stop the talks.\n\n"
        "BREAKING: Iran to stop talks with US.\n\n- @someaccount May 1, 2026\n",
    )
    good = (
        "---\ndate: 2026-06-28\n---\n\nIran said it would stop the talks.\n\n"
        "BREAKING: Iran to stop talks with US.\n\n- @someaccount June 28, 2026\n",
        "---\ndate: 2026-06-28\n---\n\nThe deal, first agreed on May 1, 2026, is now in doubt.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        tl = article.timeline
        limit = dt.timedelta(days=int(self.options["max-days"]))
        blocks = article.blocks
        for r in tl.of(Kind.DATE):
            if r.value is None or r.expr.attributive:
                continue
            text = blocks[r.block].text
            marked = _BREAKING.search(text) or (
                r.block > 0 and _BREAKING.search(blocks[r.block - 1].text) and _POST_SIGNATURE.match(text.replace(r.expr.text, ""))
            )  # fmt: skip
            if not marked:
                continue
            center, note = self._center(article, tl, r)
            if center is None or abs(r.value - center) <= limit:
                continue
            way = "before" if r.value < center else "after"
            yield self.finding(
                r.expr.start, r.expr.end,
                f"{_q(r)} dates this breaking post to {describe(r.value)}, {_span(r.value - center)} {way} "
                f"the story's date {note}; check that it is the post the story is about, or say when it was posted",
                resolved=r.value.isoformat(),
            )  # fmt: skip

    @staticmethod
    def _center(article: Article, tl: Timeline, r: Resolved) -> tuple[dt.date | None, str]:
        ref = tl.reference
        if ref is not None and ref.source != "copy":
            return ref.date, _reference_note(article, tl)
        others = [o for o in tl.of(Kind.DATE) if o.block != r.block and isinstance(o.value, dt.date) and not o.expr.attributive]
        if not others:
            return None, ""
        latest = max(others, key=lambda o: o.value)
        return latest.value, f"{describe(latest.value)} ({_q(latest)}, {_where(article, latest)})"  # type: ignore[return-value]


class DateMismatch(Rule):
    id = "timestamps/date-mismatch"
    severity = Severity.WARNING
    summary = "A dateline or publication line in the copy disagrees with the front matter date"
    docs = """Catches a dateline (“LONDON, June 27 (Reuters) -”, or the front matter `dateline`), a
    “Published ...” / “Updated ...” line, or “today (June 27)” whose date is not the article's front
    matter date. One of them is stale, and feeds, archives and readers will disagree about when the
    story ran. A day's difference is allowed when the zones differ (a Tokyo dateline a day ahead of a
    UTC timestamp is right). Fix: correct the dateline or the front matter date."""
    bad = (
        "---\ndate: 2026-06-28\n---\n\nLONDON, June 24 (Reuters) - The bank held rates, it said.\n",
        "---\ndate: 2026-06-28\n---\n\nThe bank held rates.\n\nPublished 2 June 2026\n",
    )
    good = (
        "---\ndate: 2026-06-28T20:00:00Z\n---\n\nTOKYO, June 29 (Reuters) - The Bank of Japan held rates, it said.\n",
        "---\ndate: 2026-06-28\n---\n\nThe bank, which last moved on June 2, held rates.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        tl = article.timeline
        ref = tl.reference
        if ref is None or ref.source != "front matter":
            return
        local = ref.local_dates()
        line = tl.dateline
        if line is not None and isinstance(line.value, dt.date) and line.value not in local:
            yield self._mismatch(article, tl, line, "dateline")
        for r in tl.of(Kind.DATE, Kind.CLOCK):
            if r.value is None or (line is not None and r.expr.start == line.expr.start):
                continue
            head = article.text[article.blocks[r.block].start : r.expr.start]
            stamp = _STAMP.search(head)
            if not stamp:
                continue
            day = r.value.date() if isinstance(r.value, dt.datetime) else r.value
            updated = stamp.group("what").lower().endswith("updated")
            if (day < min(local)) if updated else (day not in local):
                yield self._mismatch(article, tl, r, stamp.group("what").lower() + " line")
        for r in tl.of(Kind.RELATIVE_DAY):
            if r.expr.anchor is Anchor.REFERENCE and r.target is not None and isinstance(r.target.value, dt.date):
                shift = DAY * r.expr.direction * (r.expr.amount.low.days if r.expr.amount else 0)
                if r.target.value - shift not in local:
                    yield self._mismatch(article, tl, r.target, f"date given for {_q(r)}")

    def _mismatch(self, article: Article, tl: Timeline, r: Resolved, what: str) -> Finding:
        return self.finding(
            r.expr.start, r.expr.end,
            f"The {what} {_q(r)} ({describe(r.value)}) disagrees with the article's date {_reference_note(article, tl)}; "
            f"correct one of them",
            resolved=str(r.value),
        )  # fmt: skip


class ImpossibleValue(Rule):
    id = "timestamps/impossible-value"
    severity = Severity.ERROR
    summary = "A date or time that cannot exist (“13 p.m.”, “30 February”, “25:10”)"
    docs = """Catches clock times and dates no calendar has: an hour past 12 with a.m./p.m., an hour past
    24 or a minute past 59, the 30th of February, the 31st of a 30-day month, 29 February in a year
    that is not a leap year. Such a slip hides the real time, which readers cannot recover. Fix:
    restore the intended value from the source."""
    bad = (
        "The vote closed at 13 p.m. on Monday, officials said.\n",
        "The contract was signed on 30 February 2026, the ministry said.\n",
        "Polls closed at 25:10 GMT.\n",
    )
    good = (
        "The vote closed at 1 p.m. on Monday, officials said.\n",
        "The score was 25-10 at half-time, and John 3:16 was on a banner.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for r in article.timeline.items:
            if r.expr.problem:
                yield self.finding(r.expr.start, r.expr.end, f"{_q(r)}: {r.expr.problem}; restore the intended value")


class ZoneSeason(Rule):
    id = "timestamps/zone-season"
    severity = Severity.WARNING
    summary = "A zone label names standard time in summer or daylight time in winter (EST in July)"
    docs = """Catches “3 p.m. EST” on a July date, “BST” in January, “CEST” in December: the label is wrong
    for the date, so the time is an hour off for anyone converting it. Daylight time follows the
    region's rules for that year (US: second Sunday of March to first Sunday of November since 2007;
    EU: last Sunday of March to last Sunday of October), with a day's slack around the change. AP
    style prefers the generic ET/PT with clock times. Letters shared by other zones (CST is also
    China Standard Time) are not checked when the article names that other place. Fix: use the
    right label (EDT in summer) or the generic one (ET)."""
    bad = ("---\ndate: 2026-07-04\n---\n\nThe president will speak at 3 p.m. EST on 4 July 2026.\n",)
    good = (
        "---\ndate: 2026-07-04\n---\n\nThe president will speak at 3 p.m. EDT on 4 July 2026.\n",
        "---\ndate: 2026-07-04\n---\n\nThe Beijing briefing starts at 3 p.m. CST on 4 July 2026.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for r in article.timeline.of(Kind.CLOCK):
            label = base_label(r.expr.zone)
            if label is None or label.dst is None or label.region is None or r.expr.utc_offset is not None:
                continue
            if not isinstance(r.value, dt.datetime) or r.value.tzinfo is None or r.date_source == "none":
                continue  # ambiguous letters in this article, or no date
            zone = region_zone(label.region)
            if zone is None:
                continue
            day = r.value.date()
            slack = 1 if r.date_source in ("own", "sentence") else 7
            states = {_in_dst(zone, day + DAY * k) for k in range(-slack, slack + 1)}
            if states != {not label.dst}:
                continue
            partner = next((z for z in zone_labels().values() if z.group == label.group and z.dst is (not label.dst)), None)
            season = "daylight (summer) time" if not label.dst else "standard (winter) time"
            fix = f"write {partner.label}" if partner else "use the right label"
            generic = next((z.label for z in zone_labels().values() if z.group == label.group and z.dst is None), None)
            yield self.finding(
                r.expr.start, r.expr.end,
                f"{_q(r)}: {label.name} is not in use on {describe(day)}, when {label.region} keeps {season}; "
                f"{fix}{f' (or the generic {generic})' if generic else ''}",
            )  # fmt: skip


def _in_dst(zone: dt.tzinfo, day: dt.date) -> bool:
    return bool(dt.datetime.combine(day, dt.time(12), tzinfo=zone).dst())


def _converted(tl: Timeline, article: Article) -> list[tuple[Resolved, Resolved]]:
    """Pairs of clock times written as one another's conversion: “3 p.m. EST (2000 GMT)”."""
    clocks = tl.of(Kind.CLOCK)
    pairs = []
    for a, b in zip(clocks, clocks[1:]):
        gap = article.text[a.expr.end : b.expr.start]
        if len(gap) <= 4 and _CONVERSION_GAP.match(gap) and a.expr.zone != b.expr.zone:
            pairs.append((a, b))
    return pairs


class ConversionMismatch(Rule):
    id = "timestamps/conversion-mismatch"
    severity = Severity.WARNING
    summary = "A time and its conversion to another zone are not the same moment"
    docs = """Catches “3 p.m. EST (2100 GMT)”: 3 p.m. Eastern Standard Time is 2000 GMT. Readers in the
    second zone will be an hour out. Only pairs written side by side (in brackets or with a slash)
    with zones of known offset are compared. Fix: recompute the conversion."""
    bad = ("The president speaks at 3 p.m. EST (2100 GMT) on 10 January 2026.\n",)
    good = (
        "The president speaks at 3 p.m. EST (2000 GMT) on 10 January 2026.\n",
        "The meeting starts at 10 a.m. local time (1600 GMT) on Friday.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        tl = article.timeline
        for a, b in _converted(tl, article):
            if a.expr.zone is None or b.expr.zone is None:
                continue
            gap = elapsed(a, b)
            if gap is None or not isinstance(a.value, dt.datetime) or a.value.tzinfo is None or b.value.tzinfo is None:  # type: ignore[union-attr]
                continue
            if gap % DAY:
                yield self.finding(
                    b.expr.start, b.expr.end,
                    f"{_q(b)} ({describe(b.value)}) is given as the conversion of {_q(a)} ({describe(a.value)}, "
                    f"{_where(article, a)}), but they are {_span(gap)} apart; recompute the conversion",
                )  # fmt: skip


class UnconvertedZones(Rule):
    id = "timestamps/unconverted-zones"
    severity = Severity.INFO
    summary = "Clock times in several zones with no conversion between them"
    docs = """Notes copy that gives times in more than one zone (“20:46 UTC” here, “3:15 p.m. EST” there)
    without converting any of them, so readers must do the arithmetic to order the events. Fix: give
    the times in one zone, or add the conversion in brackets (“3:15 p.m. EST (20:15 UTC)”)."""
    bad = ("Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 5:15 p.m. EDT.\n",)
    good = (
        "Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 5:15 p.m. EDT (21:15 UTC).\n",
        "Iran spoke at 20:46 UTC on 28 June 2026.\n\nWashington replied at 21:15 GMT.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        tl = article.timeline
        labelled = [r for r in tl.of(Kind.CLOCK) if base_label(r.expr.zone) is not None]
        if len({base_label(r.expr.zone).group for r in labelled}) < 2:  # type: ignore[union-attr]
            return
        paired = {id(x) for pair in _converted(tl, article) for x in pair}
        first = labelled[0]
        group = base_label(first.expr.zone).group  # type: ignore[union-attr]
        for r in labelled:
            if base_label(r.expr.zone).group != group and id(r) not in paired:  # type: ignore[union-attr]
                yield self.finding(
                    r.expr.start, r.expr.end,
                    f"{_q(r)} and {_q(first)} ({_where(article, first)}) are in different zones with no "
                    f"conversion; give one zone, or add the other in brackets",
                )  # fmt: skip
                return


RULES = (
    WeekdayMismatch,
    OffsetMismatch,
    AfterPublication,
    OutsideWindow,
    DateMismatch,
    ImpossibleValue,
    ZoneSeason,
    ConversionMismatch,
    UnconvertedZones,
)
