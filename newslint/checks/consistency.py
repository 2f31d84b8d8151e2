"""consistency/*: copies of one story, checked together, that contradict each other.

Every article contributes a digest (``newslint/text/story.py``). Once all are read, copies of
the same story are grouped: candidate pairs come from blocking on each article's rarest key
terms (never all pairs, so the cost stays near-linear), and a pair joins a group when its
weighted key-term overlap is high and its dates are close. Within a group the rules align
claims about the same thing (the same outlet's report time, the same source's figure, the same
person's quotation, the dates of the posts the copies rely on) and report disagreements, naming
both copies and lines.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, count
from operator import itemgetter
from typing import Any, NamedTuple

from newslint.model import Article, Finding, Severity
from newslint.results import derive, pick, read_each
from newslint.rule import Context, CorpusRule
from newslint.text.story import SKETCH, Claim, Place, StoryDigest

GROUP_MIN_OVERLAP = 0.25  # weighted share of key terms two copies of one story have in common
RELATED_MIN_OVERLAP = 0.15  # looser: coverage of the same events, whose dates a copy can be checked against
MIN_SHARED_NAMES = 3  # copies of one story name the same people, places or organisations
RELATED_MIN_NAMES = 2  # looser, for coverage of the same events
BLOCKING_TERMS = 12  # rarest key terms per article used to find candidate pairs
MAX_STORY_SPAN = dt.timedelta(days=3)  # copies further apart than this are different stories
IDF_MIN_ARTICLES = 50  # below this, document frequencies within the run say nothing reliable
MIN_OVERLAP_FLOOR = 0.5  # the lowest min-overlap near-duplicate takes; grouping keeps copy pairs from here


class StoryKey(NamedTuple):
    """What comparing two articles takes of each, its key terms numbered (``KeyTerms``): about a
    quarter of a digest's memory, and quicker to read back and compare. The claims, titles and
    places stay with the digests; a run over a long stream keeps both on disk."""

    terms: Sequence[int]
    weights: Sequence[float]
    names: frozenset[int]
    sketch: Sequence[int]
    day: dt.date | None
    posts: bool  # the copy relies on a dated social post (``consistency/post-date`` checks its neighbours)


@dataclass
class KeyTerms:
    """The run's key terms, numbered in order of first use (``spelling[n]`` is term n; numbers
    are drawn for each term of each key, so some are never given: unique, not consecutive)."""

    number: dict[str, int] = field(default_factory=dict)
    draw: Iterator[int] = field(default_factory=count)

    @property
    def spelling(self) -> dict[int, str]:
        return {n: term for term, n in self.number.items()}

    def key(self, d: StoryDigest) -> StoryKey:
        number = self.number
        terms = array("q", map(number.setdefault, d.terms, self.draw))
        posts = any(c.kind == "post-date" for c in d.claims)
        return StoryKey(terms, d.weights, frozenset(map(number.__getitem__, d.names)), d.sketch, d.day, posts)


@dataclass
class Stories:
    """The result of grouping: the digests and the groups (lists of digest indexes)."""

    digests: Sequence[StoryDigest]  # a list, or read from disk on archive-sized runs (``results.Rows``)
    groups: list[list[int]]
    # near-verbatim pairs (earlier, later, estimated overlap): per later copy, in the order of the
    # earlier ones, each pair sharing more than the pairs before it (enough to find, for any
    # threshold, the earliest copy it duplicates, without keeping all pairs of a large group)
    duplicates: list[tuple[int, int, float]]
    # the neighbours of each article relying on a social post: copies of its story or coverage of
    # the same events (a story republished n times would have n * (n - 1) links in all)
    related: dict[int, array[int]]
    days: dict[int, dt.date | None]  # the date of each neighbour in ``related``

    def members(self, positions: Iterable[int]) -> list[StoryDigest]:
        """The digests at ``positions`` (a group), a batch per query when they are on disk."""
        return list(read_each(self.digests, positions))


def weighted_terms(d: StoryKey, idf: Mapping[int, float]) -> tuple[dict[int, float], float]:
    """An article's key terms each weighted by its rarity in English and in this run (template
    words shared by many articles count for little), and their total weight."""
    weighted = {t: w * idf.get(t, 1.0) for t, w in zip(d.terms, d.weights)}
    return weighted, sum(weighted.values())


def weighted_overlap(a: tuple[dict[int, float], float], b: tuple[dict[int, float], float]) -> float:
    """Share of the lighter article's key-term weight that the other article also has, from two
    ``weighted_terms``. ``fsum`` rounds exactly, so the result does not depend on the order in
    which the shared terms come out of the set (string hashing differs between processes)."""
    (wa, total_a), (wb, total_b) = a, b
    both = wa.keys() & wb.keys()
    shared = math.fsum(map(min, map(wa.__getitem__, both), map(wb.__getitem__, both)))
    total = min(total_a, total_b)
    return shared / total if total else 0.0


def term_frequencies(digests: Iterable[StoryKey | StoryDigest]) -> Counter[Any]:
    """In how many articles each key term is."""
    return Counter(chain.from_iterable(d.terms for d in digests))


def run_idf(digests: Sequence[StoryKey], df: Mapping[int, int] | None = None) -> dict[int, float]:
    """Smoothed inverse document frequency of key terms over the run, log(1 + N / df); empty
    (every term counts fully) when the run is too small to estimate it. ``df``: the digests'
    ``term_frequencies``, when already counted."""
    n = len(digests)
    if n < IDF_MIN_ARTICLES:
        return {}
    df = term_frequencies(digests) if df is None else df
    return {t: math.log(1 + n / c) for t, c in df.items()}


def sketch_similarity(a: Sequence[int], b: Sequence[int], k: int = SKETCH) -> float:
    """Jaccard estimate from two bottom-k sketches."""
    if not a or not b:
        return 0.0
    # the k smallest distinct hashes of both (sketches are sorted: sorting the two merges them)
    union = list(dict.fromkeys(sorted([*a, *b])))[:k]
    return len(set(a).intersection(b).intersection(union)) / len(union)


def _close_in_time(a: StoryKey, b: StoryKey) -> bool:
    return a.day is None or b.day is None or abs(a.day - b.day) <= MAX_STORY_SPAN


def candidate_pairs(digests: Sequence[StoryKey | StoryDigest], df: Mapping[Any, int] | None = None,
                    spelling: Mapping[int, str] | None = None) -> Iterator[tuple[int, Any, list[int]]]:
    """Per later article j: j, its key and its earlier partners i in order, the articles before
    it sharing at least two of its rarest key terms (blocking; never all pairs). The later
    articles come a story at a time (in order of their rarest blocking term, then in order), so
    the partners of one are mostly those of the one before: on disk they are read back once per
    story, not once per pair. Made as they are used, never all held at once (a story republished
    100 times has 4,950 pairs); what is kept per article is a few numbers in the posting arrays.
    ``df``: the keys' ``term_frequencies``, when already counted; ``spelling``: the terms' words,
    when the keys hold them numbered (``KeyTerms``)."""
    n = len(digests)
    df = term_frequencies(digests) if df is None else df
    cap = max(20, int(4 * n**0.5))  # terms in more articles than this are too common to block on
    # rarest first, alphabetical on a tie (the second sort is stable)
    order = sorted((t for t, c in df.items() if 2 <= c <= cap), key=None if spelling is None else spelling.__getitem__)
    order.sort(key=df.__getitem__)
    rank = dict(zip(order, range(len(order))))

    def blocking(d: StoryKey | StoryDigest) -> list[Any]:
        return sorted(filter(rank.__contains__, d.terms), key=rank.__getitem__)[:BLOCKING_TERMS]

    postings: dict[Any, array[int]] = defaultdict(lambda: array("i"))
    lead = array("i", [0]) * n  # each article's rarest blocking term (1 + its rank; 0: none)
    for i, d in enumerate(digests):
        terms = blocking(d)
        if terms:
            lead[i] = 1 + rank[terms[0]]
        for t in terms:
            postings[t].append(i)
    # posting arrays are in article order: j's earlier partners on a term are the array up to j.
    # Counting them per j holds one article's counts at a time, never every pair of the run.
    for j in sorted(filter(lead.__getitem__, range(n)), key=lead.__getitem__):
        d = digests[j]
        shared: Counter[int] = Counter()
        for t in blocking(d):
            found = postings[t]
            shared.update(found[: bisect_left(found, j)])
        partners = sorted(i for i, count in shared.items() if count >= 2)
        if partners:
            yield j, d, partners


def group_stories(digests: Sequence[StoryDigest]) -> Stories:
    """Group copies of one story (union-find over similar candidate pairs)."""
    numbered = KeyTerms()
    keys = derive(digests, numbered.key)  # one read, in order; on disk beside the digests when they are
    df = term_frequencies(keys)
    grouping = _Grouping(run_idf(keys, df), array("l", range(len(keys))), bytearray(len(keys)))
    for j, b, partners in candidate_pairs(keys, df, numbered.spelling):
        grouping.compare(j, b, list(zip(partners, pick(keys, partners))))
    del keys
    grouping.duplicates.sort(key=itemgetter(1))  # by later copy (each one's pairs were noted together)
    members: dict[int, list[int]] = defaultdict(list)
    for i, joined in enumerate(grouping.joined):
        if joined:
            members[grouping.find(i)].append(i)
    grouped = [i for m in members.values() for i in m]
    names = dict(zip(grouped, (d.key for d in read_each(digests, grouped))))
    groups = sorted((sorted(m, key=names.__getitem__) for m in members.values()), key=lambda m: names[m[0]])
    related = {i: array("l", sorted(near)) for i, near in grouping.related.items()}
    return Stories(digests, groups, grouping.duplicates, related, grouping.days)


@dataclass
class _Grouping:
    """What grouping has found so far: union-find over article numbers, and ``Stories``' fields."""

    idf: Mapping[int, float]
    parent: array[int]
    joined: bytearray  # 1 for each article joined to another
    related: defaultdict[int, array[int]] = field(default_factory=lambda: defaultdict(lambda: array("l")))
    days: dict[int, dt.date | None] = field(default_factory=dict)
    duplicates: list[tuple[int, int, float]] = field(default_factory=list)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compare(self, j: int, b: StoryKey, partners: list[tuple[int, StoryKey]]) -> None:
        """Compare a later article ``j`` with its candidate earlier copies, in order: relate
        them, group them, and note near-verbatim pairs."""
        # the later article's weighted_terms are made once; the earlier one's again for each pair
        # (about 4 µs): holding every article's would grow with the run
        later: tuple[dict[int, float], float] | None = None
        best = 0.0  # the largest overlap of this later copy with an earlier one so far
        for i, a in partners:
            shared_names = len(a.names & b.names)
            if not _close_in_time(a, b) or shared_names < RELATED_MIN_NAMES:
                continue
            later = later or weighted_terms(b, self.idf)
            overlap = weighted_overlap(weighted_terms(a, self.idf), later)
            if overlap >= RELATED_MIN_OVERLAP:
                if a.posts:
                    self.related[i].append(j)
                    self.days[j] = b.day
                if b.posts:
                    self.related[j].append(i)
                    self.days[i] = a.day
            if overlap >= GROUP_MIN_OVERLAP and shared_names >= MIN_SHARED_NAMES:
                self.parent[self.find(i)] = self.find(j)
                self.joined[i] = self.joined[j] = 1
                if best < 1.0:
                    sim = sketch_similarity(a.sketch, b.sketch)
                    if sim >= MIN_OVERLAP_FLOOR and sim > best:  # near-duplicate's min-overlap is no lower
                        self.duplicates.append((i, j, sim))
                        best = sim


