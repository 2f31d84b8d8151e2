"""Literal pre-filters: skip a regular expression when a text cannot contain a match.

Most of newslint's big expressions (the YAML packs, the shopping and teaser wording of the spam
rules) match nothing in most articles. Running them still costs a scan of every block, and
compiling them costs start-up time. So each expression is parsed once and reduced to what any
match must contain: for each way it can match (each alternative of its top-level groups of
alternatives), a few clauses, each a set of literal strings one of which the match contains.

A literal is tested cheaply against the article: when it contains a complete word (a run of word
characters delimited by non-word characters or by ``\\b``, ``(?<!\\w)``, ``\\s+`` in the
expression), by looking that word up in the set of the article's lowercased words; otherwise by a
substring test on the lowercased text. Both are necessary conditions, so the filter never skips
a text the expression matches (every rule's good and bad examples run through it in the tests).

Case: literals are lowercased and the text is lowercased. Python's re with IGNORECASE also
equates "ı" (dotless i), "İ" and "ſ" (long s) with ASCII letters, which ``str.lower()`` does
not, and "İ" lowercases to two characters: a text containing one of them is never filtered.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.text import rx
from newslint.text.ascii import WORD_CHARS, runs

if TYPE_CHECKING:
    from newslint.model import Article, Block, BlockKind

MAX_CLAUSES = 4  # clauses kept per way of matching (the most selective ones)
MAX_WAYS = 16  # ways of matching expanded per expression
BOUND = "\0"  # in a literal: the text has a non-word character (or its start or end) here
_UNFILTERED = frozenset("\u0130\u0131\u017f")
_WORDS = rx.compile(r"\w+")
_WORD_CHAR = rx.compile(r"\w")
GRAM = 4  # length of the stretches of word characters (``Text.grams``) a literal without a word is looked up by
_GRAM = rx.compile(rf"\w{{{GRAM}}}")

Clause = frozenset[str]
Way = list[Clause]


def _plain(ch: str) -> str | None:
    """``ch`` lowercased when a text matching it contains that (ASCII, or a caseless symbol)."""
    if ch.isascii():
        return ch.lower()
    return ch if ch.lower() == ch == ch.upper() else None


class _Reader:
    """Clauses of parsed expressions (``re._parser``), for one expression's flags."""

    def __init__(self, unicode_words: bool) -> None:
        from re import _constants as c

        self.c = c
        self.bounds = unicode_words  # \b, \w and \W mean what the word set of the text means
        self.non_word = {c.CATEGORY_NOT_WORD, c.CATEGORY_SPACE, c.CATEGORY_LINEBREAK,
                         c.CATEGORY_UNI_NOT_WORD, c.CATEGORY_UNI_SPACE, c.CATEGORY_UNI_LINEBREAK}
        self.word = {c.CATEGORY_WORD, c.CATEGORY_UNI_WORD}
        self.edges = {c.AT_BEGINNING, c.AT_BEGINNING_LINE, c.AT_BEGINNING_STRING, c.AT_END, c.AT_END_LINE,
                      c.AT_END_STRING, c.AT_BOUNDARY, c.AT_UNI_BOUNDARY}

    def _non_word_class(self, items: Any) -> bool:
        """Whether a character class matches only non-word characters."""
        c = self.c
        for op, av in items:
            if op is c.CATEGORY and av in self.non_word:
                continue
            if op is c.LITERAL and not _WORD_CHAR.match(chr(av)):
                continue
            return False
        return bool(items)

    def _boundary(self, op: Any, av: Any) -> bool:
        """Whether an element puts a non-word character (or an edge of the text) here."""
        c = self.c
        if not self.bounds:
            return False
        if op is c.AT:
            return av in self.edges
        if op is c.ASSERT_NOT:  # (?<!\w), (?![\w@])
            body = list(av[1])
            return len(body) == 1 and body[0][0] is c.IN and any(
                o is c.CATEGORY and v in self.word for o, v in body[0][1])
        if op is c.IN:
            return self._non_word_class(av)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            body = list(av[2])
            return len(body) == 1 and body[0][0] is c.IN and self._non_word_class(body[0][1])
        return False

    def flat(self, items: Any) -> list[Any]:
        """A sequence with its plain groups, (?:...) or (...), spliced in: groups do not change
        what a match contains."""
        c = self.c
        out = []
        for op, av in items:
            if op is c.SUBPATTERN:
                if av[1] & re.ASCII:  # (?a:...): \b and \w mean ASCII words inside
                    self.bounds = False
                out += self.flat(av[-1])
            elif op is c.ATOMIC_GROUP:
                out += self.flat(av)
            else:
                out.append((op, av))
        return out

    def clauses(self, items: Any) -> Way:
        """Clauses of a sequence: each a set of literals one of which every match contains."""
        c = self.c
        items = self.flat(items)
        out: Way = []
        run: list[str] = []

        def flush() -> None:
            if run and any(ch != BOUND for ch in run):
                out.append(frozenset({"".join(run)}))
            run.clear()

        for op, av in items:
            if op is c.LITERAL:
                low = _plain(chr(av))
                if low is not None:
                    run.append(low)
                    continue
            elif op is c.IN:  # a class such as [Mm] that stands for one character, whatever the case
                lows = {_plain(chr(v)) if o is c.LITERAL else None for o, v in av}
                if len(lows) == 1 and None not in lows:
                    run.append(lows.pop())  # type: ignore[arg-type]
                    continue
            if self._boundary(op, av):
                if op is c.AT or op is c.ASSERT_NOT:  # zero-width: the run goes on
                    run.append(BOUND)
                    continue
                run.append(BOUND)  # consumes non-word characters: a new run starts after them
                flush()
                run.append(BOUND)
                continue
            if op is c.AT:  # other zero-width positions: the characters around stay adjacent
                continue
            flush()
            if op is c.SUBPATTERN:
                out += self.clauses(av[-1])
            elif op is c.ATOMIC_GROUP:
                out += self.clauses(av)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if av[0] >= 1:
                    out += self.clauses(av[2])
            elif op is c.BRANCH:
                best = [max(self.clauses(alt), key=_strength, default=None) for alt in av[1]]
                if all(best):
                    out.append(frozenset().union(*best))  # type: ignore[arg-type]
            # anything else (classes, lookarounds, back-references) requires no literal
        flush()
        return out

    def _branch(self, op: Any, av: Any) -> list[Any] | None:
        c = self.c
        while op is c.SUBPATTERN and len(av[-1]) == 1:
            op, av = av[-1][0]
        return [list(alt) for alt in av[1]] if op is c.BRANCH else None

    def ways(self, items: list[Any], budget: int) -> list[Way] | None:
        """Clauses for each way a sequence can match: its first group of alternatives that needs
        literals is replaced by each alternative in turn (so literals run across it: "the
        provided text"). None past ``budget`` ways."""
        items = self.flat(items)
        for i, (op, av) in enumerate(items):
            alts = self._branch(op, av)
            if alts is None or not all(self.clauses(alt) for alt in alts):
                continue
            if len(alts) > budget:
                return None
            out: list[Way] = []
            for k, alt in enumerate(alts):
                seq = items[:i] + alt + items[i + 1 :]
                # the alternatives still to come need one way each at least
                sub = self.ways(seq, budget - len(out) - (len(alts) - k - 1))
                out += sub if sub is not None else [self.clauses(seq)]
            return out
        return [self.clauses(items)]


