"""Word tokens for spelling, read the way an editor reads copy.

``words(text)`` yields the Latin-script words of a piece of prose with their offsets. It skips
what a spelling checker must not judge: URLs, domains, e-mail addresses, @handles, #hashtags,
HTML entities, inline code, Markdown link targets, HTML tags and ``<Company Name>`` markers,
file paths, snake_case identifiers, dotted abbreviations (U.S., N.V.), anything glued to a digit
(COVID19, 4v6Zgeb, 1990s) and words in other scripts. Hyphenated compounds stay one token whose
``parts`` can be checked one by one; curly and straight apostrophes are equivalent; possessives
and clitics are stripped by ``Word.stem``.

``Prose(article)`` reads an article's prose blocks the way the typo rules and ``newslint vocab``
need them: English blocks only, each word with its context (sentence start, Title Case heading,
quoted speech, a capitalised neighbour) and the article's word counts.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property, lru_cache
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from newslint.data import load_words
from newslint.model import BlockKind
from newslint.text import rx
from newslint.text.ascii import LOWER_LETTERS, runs

if TYPE_CHECKING:
    from newslint.model import Article, Block

_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|uk|us|de|fr|ru|cn|jp|in|au|ca|ly|me|tv|info|biz|news|ai|app|"
    "dev|rs|gl|ms|ws|to|be|it|es|nl|ch|se|no|fi|ir|il|eu|ie|nz|za|br|mx|ar|pl|tr|gr|pt|at|dk|kr|"
    "tw|hk|sg|ae|sa|qa|pk|ng|ke|ua|by|su|xyz|site|online|fm|am|gg|cc|tk"
)
# Stretches that are not prose, each with the strings one of which must occur in a text for it
# to be there (most paragraphs hold no URL or code, so most patterns never run). Addresses,
# handles, hashtags, snake_case, dotted abbreviations and bare domains need no pattern: their
# words are glued to "@", "#", "_" or "." and the word pattern below refuses those.
_SKIPS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, rx.compile(pattern, re.IGNORECASE))
    for triggers, pattern in (
        (("://", "www."), r"(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]{}\"“”‘’—–]+"),  # URLs
        (("/",), rf"\.(?:{_TLDS})/\S*"),  # the path after a bare domain: bbc.com/newsbeat
        (("/",), r"(?:/[\w.~-]+){2,}/?"),  # file paths
        (("`",), r"`[^`\n]*`"),  # inline code
        (("](",), r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # Markdown link targets
        (("<",), r"</?[A-Za-z][^<>\n]{0,200}>"),  # HTML tags, <Company Inc> markers
    )
)
_TRIGGERS = tuple(dict.fromkeys(t for triggers, _ in _SKIPS for t in triggers))


def _word_pattern(letter: str, word: str) -> re.Pattern[str]:
    """The pattern of a word, over the classes ``letter`` and ``word`` (letters, digits, _).

    A word starts after no letter, digit, underscore, @, # or & and not right after "x." (reut.rs,
    U.S.); it ends before no digit, underscore or @ and not before ".x" (Inc.The, e.g.). Possessive
    quantifiers make a word glued to a digit (4v6Zgeb, COVID19) fail whole, not match a piece."""
    chunk = rf"{letter}++(?:['’]{letter}++)*+"
    return rx.compile(
        rf"(?<![{word}@#&])(?<!{letter}\.){chunk}(?:-{chunk})*+(?:(?<=[sS])['’](?!{letter}))?+"
        rf"(?![{word}@])(?!\.{letter})"
    )


_WORD = _word_pattern(r"[^\W\d_]", r"\w")
# The same with ASCII classes, several times faster, reads a "plain" text (ASCII and punctuation
# such as curly quotes, but no other letters or digits) exactly as the Unicode pattern does.
_PLAIN_WORD = _word_pattern("[A-Za-z]", "A-Za-z0-9_")
_NOT_PLAIN = rx.compile(r"[^\x00-\x7f‘’“”–—…\xa0•·€£°]")
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_NEGATIONS = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": "is"}


class Shape(str, Enum):
    """How a word is cased: ``lower``, ``title`` (Capitalised), ``upper`` (ACRONYM) or ``mixed``."""

    LOWER = "lower"
    TITLE = "title"
    UPPER = "upper"
    MIXED = "mixed"


def shape_of(word: str) -> Shape:
    """The casing of ``word``, apostrophes and hyphens aside (Rouyn-Noranda is mixed)."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if letters.islower():
        return Shape.LOWER
    if letters.isupper():
        return Shape.UPPER if len(letters) > 1 else Shape.TITLE
    if letters[0].isupper() and letters[1:].islower():
        return Shape.TITLE
    return Shape.MIXED