def _label(stories: Stories, group: list[int]) -> str:
    """The group's heaviest key terms shared by several copies, as written."""
    digests = stories.members(group)
    seen = term_frequencies(digests)
    weights: dict[str, float] = {}  # summed in group order, for the same floats every time
    shown: dict[str, str] = {}
    for d in digests:
        for term, w, word in zip(d.terms, d.weights, d.words):
            if seen[term] > 1:
                weights[term] = weights.get(term, 0) + w
                shown.setdefault(term, word)
    # the heaviest first, the first seen on a tie (as Counter.most_common)
    top = sorted(weights.items(), key=itemgetter(1), reverse=True)[:6]
    return ", ".join([shown[t] for t, _ in top])


def _positioned(rule: CorpusRule, at: Place, digest: StoryDigest, message: str, **data: Any) -> Finding:
    f = rule.finding(0, 0, message, **data)
    f.path, f.record_id = digest.path, digest.record_id
    f.line, f.column, f.end_line, f.end_column = at.line, at.column, at.end_line, at.end_column
    f.excerpt, f.excerpt_column = at.excerpt, at.excerpt_column
    return f


def _where(d: StoryDigest, place: Place) -> str:
    return f"{d.key}:{place.line}"


# -- examples: copies of one invented story ---------------------------------------------------
def _copy(date: str, lede: str, extra: str = "") -> str:
    return (
        f"---\ntitle: Rotterdam dockworkers strike over automation plan\ndate: {date}\n---\n\n"
        f"{lede}\n\n"
        "Dockworkers at the Port of Rotterdam walked off the job on Tuesday over an automation plan "
        "at the Maasvlakte container terminals, the FNV union said. Maersk and Hapag-Lloyd diverted "
        "three feeder vessels to Antwerp, the shipping lines said in statements.\n\n"
        "The Rotterdam port authority said the Maasvlakte terminals would stay closed until Thursday. "
        f"Dutch economy minister Sophie Hermans called for talks between the union and terminal operators.{extra}\n"
    )