def _words_of(literal: str) -> list[str]:
    """The complete words of a literal (delimited inside it)."""
    return [m.group() for m in _WORDS.finditer(literal) if m.start() > 0 and m.end() < len(literal)]


def _commonness(word: str) -> float:
    """How common a word is in English text (Zipf frequency, from the spelling lexicon)."""
    from newslint.text.spelling import lexicon

    return lexicon().zipf(word)


def _key_word(literal: str) -> str | None:
    """The complete word of a literal that is rarest in English (the one to look up), or None."""
    return min(_words_of(literal), key=lambda w: (_commonness(w), -len(w), w), default=None)


def _literal_commonness(literal: str) -> float:
    """How often a literal's test passes on ordinary text, as a Zipf-like figure."""
    word = _key_word(literal)
    if word is not None:
        return _commonness(word)
    # a fragment matches inside many words: a short one is common whatever it is (and its test,
    # a search of the whole text, costs more than a word look-up)
    return 8.0 - len(literal.replace(BOUND, ""))


def _strength(clause: Clause) -> int:
    """How selective a clause is, roughly (for choosing among alternatives while parsing): the
    length of its weakest literal's longest word (or text)."""
    return min(max(map(len, _words_of(lit)), default=len(lit.replace(BOUND, ""))) for lit in clause)


