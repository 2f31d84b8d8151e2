"""Dictionary-backed spelling: is a word known, and which common word is it likely a slip for?

Two installed packages supply the words; neither is copied into newslint:

- wordfreq's "large" English list (321,000 words with frequencies from news, books, web text,
  subtitles and Wikipedia; code Apache-2.0, data CC BY-SA 4.0): frequencies for suggestions,
  and wide coverage of names, brands and jargon. Web text has typos, so it lists "occured" too.
- pyspellchecker's English dictionary (160,000 words, MIT): a word it lists is a real word,
  however rare ("belied", "sown", "awry"), and is never a slip.

``rules/data/typos-lexicon.yaml`` adds newsroom words and word-building prefixes. Everything is
loaded once, on first use, by ``lexicon()``.

Frequencies are Zipf values: log10 of occurrences per billion words (``the`` 7.7, ``there``
6.3, ``theory`` 4.9, ``occurred`` 4.6, ``occured`` 2.8). A word wordfreq lists rarely and the
dictionary lacks is a slip only when a neighbour one edit away is a hundred times as common.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache, cached_property
from typing import TYPE_CHECKING, NamedTuple

from newslint.text import rx

if TYPE_CHECKING:
    from newslint.text.lexcache import WordTable

COMMON_ZIPF = 3.0  # about once per million words: known outright, and good enough to suggest
SLIP_MARGIN = 2.0  # a rare listed word is a slip when a neighbour is 10^2 times as frequent
STRICT_ZIPF = 5.0  # for capitalised words that might be names: suggest only very common words
MIN_LENGTH = 4  # shorter words are too ambiguous to judge without a curated list
LONG_WORD = 8  # from this length a word two edits away from a common word may be a slip
PLURAL_STEM = 5  # a rare plural of a dictionary word this long or longer is a word, not a slip
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MEMO = 1 << 17  # look-ups remembered per process (zipf values, dictionary words; cleared when full)
NEAR_MEMO = 1 << 12  # words whose candidates are remembered (cleared when full)

# British and American spellings of one word map to the same key. The last rule (anaemia,
# foetus) also maps slips such as "titlae" to "title", so it only counts for listed words.
_REGIONAL = (
    (rx.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (rx.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (rx.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (rx.compile(r"tre(s|d)?$"), r"ter\1"),
    (rx.compile(r"ogue(s)?$"), r"og\1"),
    (rx.compile(r"ence(s)?$"), r"ense\1"),
    (rx.compile(r"ll"), "l"),
)
_DIGRAPH = (rx.compile(r"(?<=[a-z])[ao]e"), "e")
_INFLECTIONS = ("s", "es", "d", "ed")
_ES_ENDS = ("s", "x", "z", "ch", "sh", "o")  # a plural of these adds "es" ("o": tomatoes; photos are common)
_CONSONANT_Y = rx.compile(r"[^aeiou]y$")  # ... and of these turns "y" into "ies"
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")


class Suggestion(NamedTuple):
    """A word that a slip may stand for."""

    word: str
    distance: int  # Damerau-Levenshtein (optimal string alignment) edits
    zipf: float


def regional_key(word: str, digraphs: bool = True) -> str:
    """A key shared by the British and American spellings of ``word`` (colour/color);
    ``digraphs`` also folds ae/oe to e (anaemia/anemia)."""
    for pattern, repl in (*_REGIONAL, _DIGRAPH) if digraphs else _REGIONAL:
        word = pattern.sub(repl, word)
    return word


def _related(word: str, candidate: str, listed: bool) -> bool:
    """Whether ``word`` and ``candidate`` are forms of one word: plural or past tense of each
    other, or regional spellings. The ae/oe rule needs ``word`` to be listed in wordfreq, as real
    spellings are: an unlisted "titlae" is a slip, not a variant of "title"."""
    for longer, shorter in ((word, candidate), (candidate, word)):
        if longer.startswith(shorter) and longer[len(shorter) :] in _INFLECTIONS:
            return True
    return regional_key(word, listed) == regional_key(candidate, listed)


def _neighbours(key: str) -> set[str]:
    """The keys next to ``key`` on a QWERTY keyboard (same row, and the staggered rows)."""
    for r, row in enumerate(_ROWS):
        i = row.find(key)
        if i < 0:
            continue
        near = {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
        if r > 0:
            near |= {_ROWS[r - 1][j] for j in (i, i + 1) if j < len(_ROWS[r - 1])}
        if r < 2:
            near |= {_ROWS[r + 1][j] for j in (i - 1, i) if 0 <= j < len(_ROWS[r + 1])}
        return near
    return set()


def typing_slip(word: str, candidate: str) -> bool:
    """Whether ``word`` differs from ``candidate`` (one edit away) the way a typist's slip does:
    a letter dropped, doubled or added, two letters swapped, or a neighbouring key or another
    vowel struck. Spelling from memory errs otherwise, so this is only asked of weak evidence."""
    if len(word) != len(candidate):
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, candidate)) if a != b]
    if len(diff) != 1:
        return True  # a transposition
    a, b = word[diff[0]], candidate[diff[0]]
    return b in _neighbours(a) or (a in _VOWELS and b in _VOWELS)


@cache
def _unlikely_strikes(key: str) -> str:
    """The letters that replace ``key`` in no typing slip: neither a neighbouring key nor, for a
    vowel, another vowel."""
    return "".join(c for c in _LETTERS if not typing_slip(key, c))


def _not_slips(word: str) -> set[str]:
    """The strings one substitution from ``word`` that are not typing slips of it: every other
    string of ``edits1(word)`` is one (``typing_slip``)."""
    return {word[:i] + c + word[i + 1 :] for i, key in enumerate(word) for c in _unlikely_strikes(key)}


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    )


def match_case(suggestion: str, original: str) -> str:
    """``suggestion`` cased like ``original`` (there -> There for Theore)."""
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class Lexicon:
    """English word frequencies, a dictionary of real words and newsroom words, with known-word
    tests and suggestions. ``frequencies`` maps lowercase words to their share of all words."""

    def __init__(
        self,
        frequencies: Mapping[str, float],
        dictionary: Iterable[str] = (),
        extra: Iterable[str] = (),
        prefixes: Iterable[str] = (),
    ) -> None:
        floor = 10 ** (COMMON_ZIPF - 9)
        common = {w: f for w, f in frequencies.items() if f >= floor and w.isascii() and w.isalpha()}
        listed = frozenset(w.lower() for w in dictionary)
        self._setup(frequencies.get, listed.__contains__, common, extra, prefixes)

    @classmethod
    def from_table(cls, table: WordTable, common: Mapping[str, float], extra: Iterable[str] = (),
                   prefixes: Iterable[str] = ()) -> Lexicon:
        """A lexicon over the cached word table (``newslint.text.lexcache``): the same answers as
        one built from the full lists, without building them."""
        lex = cls.__new__(cls)
        lex._setup(table.get, table.listed, common, extra, prefixes)
        return lex

    def _setup(
        self,
        freq: Callable[[str, float], float],
        listed: Callable[[str], bool],
        common: Mapping[str, float],
        extra: Iterable[str],
        prefixes: Iterable[str],
    ) -> None:
        prefixes = tuple(prefixes)
        self._freq = freq  # word -> share of all words (default when unlisted)
        self._listed = listed  # in the dictionary of real words
        self._extra = frozenset(w.lower() for w in (*extra, *prefixes))  # newsroom words and prefixes
        self._prefixes = tuple(sorted(prefixes, key=len, reverse=True))
        self._common_freq = common if isinstance(common, dict) else dict(common)
        self._common = self._common_freq.keys()  # a set view: membership as fast as a frozenset's
        self._zipfs: dict[str, float] = {}
        self._in_dictionary: dict[str, bool] = {}
        self._near: dict[tuple[str, int, bool], tuple[Suggestion, ...]] = {}

    @cached_property
    def _by_length(self) -> dict[int, tuple[str, ...]]:
        """The common words by length, in frequency order (for two-edit suggestions)."""
        by_length: dict[int, list[str]] = {}
        for word in self._common_freq:
            by_length.setdefault(len(word), []).append(word)
        return {n: tuple(ws) for n, ws in by_length.items()}

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (lowercase); 0.0 when the list does not have it."""
        z = self._zipfs.get(word)
        if z is None:
            freq = self._common_freq.get(word) or self._freq(word, 0.0)
            z = math.log10(freq) + 9 if freq > 0 else 0.0
            if len(self._zipfs) >= MEMO:
                self._zipfs.clear()
            self._zipfs[word] = z
        return z

    @property
    def common_words(self) -> Collection[str]:
        """Every common word (lowercase): ``common(w)`` is ``w in common_words``."""
        return self._common

    def uncommon(self, words: Iterable[str]) -> set[str]:
        """The words (lowercase) that are not common words, in one set operation."""
        return set(words).difference(self._common_freq)

    def common(self, word: str) -> bool:
        """Whether ``word`` (lowercase) is a common word: about once per million words or more."""
        return word in self._common

    def in_dictionary(self, word: str) -> bool:
        """Whether ``word`` (lowercase) is in the dictionary of real words or the newsroom words
        (not merely in wordfreq, which also lists foreign words and typos from the web)."""
        found = self._in_dictionary.get(word)
        if found is None:
            found = self._looked_up(word)
            if len(self._in_dictionary) >= MEMO:
                self._in_dictionary.clear()
            self._in_dictionary[word] = found
        return found

    def _looked_up(self, word: str) -> bool:
        """``in_dictionary`` without its memo (for words asked about once)."""
        return word in self._extra or self._listed(word)

    def known(self, word: str) -> bool:
        """Whether ``word`` is an ordinary English word (common, newsroom, or built from those)."""
        w = word.lower()
        return w in self._common or self.in_dictionary(w) or self.derived(w)

    def _plural(self, word: str) -> bool:
        """Whether ``word`` is the regular plural of a dictionary word of five letters or more
        (sowings, crashes): not a slip even when it is rare. Short stems stay out ("thes" is a
        slip, not "the" plus "s"), and so do wrong plurals (companys, churchs, pricess, potatos)."""
        if word.endswith("es") and word[:-2].endswith(_ES_ENDS):
            stem = word[:-2]
        elif word.endswith("s") and not word[:-1].endswith(_ES_ENDS) and not _CONSONANT_Y.search(word[:-1]):
            stem = word[:-1]
        else:
            return False
        return len(stem) >= PLURAL_STEM and self.in_dictionary(stem)

    def derived(self, word: str) -> bool:
        """Whether ``word`` is a common word with a prefix (unsourced) or two common words run
        together (soyoil, backglass): rare but regular, so not a slip."""
        for prefix in self._prefixes:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 3 and rest in self._common:
                return True
        return any(word[:i] in self._common and word[i:] in self._common for i in range(3, len(word) - 2))

    def candidates(
        self, word: str, max_distance: int = 1, context: Collection[str] = (), *, rare: bool = False
    ) -> list[Suggestion]:
        """Common words within ``max_distance`` edits of ``word``, best first: nearest; then
        those used elsewhere in the article (``context``: shars -> shares in a story about
        shares); then those with the same letters, two swapped (wiht -> with, not wit); then
        those keeping the first and last letters, which slips rarely hit (Theore -> There, not
        Theory); then the most frequent; then alphabetically. ``rare`` also admits dictionary
        words that are not common (receiveables -> receivables), one typing slip away only
        (``typing_slip``)."""
        key = (word, max_distance, rare)
        near = self._near.get(key)
        if near is None:
            near = self._near_words(word, max_distance, rare)
            if len(self._near) >= NEAR_MEMO:
                self._near.clear()
            self._near[key] = near
        swapped = sorted(word)
        return sorted(
            near,
            key=lambda s: (
                s.distance,
                s.word not in context,
                sorted(s.word) != swapped,  # the same letters: two of them swapped
                s.word[0] != word[0],
                s.word[-1] != word[-1],
                -s.zipf,
                s.word,  # a full order: ``near`` comes from sets, whose order differs between processes
            ),
        )

    def _near_words(self, word: str, max_distance: int, rare: bool) -> tuple[Suggestion, ...]:
        """``candidates`` before the article's context orders them: the same for every article,
        so remembered. Their order does not matter (``candidates`` sorts on the word last)."""
        edits = edits1(word)
        if rare:  # in the dictionary, without remembering hundreds of non-words or looking up non-slips
            found = dict.fromkeys(filter(self._looked_up, edits.difference(_not_slips(word))), 1)
        else:
            found = dict.fromkeys(self._common & edits, 1)  # in C
        if max_distance >= 2 and not rare:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            for n in range(len(word) - 2, len(word) + 3):
                for c, dist, _ in process.extract(
                    word, self._by_length.get(n, ()), scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    found.setdefault(c, dist)
        listed = self.zipf(word) > 0
        return tuple(Suggestion(c, d, self.zipf(c)) for c, d in found.items() if not _related(word, c, listed))

    def slip(self, word: str, *, strict: bool = False, context: Collection[str] = ()) -> Suggestion | None:
        """The word ``word`` is likely a slip for, or None when it looks deliberate.

        ``word`` is lowercase letters only. A dictionary or newsroom word is never a slip. A
        word wordfreq has never seen is a slip when a common word is one edit away; a long one
        also when a rarer dictionary word is one typing slip away or, unless it is built from
        common words (soyoil, unevidenced), a common word two edits away. A word wordfreq
        lists rarely needs a neighbour one edit away and a hundred times as frequent.
        ``strict`` (a capitalised word that may be a name) accepts only unseen words one edit
        from a very common word. ``context`` (the article's words) helps choose between
        equally near suggestions.
        """
        if len(word) < MIN_LENGTH or word in self._common or self.in_dictionary(word):
            return None
        zipf = self.zipf(word)
        if strict and zipf > 0 or self._plural(word):
            return None
        if zipf > 0:
            floor = zipf + SLIP_MARGIN
        else:
            floor = STRICT_ZIPF if strict else COMMON_ZIPF
        near = [s for s in self.candidates(word, 1, context) if s.zipf >= floor]
        if near:
            return near[0]
        if zipf > 0 or strict or len(word) < LONG_WORD:
            return None
        rare = self.candidates(word, 1, context, rare=True)
        if rare:
            return rare[0]
        if self.derived(word):
            return None
        far = self.candidates(word, 2, context)
        return far[0] if far else None


@cache
def lexicon() -> Lexicon:
    """The shared English lexicon, loaded on first use: a few milliseconds from the cached word
    table (``newslint.text.lexcache``); about a second the first time, while the table is built."""
    from newslint.data import load_data
    from newslint.text.lexcache import load_tables

    from newslint.text.lexcache import paused_gc

    extra = load_data("typos-lexicon")
    table, common = load_tables()
    with paused_gc():
        return Lexicon.from_table(table, common, extra["words"], extra["prefixes"])