_A = _copy("2026-03-03", "Reuters reported the walkout at 09:15 UTC on 3 March 2026, citing the FNV union.")
_A_TIME = _copy("2026-03-03", "Reuters reported the walkout at 14:40 UTC on 3 March 2026, citing the FNV union.")
_A_FIG = " The FNV union said 65 percent of its Maasvlakte members backed the strike."
_B_FIG = " The FNV union said 85 percent of its Maasvlakte members backed the strike."
_A_QUOTE = ' "We will not accept robots without guarantees for every worker," FNV negotiator Niek Stam said.'
_B_QUOTE = ' "We will never accept robots without job guarantees for all workers," FNV negotiator Niek Stam said.'
_POST = "\n\n— @portwatch_nl 2 January 2026\n"
_OTHER_STORY = (
    "---\ntitle: Alpine village votes to ban cars from its centre\ndate: 2026-03-03\n---\n\n"
    "Residents of Zermatt voted on Sunday to keep cars out of the village centre for good, the "
    "commune of Zermatt said. Electric taxis will continue to run from Täsch station, the council said.\n"
)


class StoryRule(CorpusRule):
    """Shared grouping for every consistency rule."""

    analysis = "consistency/stories"

    def digest(self, article: Article, ctx: Context) -> StoryDigest | None:
        return article.story if article.paragraphs else None

    def analyse(self, digests: Sequence[Any], ctx: Context) -> Stories:
        return group_stories(digests)

    def extras(self, analysis: Stories) -> Mapping[str, Any]:
        groups = [
            {"id": f"story-{n}", "label": _label(analysis, g), "articles": [d.key for d in analysis.members(g)]}
            for n, g in enumerate(analysis.groups, 1)
        ]
        return {"groups": groups} if groups else {}

    def claim_pairs(self, stories: Stories, kind: str) -> Iterator[tuple[StoryDigest, Claim, StoryDigest, Claim]]:
        """Claims of ``kind`` from different copies in one group, the earlier copy first (the rules
        report on the later). An earlier claim that repeats one before it (same source, words,
        value, topic and copy date) is paired no more: a later copy contradicting it is reported
        against the first copy saying it, not against each copy repeating it, and a story
        republished 100 times does not cost all 4,950 pairs of copies."""
        for group in stories.groups:
            earlier: list[tuple[StoryDigest, Claim]] = []
            seen: set[tuple[Any, ...]] = set()
            for db in stories.members(group):
                for cb in db.claims:
                    if cb.kind != kind:
                        continue
                    for da, ca in earlier:
                        if da.key != db.key:
                            yield da, ca, db, cb
                    same = (cb.source, cb.value, cb.shown, cb.topic, cb.utc, db.day)
                    if same not in seen:
                        seen.add(same)
                        earlier.append((db, cb))


