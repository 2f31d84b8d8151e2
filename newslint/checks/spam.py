"""spam/*: sales pitches, affiliate links and scraped page furniture left in the article text.

Whole-line furniture of one fixed shape ("Advertisement", "Read more ... →", share counters,
newsletter prompts, copyright lines) is declarative, in ``rules/spam.yaml``. The rules here need
logic: a call to action that is either a whole widget line (removable) or part of a sentence,
affiliate links and where their disclosure sits, repeated lines, all-caps shouting, SEO FAQ blocks.
Phrase and domain lists are data in ``rules/data/`` (``spam-*.yaml``, ``affiliate-domains.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from newslint.data import load_data, load_words
from newslint.model import Article, Block, BlockKind, Edit, Finding, Fix, Severity
from newslint.rule import Context, Rule, remove_block_fix, remove_lines_fix
from newslint.text import rx
from newslint.text.literals import Gate, literal_gate
from newslint.text.urls import host_matches, parse_url

PROSE = frozenset({BlockKind.DEK, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM})
_LINE_KINDS = PROSE | {BlockKind.HEADLINE}  # the blocks the rules here read line by line
_LEAD = r"^[^\w\"“”‘’'«(\[]*"  # bullets, arrows and emoji before a widget's first word (not quotes)
# after a sentence's end and a space; the plain (?<=\s) first rules out most positions at once
# (re tries an expression that opens with a look-behind at every character of a line)
_SENTENCE_START = r"(?<=\s)(?:(?<=[.!?…]\s)|(?<=[.!?…][\"”’)]\s))"


class Line(NamedTuple):
    """One stripped line of a block: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())  # the runs of non-space characters


def block_lines(article: Article, kinds: frozenset[BlockKind]) -> list[Line]:
    """The non-empty lines of the blocks of ``kinds`` (some of ``_LINE_KINDS``), in order."""
    return [line for kind, line in _lines(article) if kind in kinds]


def _lines(article: Article) -> list[tuple[BlockKind, Line]]:
    """The lines of the blocks of ``_LINE_KINDS``, each with the kind of its block: split once per
    article (several rules read them)."""
    return article.memo("spam/lines", lambda: list(_split_lines(article)))


def _split_lines(article: Article) -> Iterator[tuple[BlockKind, Line]]:
    for block in article.blocks:
        kind, pos = block.kind, block.start
        if kind not in _LINE_KINDS:
            continue
        for raw in block.text.split("\n"):
            text = raw.strip()
            if text:
                start = pos + len(raw) - len(raw.lstrip())
                yield kind, Line(start, start + len(text), text)
            pos += len(raw) + 1