class Word(NamedTuple):
    """A word of the text: ``text`` is exactly ``source[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def norm(self) -> str:
        """The word with curly apostrophes made straight."""
        return self.text.replace("’", "'")

    @property
    def stem(self) -> str:
        """The word without a possessive or clitic: Iran's -> Iran, Reuters' -> Reuters,
        they're -> they, don't -> do."""
        if "'" not in self.text and "’" not in self.text:
            return self.text
        word = self.norm
        lower = word.lower()
        if lower in _NEGATIONS:
            return _NEGATIONS[lower]
        if lower.endswith("n't") and len(word) > 3:
            return word[:-3]
        if word.endswith("'"):
            return word[:-1]
        for clitic in _CLITICS:
            if lower.endswith(clitic) and len(word) > len(clitic):
                return word[: -len(clitic)]
        return word

    @property
    def shape(self) -> Shape:
        return shape_of(self.text)

    @property
    def is_ascii(self) -> bool:
        return self.text.isascii()

    @property
    def hyphenated(self) -> bool:
        return "-" in self.text

    def parts(self) -> list[Word]:
        """The pieces of a hyphenated compound (the word itself when there is no hyphen)."""
        if "-" not in self.text:
            return [self]
        out: list[Word] = []
        pos = self.start
        for piece in self.text.split("-"):
            out.append(Word(pos, pos + len(piece), piece))
            pos += len(piece) + 1
        return out


def plain_text(text: str) -> bool:
    """Whether every character of ``text`` is ASCII or one of the marks ``_NOT_PLAIN`` allows
    (curly quotes, dashes, bullets, currency and degree signs ...): no other letter or digit."""
    return text.isascii() or not _NOT_PLAIN.search(text)


def _latin(word: str) -> bool:
    """Whether every letter is Latin script (ASCII, Latin-1, Latin Extended A/B and Additional)."""
    return all(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" or ch == "’" for ch in word)


def skip_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches that are not prose (URLs, addresses, code, tags ...), in
    order and without overlaps."""
    return list(_skip_spans(text))


@lru_cache(maxsize=512)
def _skip_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``skip_spans`` of a block, remembered: the prose, the typo rules and the tokens of one
    article ask for the same blocks."""
    if not any(map(text.__contains__, _TRIGGERS)):
        return ()
    spans = sorted(
        m.span()
        for triggers, pattern in _SKIPS
        if any(t in text for t in triggers)
        for m in pattern.finditer(text)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the prose words of ``text``: what ``words`` yields, as tuples."""
    skips = _skip_spans(text)
    pattern = _PLAIN_WORD if plain_text(text) else _WORD
    if not skips:
        matches = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    else:
        matches = []
        k = 0
        n = len(skips)
        for m in pattern.finditer(text):
            start, end = m.span()
            while k < n and skips[k][1] <= start:
                k += 1
            if k < n and skips[k][0] < end:
                continue
            matches.append((start, end, m.group()))
    if text.isascii():
        return matches
    return [t for t in matches if t[2].isascii() or _latin(t[2])]


def words(text: str, offset: int = 0) -> Iterator[Word]:
    """The prose words of ``text`` with offsets shifted by ``offset``."""
    for start, end, token in _tokens(text):
        yield Word(offset + start, offset + end, token)


# -- an article's prose, word by word ----------------------------------------------------------

SPELL_KINDS = frozenset(
    {BlockKind.HEADLINE, BlockKind.DEK, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM}
)
TITLE_KINDS = frozenset({BlockKind.HEADLINE, BlockKind.DEK, BlockKind.HEADING})
FUNCTION_SHARE = 0.15  # English prose: about 40 % of words are function words; other languages few
DICTIONARY_SHARE = 0.7  # English without function words ("net shr 12 cts") is still dictionary words
MIN_JUDGED_WORDS = 8  # shorter blocks are judged by the whole article's share
_INITIALS = rx.compile(r"(?<![\w.])(?:[A-Z]\.)+\s+$")
_LETTER_RUN = rx.compile(r"[^\W\d_]+")
_DOUBLED = rx.compile(r"(?<![^\W\d_])([^\W\d_]+)\s+\1(?![^\W\d_])", re.IGNORECASE)
_FOLDS = ("İ", "Σ")  # the letters str.lower folds otherwise than _DOUBLED does