def _source_key(name: str) -> str:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w[:1].isupper()]
    return (words[-1] if words else name).lower()


class NearDuplicate(StoryRule):
    id = "consistency/near-duplicate"
    severity = Severity.WARNING
    summary = "Two copies of a story are near-verbatim duplicates"
    docs = """Two articles in the run share most of their wording: one copy republished with light
    edits. Publishing both repeats the story under two headlines and splits corrections between
    them. Keep one copy, or rewrite the second from the original reporting. Measured on word
    5-shingles (bottom-k sketches), so reordered or lightly edited copies still match. Each copy
    is reported once, as a copy of the earliest article in the run it duplicates: a wire story
    republished 100 times gives 99 findings, not one per pair (4,950)."""
    defaults = {"min-overlap": 0.8}
    bad = ({"text": _A, "path": "a.md", "others": {"b.md": _A.replace("walked off the job", "stopped work")}},)
    good = ({"text": _A, "path": "a.md", "others": {"b.md": _OTHER_STORY}},)

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        value = self.options["min-overlap"]  # a number: Rule checks that
        if not MIN_OVERLAP_FLOOR <= value <= 1:
            raise ValueError(f"{self.id}: min-overlap must be a number from {MIN_OVERLAP_FLOOR} to 1, not {value!r}")

    def check_corpus(self, analysis: Stories, ctx: Context) -> Iterator[Finding]:
        reported: set[int] = set()  # each copy once, as a copy of the earliest it duplicates
        for i, j, sim in analysis.duplicates:
            if sim < self.options["min-overlap"] or j in reported:
                continue
            reported.add(j)
            a, b = analysis.digests[i], analysis.digests[j]
            yield _positioned(self, b.anchor, b,
                              f"near-verbatim copy of {a.where} (about {sim:.0%} of the wording is shared); "
                              "publish one copy, or rewrite this one from the original reporting",
                              other=a.where, overlap=round(sim, 2))