def quote(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _line_list(article: Article, spans: list[Line] | list[TrackedLink], limit: int = 8) -> str:
    """The line numbers of ``spans`` for a message: "30, 32, 43 … 140" when there are many."""
    lines = sorted({article.line_of(s.start) for s in spans})
    if len(lines) <= limit:
        return ", ".join(map(str, lines))
    return ", ".join(map(str, lines[: limit - 1])) + f" … {lines[-1]}"


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# -- shopping calls to action ------------------------------------------------------------------


@dataclass(frozen=True)
class ShoppingMatcher:
    """Compiled wording of ``rules/data/spam-shopping.yaml``."""

    strong_start: re.Pattern[str]
    weak_start: re.Pattern[str]
    inline: re.Pattern[str]
    max_words: int = 25
    max_weak_words: int = 12

    @cached_property
    def gates(self) -> tuple[Gate, Gate, Gate]:
        """Literal pre-filters of the three expressions (``newslint.text.literals``)."""
        return literal_gate(self.strong_start), literal_gate(self.weak_start), literal_gate(self.inline)

    def is_widget_line(self, line: str) -> bool:
        """Whether a whole line is a shopping button or label ("SHOP NOW", "Best deals →"). Two
        anchored matches: cheap enough to try on every line (words are counted only after one)."""
        if self.strong_start.match(line):
            return len(line.split()) <= self.max_words
        m = self.weak_start.match(line)
        if not m:
            return False
        words = len(line.split())
        if line[m.end() :].lstrip().startswith((":", "→", "|", "»")):
            return words <= self.max_words
        return words <= self.max_weak_words and (not line.endswith(".") or line.isupper())


@cache
def shopping() -> ShoppingMatcher:
    data = load_data("spam-shopping")
    guard = f"(?!{data['not-before']})"
    strong = _alternation(data["strong"])
    return ShoppingMatcher(
        strong_start=rx.compile(rf"{_LEAD}(?:{strong})\b{guard}", re.IGNORECASE),
        weak_start=rx.compile(rf"{_LEAD}(?:{_alternation(data['weak'])})\b", re.IGNORECASE),
        inline=rx.compile(
            rf"{_SENTENCE_START}(?:{strong})\b{guard}|\b(?:{_alternation(data['anywhere'])})\b", re.IGNORECASE
        ),
    )


class ShoppingCall(Rule):
    id = "spam/shopping-call"
    severity = Severity.WARNING
    summary = "A shopping call to action (\"click to buy\", \"shop now\", \"best deals\") in the copy"
    docs = """Commerce widgets and affiliate pitches scraped into the story: "SHOP AMAZON BEST
    SELLERS, CLICK TO BUY FROM AMAZON.", "Buy now", "See it at Amazon", "Today's best deals:
    ...", "Add to cart", in any casing. News copy that sells is advertising; if it earns a
    commission it is also an undisclosed endorsement (FTC Endorsement Guides, 16 CFR Part 255).

    A line that *starts* with a call to action is a widget line: it is reported once, with a safe
    fix that deletes it. Inside a sentence, only unmistakable calls are reported: "click to
    buy" and "add to cart" anywhere, "shop now"/"buy now"/"order now" where they open a sentence
    ("Great story. Shop now!"). Ordinary English is left alone: "the shop now employs 40",
    "buy now, pay later", "shoppers hunted for the best deals." Quoted speech is skipped.

    Many widget lines in one article (`commerce-at`, default 4) are one problem, not many: a deals
    post keeps its "Buy Now" buttons as layout, and an injected widget repeated down a story is one
    scraping fault. The rule then reports once, at the first widget line, naming every line, with
    one fix that deletes them all.

    Fix: delete the widget line; rewrite or remove the pitch inside a sentence. A deals post that
    is meant to run should be labelled as commerce content and disclose its affiliate links."""
    bad = (
        {"text": "Talks Collapse\n\nTalks collapsed on Monday, officials said.\n\n"
                 "SHOP AMAZON BEST SELLERS, CLICK TO BUY FROM AMAZON.\n", "path": "a.txt"},
        "# Phone launch\n\nThe phone goes on sale on Friday. Shop now!\n",
        "# Phone launch\n\nThe phone goes on sale on Friday.\n\nBest deals →\n",
        "# Five deals\n\nThe X100 headphones are $99.\n\nBuy Now\n\nThe Y20 speaker is $45.\n\nBuy Now\n\n"
        "The Z5 charger is $19.\n\nBuy Now\n\nThe Q7 cable is $9.\n\nBuy Now\n",
    )
    good = (
        "# Bakery\n\nThe shop now employs 40 people, the owner said.\n",
        "# Credit\n\nBuy now, pay later services grew 30% last year, regulators said.\n",
        "# Black Friday\n\nShoppers hunted for the best deals.\n",
        "# Ads\n\n“Click to buy,” the banner said, before the page crashed.\n",
    )
    defaults = {"commerce-at": 4}
    fixable = True

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        matcher = shopping()
        strong_gate, weak_gate, inline_gate = matcher.gates
        strong, weak, inline = strong_gate.ways(article), weak_gate.ways(article), inline_gate.ways(article)
        if strong == [] and weak == [] and inline == []:  # no wording of a call to action in the copy
            return
        # a widget line starts with its call to action: the anchored matches of ``is_widget_line``
        # rule a line out faster than the literal gates would
        may_be_widget = strong != [] or weak != []
        widgets: list[Line] = []
        for line in block_lines(article, PROSE):
            if may_be_widget and matcher.is_widget_line(line.text) and not article.in_quote(line.start, line.end):
                widgets.append(line)
                continue
            if inline == [] or not inline_gate.in_piece(line.text.lower(), inline):
                continue
            for m in matcher.inline.finditer(line.text):
                start, end = line.start + m.start(), line.start + m.end()
                if not article.in_quote(start, end):
                    yield self.finding(
                        start, end,
                        f"Shopping call to action “{m.group(0)}” in the copy: remove the sales pitch "
                        "(or move it to a labelled, disclosed commerce box)",
                    )
        yield from self._widgets(article, widgets)

    def _widgets(self, article: Article, widgets: list[Line]) -> Iterator[Finding]:
        """One finding per widget line, or one for them all when there are ``commerce-at`` or more."""
        if len(widgets) < int(self.options["commerce-at"]):
            for line in widgets:
                yield self.finding(
                    line.start, line.end,
                    f"Shopping call to action “{quote(line.text)}”: a sales widget line, not news; delete it",
                    fix=remove_block_fix(article, line.start, line.end, "delete the shopping line"),
                )
            return
        first = widgets[0]
        texts = sorted({quote(w.text, 30) for w in widgets})
        shown = ", ".join(f"“{t}”" for t in texts[:3]) + (", …" if len(texts) > 3 else "")
        yield self.finding(
            first.start, first.end,
            f"{len(widgets)} shopping widget lines ({shown}) at lines {_line_list(article, widgets)}: "
            "in news copy, delete them all (the fix does); a deals post that is meant to run needs a commerce "
            "label and an affiliate disclosure",
            fix=remove_lines_fix(article, [(w.start, w.end) for w in widgets], "delete the shopping lines"),
        )


# -- "Continue reading at X" -------------------------------------------------------------------


_TEASER_MAX_WORDS = 12  # a teaser line is short; a longer line opening "Keep reading." is prose


@cache
def _continue_reading() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("spam-continue-reading")
    line = rx.compile(rf"{_LEAD}(?:{_alternation(data['line'])})", re.IGNORECASE)
    inline = rx.compile(rf"{_SENTENCE_START}(?:{_alternation(data['inline'])})", re.IGNORECASE)
    return line, inline


@cache
def _continue_reading_gates() -> tuple[Gate, Gate]:
    line, inline = _continue_reading()
    return literal_gate(line), literal_gate(inline)


class ContinueReading(Rule):
    id = "spam/continue-reading"
    severity = Severity.WARNING
    summary = "A \"Continue reading at X\" teaser link: the copy is a truncated excerpt"
    docs = """"Continue reading at Reuters →", "Read the full story at ...", "Continue reading the
    main story", "Story continues below": the link of a teaser or paywalled excerpt. Left in the
    copy it sends the reader elsewhere, and usually means the story was cut off where the source
    stopped showing it.

    Reported as a whole line (safe fix: delete it) or at the end of a paragraph, after the last
    sentence ("... in the coming weeks. Continue reading at Reuters."; safe fix: delete that
    sentence). Quoted speech is skipped.

    Fix: delete the marker, and check that the story is complete and properly sourced."""
    bad = (
        {"text": "Talks Collapse\n\nTalks collapsed on Monday, officials said.\n\nContinue reading at Reuters →\n",
         "path": "a.txt"},
        "# Talks collapse\n\nTalks collapsed on Monday, officials said. Continue reading at Reuters.\n",
    )
    good = (
        "# School reading\n\nPupils will continue reading at home during the closure, the school said.\n",
        "# Talks collapse\n\n“Continue reading at your own risk,” the sign said.\n",
        "# Business coaching\n\nIf that sounds like you, keep reading. This guide shows how to start a business "
        "with less stress and fear.\n",
    )
    fixable = True

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        line_re, inline_re = _continue_reading()
        line_gate, inline_gate = _continue_reading_gates()
        lines, inline = line_gate.ways(article), inline_gate.ways(article)
        if lines == [] and inline == []:  # no teaser wording in the copy
            return
        for line in block_lines(article, PROSE):
            # the anchored match rules a line out faster than the literal gate would
            teaser = lines != [] and line_re.match(line.text) and line.words <= _TEASER_MAX_WORDS
            if teaser and not article.in_quote(line.start, line.end):
                yield self.finding(
                    line.start, line.end,
                    f"Teaser link “{quote(line.text)}”: the copy points readers elsewhere; delete the line "
                    "and check the story is complete",
                    fix=remove_block_fix(article, line.start, line.end, "delete the teaser line"),
                )
                continue
            if inline == [] or not inline_gate.in_piece(line.text.lower(), inline):
                continue
            for m in inline_re.finditer(line.text):
                start, end = line.start + m.start(), line.start + m.end()
                if article.in_quote(start, end):
                    continue
                cut = start
                while cut > line.start and article.text[cut - 1] in " \t":
                    cut -= 1
                yield self.finding(
                    start, end,
                    f"Teaser link “{m.group(0).strip()}” at the end of a paragraph: delete it and check the "
                    "story is complete",
                    fix=Fix("delete the teaser sentence", (Edit(cut, end, ""),)),
                )


# -- affiliate links ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AffiliateMarkers:
    """Compiled ``rules/data/affiliate-domains.yaml`` and ``spam-affiliate-disclosures.yaml``."""

    hosts: frozenset[str]
    amazon_hosts: frozenset[str]
    amazon_tag: re.Pattern[str]
    query_markers: frozenset[str]
    bare: re.Pattern[str]  # an affiliate host written without a scheme ("amzn.to/3xYz")

    @cached_property
    def bare_gate(self) -> Gate:
        return literal_gate(self.bare)

    @cached_property
    def disclosure(self) -> re.Pattern[str]:
        """Disclosure wording, compiled when first needed (most articles have no affiliate link)."""
        return rx.compile(_alternation(load_data("spam-affiliate-disclosures")["patterns"]), re.IGNORECASE)

    def classify(self, url: str) -> str | None:
        """What makes ``url`` an affiliate link ("amzn.to", "Amazon tag=shop-20"), or None."""
        parsed = parse_url(url)
        if parsed is None:
            return None
        if host_matches(parsed, self.hosts):
            return parsed.host
        for key, value in parsed.params():
            if key in self.query_markers:
                return f"{key}= marker"
            if key == "tag" and host_matches(parsed, self.amazon_hosts) and self.amazon_tag.match(value):
                return f"Amazon tag={value}"
        return None


@cache
def affiliate_markers() -> AffiliateMarkers:
    data = load_data("affiliate-domains")
    hosts = frozenset(str(h).lower() for h in data["hosts"])
    bare = "|".join(re.escape(h) for h in sorted(hosts, key=lambda h: (-len(h), h)))
    return AffiliateMarkers(
        hosts=hosts,
        amazon_hosts=frozenset(str(h).lower() for h in data["amazon-hosts"]),
        amazon_tag=rx.compile(data["amazon-tag"]),
        query_markers=frozenset(str(m).lower() for m in data["query-markers"]),
        bare=rx.compile(rf"(?<![\w./@-])(?:{bare})/[^\s)\]>\"”’]+", re.IGNORECASE),
    )


class TrackedLink(NamedTuple):
    """An affiliate link found in the text and what marks it as one."""

    start: int
    end: int
    block: int
    why: str


class AffiliateLink(Rule):
    id = "spam/affiliate-link"
    severity = Severity.ERROR
    summary = "An affiliate link without a disclosure next to it"
    docs = """Affiliate links pay the publisher a commission: Amazon Associates links (`tag=...-20`,
    `ascsubtag`, amzn.to) and the redirect hosts of the affiliate networks (Awin, Rakuten/LinkShare,
    Skimlinks, ShareASale, Partnerize, CJ, Impact ...; list in `rules/data/affiliate-domains.yaml`).
    The FTC Endorsement Guides (16 CFR Part 255, revised 2023) require that material connection to
    be disclosed clearly and conspicuously, near the link; a footer is not enough.

    - error: no disclosure anywhere in the article;
    - warning: a disclosure exists, but only far from the link (a footer, a distant paragraph).

    One disclosure in the opening covers every link below it, so the rule reports once per article,
    at the first undisclosed link, naming the lines of all of them.

    A disclosure counts as near when it is in the link's paragraph, within `near-blocks` blocks of
    it, or in the article's opening (headline, dek or the first two paragraphs) above the link.
    Disclosure wording ("As an Amazon Associate we earn from qualifying purchases", "we may earn a
    commission", "affiliate links") is listed in `rules/data/spam-affiliate-disclosures.yaml`.

    Fix: put a plain disclosure next to the link, e.g. "We earn a commission if you buy through
    this link.", or remove the affiliate tracking from the URL."""
    bad = (
        "# Best headphones\n\nThe X100 headphones cost $99 at [Amazon](https://amzn.to/3AbCdEf).\n",
        "# Best headphones\n\nThe X100 cost $99 at https://www.amazon.com/dp/B0123?tag=newsdeals-20 today.\n",
        {"text": "# Best headphones\n\nThe X100 cost $99 at [Amazon](https://amzn.to/3AbCdEf).\n\n"
                 "The battery lasts 30 hours.\n\nThe case is sturdy.\n\nThe app is clumsy.\n\n"
                 "As an Amazon Associate we earn from qualifying purchases.\n"},
    )
    good = (
        "# Best headphones\n\nThe X100 cost $99 at [Amazon](https://amzn.to/3AbCdEf). We earn a commission "
        "if you buy through this link.\n",
        "# Best headphones\n\nThe X100 cost $99 at [Amazon](https://www.amazon.com/dp/B0123).\n",
    )
    defaults = {"near-blocks": 1}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        markers = affiliate_markers()
        links = list(self._links(article, markers))
        if not links:
            return
        disclosed = [i for i, b in enumerate(article.blocks) if markers.disclosure.search(b.text)]
        opening = self._opening_end(article)
        near = int(self.options["near-blocks"])
        bare = [
            link for link in links
            if not any(abs(i - link.block) <= near or (i <= opening and i <= link.block) for i in disclosed)
        ]
        if not bare:
            return
        first = bare[0]
        what = f"Affiliate link ({first.why})" if len(bare) == 1 else (
            f"{len(bare)} affiliate links ({', '.join(sorted({b.why for b in bare}))}) at lines {_line_list(article, bare)}"
        )
        if disclosed:
            line = article.line_of(article.blocks[disclosed[0]].start)
            yield self.finding(
                first.start, first.end,
                f"{what} disclosed only far from the link (line {line}): put the disclosure next to the link or "
                "in the opening above it; a footer is not conspicuous (FTC Endorsement Guides)",
                severity=Severity.WARNING,
            )
        else:
            yield self.finding(
                first.start, first.end,
                f"{what} with no disclosure: add one next to the link or in the opening above it, e.g. “We earn "
                "a commission if you buy through this link.” (FTC Endorsement Guides)",
            )

    @staticmethod
    def _links(article: Article, markers: AffiliateMarkers) -> Iterator[TrackedLink]:
        taken: list[tuple[int, int]] = []
        for link in article.links:
            taken.append((link.start, link.end))
            why = markers.classify(link.url)
            if why:
                yield TrackedLink(link.start, link.end, link.block, why)
        if not markers.bare_gate(article):
            return
        for index, block in enumerate(article.blocks):
            if block.kind is BlockKind.CODE:
                continue
            for m in markers.bare.finditer(block.text):
                start = block.start + m.start()
                if not any(s <= start < e for s, e in taken):
                    yield TrackedLink(start, block.start + m.end(), index, m.group(0).split("/", 1)[0].lower())

    @staticmethod
    def _opening_end(article: Article) -> int:
        """Index of the last block of the article's opening (through its second paragraph)."""
        paragraphs = [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.PARAGRAPH][:2]
        return paragraphs[-1] if paragraphs else 0


# -- repeated lines ----------------------------------------------------------------------------

_STATEMENT_END = rx.compile(r"[.!…][\"”’)\]]*$")
_NUMERIC = rx.compile(r"^[\d.,:%$€£/–-]+$")


def _squeezed(line: str) -> str:
    """A stripped line with its runs of white space made single spaces (``" ".join(line.split())``).
    Most lines already are: a printable text holds no white space but " ", so one without a
    double space is returned as it is, without splitting it into words (a third of the time)."""
    if "  " not in line and line.isprintable():
        return line
    return " ".join(line.split())


class RepeatedLine(Rule):
    id = "spam/repeated-line"
    severity = Severity.WARNING
    summary = "A line or paragraph repeated verbatim"
    docs = """Scrapers and paste slips duplicate lines: the same shopping banner twice, a paragraph
    pasted twice. The second copy is always an error and reads as spam.

    Reported: a line that repeats an earlier line of the article exactly (white space aside) when
    it is a sentence (at least `min-words` words, ending in "." or "!", not mostly numbers), or
    when it repeats the line directly above it (at least 3 words). Repeated list labels and table
    rows ("Pay April 15", "Eat every 2-3 hours") and repeated questions (the same questions put to
    each guest of an interview series) are left alone.

    Fix: the safe fix deletes the later copy."""
    bad = (
        {"text": "Talks Collapse\n\nTalks collapsed on Monday, officials said.\n"
                 "Talks collapsed on Monday, officials said.\n", "path": "a.txt"},
        "# Talks collapse\n\nTalks collapsed on Monday in Geneva, officials said.\n\nThe next round is open.\n\n"
        "Talks collapsed on Monday in Geneva, officials said.\n",
    )
    good = (
        "# Dividends\n\nThe fund pays quarterly.\n\n- Pay April 15\n- Record April 1\n- Pay April 15\n",
        "# Three chefs\n\n## Ana\n\nWhat inspired you to start cooking at home?\n\nMy grandmother.\n\n## Ben\n\n"
        "What inspired you to start cooking at home?\n\nA cheap pan.\n",
        "# Talks collapse\n\nTalks collapsed on Monday, officials said.\n\nTalks resumed on Tuesday, officials said.\n",
    )
    defaults = {"min-words": 6}
    fixable = True

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        min_words = int(self.options["min-words"])
        first: dict[str, Line] = {}
        previous = ""
        for line in block_lines(article, _LINE_KINDS):
            key = _squeezed(line.text)
            earlier = first.get(key)
            if earlier is None:
                first[key] = line
            elif (key == previous and line.words >= 3) or self._is_sentence(key, min_words):
                at = article.line_of(earlier.start)
                yield self.finding(
                    line.start, line.end,
                    f"Repeated line “{quote(key)}” (first on line {at}): delete the duplicate",
                    fix=remove_block_fix(article, line.start, line.end, "delete the repeated line"),
                    first_line=at,
                )
            previous = key

    @staticmethod
    def _is_sentence(text: str, min_words: int) -> bool:
        words = text.split()
        numeric = sum(1 for w in words if _NUMERIC.match(w))
        return len(words) >= min_words and bool(_STATEMENT_END.search(text)) and numeric * 5 <= len(words)


# -- all-caps shouting -------------------------------------------------------------------------

_CAPS_WORD = rx.compile(r"[A-Za-z][A-Za-z'’]*")
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"


@cache
def _function_words() -> frozenset[str]:
    return load_words("spam-shouting")


class ShoutingLine(Rule):
    id = "spam/shouting-line"
    severity = Severity.WARNING
    summary = "A sentence written in all capitals"
    docs = """A whole line of sentences in capitals ("DON'T MISS THIS INCREDIBLE OFFER FOR OUR
    READERS!") is a sales or clickbait banner, not news copy; no news style shouts.

    Only sentence-like lines are reported: at least `min-words` words, letters at least 90%
    capitals, at least two short function words (TO, THE, YOUR ...: list in
    `rules/data/spam-shouting.yaml`) and ending in "." or "!" or containing "!". Headlines and
    subheadings in capitals ("WHAT YOU NEED TO KNOW"), acronyms, tables and all-caps wire lists
    ("PARANA STATE: UMUARAMA NIL, LONDRINA NIL.") are left alone, and so is quoted speech. A
    shopping widget line in capitals is reported by spam/shopping-call instead.

    Fix: remove the banner, or rewrite the sentence in normal case."""
    bad = (
        "# Talks collapse\n\nTalks collapsed on Monday, officials said.\n\n"
        "DON'T MISS THIS INCREDIBLE OFFER FOR OUR READERS!\n",
    )
    good = (
        "# Talks collapse\n\nTalks collapsed on Monday, officials said.\n\nWHAT YOU NEED TO KNOW\n\n"
        "The next round is open.\n",
        "# Rain\n\nRainfall was recorded in the areas.\n\nPARANA STATE: UMUARAMA NIL, LONDRINA NIL, MARINGA 1.5 MM.\n",
        {"text": "Talks Collapse\n\nTalks collapsed on Monday.\n\nSHOP AMAZON BEST SELLERS, CLICK TO BUY FROM AMAZON.\n",
         "path": "a.txt"},
    )
    defaults = {"min-words": 4}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        function_words = _function_words()
        min_words = int(self.options["min-words"])
        shop = shopping()
        kinds = PROSE - {BlockKind.HEADING}
        for line in block_lines(article, kinds):
            text = line.text
            if not (text.endswith((".", "!")) or "!" in text):
                continue
            # at least 90% capitals: a line with more ASCII lowercase letters than a tenth of
            # its characters cannot be (a quick test before counting every letter)
            raw = text.encode("utf-8", "surrogatepass")  # only ASCII characters give ASCII bytes: counted in C
            ascii_lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
            if 9 * ascii_lower > len(text) - ascii_lower:
                continue
            upper, lower = sum(map(str.isupper, text)), sum(map(str.islower, text))
            if upper == 0 or upper < 9 * lower or line.words < min_words:  # letters at least 90% capitals
                continue
            words = _CAPS_WORD.findall(text)
            if sum(w.replace("’", "'") in function_words for w in words) < 2:
                continue
            if shop.is_widget_line(text) or article.in_quote(line.start, line.end):
                continue
            yield self.finding(
                line.start, line.end,
                f"All-capitals line “{quote(text)}”: shouting reads as a sales banner; remove it or rewrite "
                "it in normal case",
            )


# -- SEO FAQ blocks ----------------------------------------------------------------------------

_FAQ_HEADING = rx.compile(
    r"^[\W_]*(?:frequently\s+asked\s+questions|faqs?|people\s+also\s+ask)(?:\s*\(faqs?\))?"
    r"(?:\s+(?:about|on)\s+[^.!?\n]{1,60})?[\s:.*_]*$",
    re.IGNORECASE,
)
_QUESTION = rx.compile(r"^[\W_]*(?:q\s*\d*\s*[.:)\-–]|question\s*\d*\s*[.:])|\?[\W_]*$", re.IGNORECASE)
_FAQ_KINDS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE})
_STORY_KINDS = frozenset({BlockKind.DEK, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE})