class Spot(NamedTuple):
    """A word of the copy (a token, or one part of a hyphenated compound) in its context."""

    word: Word
    token: Word
    initial: bool  # first word of a sentence, heading or list item
    title_case: bool  # in a headline or heading written in Title Case
    quoted: bool
    before_capital: bool  # the next word is capitalised too ("Sedfrey Ordonez")


@dataclass
class Prose:
    """The prose blocks of an article and the evidence the typo rules share. Blocks are read as
    lowercase letter runs first (cheap) and tokenised only when a rule has something to look at."""

    article: Article

    @cached_property
    def _runs(self) -> list[tuple[Block, list[str]]]:
        return [(b, _letter_runs(b.text)) for b in self.article.blocks if b.kind in SPELL_KINDS]

    @cached_property
    def counts(self) -> Counter[str]:
        """How often each word (lowercase; possessives and compounds split off) occurs."""
        return Counter(chain.from_iterable(runs for _, runs in self._runs))

    @cached_property
    def _evidence(self) -> list[tuple[int, int]]:
        """For each block, how many words of two letters or more it has and how many of those are
        function words: what ``_prose_like`` weighs, counted once for the blocks and the article."""
        function_words = _long_function_words().__contains__
        return [(len(runs) - list(map(len, runs)).count(1), sum(map(function_words, runs))) for _, runs in self._runs]

    @cached_property
    def _article_english(self) -> bool:
        evidence = self._evidence
        n, function = sum(n for n, _ in evidence), sum(f for _, f in evidence)
        return _prose_like(n, function) or _dictionary_like(n, self.counts)

    @cached_property
    def blocks(self) -> list[tuple[Block, list[str]]]:
        """The English prose blocks with their lowercase letter runs."""
        return [
            (block, runs)
            for (block, runs), (n, function) in zip(self._runs, self._evidence)
            if self._english(runs, n, function)
        ]

    def _english(self, runs: list[str], n: int, function: int) -> bool:
        """Whether a block with these letter runs and ``_evidence`` is English. A short block is
        judged with the whole article."""
        if len(runs) < MIN_JUDGED_WORDS:
            return self._article_english
        return _prose_like(n, function) or _dictionary_like(n, Counter(runs))

    @cached_property
    def doubled(self) -> list[Block]:
        """The English prose blocks where a word follows itself across white space (``the the``).
        Two equal letter runs in a row are looked for first: most blocks have none. (The runs
        were lowercased by ``str.lower``, which folds case as the pattern does but for "İ" and a
        final "Σ"; a block with those, or with code or URLs left out of its runs, is searched.)"""
        return [
            block
            for block, runs in self.blocks
            if (any(map(operator.eq, runs, runs[1:])) or _skip_spans(block.text) or _folds(block.text))
            and _DOUBLED.search(block.text)
        ]

    @cached_property
    def _starts(self) -> list[int]:
        """Where the sentences and the prose blocks start, in order."""
        return sorted({s.start for s in self.article.sentences}.union(b.start for b, _ in self._runs))

    def opens(self, at: int) -> bool:
        """Whether the word at offset ``at`` opens a sentence or a block: ``at`` holds the first
        letter or digit from the nearest sentence or block start at or before it. A "sentence"
        that starts after initials (R.M. Nicel, Samuel A. Francis) is a name, not a sentence.
        Asked of a few words per article, so not worked out for every sentence."""
        text = self.article.text
        starts = self._starts
        i = bisect.bisect_right(starts, at) - 1
        if i < 0 or not text[at : at + 1].isalnum() or any(map(str.isalnum, text[starts[i] : at])):
            return False
        before = text[max(0, at - 12) : at]
        return not (before.rstrip()[-2:-1].isupper() and _INITIALS.search(before))  # "X. " first

    @cached_property
    def _quotes(self) -> tuple[list[int], list[int]]:
        spans = sorted((q.start, q.end) for q in self.article.quotes)
        return [s for s, _ in spans], [e for _, e in spans]

    def quoted(self, start: int, end: int) -> bool:
        starts, ends = self._quotes
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]

    def spots(self, keep: Callable[[str], bool],
              wanted: Callable[[Block, list[str]], Collection[str]] | None = None) -> Iterator[Spot]:
        """The words of the English blocks whose lowercase stem ``keep`` accepts, in context.
        ``wanted`` may give, faster, which of a block's letter runs ``keep`` accepts (or fewer,
        but never none when a word of the block is wanted): a block with none is not read, and
        only its words that are letter runs are looked up in the set."""
        text = self.article.text
        for block, letter_runs in self.blocks:
            if wanted is not None:
                wanted_ = wanted(block, letter_runs)
            else:
                wanted_ = {w for w in set(letter_runs) if keep(w)}
            if not wanted_:
                continue
            toks = _tokens(block.text)
            title: bool | None = None
            for i, (start, end, token) in enumerate(toks):
                # a word of ASCII letters is one of the block's letter runs: keep() was asked
                if token.isalpha() and token.isascii() and token.lower() not in wanted_:
                    continue
                tok = Word(block.start + start, block.start + end, token)
                for part in tok.parts():
                    if not keep(part.stem.lower()):
                        continue
                    if title is None:
                        title = block.kind in TITLE_KINDS and _title_cased(
                            [Word(block.start + s, block.start + e, t) for s, e, t in toks])
                    nxt = toks[i + 1] if i + 1 < len(toks) else None
                    before_capital = bool(nxt and nxt[2][0].isupper()
                                          and not text[tok.end : block.start + nxt[0]].strip())
                    initial = part.start == tok.start and self.opens(tok.start)
                    yield Spot(part, tok, initial, title, self.quoted(tok.start, tok.end), before_capital)