class ReportTimeConflict(StoryRule):
    id = "consistency/report-time"
    severity = Severity.WARNING
    summary = "Copies of a story disagree on when an outlet reported it"
    docs = """One copy says Reuters ran the story at 20:10 UTC on 28 June, another that it ran in the
    early hours of 29 June UTC: at least one is wrong, and the timeline readers rely on breaks.
    Compared only between copies of one story, for the same outlet, when the two sentences are
    about the same event; a date without a zone is allowed the day either side. Check the wire's
    own timestamp and correct the wrong copy.
    A copy contradicting several copies that agree with each other is reported once, against the
    earliest of them."""
    defaults = {"tolerance-minutes": 30}
    bad = ({"text": _A, "path": "a.md", "others": {"b.md": _A_TIME}},)
    good = ({"text": _A, "path": "a.md", "others": {"b.md": _A.replace("09:15 UTC", "09:30 UTC")}},)

    def check_corpus(self, analysis: Stories, ctx: Context) -> Iterator[Finding]:
        from newslint.text.times import describe

        tolerance = dt.timedelta(minutes=self.options["tolerance-minutes"])
        for da, ca, db, cb in self.claim_pairs(analysis, "report-time"):
            if ca.source != cb.source or len(ca.topic & cb.topic) < 2:
                continue
            if _times_agree(ca, cb, tolerance):
                continue
            yield _positioned(
                self, cb.place, db,
                f"copies disagree on when {cb.source} reported this: “{cb.shown}” here ({describe(cb.value)}), "
                f"“{ca.shown}” in {_where(da, ca.place)} ({describe(ca.value)}); check the timestamp of the "
                f"{cb.source} report and correct the wrong copy",
                other=_where(da, ca.place),
            )


