"""What one article says about its story, in a small picklable digest for cross-article checks.

A digest holds the article's key terms (for grouping copies of one story), a bottom-k sketch of
its word shingles (for near-verbatim copies), its story date, and the claims other copies may
contradict: when a named outlet reported something, figures a named source gave, quotations of
named people, and dated social posts it relies on.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections import Counter
from itertools import accumulate
from operator import itemgetter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.model import Article

KEY_TERMS = 40  # terms kept per article for grouping
SKETCH = 128  # shingle hashes kept per article (bottom-k) for near-duplicate estimates
SHINGLE = 5  # words per shingle
COMMON_ZIPF = 5.6  # words at least this frequent ("said", "year") carry no story signal

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_REPORT_VERB = re.compile(
    r"\b(?:report(?:s|ed|ing)?|ran|runs?|carried|carries|publish(?:es|ed)?|flagged|broke|posted|"
    r"tweeted|wrote|said|says|announced|confirmed)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|percent|per cent|percentage points?|(?:million|billion|trillion)\b|"
    r"(?:people|dead|deaths|killed|wounded|injured|casualties|troops|soldiers|civilians)\b)?",
    re.IGNORECASE,
)
_UTC_AFTER = re.compile(r"^\s*(?:UTC|GMT|Z)\b")
_POST_LINE = re.compile(r"^\s*(?:[—–-]\s*)?@\w+|^\s*[—–]\s*\S")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a claim is written: 1-based positions and the source line."""

    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a copy states that another copy may contradict.

    ``kind``: ``report-time`` (when ``source`` reported; ``value`` a date or aware datetime),
    ``figure`` (``value`` is (unit, number)), ``quote`` (``value`` the quoted words),
    ``post-date`` (``value`` the date of a social post the copy relies on).
    """

    kind: str
    source: str
    value: Any
    shown: str  # as written in the copy
    topic: frozenset[str]  # stems of the claim's sentence, to tell same-event claims apart
    place: Place
    utc: bool = False  # report-time dates written with an explicit UTC/GMT


@dataclass(frozen=True, slots=True)
class StoryDigest:
    path: str
    record_id: str | None
    title: str
    terms: tuple[tuple[str, float], ...]  # key terms (stems) with weights, heaviest first
    words: tuple[str, ...]  # the commonest written form of each key term, for labels
    names: frozenset[str]  # key terms written capitalised mid-sentence: names of people, places, firms
    sketch: tuple[int, ...]  # the smallest shingle hashes, sorted
    shingles: int
    day: dt.date | None  # the story's date: publication, else the reference date of its timeline
    claims: tuple[Claim, ...]
    anchor: Place

    @property
    def key(self) -> str:
        return f"{self.path}#{self.record_id}" if self.record_id else self.path

    @property
    def where(self) -> str:
        return f"{self.key}:{self.anchor.line}"


def stem(word: str) -> str:
    """A crude, stable stem: lowercase, no possessive, six letters of long words."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 6:
        return w[:6]
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


@cache
def generic_names() -> frozenset[str]:
    """Capitalised words that name no particular story (months, company suffixes ...)."""
    from newslint.data import load_words

    return load_words("consistency-generic-names")


def _zipf(word: str) -> float:
    from newslint.text.spelling import lexicon

    return lexicon().zipf(word.lower())


def topic_of(text: str) -> frozenset[str]:
    """Stems of a sentence's content words (common words dropped)."""
    from newslint.text.spelling import lexicon

    zipf = lexicon().zipf
    return frozenset(stem(w) for w in _WORD.findall(text) if len(w) > 2 and zipf(w.lower()) < COMMON_ZIPF)


def _place(article: Article, start: int, end: int) -> Place:
    line, col = article.position(start)
    end_line, end_col = article.position(end)
    src = article.source_map.source if article.source_map else article.text
    s = article.source_offset(start)
    a, b = src.rfind("\n", 0, s) + 1, src.find("\n", s)
    return Place(line, col, end_line, end_col, src[a : len(src) if b == -1 else b].rstrip("\r"))


def _key_terms(article: Article) -> tuple[tuple[tuple[str, float], ...], tuple[str, ...], frozenset[str]]:
    from newslint.text.spelling import lexicon

    zipf = lexicon().zipf
    generic = generic_names()
    # what each distinct word contributes: None (too short, shouted, common) or its weight, its
    # weight as a name mid-sentence, and its stem; computed once per word, added per occurrence
    seen: dict[str, tuple[float, float | None, str] | None] = {}
    weights: Counter[str] = Counter()
    forms: dict[str, dict[str, int]] = {}  # key -> written form -> occurrences, in order
    names: set[str] = set()
    for sentence in article.sentences:
        first = True
        for w in _WORD.findall(sentence.text):
            info = seen.get(w, False)
            if info is False:
                info = None
                if not (len(w) < 3 or (len(w) > 4 and w.isupper())):  # shouted words are page furniture
                    z = zipf(w.lower())
                    if z < COMMON_ZIPF:
                        weight = max(0.5, 6.5 - z)
                        # a name mid-sentence says more about the story than a common noun
                        named = weight * 1.5 if w[0].isupper() and not w.isupper() and w not in generic else None
                        info = (weight, named, stem(w))
                seen[w] = info
            if info is not None:
                weight, named, key = info
                if named is not None and not first:
                    weight = named
                    names.add(key)
                weights[key] = weights.get(key, 0) + weight
                counts = forms.get(key)
                if counts is None:
                    counts = forms[key] = {}
                counts[w] = counts.get(w, 0) + 1
            first = False
    top = weights.most_common(KEY_TERMS)
    kept = {t for t, _ in top}
    # the commonest written form of each term (the first written, on a tie: as Counter.most_common)
    words = tuple(max(forms[t].items(), key=itemgetter(1))[0] for t, _ in top)
    return tuple((t, round(v, 2)) for t, v in top), words, frozenset(names & kept)


