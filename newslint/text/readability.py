"""Readability of an article's body prose: word, sentence and syllable counts, Flesch scores.

Measured on body paragraphs, block quotes and list items only: the headline, dek, subheadings
and the source list are not prose a reader works through. Sentences come from newslint's own
news-aware splitter (``article.sentences``), words from a pattern that ignores URLs and Markdown
link targets, so "U.S." or a link does not skew the counts.

Syllables are counted with Pyphen's English hyphenation dictionary, the counter textstat itself
falls back on: textstat 0.7's English syllable count needs NLTK's CMU dictionary, which it tries
to download at run time, and newslint must work offline. The scores use the published formulas:
Flesch reading ease (Flesch 1948) and the Flesch-Kincaid grade level (Kincaid et al. 1975).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import chain, product
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.model import BlockKind
from newslint.text import rx
from newslint.text.memo import bound
from newslint.text.words import plain_text

if TYPE_CHECKING:
    from newslint.model import Article
    from newslint.text.sentences import Sentence

PROSE_BLOCKS = frozenset({BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM})

_NOT_WORDS = rx.compile(
    r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # Markdown link targets
    r"|(?:https?://|www\.)\S+"  # bare URLs
    r"|</?[A-Za-z][^<>\n]{0,200}>"  # HTML tags
    r"|`[^`\n]*`",  # inline code
    re.IGNORECASE,
)
_WORD = rx.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# _WORD on a plain text (``plain_text``: no letters or digits but ASCII ones), with faster classes
_PLAIN_WORD = rx.compile(r"[A-Za-z0-9]++(?:['’.-][A-Za-z0-9]++)*+")
_LETTERS = rx.compile(r"[^\W\d_]+")
_ROW_BREAK = rx.compile(r"[ \t]*\r?\n[ \t]*(?![a-z])")
# Closed-class English words: about a quarter of the words of English prose, rare in other
# languages (words shared with French, Spanish or Portuguese, such as "a" or "on", are left out).
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to is was that for with are it this be have has had he she they his her their "
    "from at by which were will would not but been said who its".split()
)
# Every casing of the function words ("the", "The", "THE"): a word is in it exactly when its
# lower() is a function word (of the other characters only the Kelvin sign lowercases to an
# ASCII letter, "k", which no function word has), so words are tested without lowercasing.
_FUNCTION_WORD_CASINGS = frozenset(
    "".join(chars) for word in _ENGLISH_FUNCTION_WORDS for chars in product(*((c, c.upper()) for c in word))
)
HYPHEN_LEFT = HYPHEN_RIGHT = 2  # Pyphen's defaults: hyphenation points need two letters either side
SYLLABLE_MEMO = 1 << 16  # words whose syllables a process remembers before it starts afresh
ENGLISH_SHARE = 0.12  # well below English prose (0.25-0.35), far above other languages (< 0.03)


class Metrics(NamedTuple):
    """Counts and scores of one article's body prose (scores are None without words)."""

    words: int
    sentences: int
    syllables: int
    words_per_sentence: float | None
    flesch_reading_ease: float | None
    grade_level: float | None  # Flesch-Kincaid grade


@cache
def _hyphenation() -> dict[str, str]:
    """Pyphen's English (en_US) hyphenation patterns as a flat table of strings, so that loading
    it builds no nested containers: each prefix of a pattern (patterns included) maps to the
    values of the patterns among its prefixes, merged (the greatest value at each place, as
    characters from "0", from the prefix's first letter on; "" when none is a pattern). Built
    from Pyphen's dictionary once and kept in the user's cache folder (``newslint.text.lexcache``):
    parsing the dictionary takes Pyphen about 0.15 s at every start."""
    from newslint.text.lexcache import cached_data, package_key

    key = package_key("pyphen", "pyphen", "dictionaries/hyph_en_US.dic") + "|merged-prefixes"
    return cached_data("hyphenation-table-en_US", key, _build_hyphenation)


