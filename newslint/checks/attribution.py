"""attribution/*: claims, figures and quotes that nobody stands behind, and sources the reader
cannot weigh.

Every rule reads the shared analysis of ``newslint/text/attribution.py`` (who said what). A
sentence counts as attributed when it carries a cue (a reporting verb with a speaker, "according
to", "per", "citing", a link), lies inside attributed quoted speech, or sits in a paragraph that
carries a cue elsewhere: wire copy states figures in a context attributed a sentence earlier or
later, and precision comes first. Headlines are never checked: they compress attribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, wraps
from typing import NamedTuple, TypeVar

from newslint.data import load_data
from newslint.model import Article, BlockKind, Finding, Severity
from newslint.rule import Context, Rule
from newslint.text import rx
from newslint.text.attribution import (
    Attribution,
    Cue,
    QuoteSpeech,
    Speaker,
    SpeakerKind,
)
from newslint.text.literals import Gate, literal_gate

_T = TypeVar("_T")
_R = TypeVar("_R", bound=Rule)
_CLAIM_KINDS = frozenset({BlockKind.DEK, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_SOURCE_KINDS = frozenset({BlockKind.DEK, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_FIRST_PERSON = rx.compile(r"\b(?:I|I'm|I've|I'd|we|We|my|My|our|Our|me|us)\b")
# a run of non-space characters with a digit, matched from its start only (no retrying inside it)
_NUMERIC_WORD = rx.compile(r"(?<!\S)[^\s\d]*\d\S*")
_DIGIT = rx.compile(r"\d")
_VERSUS = rx.compile(r"\bvs\.?\s")


def _english_only(
    check: Callable[[_R, Article, Context], Iterator[Finding]],
) -> Callable[[_R, Article, Context], Iterator[Finding]]:
    """A rule's ``check`` that reports nothing on an article whose body is not English (the
    lexicons are English). The language test is costly and most articles have nothing to
    report, so it runs only once there is a finding."""

    @wraps(check)
    def checked(rule: _R, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        for finding in check(rule, article, ctx):
            if not attr.english:
                return
            yield finding

    return checked


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# A test of a sentence outside quoted speech: its ``Attribution.plain`` text, that text
# lowercased (``Attribution.lowered``) and the set of its words (``Attribution.words``).
_Test = Callable[[str, str, frozenset[str]], _T | None]


class _Wordlist(NamedTuple):
    """A lexicon matched by set lookups (single words) and substrings (phrases): far cheaper
    than one large regular-expression alternation. (The records of this module are named
    tuples: a frozen dataclass costs several times more to define at import.)"""

    words: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, entries: list[str]) -> _Wordlist:
        items = [" ".join(str(e).lower().split()) for e in entries]
        return cls(frozenset(e for e in items if " " not in e), tuple(e for e in items if " " in e))

    def found(self, low: str, words: frozenset[str]) -> bool:
        """Whether a lowercased sentence ``low`` (its words ``words``, as in ``Attribution.words``)
        holds an entry."""
        return not self.words.isdisjoint(words) or any(p in low for p in self.phrases)


def _tabular(text: str) -> bool:
    """A line of figures rather than prose ("Shr 1.05 dlrs vs 90 cts")."""
    numeric = len(_NUMERIC_WORD.findall(text)) if _DIGIT.search(text) else 0
    return numeric * 3 >= len(text.split()) or (numeric >= 2 and bool(_VERSUS.search(text)))


class _Paragraphs(NamedTuple):
    """Which body paragraphs carry attribution cues, in reading order."""

    order: tuple[int, ...]  # block indices of the body paragraphs
    cued: frozenset[int]  # block indices with at least one cue

    @classmethod
    def of(cls, article: Article, attr: Attribution) -> _Paragraphs:
        order = tuple(i for i, b in enumerate(article.blocks) if b.kind in _CLAIM_KINDS or b.kind is BlockKind.QUOTE)
        cued = frozenset(s.block for s, cues in zip(attr.sentences, attr.cues) if cues)
        return cls(order, cued)

    def uncued(self) -> frozenset[int]:
        """The paragraphs with no cue in them or in the paragraph before them."""
        order, cued = self.order, self.cued
        return frozenset(b for k, b in enumerate(order) if b not in cued and (k == 0 or order[k - 1] not in cued))

    def lead(self) -> frozenset[int]:
        """The paragraphs with no cue in them, in any paragraph before them or in the next one:
        those before the first paragraph with a cue, less the one just before it."""
        first = next((k for k, b in enumerate(self.order) if b in self.cued), len(self.order) + 1)
        return frozenset(self.order[: max(0, first - 1)])


def _paragraphs(article: Article) -> _Paragraphs:
    """The article's ``_Paragraphs`` (worked out once, for the rules that ask)."""
    return article.memo("attribution/paragraphs", lambda: _Paragraphs.of(article, article.attribution))


@cache
def _scale() -> re.Pattern[str]:
    """A scale word ("million", "bn", "5m"): read only for an amount of money (compiled on first use)."""
    return rx.compile(r"(?:million|billion|trillion|mln|bln|bn)\b|\d[mk]\b", re.IGNORECASE)


def _prose(text: str) -> bool:
    """A full sentence, not a heading, caption or product line: it ends in punctuation."""
    return text.rstrip()[-1:] in ".!?\"”’)"


