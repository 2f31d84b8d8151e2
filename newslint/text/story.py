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
from array import array
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from functools import cache
from sys import intern
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.text import rx
from newslint.text.ascii import run_table, runs
from newslint.text.memo import bound
from newslint.text.spelling import lexicon

if TYPE_CHECKING:
    from newslint.model import Article

KEY_TERMS = 40  # terms kept per article for grouping
SKETCH = 128  # shingle hashes kept per article (bottom-k) for near-duplicate estimates
SHINGLE = 5  # words per shingle
COMMON_ZIPF = 5.6  # words at least this frequent ("said", "year") carry no story signal
WORD_MEMO = 1 << 16  # distinct words whose stems and weights are remembered per process

_WORD = rx.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_LETTERS = run_table(lambda b: chr(b).isalpha())  # A-Z, a-z
_REPORT_VERB = rx.compile(
    r"\b(?:report(?:s|ed|ing)?|ran|runs?|carried|carries|publish(?:es|ed)?|flagged|broke|posted|"
    r"tweeted|wrote|said|says|announced|confirmed)\b",
    re.IGNORECASE,
)
_NUMBER = rx.compile(
    r"(?<![\w.])(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>%|percent|per cent|percentage points?|(?:million|billion|trillion)\b|"
    r"(?:people|dead|deaths|killed|wounded|injured|casualties|troops|soldiers|civilians)\b)?",
    re.IGNORECASE,
)
_DIGIT = rx.compile(r"\d")
_UTC_AFTER = rx.compile(r"^\s*(?:UTC|GMT|Z)\b")
_POST_LINE = rx.compile(r"^\s*(?:[—–-]\s*)?@\w+|^\s*[—–]\s*\S")


class Place(NamedTuple):
    """Where a claim is written: 1-based positions and the source line."""

    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    excerpt_column: int


class Claim(NamedTuple):
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