def _build_hyphenation() -> dict[str, str]:
    from pyphen import Pyphen

    own: dict[str, list[int]] = {}
    for pattern, (start, values) in Pyphen(lang="en_US").hd.patterns.items():
        for n in range(1, len(pattern)):
            own.setdefault(pattern[:n], [])
        own[pattern] = [0] * start + [int(v) for v in values]
    table: dict[str, str] = {}
    shared: dict[str, str] = {}  # one object for equal values: marshal writes it once, loads it once
    for prefix in sorted(own, key=len):  # a prefix's own prefixes first
        merged = [ord(c) - 48 for c in table.get(prefix[:-1], "")]
        values = own[prefix]
        merged += [0] * (len(values) - len(merged))
        for k, v in enumerate(values):
            merged[k] = max(merged[k], v)
        text = "".join(chr(48 + v) for v in merged) if any(merged) else ""
        table[prefix] = shared.setdefault(text, text)
    return table


@cache
def _pattern_characters() -> frozenset[str]:
    """The characters of the hyphenation patterns. A word with none of them (Cyrillic, Hangul ...)
    has no break: the only key found in it is the opening ".", whose values end before the first
    place counted."""
    return frozenset("".join(_hyphenation()))


def _breaks(word: str) -> int:
    """How many hyphenation points Pyphen (en_US, at least two letters either side) finds in
    ``word``: Liang's algorithm over the same patterns. Every prefix of a pattern is in the
    table, so the patterns at a place are prefixes of the longest key found there, whose merged
    values stand for them all. Most such keys are two to four characters long: the three
    characters at a place are looked up first."""
    size = len(word)
    if size < HYPHEN_LEFT + HYPHEN_RIGHT:  # no place with enough letters either side
        return 0
    low = word.lower()
    if not low.isascii() and _pattern_characters().isdisjoint(low):
        return 0
    get = _hyphenation().get
    pointed = f".{low}."
    n = len(pointed)
    refs = [0] * (n + 1)
    for i in range(n - 2):  # a key from the closing "." on only sets places past the last counted
        j = i + 3
        values = get(pointed[i:j])
        if values is None:
            values = get(pointed[i : i + 2]) or get(pointed[i]) or ""
        else:
            while j < n and (found := get(pointed[i : j + 1])) is not None:
                values = found
                j += 1
        k = i
        for ch in values:
            v = ord(ch) - 48
            if v > refs[k]:
                refs[k] = v
            k += 1
    # an odd value at refs[i] is a point before letter i - 1 of the word; keep HYPHEN_LEFT..len - HYPHEN_RIGHT
    return sum(r & 1 for r in refs[HYPHEN_LEFT + 1 : size - HYPHEN_RIGHT + 2])


def prose_words(text: str) -> list[str]:
    """The words of a piece of prose, skipping URLs, link targets, HTML tags and inline code."""
    # every _NOT_WORDS match contains one of these ("w." or "W." ends any case of "www.")
    if "](" in text or "://" in text or "<" in text or "`" in text or "w." in text or "W." in text:
        text = _NOT_WORDS.sub(" ", text)
    return (_PLAIN_WORD if plain_text(text) else _WORD).findall(text)


@cache
def _common_syllables() -> dict[str, int]:
    """The syllables of the spelling lexicon's common words (about 28,000), counted once by
    ``_breaks``: most words of an article are looked up, not hyphenated. Kept in the user's cache
    folder as one count a byte, in the order of ``common_words``, so loading it makes no strings."""
    from newslint.text.lexcache import cached_data, lexicon_key, package_key
    from newslint.text.spelling import lexicon

    words = lexicon().common_words

    def count() -> bytes:
        return bytes(_breaks(w) + 1 for w in words)

    key = package_key("pyphen", "pyphen", "dictionaries/hyph_en_US.dic") + "|" + lexicon_key() + "|bytes"
    return dict(zip(words, cached_data("syllables-en", key, count), strict=True))


@cache  # a plain memo (``text.memo``), emptied by ``_measure`` past SYLLABLE_MEMO words
def syllables(word: str) -> int:
    """Syllables in one word: each hyphenated part counts at least one; a number counts one."""
    known = _common_syllables()
    if word.isalpha():  # one part, all letters: most words
        part = word.lower()
        return known.get(part) or _breaks(part) + 1
    parts = ["".join(_LETTERS.findall(p)).lower() for p in word.split("-")]
    parts = [p for p in parts if p]
    if not parts:
        return 1
    return sum(known.get(p) or _breaks(p) + 1 for p in parts)