def _table_article(article: Article) -> bool:
    """A results table or data sheet: two or more paragraphs are lines of figures."""
    return sum(1 for b in article.paragraphs if _tabular(b.text)) >= 2


def _attributed(attr: Attribution, article: Article, index: int, strict: bool = False) -> bool:
    """Whether sentence ``index`` is covered by attribution (anywhere in its paragraph; when
    ``strict``, in the sentence itself or the one before or after it), quoted speech, or the
    writer's own first-person account."""
    if attr.quote_of(index) is not None:
        return True
    if strict and _adjacent_cue(attr, index):
        return True
    if not strict and attr.context(index) is not None:
        return True
    s = attr.sentences[index]
    if _FIRST_PERSON.search(attr.plain[index]):
        return True
    block = article.blocks[s.block]
    if block.kind is BlockKind.LIST_ITEM:
        return _list_intro_cue(attr, article, index)
    return False


def _adjacent_cue(attr: Attribution, index: int) -> bool:
    """A cue in sentence ``index`` or the sentence before or after it in the same paragraph."""
    block = attr.sentences[index].block
    return any(
        attr.cues[j]
        for j in (index - 1, index, index + 1)
        if 0 <= j < len(attr.sentences) and attr.sentences[j].block == block
    )


def _list_intro_cue(attr: Attribution, article: Article, index: int) -> bool:
    """A list item inherits the attribution of the paragraph that introduces the list."""
    j = index - 1
    while j >= 0 and article.blocks[attr.sentences[j].block].kind is BlockKind.LIST_ITEM:
        j -= 1
    return j >= 0 and bool(attr.cues[j] or attr.paragraph_cues(j))


# -- claims that need a source ------------------------------------------------------------------


_PERCENT_MARKS = ("%", "per", "pct")  # a lowercased percentage holds one of these


class _ClaimPatterns(NamedTuple):
    casualty_source: str  # the casualty-count expression, compiled on first use (``_casualty``)
    currencies: tuple[str, ...]  # the currency words of ``money`` (letters only)
    casualty_words: _Wordlist  # a casualty count needs one of these words
    percent: re.Pattern[str]
    money: re.Pattern[str]
    price_context: _Wordlist
    measure: _Wordlist
    accusation: re.Pattern[str]
    superlative: re.Pattern[str]
    claims: _Prefiltered  # accusations, then superlatives

    def casualty_word_in(self, text: str, low: str, words: frozenset[str]) -> bool:
        """Whether the sentence has a casualty word (a ``_Test``)."""
        return self.casualty_words.found(low, words)

    def figure_in(self, text: str, low: str, words: frozenset[str]) -> re.Match[str] | None:
        """The first percentage in ``text``, else its first amount of money (a ``_Test``). Both
        need a digit, and each expression runs only when the sentence has what it needs (the
        percent marks have no letter IGNORECASE matches in a character ``str.lower`` keeps
        apart: "ſ", "ı", "İ")."""
        if not _DIGIT.search(text):
            return None
        m = self.percent.search(text) if any(mark in low for mark in _PERCENT_MARKS) else None
        if m is None and self._may_be_money(low, words):
            m = self.money.search(text)
        return m

    def _may_be_money(self, low: str, words: frozenset[str]) -> bool:
        """Whether the money expression may match a sentence (``low`` lowercased, ``words`` its
        words): it needs a currency sign or a currency word. A currency word follows a digit or a
        space and ends the word, so it is one of ``words`` unless a ' ’ or - follows it; and the
        long s "ſ", which IGNORECASE matches for "s", stays itself in ``low``."""
        if "$" in low or "€" in low or "£" in low or "¥" in low or not words.isdisjoint(self.currencies):
            return True
        if "ſ" in low:
            return True
        joined = "'" in low or "’" in low or "-" in low
        return joined and any(c in low for c in self.currencies)


class _Prefiltered(NamedTuple):
    """Expressions, each behind its literal pre-filter (``newslint.text.literals.Gate``): a
    sentence only runs the expressions whose required literals the article and the sentence
    contain. (Blanking quoted speech out of a sentence adds no literal the article lacks: a
    blanked span is delimited by quote marks, which are not word characters.)"""

    tests: tuple[tuple[re.Pattern[str], Gate], ...]

    @classmethod
    def of(cls, *patterns: re.Pattern[str]) -> _Prefiltered:
        return cls(tuple((pattern, literal_gate(pattern)) for pattern in patterns))

    def searcher(self, article: Article) -> _Test[re.Match[str]]:
        """A search of the sentences of ``article`` (their text, or a part of it with quoted
        speech blanked out, and that text lowercased) giving the match of the first expression
        that matches."""
        tests = [(pattern, gate, ways) for pattern, gate in self.tests if (ways := gate.ways(article)) != []]

        def search(text: str, low: str, words: frozenset[str]) -> re.Match[str] | None:
            for pattern, gate, ways in tests:
                if gate.in_piece(low, ways):
                    m = pattern.search(text)
                    if m is not None:
                        return m
            return None

        return search


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