class StoryDigest(NamedTuple):
    path: str
    record_id: str | None
    title: str
    terms: tuple[str, ...]  # key terms (stems), heaviest first
    weights: Sequence[float]  # the weight of each (an array: a fifth of the memory of (term, weight) pairs)
    words: tuple[str, ...]  # the commonest written form of each key term, for labels
    names: frozenset[str]  # key terms written capitalised mid-sentence: names of people, places, firms
    sketch: Sequence[int]  # the smallest shingle hashes, sorted (an array of 32-bit numbers)
    shingles: int
    day: dt.date | None  # the story's date: publication, else the reference date of its timeline
    claims: tuple[Claim, ...]
    anchor: Place

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Unpickled by ``_interned``: a run's digests wait in one process until the corpus rules
        run, so each digest arriving from a worker shares its words with those already there."""
        return _interned, tuple(self)

    @property
    def key(self) -> str:
        return f"{self.path}#{self.record_id}" if self.record_id else self.path

    @property
    def where(self) -> str:
        return f"{self.key}:{self.anchor.line}"


def _interned(path: str, record_id: str | None, title: str, terms: tuple[str, ...], weights: Sequence[float],
              words: tuple[str, ...], names: frozenset[str], *rest: Any) -> StoryDigest:
    """A digest whose key terms and their written forms are interned: copies of one story, and
    stories of one week, share most of them."""
    return StoryDigest(path, record_id, title, tuple(map(intern, terms)), weights,
                       tuple(map(intern, words)), frozenset(map(intern, names)), *rest)


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


@cache
def _topic_stem(word: str) -> str | None:
    """The stem of a content word; None for short and common words."""
    return stem(word) if len(word) > 2 and lexicon().zipf(word.lower()) < COMMON_ZIPF else None


def _words_of(text: str) -> list[str]:
    """The words of ``text`` (``_WORD``'s matches). Without an apostrophe or hyphen to join
    letters (two sentences in three) they are its runs of ASCII letters, split in C in under
    three quarters of the expression's time."""
    if "'" in text or "’" in text or "-" in text:
        return _WORD.findall(text)
    return runs(text, _LETTERS)


def topic_of(text: str) -> frozenset[str]:
    """Stems of a sentence's content words (common words dropped)."""
    return frozenset(s for s in map(_topic_stem, _words_of(text)) if s is not None)


def _place(article: Article, start: int, end: int) -> Place:
    return Place(*article.locate(start, end))


Term = tuple[str, float, bool]  # a key term's stem, the weight one occurrence adds, written as a name


@cache
def _terms(word: str) -> tuple[Term | None, Term | None]:
    """The key term ``word`` adds as a sentence's first word and later in a sentence, where a
    capitalised word is a name and says more about the story than a common noun; (None, None)
    for short, shouted (page furniture) and common words. Stems are interned: digests share them."""
    if len(word) < 3 or (len(word) > 4 and word.isupper()):
        return None, None
    z = lexicon().zipf(word.lower())
    if z >= COMMON_ZIPF:
        return None, None
    key, weight = intern(stem(word)), max(0.5, 6.5 - z)
    opening = (key, weight, False)
    if word[0].isupper() and not word.isupper() and word not in generic_names():
        return opening, (key, weight * 1.5, True)
    return opening, opening


def _words(article: Article) -> tuple[list[str], list[int], list[str]]:
    """The words of the article's sentences in order, the index of each sentence's first word,
    and the words of its paragraphs: a paragraph's sentences cover it but for the whitespace
    between them, so they hold its words, tokenised once for both."""
    paragraphs = {id(b) for b in article.paragraphs}  # the article's own Block objects
    blocks = article.blocks
    words: list[str] = []
    openers: list[int] = []
    body: list[str] = []
    for sentence in article.sentences:
        found = _words_of(sentence.text)
        if found:
            openers.append(len(words))
            words += found
            if id(blocks[sentence.block]) in paragraphs:
                body += found
    return words, openers, body


def _key_terms(
    words: list[str], openers: list[int]
) -> tuple[tuple[str, ...], array[float], tuple[str, ...], frozenset[str]]:
    """The heaviest key terms, their weights, the commonest written form of each, and those
    written as names, from the sentences' words and the indexes of their first words."""
    counts = Counter(words)  # each written form once, in order of appearance
    term_of = dict(zip(counts, map(itemgetter(1), map(_terms, counts))))  # each word later in a sentence
    terms = list(map(term_of.__getitem__, words))
    for i in openers:
        terms[i] = _terms(words[i])[0]
    weights: dict[str, float] = {}  # summed in text order, for the same floats every time
    get = weights.get
    names: set[str] = set()
    for key, weight, named in filter(None, terms):
        weights[key] = get(key, 0) + weight
        if named:
            names.add(key)
    # the heaviest terms, the first seen on a tie (as Counter.most_common)
    top = sorted(weights.items(), key=itemgetter(1), reverse=True)[:KEY_TERMS]
    keys = [t for t, _ in top]
    # the commonest written form of each of them, the first written on a tie (as Counter.most_common)
    form: dict[str, str] = dict.fromkeys(keys, "")
    for word, n in counts.items():  # in order of first appearance
        term = term_of[word]
        if term is not None and (shown_so_far := form.get(term[0])) is not None:
            if not shown_so_far or n > counts[shown_so_far]:
                form[term[0]] = word
    shown = tuple(form.values())
    return tuple(keys), array("d", [round(v, 2) for _, v in top]), shown, frozenset(names.intersection(keys))


def _sketch(words: list[str]) -> tuple[array[int], int]:
    """The bottom-k sketch of the words' shingles (32-bit numbers, in an array: a tenth of the
    memory of a tuple), and how many distinct shingles there are."""
    if not words:
        return array("I"), 0
    # words hold no white space (letters, apostrophes, hyphens): lowering the joined text lowers each word,
    # and each shingle is SHINGLE lowered words joined by spaces, encoded
    data = " ".join(words).lower().encode()
    if len(words) < SHINGLE:
        hashes = {zlib.crc32(data)}
    else:
        w = data.split(b" ")
        hashes = set(map(zlib.crc32, map(b" ".join, zip(*(w[i:] for i in range(SHINGLE))))))
    return array("I", _smallest(hashes)), len(hashes)


def _smallest(hashes: set[int]) -> tuple[int, ...]:
    """The SKETCH smallest hashes, sorted. Hashes are spread evenly over 32 bits, so with many of
    them the smallest lie below about SKETCH / n of the range: sort only those under 1.5 times
    that (all of them again in the rare case that leaves too few)."""
    n = len(hashes)
    if n > 2 * SKETCH:
        cut = (3 * SKETCH << 31) // n
        low = sorted([h for h in hashes if h < cut])
        if len(low) >= SKETCH:
            return tuple(low[:SKETCH])
    return tuple(sorted(hashes)[:SKETCH])


def _report_times(article: Article, timeline: Any) -> list[Claim]:
    from newslint.text.sources import source_registry
    from newslint.rule import Context
    from newslint.text.times import Kind

    items = [r for r in timeline.items if r.expr.kind in (Kind.DATE, Kind.CLOCK) and r.value is not None]
    if not items:
        return []
    registry = source_registry(Context())
    out: list[Claim] = []
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
        named = [c for c in attribution.cues[i] if c.named]  # tested before digits: most sentences have no cue
        if not named or named[0].speaker is None:
            continue
        text = sentence.text
        if not _DIGIT.search(text):
            continue  # every figure has a digit
        found = [m for m in _NUMBER.finditer(text) if m.group("unit") or m.group("cur")]
        if not found:
            continue
        source, topic = named[0].speaker.text, topic_of(text)
        for m in found:
            unit = (m.group("unit") or "").lower()
            unit = (m.group("cur") or "") + ("percent" if unit in ("%", "per cent") else unit)
            value = float(m.group("num").replace(",", ""))
            start = sentence.start + m.start()
            out.append(Claim("figure", source, (unit, value), m.group(0).strip(), topic,
                             _place(article, start, sentence.start + m.end())))
    return out


def _quotes(article: Article) -> list[Claim]:
    out: list[Claim] = []
    for qs in article.attribution.speech:
        speaker = qs.speaker
        if speaker is None or not speaker.kind.named or not qs.speech:
            continue
        words = _words_of(qs.quote.inner)
        if len(words) < 4:
            continue
        # words hold no white space (letters, apostrophes, hyphens): lowering the joined words lowers each
        out.append(Claim("quote", speaker.text, " ".join(words).lower(), qs.quote.inner.strip(),
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
    bound(_terms, WORD_MEMO)  # the word memos (``text.memo``)
    bound(_topic_stem, WORD_MEMO)
    timeline = article.timeline
    words, openers, body = _words(article)
    sketch, count = _sketch(body)
    posts = _post_dates(article, timeline)
    claims = _report_times(article, timeline) + _figures(article) + _quotes(article) + posts
    day = article.published.date() if article.published else None
    ref = timeline.reference
    if day is None and ref is not None and not any(p.value == ref.date for p in posts):
        day = ref.date  # a date taken from a quoted social post is the post's, not the story's
    terms, weights, shown, names = _key_terms(words, openers)  # stems interned by _terms: only the forms need it
    s, e = article.anchor
    title = article.headline.text if article.headline else ""
    return StoryDigest(article.path, article.record_id, title, terms, weights, tuple(map(intern, shown)), names,
                       sketch, count, day, tuple(claims), _place(article, s, e))