class FaqBlock(Rule):
    id = "spam/faq-block"
    severity = Severity.WARNING
    summary = "An SEO \"Frequently Asked Questions\" block appended to the story"
    docs = """Content farms append a "Frequently Asked Questions" block of questions and one-paragraph
    answers that restate the story for search engines ("Q. Why did Iran cancel the talks?"). It
    repeats the article, pads it, and marks the copy as machine-assembled.

    Reported: a "Frequently Asked Questions" / "FAQ" / "People also ask" heading after at least
    `min-paragraphs-before` paragraphs of story (dek included), followed by at least
    `min-questions` questions (lines starting "Q." / "Question 1:" or ending in "?"), each with
    at most one answer paragraph. An explainer that *is* an FAQ from its top is left alone.

    Fix: delete the block. The fix is offered but not applied automatically (`safe: false`): it
    removes several paragraphs, and an editor should confirm they hold nothing the story needs."""
    bad = (
        {"text": "Talks Collapse\n\nTalks collapsed on Monday, officials said.\n\nThe next round is open.\n\n"
                 "Frequently Asked Questions\n\nQ.Why did the talks collapse?\n\nOfficials cited recent attacks.\n\n"
                 "Q.When will they resume?\n\nNo date has been set.\n", "path": "a.txt"},
    )
    good = (
        {"text": "Tax Changes Explained\n\nFrequently Asked Questions\n\nQ. Who pays the new tax?\n\n"
                 "Households earning over $400,000.\n\nQ. When does it start?\n\nIn January.\n", "path": "a.txt"},
        "# Talks collapse\n\nTalks collapsed on Monday, officials said.\n\nThe next round is open.\n\n"
        "## FAQ\n\nThe ministry's FAQ page was updated on Tuesday.\n",
    )
    defaults = {"min-questions": 2, "min-paragraphs-before": 2}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        blocks = article.blocks
        before = 0
        for i, block in enumerate(blocks):
            if block.kind not in _FAQ_KINDS or not _FAQ_HEADING.match(block.text.strip()):
                before += block.kind in _STORY_KINDS
                continue
            if before < int(self.options["min-paragraphs-before"]):
                continue
            questions, last = self._extent(blocks, i)
            if questions < int(self.options["min-questions"]):
                continue
            start, end = block.start, blocks[last].end
            fix = remove_block_fix(article, start, end, "delete the FAQ block")._replace(safe=False)
            yield self.finding(
                start, end,
                f"SEO FAQ block “{quote(block.text, 40)}” with {questions} questions appended to the story: "
                "delete it; it restates the story for search engines, not readers",
                fix=fix, questions=questions,
            )
            return

    @staticmethod
    def _extent(blocks: list[Block], heading: int) -> tuple[int, int]:
        """(number of questions, index of the last block) of the Q&A run after ``heading``."""
        questions, last, answered = 0, heading, True
        for j in range(heading + 1, len(blocks)):
            block = blocks[j]
            if block.kind not in _FAQ_KINDS:
                break
            if _QUESTION.search(block.text.strip()):
                questions, last, answered = questions + 1, j, False
            elif not answered and block.kind is not BlockKind.HEADING:
                last, answered = j, True
            else:
                break
        return questions, last


RULES = (ShoppingCall, ContinueReading, AffiliateLink, RepeatedLine, ShoutingLine, FaqBlock)