def is_english(texts: list[str]) -> bool:
    """Whether prose reads as English: enough of its words are English function words."""
    return _english(tuple(texts))


@lru_cache(maxsize=8)  # the rules of one article ask about the same texts
def _english(texts: tuple[str, ...]) -> bool:
    n = hits = 0
    function_word = _FUNCTION_WORD_CASINGS.__contains__
    for t in texts:
        words = prose_words(t)
        n += len(words)
        hits += sum(map(function_word, words))
    return bool(n) and hits >= ENGLISH_SHARE * n


def body_sentences(article: Article) -> list[Sentence]:
    """Sentences of the body prose (not the headline, dek, subheadings or source list)."""
    return [s for s in article.sentences if article.blocks[s.block].kind in PROSE_BLOCKS]


def units(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """(offset, text) of the reading units of one sentence: a line break followed by a capital,
    digit or symbol starts a new unit (a list or table row without a full stop), while a line
    that continues in lower case is a soft wrap of the same sentence."""
    if "\n" not in text:  # a break is a line break
        return [(offset, text)]
    out: list[tuple[int, str]] = []
    start = 0
    for m in _ROW_BREAK.finditer(text):
        out.append((offset + start, text[start : m.start()]))
        start = m.end()
    out.append((offset + start, text[start:]))
    return out


def _body(article: Article) -> tuple[list[tuple[int, str, list[str]]], list[tuple[Sentence, int]]]:
    """The body's reading units (offset, text, words) in order, and each body sentence with its
    number of units: computed once per article for the metrics and the readability rules."""
    return article.memo("readability/body", lambda: _read_body(article))


def _read_body(article: Article) -> tuple[list[tuple[int, str, list[str]]], list[tuple[Sentence, int]]]:
    out: list[tuple[int, str, list[str]]] = []
    per_sentence = []
    for s in body_sentences(article):
        parts = units(s.text, s.start)
        for start, u in parts:
            out.append((start, u, prose_words(u)))
        per_sentence.append((s, len(parts)))
    return out, per_sentence


def body_units(article: Article) -> list[tuple[int, str, list[str]]]:
    """(offset, text, words) of the reading units of the body sentences, in order: computed once
    per article for the metrics and the long-sentence rule."""
    return _body(article)[0]


def body_english(article: Article) -> bool:
    """``is_english`` of the body sentences, from the words of their units (a sentence in one
    unit has that unit's words; one split into rows is read again whole)."""
    return article.memo("readability/english", lambda: _body_english(article))


def _body_english(article: Article) -> bool:
    units_, per_sentence = _body(article)
    n = hits = 0
    function_word = _FUNCTION_WORD_CASINGS.__contains__
    i = 0
    for s, count in per_sentence:
        words = units_[i][2] if count == 1 else prose_words(s.text)
        i += count
        n += len(words)
        hits += sum(map(function_word, words))
    return bool(n) and hits >= ENGLISH_SHARE * n


def _measure(per_unit: list[list[str]]) -> Metrics:
    bound(syllables, SYLLABLE_MEMO)
    n_sent = sum(map(bool, per_unit))
    n_words = sum(map(len, per_unit))
    n_syll = sum(map(syllables, chain.from_iterable(per_unit)))
    if not n_words or not n_sent:
        return Metrics(n_words, n_sent, n_syll, None, None, None)
    wps = n_words / n_sent
    spw = n_syll / n_words
    ease = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return Metrics(n_words, n_sent, n_syll, round(wps, 1), round(ease, 1), round(grade, 1))


def measure(sentences: list[str]) -> Metrics:
    """Counts and Flesch scores of a list of sentences (list and table rows count as sentences)."""
    return _measure([prose_words(u) for s in sentences for _, u in units(s)])


def article_metrics(article: Article) -> dict[str, Any]:
    """Readability of the article's body prose as a plain dict (for JSON and ``--statistics``).

    Keys: ``words``, ``sentences``, ``syllables``, ``words_per_sentence``,
    ``flesch_reading_ease``, ``grade_level``.
    """
    m = _measure([words for _, _, words in body_units(article)])
    return m._asdict()