def _letter_runs(text: str) -> list[str]:
    """The lowercase letter runs of a block's prose (its URLs, code and tags left out)."""
    low = _prose_only(text).lower()
    if plain_text(text):  # its letters are a-z: the runs are split in C
        return runs(low, LOWER_LETTERS)
    return _LETTER_RUN.findall(low)


def _folds(text: str) -> bool:
    """Whether ``text`` has a letter of ``_FOLDS``."""
    return not text.isascii() and any(letter in text for letter in _FOLDS)


def _prose_only(text: str) -> str:
    """``text`` with its URLs, code and tags blanked out."""
    spans = _skip_spans(text)
    if not spans:
        return text
    ends = [0] + [e for _, e in spans]
    starts = [s for s, _ in spans] + [len(text)]
    return " ".join(text[e:s] for e, s in zip(ends, starts))


def _prose_like(n: int, function: int) -> bool:
    """Whether words are English prose: enough function words among the ``n`` words of two
    letters or more (the words weighed), ``function`` of them function words. Words that are
    not may still be English (``_dictionary_like``)."""
    return not n or function >= FUNCTION_SHARE * n


def _dictionary_like(n: int, counts: Mapping[str, int]) -> bool:
    """Whether words are mostly dictionary words, as telegraphic English copy is ("qtly div 12
    cts vs 10 cts"): ``counts`` are how often each lowercase letter run occurs, ``n`` of them of
    two letters or more. Each distinct word is looked up once."""
    from newslint.text.spelling import lexicon

    in_dictionary = lexicon().in_dictionary
    return sum(k for w, k in counts.items() if len(w) > 1 and in_dictionary(w)) >= DICTIONARY_SHARE * n


@cache
def lexicon_words(key: str) -> frozenset[str]:
    """A word list of rules/data/typos-lexicon.yaml (function-words, doubles ...), loaded once."""
    return load_words("typos-lexicon", key)


@cache
def _long_function_words() -> frozenset[str]:
    """The function words of two letters or more: those ``_prose_like`` weighs."""
    return frozenset(w for w in lexicon_words("function-words") if len(w) > 1)


def _title_cased(toks: list[Word]) -> bool:
    long = [t for t in toks if len(t.text) >= 4]
    return bool(long) and sum(t.text[0].isupper() for t in long) / len(long) >= 0.6