def _best(way: Way) -> Way:
    """The MAX_CLAUSES most selective clauses of a way, the most selective first; clauses whose
    literals all have a word to look up come first (their test is a set look-up, not a search)."""
    ranked = sorted(set(way), key=lambda cl: (any(_key_word(lit) is None for lit in cl),
                                              max(map(_literal_commonness, cl)), len(cl), sorted(cl)))
    return [cl for cl in ranked if any(lit.replace(BOUND, "") for lit in cl)][:MAX_CLAUSES]


def _parse(pattern: str, flags: int) -> Any:
    try:
        from re import _parser

        return _parser.parse(pattern, flags)
    except Exception:  # an unusual pattern: no filter
        return None


def required_alternatives(pattern: str, flags: int = 0) -> list[Way]:
    """For each way ``pattern`` can match, clauses of literals (lowercase, ``BOUND`` where the
    text has a non-word character or an edge) that a text it matches contains: one literal of
    each clause, the most selective clause first. Empty when some way needs no literal."""
    parsed = _parse(pattern, flags)
    if parsed is None:
        return []
    reader = _Reader(unicode_words=not parsed.state.flags & re.ASCII)
    items = list(parsed)
    ways = reader.ways(items, MAX_WAYS) or [reader.clauses(items)]
    ways = [_best(way) for way in ways]
    return ways if ways and all(ways) else []


def _bare(literal: str) -> str:
    return literal.replace(BOUND, "")


# -- the tests, remembered -------------------------------------------------------------------------
# Deriving the tests of an expression takes milliseconds (parsing it, expanding its alternatives,
# ranking literals by word frequency): more than a one-article run spends on the expression
# itself. So the tests are kept per process and in the user's cache folder, keyed by the
# expression and this module's VERSION (raise it when the derivation or the file changes). Each
# expression's tests are kept as marshal bytes of their own, decoded when asked for: loading the
# file then costs little however many expressions (of other configurations) it holds. What a
# process derives is saved by ``save_derived``: the engine calls it when a run ends and when a
# worker process exits.
VERSION = 2
MAX_STORED = 4096  # expressions remembered in the cache file
Check = tuple[tuple[str, str | None], ...]  # a clause: (literal text, its key word or None), rarest first


def _check(clause: Clause) -> Check:
    """A clause's literals as (text, its rarest complete word or None), rarest first."""
    return tuple(sorted(((_bare(lit), _key_word(lit)) for lit in clause),
                        key=lambda tw: (tw[1] is None, _literal_commonness(tw[0]) if tw[1] is None else
                                        _commonness(tw[1]), tw[0])))


def _store_path() -> Any:
    from newslint.text.lexcache import cache_folder

    return cache_folder() / f"literal-filters-{VERSION}.marshal"


def expression_checks(pattern: str, flags: int = 0) -> list[list[Check]]:
    """The tests of ``required_alternatives(pattern, flags)``: per way of matching, per clause,
    the literals to test (remembered; see above). Empty when the expression is not filtered."""
    import marshal

    store = _store()
    key = f"{flags}:{pattern}"
    stored = store.tests.get(key)
    if stored is not None:
        return marshal.loads(stored)  # type: ignore[no-any-return]
    checks = [[_check(cl) for cl in way] for way in required_alternatives(pattern, flags)]
    if len(store.tests) >= MAX_STORED:  # old expressions of edited local packs pile up: start afresh
        store.tests.clear()
    store.tests[key] = store.new[key] = marshal.dumps(checks)
    return checks


class _Store(NamedTuple):
    tests: dict[str, bytes]  # expression key -> its tests as marshal bytes
    new: dict[str, bytes]  # those this process derived since it last saved