@cache
def _claims() -> _ClaimPatterns:
    data = load_data("attribution-claims")
    number = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_alternation(data['number-words'])}))"
    filler = rf"(?:{_alternation(data['casualty-people'])})"
    casualty = rf"(?:{_alternation(data['casualty-words'])})"
    about = r"(?:at\s+least\s+|more\s+than\s+|nearly\s+|about\s+|some\s+|over\s+)?"
    casualty_source = (
        rf"\b{about}{number}\b(?:\s+{filler}){{0,4}}\s+{casualty}\b"  # "at least 40 people were killed"
        rf"|\b(?:killing|killed|wounding|wounded|injuring|injured)\s+{about}{number}\b"  # "killing 12"
        rf"|\b(?:death|casualty)\s+toll\b[^.;]{{0,40}}?\b\d[\d,]*"  # "the death toll rose to 57"
    )
    amount = r"\d[\d,]*(?:\.\d+)?"
    currencies = tuple(str(w) for w in data["currency-words"])
    currency = rf"(?:{'|'.join(currencies)})"
    scale = r"(?:\s?(?:million|billion|trillion|mln|bln|bn|m|k)\b)?"
    money_re = rx.compile(
        rf"(?:(?<![\w$])(?:US|A|C|HK|NZ|S)?[$€£¥]\s?{amount}{scale})"
        rf"|\b{amount}\s?(?:(?:million|billion|trillion|mln|bln)\s+)?{currency}\b",
        re.IGNORECASE,
    )
    percent_re = rx.compile(rf"\b{amount}\s?(?:%|percent\b|per\s+cent\b|pct\b|percentage\s+points?\b)", re.IGNORECASE)
    accusation = rx.compile("|".join(f"(?:{p})" for p in data["accusations"]), re.IGNORECASE)
    superlative = rx.compile("|".join(f"(?:{p})" for p in data["superlatives"]), re.IGNORECASE)
    return _ClaimPatterns(
        casualty_source=casualty_source,
        currencies=currencies,
        casualty_words=_Wordlist.of([*data["casualty-words"], "killing", "wounding", "injuring", "toll"]),
        percent=percent_re,
        money=money_re,
        price_context=_Wordlist.of(data["price-context"]),
        measure=_Wordlist.of(data["measure-words"]),
        accusation=accusation,
        superlative=superlative,
        claims=_Prefiltered.of(accusation, superlative),
    )


@cache
def _casualty() -> re.Pattern[str]:
    """A casualty count: compiled only once a sentence has a casualty word (a large expression,
    which most runs never need)."""
    return rx.compile(_claims().casualty_source, re.IGNORECASE)


def _claim_sentences(
    article: Article,
    attr: Attribution,
    test: _Test[_T],
    strict: bool = False,
    within: frozenset[int] | None = None,
) -> Iterator[tuple[int, str, _T]]:
    """(index, unquoted text, what ``test`` found in it) of the dek and body sentences (of the
    blocks ``within``, if given) whose text outside quoted speech passes ``test`` and that no
    attribution covers (see ``_attributed``). The block, then ``test``, are tested first: they
    rule out most sentences for less."""
    blocks = article.blocks
    for i, s in enumerate(attr.sentences):
        if blocks[s.block].kind not in _CLAIM_KINDS or (within is not None and s.block not in within):
            continue
        text = attr.plain[i]
        found = test(text, attr.lowered[i], attr.words[i])
        if found and not _attributed(attr, article, i, strict):
            yield i, text, found