def _times_agree(a: Claim, b: Claim, tolerance: dt.timedelta) -> bool:
    va, vb = a.value, b.value
    a_dt, b_dt = isinstance(va, dt.datetime), isinstance(vb, dt.datetime)
    if a_dt and b_dt:
        if (va.tzinfo is None) != (vb.tzinfo is None):
            return True  # one has no zone: cannot compare clock times
        return abs(va - vb) <= tolerance
    if a_dt or b_dt:
        moment, day_claim = (va, b) if a_dt else (vb, a)
        day = day_claim.value
        if moment.tzinfo is None:
            return abs(moment.date() - day) <= dt.timedelta(days=1)
        utc = moment.astimezone(dt.timezone.utc)
        if day_claim.utc:
            return utc.date() == day
        return (utc - dt.timedelta(hours=12)).date() <= day <= (utc + dt.timedelta(hours=14)).date()
    slack = dt.timedelta(days=0 if (a.utc and b.utc) else 1)
    return abs(va - vb) <= slack


class FigureConflict(StoryRule):
    id = "consistency/figure"
    severity = Severity.WARNING
    summary = "Copies of a story give different figures for the same source"
    docs = """One copy says a named source put a figure at 20 percent, another copy of the same story
    has the same source saying 25 percent. Compared for the same named source, the same unit,
    sentences about the same thing, and copies of the same day (a toll or a price legitimately
    changes from one day to the next). Check the source's own words and correct the wrong copy.
    A copy contradicting several copies that agree with each other is reported once, against the
    earliest of them."""
    bad = ({"text": _copy("2026-03-03", "Dockworkers struck.", _A_FIG), "path": "a.md",
            "others": {"b.md": _copy("2026-03-03", "The port is shut.", _B_FIG)}},)
    good = ({"text": _copy("2026-03-03", "Dockworkers struck.", _A_FIG), "path": "a.md",
             "others": {"b.md": _copy("2026-03-03", "The port is shut.", _A_FIG)}},)

    def check_corpus(self, analysis: Stories, ctx: Context) -> Iterator[Finding]:
        for da, ca, db, cb in self.claim_pairs(analysis, "figure"):
            (unit_a, num_a), (unit_b, num_b) = ca.value, cb.value
            if unit_a != unit_b or _source_key(ca.source) != _source_key(cb.source) or len(ca.topic & cb.topic) < 3:
                continue
            if da.day and db.day and da.day != db.day:
                continue  # figures move from one day to the next (tolls rise, markets close): compare same-day copies
            if abs(num_a - num_b) <= 0.005 * max(abs(num_a), abs(num_b)):
                continue
            yield _positioned(
                self, cb.place, db,
                f"{cb.source} gives “{cb.shown}” here but “{ca.shown}” in {_where(da, ca.place)}; "
                "check the source and correct the wrong copy",
                other=_where(da, ca.place),
            )