@cache
def _store() -> _Store:
    """The tests derived so far (this process's memo, loaded from the cache file once)."""
    import marshal

    try:
        loaded = marshal.loads(_store_path().read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        loaded = {}
    return _Store(loaded if isinstance(loaded, dict) else {}, {})


def save_derived() -> None:
    """Add the tests this process derived since it last saved to the cache file."""
    from newslint.text.lexcache import merge_cache_entries

    store = _store()
    if store.new and merge_cache_entries(_store_path(), store.new, MAX_STORED, "literal-filters-*.marshal"):
        store.new.clear()


# -- testing texts ---------------------------------------------------------------------------------


class Text:
    """An article as the filters test it: its blocks (the only text rules run expressions on)
    joined by line breaks and lowercased, that text's set of words and of word stretches, which
    literals it contains, and lowercase copies of the blocks. Shared by every rule linting the
    article (``text_of``)."""

    __slots__ = ("lowered", "_words", "_grams", "_found", "_pieces", "_scoped", "_blocks")

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self.lowered = "\n".join(b.text for b in blocks).lower()
        self._words: frozenset[str] | None = None
        self._grams: frozenset[str] | None = None
        self._found: dict[str, bool] = {}
        self._pieces: dict[tuple[int, int], str] = {}
        self._scoped: dict[frozenset[BlockKind], list[Block]] = {}

    @property
    def words(self) -> frozenset[str]:
        """The runs of word characters (``\\w+``) of the lowercased text."""
        if self._words is None:
            low = self.lowered
            if low.isascii() or _ascii_words(low):  # the same runs, split in C
                self._words = frozenset(runs(low, WORD_CHARS))
            else:
                self._words = frozenset(_WORDS.findall(low))
        return self._words

    @property
    def grams(self) -> frozenset[str]:
        """Every stretch of ``GRAM`` characters inside a word: a literal holding ``GRAM`` word
        characters in a row can occur in the text only if that stretch is one of these."""
        if self._grams is None:
            self._grams = frozenset(w[i : i + GRAM] for w in self.words for i in range(len(w) - GRAM + 1))
        return self._grams

    def contains(self, literal: str) -> bool:
        """Whether the lowercased text contains ``literal``. Remembered: the filters of different
        expressions test many of the same literals, each a search of the whole text."""
        found = self._found.get(literal)
        if found is None:
            found = self._found[literal] = literal in self.lowered
        return found

    def piece(self, block: Block) -> str:
        """The block's text lowercased."""
        key = (block.start, block.end)
        low = self._pieces.get(key)
        if low is None:
            low = self._pieces[key] = block.text.lower()
        return low

    def in_scope(self, scope: frozenset[BlockKind]) -> list[Block]:
        """The blocks of these kinds, in order."""
        blocks = self._scoped.get(scope)
        if blocks is None:
            blocks = self._scoped[scope] = [b for b in self._blocks if b.kind in scope]
        return blocks


# Typographic punctuation, the usual characters outside ASCII in news copy: curly quotes, dashes,
# ellipsis, no-break space, bullets. None is a word character.
_TYPOGRAPHIC = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0\u2022\u00b7"


def _ascii_words(text: str) -> bool:
    """Whether the only characters of ``text`` outside ASCII are typographic punctuation: its
    words are then ASCII, and ``runs`` (which ends a run at any other character) splits it as
    ``\\w+`` does, in about half the time (with the words' set)."""
    for ch in _TYPOGRAPHIC:
        text = text.replace(ch, "")
    return text.isascii()


def text_of(article: Article) -> Text | None:
    """The ``Text`` of the article (built once per article: ``article.literal_text``), or None
    when it has a character that defeats the filters (see the module docs)."""
    return article.literal_text


def build_text(article: Article) -> Text | None:
    """A new ``Text`` of the article, or None when it has a character that defeats the filters."""
    tested = Text(article.blocks)
    if tested.lowered.isascii():
        return tested
    # look in the text as written: "İ".lower() is two characters, so the lowercased text no
    # longer shows it
    original = "\n".join(b.text for b in article.blocks)
    return None if any(ch in original for ch in _UNFILTERED) else tested


Keyed = tuple[tuple[str, str | None, str | None], ...]  # a clause: (literal, its key word, else its gram)


def _gram_of(text: str) -> str | None:
    """The first ``GRAM`` word characters in a row of a literal, or None."""
    m = _GRAM.search(text)
    return m.group() if m else None


def _keyed(clause: Check) -> Keyed:
    """A clause's literals with the gram of each literal that has no key word."""
    return tuple((text, word, None if word is not None else _gram_of(text)) for text, word in clause)


class Filter:
    """The literal test of one expression (or of each alternative of a pack rule), from its
    ``expression_checks``."""

    __slots__ = ("_plain", "_checks", "_clauses", "_by_word", "_by_gram", "_by_text", "_quick_words", "_quick_grams")

    def __init__(self, checks: list[list[Check]]) -> None:
        # the distinct clauses, and per way the numbers of its clauses after the first (the
        # first is the most selective; ways share clauses, each is tested once per text)
        index: dict[Check, int] = {}
        self._checks = [[index.setdefault(clause, len(index)) for clause in way[1:]] for way in checks]
        self._clauses = [_keyed(clause) for clause in index]
        # per way, per clause: the literals as plain text, for substring tests on a block
        self._plain = [[tuple([text for text, _ in clause]) for clause in way] for way in checks]
        # the ways by the words of their first clause; by the grams of its literals without a
        # word; by the texts of those without either
        self._by_word: dict[str, list[int]] = {}
        by_gram: dict[str, dict[str, list[int]]] = {}
        by_text: dict[str, list[int]] = {}
        for i, way in enumerate(checks):
            for text, word, gram in _keyed(way[0]):  # (a way may hold one word, or one literal, more than once)
                if word is not None:
                    self._by_word.setdefault(word, []).append(i)
                elif gram is not None:
                    by_gram.setdefault(gram, {}).setdefault(text, []).append(i)
                else:
                    by_text.setdefault(text, []).append(i)
        self._by_gram = {gram: tuple(texts.items()) for gram, texts in by_gram.items()}
        self._by_text = tuple(sorted(by_text.items()))
        self._quick_words = frozenset(self._by_word)
        self._quick_grams = frozenset(self._by_gram)

    @staticmethod
    def _holds(clause: Keyed, tested: Text, words: frozenset[str], grams: frozenset[str]) -> bool:
        """Whether the text contains one of the clause's literals: its word or gram first (a
        set look-up), then the whole literal (a search, ``Text.contains``)."""
        for text, word, gram in clause:
            if (gram is None or gram in grams) if word is None else word in words:
                if tested.contains(text):
                    return True
        return False

    def ways_in(self, tested: Text) -> list[int]:
        """The ways of matching that the text may satisfy (indices, in order); empty when none."""
        words = tested.words
        grams = tested.grams
        contains = tested.contains
        candidates: set[int] = set()
        for w in self._quick_words & words:
            candidates.update(self._by_word[w])
        for g in self._quick_grams & grams:
            for t, ways in self._by_gram[g]:
                if contains(t):
                    candidates.update(ways)
        for t, ways in self._by_text:
            if contains(t):
                candidates.update(ways)
        if not candidates:
            return []
        holds, clauses = self._holds, self._clauses
        known: dict[int, bool] = {}
        out = []
        for i in sorted(candidates):
            for c in self._checks[i]:
                found = known.get(c)
                if found is None:
                    found = known[c] = holds(clauses[c], tested, words, grams)
                if not found:
                    break
            else:
                out.append(i)
        return out

    def passes(self, tested: Text) -> bool:
        """False only when no way of matching can be satisfied by the text."""
        return bool(self.ways_in(tested))

    def ways_in_piece(self, lowered_piece: str, ways: list[int]) -> list[int]:
        """Those of ``ways`` that may match in a lowercased piece of the text (a block)."""
        plain = self._plain
        out = []
        for i in ways:
            for clause in plain[i]:
                for lit in clause:
                    if lit in lowered_piece:
                        break
                else:
                    break
            else:
                out.append(i)
        return out


class Gate:
    """The literal pre-filter of one compiled expression, for the Python rules that scan every
    block or line with a large expression: ``ways(article)`` gives the ways of matching the
    article's text may satisfy (None: not filtered, run the expression; empty: it cannot match
    anywhere), ``in_piece`` narrows them to a block or line."""

    __slots__ = ("_filter",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        checks = expression_checks(regex.pattern, regex.flags)
        self._filter = Filter(checks) if checks else None

    def ways(self, article: Article) -> list[int] | None:
        if self._filter is None:
            return None
        tested = text_of(article)
        return None if tested is None else self._filter.ways_in(tested)

    def in_piece(self, lowered_piece: str, ways: list[int] | None) -> bool:
        """Whether the expression may match in a lowercased block or line of the article."""
        if ways is None or self._filter is None:
            return True
        return bool(ways) and bool(self._filter.ways_in_piece(lowered_piece, ways))

    def __call__(self, article: Article) -> bool:
        """False only when the expression cannot match anywhere in the article's blocks."""
        ways = self.ways(article)
        return ways is None or bool(ways)


def literal_gate(regex: re.Pattern[str]) -> Gate:
    """The ``Gate`` of ``regex``; calling it with an article is False only when ``regex`` cannot
    match anywhere in the article's blocks."""
    return Gate(regex)