class UnattributedCasualties(Rule):
    id = "attribution/unattributed-casualties"
    severity = Severity.ERROR
    summary = "A casualty figure is given with no source"
    docs = """A count of dead, injured or missing people ("at least 40 people were killed",
    "killing 12") in a dek or body sentence that no attribution covers: no reporting verb with
    a speaker, no "according to", no link, no attributed quotation. Casualty figures are among
    the most disputed facts in conflict and disaster reporting; AP and Reuters require the
    source of every toll (police, health ministry, hospital officials, a named witness), and the
    BBC asks that uncorroborated figures be attributed. The check is strict: the source must
    stand in the sentence, the sentence before or after it in the paragraph, or an attributed
    quotation. Fix: say who gives the count in the same sentence ("..., the health ministry
    said")."""
    bad = (
        "# Blast hits market\n\nAt least 40 people were killed when a bomb exploded in the market on Friday.\n",
        "# Clashes\n\nThe clashes spread to the port overnight, killing 12 civilians and wounding dozens.\n",
    )
    good = (
        "# Blast hits market\n\nAt least 40 people were killed when a bomb exploded in the market on "
        "Friday, police said.\n",
        "# Blast hits market\n\nAccording to the health ministry, 12 people died. The toll may rise.\n",
        "# Blast hits market\n\nThe bomb went off at noon. At least 40 people were killed, police said.\n",
        "# Blast hits market\n\nThe two sides met for talks in Geneva on Friday.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        pats = _claims()
        for i, text, _ in _claim_sentences(article, attr, pats.casualty_word_in, strict=True):
            m = _casualty().search(text)
            if m is None:
                continue
            s = attr.sentences[i]
            yield self.finding(
                s.start + m.start(),
                s.start + m.end(),
                f"Casualty figure “{_short(m.group())}” has no source: say who gives the count "
                f"(police, a health ministry, hospital officials, a named witness) in the same sentence",
                claim=m.group(),
            )


class UnattributedFigure(Rule):
    id = "attribution/unattributed-figure"
    severity = Severity.WARNING
    summary = "A percentage or money figure is given with no source"
    docs = """A measured percentage or amount of money ("exports fell 12 percent", "a net worth
    of $17 million", "the bridge will cost $4.5 billion") in a body sentence that no attribution
    covers: no reporting verb with a speaker ("the company said", "data showed"), no "according
    to" or "per", no link, no attributed quotation. AP asks that every disputable fact the
    reporter did not witness be attributed; figures are the facts readers check first.

    Economic and company copy states figures in a context an earlier paragraph attributes ("the
    company said ..."), so a figure is only flagged when the story has named no source before
    it, nor in its own paragraph or the next. Figures that are part of an event ("voted to block
    $40 million in aid"), price tags and deals ("costs $799"; amounts in millions are never price
    tags), the writer's own first-person account, headings and tables are left alone. Fix: name
    the source of the figure ("..., the statistics office said")."""
    bad = (
        "# Exports slump\n\nExports fell 12 percent in May from a year earlier, the steepest drop "
        "since 2009.\n",
        "# Deficit\n\nThe trade deficit widened to 4.2 billion dollars in the quarter.\n",
    )
    good = (
        "# Exports slump\n\nExports fell 12 percent in May from a year earlier, the statistics office said.\n",
        "# Exports slump\n\nThe statistics office published its figures on Monday. Exports fell 12 percent "
        "in May, it said.\n",
        "# Phone review\n\nThe phone costs $799 and comes in three colours.\n",
        "# Results\n\nShr 1.05 dlrs vs 90 cts\n\nNet 5.1 mln vs 4.3 mln\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        lead = _paragraphs(article).lead()  # no source named before the figure (read first: it is cheaper)
        if not lead:
            return
        table: bool | None = None  # a results table (no finding at all): worked out for a finding only
        pats = _claims()
        for i, text, m in _claim_sentences(article, attr, pats.figure_in, within=lead):
            s = attr.sentences[i]
            low, words = attr.lowered[i], attr.words[i]
            if _tabular(text) or (pats.casualty_words.found(low, words) and _casualty().search(text)):
                continue
            if m.re is pats.money and not _scale().search(m.group()) and pats.price_context.found(low, words):
                continue  # a price tag, not a claim
            if not pats.measure.found(low, words):
                continue  # part of an event ("voted to block $40 million in aid"), not a measurement
            if not _prose(s.text):
                continue
            if table is None:
                table = _table_article(article)
            if table:
                return
            kind = "percentage" if m.re is pats.percent else "money figure"
            yield self.finding(
                s.start + m.start(),
                s.start + m.end(),
                f"Unattributed {kind} “{m.group()}” in “{_short(s.text)}”: say where the figure comes "
                f"from (a named organisation, report or data release) in the sentence or its paragraph",
                claim=m.group(),
            )


class UnattributedClaim(Rule):
    id = "attribution/unattributed-claim"
    severity = Severity.WARNING
    summary = "An accusation or sweeping superlative is stated as fact with no source"
    docs = """An accusation of wrongdoing ("was accused of", "allegedly", "carried out the
    attack", "was behind the bombing") or a sweeping superlative ("the deadliest attack in
    decades", "a record high", "unprecedented") in a body sentence that no attribution covers.
    AP: attribute any disputable fact; "allegedly" and "accused" must say who alleges or
    accuses. BBC: uncorroborated claims should normally be attributed. Stating guilt as fact is
    also a legal risk. Fix: say who makes the accusation or the comparison ("prosecutors
    say", "according to the weather service")."""
    bad = (
        "# Attack\n\nThe militia was behind the bombing of the convoy last week.\n",
        "# Fraud case\n\nThe former mayor allegedly embezzled public money for a decade.\n",
        "# Storm\n\nIt was the deadliest storm in decades.\n",
    )
    good = (
        "# Attack\n\nThe militia was behind the bombing of the convoy last week, the army said.\n",
        "# Fraud case\n\nProsecutors accused the former mayor of embezzling public money.\n",
        "# Storm\n\nThe storm flooded the coast road on Tuesday.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        uncued = _paragraphs(article).uncued()  # no cue in the paragraph or the one before
        if not uncued:
            return
        pats = _claims()
        for i, text, m in _claim_sentences(article, attr, pats.claims.searcher(article), within=uncued):
            s = attr.sentences[i]
            if m.re is pats.accusation:  # the searcher tries accusations first
                kind = "accusation"
            elif pats.price_context.found(attr.lowered[i], attr.words[i]):
                continue  # "the cheapest price" in a price listing
            else:
                kind = "superlative claim"
            yield self.finding(
                s.start + m.start(),
                s.start + m.end(),
                f"Unattributed {kind} “{_short(m.group())}” in “{_short(s.text)}”: say who makes it "
                f"(a named source, court, report) or drop it",
                claim=m.group(),
            )


# -- anonymous and vague sources ----------------------------------------------------------------


class _SourceWords(NamedTuple):
    reasons_source: str  # why a source is not named: compiled on first use (``_reasons``)
    counted: re.Pattern[str]
    singular: re.Pattern[str]


@cache
def _source_words() -> _SourceWords:
    data = load_data("anonymous-sources")
    return _SourceWords(
        reasons_source=rf"\b(?:{_alternation(data['reasons'])})",
        counted=rx.compile(
            r"\b(?:two|three|four|five|six|several|multiple|both|other|another|second|third|"
            r"all|each|\d+)\s+(?:[\w-]+\s+){0,2}sources\b|\b(?:another|second|third|each|other)\s+"
            r"(?:[\w-]+\s+){0,2}source\b|\bone\s+of\s+(?:the|those|these)\s+sources\b|\bthe\s+sources\b",
            re.IGNORECASE,
        ),
        singular=rx.compile(
            r"\b(?:the|a|one|this|that)\s+(?:[\w-]+\s+){0,2}source\b(?!\s+(?:of|code|material|text|file|data))",
            re.IGNORECASE,
        ),
    )


@cache
def _reasons() -> re.Pattern[str]:
    """Why a source is not named (compiled only once an unnamed source is met)."""
    return rx.compile(_source_words().reasons_source, re.IGNORECASE)


def _source_cues(article: Article) -> list[tuple[int, Cue, Speaker]]:
    """(sentence index, cue, speaker) of every cue in the dek and body outside quoted speech;
    one per speaker span (worked out once, for the four rules that read them)."""
    return article.memo("attribution/source-cues", lambda: list(_read_source_cues(article, article.attribution)))


def _read_source_cues(article: Article, attr: Attribution) -> Iterator[tuple[int, Cue, Speaker]]:
    seen: set[tuple[int, int]] = set()
    for i, s in enumerate(attr.sentences):
        if article.blocks[s.block].kind not in _SOURCE_KINDS:
            continue
        for cue in attr.cues[i]:
            sp = cue.speaker
            if sp is not None and (sp.start, sp.end) not in seen:
                seen.add((sp.start, sp.end))
                yield i, cue, sp


def _paragraph_text(article: Article, attr: Attribution, index: int) -> str:
    return article.blocks[attr.sentences[index].block].text


def _missing(article: Article, attr: Attribution, index: int, speaker: Speaker) -> list[str]:
    """What the reader is not told about an unnamed source."""
    out = []
    if not speaker.affiliated:
        out.append("who they are (office, organisation, role)")
    if not speaker.knowledge and speaker.role in ("source", "insider"):
        out.append("how they know")
    if not _reasons().search(_paragraph_text(article, attr, index)):
        out.append("why they are not named")
    return out


class BareSource(Rule):
    id = "attribution/bare-source"
    severity = Severity.WARNING
    summary = "A claim rests on an undescribed source (“a source said”, “officials say”)"
    docs = """A reporting cue whose speaker is an unnamed source with no description at all:
    "a source said", "sources say", "informed sources", "officials said", "a senior official
    told Reuters". AP: anonymous sources only for vital information, described as specifically
    as possible, with the reason for anonymity; "simply quoting 'a source', unmodified, is almost
    always prohibited". Reuters calls anonymous sources the weakest sources. Later references to
    a source already described ("the official said", "one official" after "Egyptian officials
    said") and "officials" next to the organisation they speak for ("The shelter announced ...
    Officials said") are not flagged. Fix: name the source, or say which organisation they
    belong to, how they know, and why they cannot be named."""
    bad = (
        "# Talks\n\nThe talks have collapsed, a source said.\n",
        "# Talks\n\nOfficials say the deal is off.\n",
    )
    good = (
        "# Talks\n\nThe talks have collapsed, said a European diplomat familiar with the "
        "negotiations, who spoke on condition of anonymity because the talks are private.\n",
        "# Talks\n\nThe talks have collapsed, Foreign Minister Jane Doe said.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        described: set[str] = set()  # roles already described earlier in the story
        flagged: set[str] = set()
        for i, cue, sp in _source_cues(article):
            if sp.kind is SpeakerKind.ANONYMOUS:
                described.add(sp.role)
            if sp.kind is not SpeakerKind.VAGUE or sp.role not in ("source", "official") or sp.definite:
                continue
            if sp.role in described or sp.text.lower() in flagged or _organisation_near(attr, i):
                continue
            flagged.add(sp.text.lower())
            missing = _missing(article, attr, i, sp)
            yield self.finding(
                sp.start,
                sp.end,
                f"Undescribed source “{sp.text}” ({cue.word}): the reader is not told "
                f"{_join(missing)}; name the source or describe them as specifically as possible",
                speaker=sp.text,
            )


def _organisation_near(attr: Attribution, index: int) -> bool:
    """A named person or organisation speaks in this sentence or the one before (same
    paragraph): "officials" then speak for it ("The shelter announced ... Officials said")."""
    block = attr.sentences[index].block
    named = (SpeakerKind.ORGANISATION, SpeakerKind.PERSON)
    for j in (index - 1, index):
        if j >= 0 and attr.sentences[j].block == block:
            if any(c.speaker is not None and c.speaker.kind in named for c in attr.cues[j]):
                return True
    return False


class AnonymousSource(Rule):
    id = "attribution/anonymous-source"
    severity = Severity.INFO
    summary = "An anonymous source is used without the reason for anonymity"
    docs = """A reporting cue whose speaker is unnamed but described ("a senior US official",
    "people familiar with the matter", "Iranian authorities", "industry sources") in a paragraph
    that does not say why the source is not named. AP allows anonymous sources only when the
    information is vital and the source reliable, and requires the story to say why anonymity
    was granted and how the source knows; Reuters calls anonymous sources the weakest sources.
    This is advice, not an error: the reader should be able to judge the source. Fix: give the
    reason ("who spoke on condition of anonymity because the talks are private") and how the
    source knows ("who attended the meeting"), or name the source."""
    bad = ("# Talks\n\nA senior US official said the talks remain on track.\n",)
    good = (
        "# Talks\n\nA senior US official who attended the meeting said the talks remain on track. "
        "The official spoke on condition of anonymity because the talks are private.\n",
        "# Talks\n\nThe talks remain on track, State Department spokesman Ned Price said.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        flagged: set[str] = set()
        for i, cue, sp in _source_cues(article):
            if sp.kind is not SpeakerKind.ANONYMOUS or sp.role not in ("source", "official", "insider") or sp.definite:
                continue
            missing = _missing(article, attr, i, sp)
            if "why they are not named" not in missing or sp.text.lower() in flagged:
                continue
            flagged.add(sp.text.lower())
            yield self.finding(
                sp.start,
                sp.end,
                f"Anonymous source “{sp.text}” ({cue.word}): the reader is not told "
                f"{_join(missing)}; give the reason for anonymity, or name the source",
                speaker=sp.text,
            )


@cache
def _outlet_words() -> frozenset[str]:
    """Words for media outlets ("newspapers", "press"), from ``rules/data/anonymous-sources.yaml``."""
    return frozenset(load_data("anonymous-sources")["outlet-words"])


class UnnamedOutlet(Rule):
    id = "attribution/unnamed-outlet"
    severity = Severity.WARNING
    summary = "A claim is attributed to media nobody names (“Iranian outlets”, “local media”)"
    docs = """A reporting cue whose speaker is an unnamed outlet or group of outlets: "local
    media reported", "Iranian outlets described", "an outlet affiliated with the Revolutionary
    Guards asserted", "according to media reports". The reader cannot judge a source they cannot
    identify, and secondary reporting must be credited (AP, Reuters: credit the news
    organisation whose report you use; BBC: be clear about the source of claims). Fix: name the
    outlet ("the Fars news agency, which is affiliated with the Revolutionary Guards, said")."""
    bad = (
        "# Talks\n\nAn outlet affiliated with the Revolutionary Guards asserted that the talks were over.\n",
        "# Fire\n\nThe fire destroyed three houses, local media reported.\n",
    )
    good = (
        "# Talks\n\nThe Fars news agency, which is affiliated with the Revolutionary Guards, said the "
        "talks were over.\n",
        "# Fire\n\nThe report said three houses burned down.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for _, cue, sp in _source_cues(article):
            if sp.kind is not SpeakerKind.VAGUE or sp.role != "media":
                continue
            if _outlet_words().isdisjoint(re.findall(r"\w+", sp.text.lower())):
                continue  # "according to reports" is hearsay: attribution/weasel-words
            yield self.finding(
                sp.start,
                sp.end,
                f"Unnamed outlet “{_short(sp.text)}” ({cue.word}): name the outlet so the reader can "
                f"judge it, and say how it is affiliated",
                speaker=sp.text,
            )


class PluralSources(Rule):
    id = "attribution/plural-sources"
    severity = Severity.WARNING
    summary = "“Sources” (plural) when the story only ever describes one source"
    docs = """The story attributes to "sources" in the plural, but elsewhere refers to a single
    source ("the source said", "a source close to the talks") and never counts more than one
    ("two sources", "both sources", "another source"). Reuters: never write "sources" when you
    have one source; the plural overstates how well a claim is corroborated. Fix: write "a
    source" (described), or say how many sources there are and how each knows."""
    bad = (
        "# Talks\n\nSources said the talks had collapsed. The source, who asked not to be named "
        "because the talks are private, said a new round was unlikely.\n",
    )
    good = (
        "# Talks\n\nTwo sources said the talks had collapsed. One of the sources, who asked not to be "
        "named because the talks are private, said a new round was unlikely.\n",
        "# Talks\n\nIndustry sources said output would fall.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        plural: list[Speaker] = []
        singular = False
        for _, _, sp in _source_cues(article):
            if sp.role != "source":
                continue
            if sp.plural:
                plural.append(sp)
            else:
                singular = True
        if not plural:
            return
        words = _source_words()
        prose = "\n".join(
            text for s, text in zip(attr.sentences, attr.plain) if article.blocks[s.block].kind in _SOURCE_KINDS
        )
        if words.counted.search(prose):
            return
        singular = singular or bool(words.singular.search(prose))
        if not singular:
            return
        sp = plural[0]
        yield self.finding(
            sp.start,
            sp.end,
            f"“{sp.text}” is plural, but the story only ever describes one source: write “a source” "
            f"(described), or say how many sources there are",
            speaker=sp.text,
        )


# -- weasel words ------------------------------------------------------------------------------


class _WeaselMatch(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # passive, groups or hearsay


class _Weasels(NamedTuple):
    """Weasel phrases as small expressions filed under an anchor word each, so a sentence only
    runs the expressions whose anchor it contains (compiled the first time a sentence has it:
    ``_anchor_patterns``)."""

    by_anchor: dict[str, tuple[tuple[str, str], ...]]  # anchor -> (expression, kind) of its phrases
    anchors: frozenset[str]  # the anchor words (a set: intersecting two sets walks the smaller)

    def search(self, text: str, words: frozenset[str]) -> _WeaselMatch | None:
        """The first (and longest) weasel phrase in ``text``, whose words (as in
        ``Attribution.words``) are ``words``."""
        found = [
            _WeaselMatch(m.start(), m.end(), m.group(), kind)
            for word in words & self.anchors
            for any_of, patterns in (_anchor_patterns(word),)
            if any_of is None or any_of.search(text)
            for pattern, kind in patterns
            if (m := pattern.search(text))
        ]
        return min(found, key=lambda w: (w.start, -w.end), default=None)


_BE = "(?:is|are|was|were|has been|have been|had been|'s)"
_SAY = (
    "(?:say|says|said|believe|believes|think|thinks|agree|agrees|argue|argues|claim|claims|note|notes|"
    "warn|warns|suggest|suggests)"
)
_WEASEL_GLUE = frozenset(
    "{be} {say} it is are was were has have had been be to that the of there who would could".split()
)
_WEASEL_LABELS = {
    "passive": "an agentless “it is said” construction",
    "groups": "an unnamed group holding the opinion",
    "hearsay": "a report or rumour from no named source",
}


@cache
def _weasels() -> _Weasels:
    data = load_data("weasel-phrases")
    by_anchor: dict[str, list[tuple[str, str]]] = {}
    for kind in ("passive", "groups", "hearsay"):
        for phrase in data[kind]:
            words = phrase.lower().split()
            anchor = [w for w in words if w not in _WEASEL_GLUE][-1]
            body = r"\s+".join(_BE if w == "{be}" else _SAY if w == "{say}" else re.escape(w) for w in words)
            by_anchor.setdefault(anchor, []).append((rf"\b{body}\b", kind))
    return _Weasels({k: tuple(v) for k, v in by_anchor.items()}, frozenset(by_anchor))


@cache
def _anchor_patterns(anchor: str) -> tuple[re.Pattern[str] | None, tuple[tuple[re.Pattern[str], str], ...]]:
    """The compiled expressions (with their kinds) of the weasel phrases filed under ``anchor``,
    and for an anchor with several, one expression matching where any of them does (else None)."""
    phrases = _weasels().by_anchor[anchor]
    patterns = tuple((rx.compile(source, re.IGNORECASE), kind) for source, kind in phrases)
    if len(phrases) == 1:
        return None, patterns
    return rx.compile("|".join(f"(?:{source})" for source, _ in phrases), re.IGNORECASE), patterns


class WeaselWords(Rule):
    id = "attribution/weasel-words"
    severity = Severity.WARNING
    summary = "A claim is put in nobody's mouth (“it is widely believed”, “experts say”, “reportedly”)"
    docs = """Weasel constructions that present a claim as held or reported by nobody in
    particular: agentless passives ("it is widely believed", "is said to be"), unnamed opinion
    groups ("experts say", "observers note", "many believe", "critics argue") and hearsay
    ("reportedly", "rumors have surfaced", "according to reports"), when no named source stands
    in the same sentence or the next or previous sentence of the paragraph. AP and Reuters ask
    that claims be attributed to a specific source; the BBC asks that uncorroborated claims be
    attributed; Wikipedia's "words to watch" guidance describes the same constructions. Quoted
    and reported speech ("the sources said beans are believed to ...") is left alone, and each
    phrase is reported once per article. Fix: name who believes, says or reported it, or cut
    the claim."""
    bad = (
        "# Talks\n\nIran is reportedly preparing to stop talks with the United States.\n",
        "# Talks\n\nIt is widely believed that the talks will fail.\n",
        "# Drug\n\nExperts say the drug is safe for children.\n",
    )
    good = (
        "# Talks\n\nIran is preparing to stop talks with the United States, the Tasnim news agency "
        "reported, citing a senior official.\n",
        "# Drug\n\nExperts say the drug is safe for children. “We found no side effects in two "
        "years,” said Jane Doe, who led the trial at City Hospital.\n",
        "# Talks\n\n“It is widely believed that the talks will fail,” the minister said.\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        attr = article.attribution
        weasels = _weasels()
        seen: set[str] = set()  # each phrase once per article
        for i, s in enumerate(attr.sentences):
            words = attr.words[i]
            if weasels.anchors.isdisjoint(words) or article.blocks[s.block].kind not in _SOURCE_KINDS:
                continue  # (no anchor word: the search finds nothing)
            if self._named_near(attr, i):
                continue  # (the named source test before the search: it is cheaper)
            text = attr.plain[i]
            m = weasels.search(text, words)
            if m is None or self._other_cue(attr, i, s.start + m.start, s.start + m.end):
                continue
            if m.kind == "groups" and _described_group(text, m.start):
                continue
            phrase = " ".join(m.text.lower().split())
            if phrase in seen:
                continue
            seen.add(phrase)
            yield self.finding(
                s.start + m.start,
                s.start + m.end,
                f"Weasel wording “{m.text}” ({_WEASEL_LABELS[m.kind]}) in “{_short(s.text)}”: name who "
                f"says, believes or reported it, or cut the claim",
                phrase=m.text,
            )

    @staticmethod
    def _other_cue(attr: Attribution, index: int, start: int, end: int) -> bool:
        """The sentence attributes its words to someone else: the weasel phrase is reported
        speech ("The sources said beans are believed to ...")."""
        return any(
            c.end <= start or c.start >= end
            for c in attr.cues[index]
            if c.speaker is None or not start <= c.speaker.start < end
        )

    @staticmethod
    def _named_near(attr: Attribution, index: int) -> bool:
        block = attr.sentences[index].block
        for j in (index - 1, index, index + 1):
            if 0 <= j < len(attr.sentences) and attr.sentences[j].block == block:
                if any(c.speaker and c.named and c.speaker.kind is not SpeakerKind.PRONOUN for c in attr.cues[j]):
                    return True
        return False


_UNDESCRIBING = frozenset("some many most other the these those several all both but and yet so".split())


def _described_group(text: str, start: int) -> bool:
    """A capitalised word right before the group describes it ("Congressional observers")."""
    words = text[:start].split()
    return bool(words) and words[-1][:1].isupper() and words[-1].isalpha() and words[-1].lower() not in _UNDESCRIBING


# -- quotations -------------------------------------------------------------------------------


def _speech(article: Article) -> Iterator[QuoteSpeech]:
    """Attributed quotations of the dek and body paragraphs (not headlines or block quotes)."""
    attr = article.attribution
    for qs in attr.speech:
        if article.blocks[qs.quote.block].kind in _SOURCE_KINDS:
            yield qs


class UnattributedQuote(Rule):
    id = "attribution/unattributed-quote"
    severity = Severity.WARNING
    summary = "Direct speech with no speaker"
    docs = """A quotation that reads as direct speech (a sentence, or six words or more; not a
    scare quote or a title) with no speaker named in its own sentence, the sentence before or
    the sentence after, not introduced by a colon or signed with a dash line, and not part of a
    quotation that continues across paragraphs with a named speaker. A quotation right after an
    attributed quoted paragraph continues that speaker (wire style), and one right after a
    sentence about a named person is theirs. Questions are left alone: they assert nothing.
    AP and Reuters: every direct quotation is attributed, and the reader must never wonder who
    is speaking. Fix: name the speaker next to the quote ("..., the minister said")."""
    bad = (
        "# Talks\n\nThe talks ended without a deal on Friday.\n\n"
        "“We will not come back to the table until the attacks stop.”\n",
    )
    good = (
        "# Talks\n\nThe talks ended without a deal on Friday.\n\n"
        "“We will not come back to the table until the attacks stop,” the foreign minister said.\n",
        "# Talks\n\nThe minister said the plan was “dead in the water”.\n",
        "# Talks\n\nThe minister said: “We will not come back.\n\n“Not until the attacks stop.”\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for qs in _speech(article):
            if qs.where or not qs.speech or qs.quote.inner.rstrip(" ”\"'’").endswith("?"):
                continue  # attributed, not speech, or a question (which asserts nothing)
            q = qs.quote
            yield self.finding(
                q.start,
                q.end,
                f"Quotation “{_short(q.inner, 10)}” has no speaker in its sentence or the sentences "
                f"around it: say who said it",
                quote=q.inner,
            )


class LateSpeaker(Rule):
    id = "attribution/late-speaker"
    severity = Severity.WARNING
    summary = "A multi-sentence quotation names its speaker only late"
    docs = """A quotation that runs for more than `max-sentences` sentences (default 3) before
    the reader learns who is speaking, or one that fills a whole paragraph of two sentences or
    more and names its speaker only in a later paragraph. Reuters: name the speaker of a quotation after its first
    sentence; readers should never have to wait to learn who is talking. The default tolerates
    the common two- and three-sentence quote closed by "she said"; set `max-sentences: 1` for
    the strict Reuters rule. Fix: move the attribution after the first quoted sentence ("“We are
    leaving,” the minister said. “The attacks ...”")."""
    defaults = {"max-sentences": 3}
    bad = (
        "# Talks\n\n“We will not come back to the table. The attacks must stop first. Nobody can "
        "negotiate under fire. We have said so for months,” the foreign minister said.\n",
        {"text": "# Talks\n\n“We will not come back. The attacks must stop,” the minister said.\n",
         "options": {"max-sentences": 1}},
        "# Talks\n\n“We will not come back to the table. The attacks must stop first.\n\n"
        "“Nobody can negotiate under fire,” the foreign minister said.\n",
    )
    good = (
        "# Talks\n\n“We will not come back to the table,” the foreign minister said. “The attacks must "
        "stop first. Nobody can negotiate under fire.”\n",
        "# Talks\n\nThe foreign minister said: “We will not come back to the table. The attacks must "
        "stop first. Nobody can negotiate under fire.”\n",
    )

    @_english_only
    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        limit = int(self.options["max-sentences"])
        for qs in _speech(article):
            if qs.cue is None or not (qs.lead > limit or qs.late >= 2):
                continue
            q = qs.quote
            where = "in a later paragraph" if qs.late >= 2 else "at its end"
            yield self.finding(
                q.start,
                q.end,
                f"Quotation runs {qs.lead} sentences before its speaker "
                f"(“{_short(qs.speaker.text if qs.speaker else qs.cue.word, 6)}”) is named {where}: "
                f"name the speaker after the first sentence",
                quote=q.inner,
            )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


RULES = (
    UnattributedCasualties,
    UnattributedFigure,
    UnattributedClaim,
    BareSource,
    AnonymousSource,
    UnnamedOutlet,
    PluralSources,
    WeaselWords,
    UnattributedQuote,
    LateSpeaker,
)