class QuoteWording(StoryRule):
    id = "consistency/quote-wording"
    severity = Severity.WARNING
    summary = "Copies of a story quote the same person in different words"
    docs = """A direct quotation must be what the person said, word for word. When two copies of one
    story quote the same named speaker saying nearly the same thing in different words, at least
    one misquotes them. A shorter excerpt of the same quotation is not flagged. Check the
    recording or the original report and use its exact words.
    A copy contradicting several copies that agree with each other is reported once, against the
    earliest of them."""
    defaults = {"min-similarity": 0.5}
    bad = ({"text": _copy("2026-03-03", "Dockworkers struck.", _A_QUOTE), "path": "a.md",
            "others": {"b.md": _copy("2026-03-03", "The port is shut.", _B_QUOTE)}},)
    good = ({"text": _copy("2026-03-03", "Dockworkers struck.", _A_QUOTE), "path": "a.md",
             "others": {"b.md": _copy("2026-03-03", "The port is shut.", _A_QUOTE)}},)

    def check_corpus(self, analysis: Stories, ctx: Context) -> Iterator[Finding]:
        for da, ca, db, cb in self.claim_pairs(analysis, "quote"):
            wa, wb = ca.value, cb.value
            if wa == wb or wa in wb or wb in wa or _source_key(ca.source) != _source_key(cb.source):
                continue  # the same words (copies mostly agree: the cheap test first), or two speakers
            sa, sb = set(wa.split()), set(wb.split())
            if len(sa & sb) / len(sa | sb) < self.options["min-similarity"]:
                continue
            yield _positioned(
                self, cb.place, db,
                f"{cb.source} is quoted as “{cb.shown}” here but “{ca.shown}” in {_where(da, ca.place)}; "
                "use the exact words from the original",
                other=_where(da, ca.place),
            )


class PostDateOutlier(StoryRule):
    id = "consistency/post-date"
    severity = Severity.WARNING
    summary = "A source post is dated far from the story's other copies"
    docs = """A copy relies on a social post dated weeks away from the date the other coverage of the
    same events gives: the "breaking" post is usually an old one recycled, or the wrong post.
    Compared with the median date of at least two related articles in the run (copies of the
    story, or articles sharing its names and much of its vocabulary) that agree among themselves.
    Find the post that really broke the news, or drop the claim."""
    defaults = {"max-days": 14}
    bad = ({"text": _copy("", "BREAKING: the port is shut, a port watcher posted.") + _POST, "path": "a.md",
            "others": {"b.md": _A, "c.md": _A_TIME}},)
    good = ({"text": _copy("", "BREAKING: the port is shut, a port watcher posted.") + _POST.replace(
        "2 January", "3 March"), "path": "a.md", "others": {"b.md": _A, "c.md": _A_TIME}},)

    def check_corpus(self, analysis: Stories, ctx: Context) -> Iterator[Finding]:
        limit = dt.timedelta(days=self.options["max-days"])
        candidates = sorted(i for i, near in analysis.related.items() if sum(bool(analysis.days[j]) for j in near) >= 2)
        for i, d in zip(candidates, read_each(analysis.digests, candidates)):  # (others have nothing to compare with)
            yield from self._check(analysis, i, d, limit)

    def _check(self, analysis: Stories, i: int, d: StoryDigest, limit: dt.timedelta) -> Iterator[Finding]:
        posts = [c for c in d.claims if c.kind == "post-date"]
        if not posts:
            return
        others = [(j, day) for j in analysis.related[i] if (day := analysis.days[j])]
        days = sorted(day for _, day in others)
        if days[-1] - days[0] > limit:
            return  # the other copies do not agree on a window themselves
        window = days[len(days) // 2]
        for claim in posts:
            if abs(claim.value - window) <= limit:
                continue
            near = analysis.digests[min(others, key=lambda o: abs(o[1] - window))[0]]
            gap = abs((claim.value - window).days)
            yield _positioned(
                self, claim.place, d,
                f"source post dated {claim.value:%-d %B %Y} (“{claim.shown}”), {gap} days from "
                f"{window:%-d %B %Y}, the date other coverage of these events gives (e.g. {near.where}); "
                "find the post that actually broke the news, or drop the claim",
                window=window.isoformat(),
            )


RULES = (NearDuplicate, ReportTimeConflict, FigureConflict, QuoteWording, PostDateOutlier)