def _sketch(article: Article) -> tuple[tuple[int, ...], int]:
    words: list[str] = []
    for b in article.paragraphs:
        # lowercasing first gives the same words when the text is ASCII
        words += _WORD.findall(b.text.lower()) if b.text.isascii() else [w.lower() for w in _WORD.findall(b.text)]
    if not words:
        return (), 0
    # each shingle is SHINGLE words joined by spaces: hash slices of one encoded string
    joined = " ".join(words)
    data = joined.encode()
    sizes = [len(w) for w in words] if joined.isascii() else [len(w.encode()) for w in words]
    starts = [0, *accumulate(n + 1 for n in sizes[:-1])]
    ends = [s + n for s, n in zip(starts, sizes)]
    if len(words) < SHINGLE:
        hashes = {zlib.crc32(data)}
    else:
        hashes = set(map(zlib.crc32, map(data.__getitem__, map(slice, starts, ends[SHINGLE - 1 :]))))
    return tuple(sorted(hashes)[:SKETCH]), len(hashes)


def _report_times(article: Article, timeline: Any) -> list[Claim]:
    from newslint.text.sources import source_registry
    from newslint.rule import Context
    from newslint.text.times import Kind

    registry = source_registry(Context())
    out: list[Claim] = []
    items = [r for r in timeline.items if r.expr.kind in (Kind.DATE, Kind.CLOCK) and r.value is not None]
    for sentence in article.sentences:
        in_sentence = [r for r in items if sentence.start <= r.expr.start < sentence.end]
        if not in_sentence:
            continue
        for s, _e, outlet in registry.names_in(sentence.text):
            verb = next((m for m in _REPORT_VERB.finditer(sentence.text, s)), None)
            if verb is None:
                continue
            after = [r for r in in_sentence if r.expr.start >= sentence.start + verb.start()]
            if not after:
                continue
            r = after[0]
            tail = article.text[r.expr.end : r.expr.end + 8]
            out.append(Claim(
                "report-time", outlet.name, r.value, r.expr.text, topic_of(sentence.text) - {stem(outlet.name)},
                _place(article, r.expr.start, r.expr.end),
                utc=bool(_UTC_AFTER.match(tail)) or (r.expr.zone or "").upper() in ("UTC", "GMT", "Z"),
            ))
            break
    return out


def _figures(article: Article) -> list[Claim]:
    attribution = article.attribution
    out: list[Claim] = []
    for i, sentence in enumerate(attribution.sentences):
        named = [c for c in attribution.cues[i] if c.named]
        if not named or named[0].speaker is None:
            continue
        source = named[0].speaker.text
        for m in _NUMBER.finditer(sentence.text):
            unit = (m.group("unit") or "").lower()
            if not unit and not m.group("cur"):
                continue
            unit = "percent" if unit in ("%", "per cent") else unit
            unit = (m.group("cur") or "") + unit
            value = float(m.group("num").replace(",", ""))
            start = sentence.start + m.start()
            out.append(Claim("figure", source, (unit, value), m.group(0).strip(), topic_of(sentence.text),
                             _place(article, start, sentence.start + m.end())))
    return out


def _quotes(article: Article) -> list[Claim]:
    out: list[Claim] = []
    for qs in article.attribution.speech:
        speaker = qs.speaker
        if speaker is None or not speaker.kind.named or not qs.speech:
            continue
        words = _WORD.findall(qs.quote.inner)
        if len(words) < 4:
            continue
        out.append(Claim("quote", speaker.text, " ".join(w.lower() for w in words), qs.quote.inner.strip(),
                         frozenset(), _place(article, qs.quote.start, qs.quote.end)))
    return out


def _post_dates(article: Article, timeline: Any) -> list[Claim]:
    from newslint.text.times import Kind

    out = []
    for r in timeline.items:
        if r.expr.kind is not Kind.DATE or r.value is None:
            continue
        block = article.blocks[r.block]
        if _POST_LINE.match(block.text) or "@" in block.text[: max(0, r.expr.start - block.start)][-40:]:
            value = r.value.date() if isinstance(r.value, dt.datetime) else r.value
            out.append(Claim("post-date", block.text.split()[0].lstrip("—–-") or "post", value, r.expr.text,
                             frozenset(), _place(article, r.expr.start, r.expr.end)))
    return out


def story_digest(article: Article) -> StoryDigest:
    """The digest of one article (computed once per article: ``article.story``)."""
    timeline = article.timeline
    sketch, count = _sketch(article)
    posts = _post_dates(article, timeline)
    claims = _report_times(article, timeline) + _figures(article) + _quotes(article) + posts
    day = article.published.date() if article.published else None
    ref = timeline.reference
    if day is None and ref is not None and not any(p.value == ref.date for p in posts):
        day = ref.date  # a date taken from a quoted social post is the post's, not the story's
    terms, words, names = _key_terms(article)
    s, e = article.anchor
    return StoryDigest(
        path=article.path,
        record_id=article.record_id,
        title=article.headline.text if article.headline else "",
        terms=terms,
        words=words,
        names=names,
        sketch=sketch,
        shingles=count,
        day=day,
        claims=tuple(claims),
        anchor=_place(article, s, e),
    )
