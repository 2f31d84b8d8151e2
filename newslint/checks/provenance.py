"""provenance/*: does the article name and link the sources it was built from, and can they be true?

Source entries are the items of the article's source list and the sources given in metadata.
Outlets, platforms and kinds of source come from ``rules/data/source-registry.yaml``; a newsroom
adds its own outlets under the top-level config key ``source-registry`` (same entry shape).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any, NamedTuple

from newslint.data import load_data
from newslint.model import (PUBLISHED_KEYS, SOURCE_KEYS, UPDATED_KEYS, Article, BlockKind, Edit, Finding, Fix,
                            Severity)
from newslint.rule import Context, Rule, remove_block_fix
from newslint.text import postids
from newslint.text import rx
from newslint.text.links import find_handles, handle_spans, url_spans
from newslint.text.sources import Outlet, SourceRegistry, source_registry
from newslint.text.urls import (
    Url,
    chatbot_source,
    is_home_page,
    normalise,
    parse_url,
    shortener,
    social_link,
    strip_tracking,
    tracking_params,
)

SOCIAL_KINDS = frozenset({"social-account", "influencer"})
STATE_KINDS = frozenset({"state-affiliated", "official"})
_TEXT_KINDS = (BlockKind.HEADLINE, BlockKind.DEK, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


# -- source entries ---------------------------------------------------------------------------------
class Entry(NamedTuple):
    """One source entry: a source-list item, or a source given in metadata."""

    start: int
    end: int
    text: str
    meta: bool  # given in metadata rather than in the source list


class EntryLink(NamedTuple):
    """A URL inside a source entry (offsets into the article text)."""

    start: int
    end: int
    raw: str
    url: Url


def source_entries(article: Article) -> list[Entry]:
    """The source-list items, then the metadata sources (located inside their front-matter span)."""
    out = [Entry(b.start, b.end, b.text, False) for b in article.source_items]
    span = next((article.meta_spans[k] for k in SOURCE_KEYS if k in article.meta_spans and article.meta.get(k)), None)
    cursor = span[0] if span else 0
    for value in article.meta_sources:
        pos = article.text.find(value, cursor, span[1]) if span else -1
        if pos == -1:
            start, end = span if span else article.anchor
        else:
            start, end = pos, pos + len(value)
            cursor = end
        out.append(Entry(start, end, value, True))
    return out


def entry_links(article: Article, entry: Entry) -> list[EntryLink]:
    """URLs in an entry: the article's links inside a list item, or the metadata value itself."""
    if entry.meta:
        spans = [(s, e, raw) for s, e, raw, _ in url_spans(entry.text)]
        if not spans and " " not in entry.text.strip() and "." in entry.text:
            spans = [(0, len(entry.text), entry.text)]
        found = [(entry.start + s, entry.start + e, raw) for s, e, raw in spans]
    else:
        found = [(ln.start, ln.end, ln.url) for ln in article.links if entry.start <= ln.start < entry.end]
    out = []
    for s, e, raw in found:
        url = parse_url(raw)
        if url is not None:
            out.append(EntryLink(s, e, raw, url))
    return out


def _distinct_source_links(article: Article) -> list[EntryLink]:
    """The links of the source entries, each URL once (repeats are provenance/duplicate-source's)."""
    seen: set[str] = set()
    out = []
    for entry in source_entries(article):
        for link in entry_links(article, entry):
            key = normalise(link.raw)
            if key not in seen:
                seen.add(key)
                out.append(link)
    return out


_EMBED_CREDIT = rx.compile(r"^\s*[—–]\s*[^\n]{0,80}@\w{1,30}\)?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}", re.MULTILINE)


def embedded_post_blocks(article: Article) -> set[int]:
    """Blocks of a pasted social post: the credit line ("— Name (@handle) November 18, 2019")
    and the block just before it. Links inside are the post's own (t.co ...), not the story's."""
    return set(article.memo("provenance/embedded-posts", lambda: frozenset(_embedded_post_blocks(article))))


def _embedded_post_blocks(article: Article) -> set[int]:
    out: set[int] = set()
    for i, block in enumerate(article.blocks):
        m = _EMBED_CREDIT.search(block.text) if "@" in block.text else None  # a credit names a handle
        if m:
            out.add(i)
            if m.start() == 0 and i > 0:
                out.add(i - 1)
    return out


def _all_links(article: Article) -> list[EntryLink]:
    """Every URL of the article outside pasted social posts, plus the metadata source URLs."""
    embedded = embedded_post_blocks(article)
    out = [
        EntryLink(ln.start, ln.end, ln.url, url)
        for ln in article.links
        if ln.block not in embedded and (url := parse_url(ln.url))
    ]
    for entry in source_entries(article):
        if entry.meta:
            out.extend(entry_links(article, entry))
    return out


_ENTRY_LABEL = rx.compile(r"^\s*(?:[-*•+]\s+|\d+[.)]\s+)?(?:sources?\s*:\s*)?", re.IGNORECASE)


def entry_outlets(registry: SourceRegistry, article: Article, entry: Entry) -> list[tuple[str, str | None]]:
    """(what, kind) for each source an entry names: its links, else outlet names and handles in
    its text. ``kind`` is None when the source is not recognised."""
    links = entry_links(article, entry)
    if links:
        out: list[tuple[str, str | None]] = []
        for link in links:
            outlet = registry.for_url(link.url)
            out.append((outlet.name if outlet else link.raw, registry.kind_of_url(link.url)))
        return out
    named = [(o.name, o.kind) for _, _, o in registry.names_in(entry.text)]
    for _, _, handle in handle_spans(entry.text):
        outlet = registry.for_handle(handle)
        named.append((outlet.name, outlet.kind) if outlet else ("@" + handle, "social-account"))
    return named or [(_ENTRY_LABEL.sub("", entry.text).strip(), None)]


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- rules: is there anything to follow? -----------------------------------------------------------
class NoSources(Rule):
    id = "provenance/no-sources"
    severity = Severity.WARNING
    summary = "The article has no source list, no source links and no sources in its metadata"
    docs = """Fires once per file when the copy gives the reader nothing to follow back to the original
    reporting: no source section, no link anywhere, and no `sources`/`source` (or ninjs
    `infoSources`, schema.org `isBasedOn`/`citation`) in its metadata. Syndicated and rewritten copy
    is only as trustworthy as its trail to the reports, posts and documents it was built from; an
    editor cannot check a claim whose origin is not given (BBC: uncorroborated claims should normally
    be attributed; AP: attribute what the reporter did not witness). The message names the outlets the
    text itself mentions, which are the first candidates for the list. Fix: add a "Sources" section
    listing a link to each report, post or document used. Original reporting that needs no list can
    switch the rule off for its folder in the config."""
    bad = ("# Iran skips talks\n\nAn Iranian official told state television the talks were off, a Reuters report said.\n",)
    good = (
        "# Iran skips talks\n\nAn Iranian official told state television the talks were off.\n\n"
        "## Sources\n\n- https://www.reuters.com/world/middle-east/iran-skips-talks-2026-06-28/\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if article.has_source_section or article.links or article.meta_sources:
            return
        registry = source_registry(ctx)
        named = list(dict.fromkeys(m.label for m in text_mentions(article, registry)))
        hint = f" The text names {_join(named[:4])}: link what it took from them." if named else ""
        start, end = article.anchor
        yield self.finding(
            start, end,
            "No source list, source links or source metadata: a reader cannot trace where this story "
            f"comes from. Add a “Sources” section linking each report, post or document it draws on.{hint}",
            named=named,
        )  # fmt: skip


_VAGUE_SPLIT = rx.compile(r"\s*(?:[,;/&+]|\band\b|\bplus\b)\s*", re.IGNORECASE)


@cache
def _vague_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    vague = load_data("source-registry")["vague"]
    return (
        frozenset(str(w).lower() for w in vague["labels"]),
        frozenset(str(w).lower() for w in vague["modifiers"]),
        frozenset(str(w).lower() for w in vague["heads"]),
    )


def vague_part(part: str) -> bool:
    """Whether one part of a source entry only names a kind of source ("Iranian state media")."""
    labels, modifiers, heads = _vague_lexicon()
    words = part.lower().strip(" .:-–—\"'“”‘’()[]").split()
    phrase = " ".join(words)
    if not phrase:
        return True
    if phrase in labels:
        return True
    return words[-1] in heads and all(w in modifiers for w in words[:-1])


class VagueSource(Rule):
    id = "provenance/vague-source"
    severity = Severity.WARNING
    summary = "A source entry names only a kind of source (\"OSINT\", \"social media\", \"agencies\")"
    docs = """Catches source-list items and metadata sources made only of labels such as "OSINT",
    "social media", "agencies", "wires", "reports", "Telegram" or "Iranian state media": nothing a
    reader or editor can open and check. Reuters and AP treat unnamed sourcing as the weakest kind,
    to be used sparingly and described as specifically as possible; a source list is where the
    specifics belong. Fix: replace the label with the outlet and a link to the specific report,
    post or document (for OSINT: the footage, imagery or data set and who published it)."""
    bad = ("# Talks stall\n\nIran skipped the meeting, officials said.\n\n## Sources\n\n- OSINT\n- social media\n",)
    good = (
        "# Talks stall\n\nIran skipped the meeting, officials said.\n\n## Sources\n\n"
        "- Reuters: https://www.reuters.com/world/iran-skips-meeting-2026-06-28/\n- Iranian state television (IRIB), 28 June broadcast\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        registry = source_registry(ctx)
        for entry in source_entries(article):
            text = _ENTRY_LABEL.sub("", entry.text).strip()
            if not text or entry_links(article, entry) or any(registry.names_in(text)) or handle_spans(text):
                continue
            if all(vague_part(p) for p in _VAGUE_SPLIT.split(text) if p.strip()):
                yield self.finding(
                    entry.start, entry.end,
                    f"Source entry “{_quote(text)}” only names a kind of source, which no reader can follow: "
                    "name the outlet or account and link the specific report, post or document.",
                )  # fmt: skip


# -- rules: links that hide or miss the source ------------------------------------------------------
class ShortenedLink(Rule):
    id = "provenance/shortened-link"
    severity = Severity.WARNING
    summary = "A link goes through a URL shortener that hides its real destination"
    docs = """Catches links through generic shorteners (bit.ly, t.co, tinyurl.com, ow.ly ...; the
    CC0 MISP warninglist hosts) and publisher vanity shorteners (reut.rs, apne.ws, nyti.ms, bbc.in
    ...). A short link hides which page it opens, so neither the editor nor the reader can judge the
    source before clicking; it can expire or be re-pointed; and in copy pasted from social media it
    often stands for a post the writer never opened. For vanity links the message names the
    publisher. Fix: open the link and replace it with the full URL of the page it lands on."""
    bad = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- http://reut.rs/4v6Zgeb\n",)
    good = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://www.reuters.com/world/iran-skips-talks-2026-06-28/\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for link in _all_links(article):
            short = shortener(link.url)
            if short is None:
                continue
            if short.vanity:
                msg = (f"“{_quote(link.raw)}” is a {short.publisher} short link ({short.host}): it hides which "
                       f"{short.publisher} page it points to. Replace it with the full {short.expands_to} URL of the story.")  # fmt: skip
            else:
                msg = (f"“{_quote(link.raw)}” goes through the URL shortener {short.host}, which hides the real "
                       "source and can expire or be re-pointed: replace it with the full URL it leads to.")  # fmt: skip
            yield self.finding(link.start, link.end, msg, shortener=short.host, publisher=short.publisher,
                               expands_to=short.expands_to)  # fmt: skip


class ProfileLink(Rule):
    id = "provenance/profile-link"
    severity = Severity.WARNING
    summary = "A source links to a social profile or channel instead of the post it cites"
    docs = """Catches source entries that point at an account rather than a post: `t.me/s/<channel>`,
    `x.com/<user>` without `/status/<id>`, `youtube.com/@channel`, `facebook.com/<page>`,
    `bsky.app/profile/<handle>` and the like. An account page shows whatever was posted last, so the
    claim cannot be found, checked or archived from it. Fix: link the specific post (on X the
    `/status/<id>` URL, on Telegram `t.me/<channel>/<number>`)."""
    bad = ("# Talks stall\n\nIran skipped the meeting, Al-Alam reported.\n\n## Sources\n\n- https://t.me/s/alalamarabic\n",)
    good = ("# Talks stall\n\nIran skipped the meeting, Al-Alam reported.\n\n## Sources\n\n- https://t.me/alalamarabic/48211\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for link in _distinct_source_links(article):
            social = social_link(link.url)
            if social is None or social.kind != "account":
                continue
            who = f" {social.account}" if social.account else ""
            yield self.finding(
                link.start, link.end,
                f"“{_quote(link.raw)}” links to the {social.name} {social.account_noun}{who}, not to a post: "
                "a reader cannot find the cited claim there. Link the specific post instead.",
                platform=social.platform, account=social.account,
            )  # fmt: skip


class HomePageLink(Rule):
    id = "provenance/home-page-link"
    severity = Severity.WARNING
    summary = "A source links to a site's home page instead of the page it cites"
    docs = """Catches source entries whose link opens a front page (`https://www.reuters.com/`,
    `https://example.org/en/`) rather than a specific article or document. A home page changes by
    the hour; the report the story relied on cannot be found from it. Fix: link the specific
    article, statement or document."""
    bad = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- Reuters: https://www.reuters.com/\n",)
    good = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- Reuters: https://www.reuters.com/world/iran-skips-talks-2026-06-28/\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for link in _distinct_source_links(article):
            if is_home_page(link.url) and social_link(link.url) is None and shortener(link.url) is None:
                yield self.finding(
                    link.start, link.end,
                    f"“{_quote(link.raw)}” is the home page of {link.url.host}, not the page the story "
                    "relies on: link the specific article or document.",
                )  # fmt: skip


class DuplicateSource(Rule):
    id = "provenance/duplicate-source"
    severity = Severity.WARNING
    summary = "The same source is listed more than once"
    docs = """Catches source entries that repeat an earlier one in the same list (the visible source list,
    or the front matter's): the same URL (ignoring scheme, `www.`, a trailing slash, tracking
    parameters and X/Twitter or `t.me/s/` preview forms) or the same text.
    Padding a source list with repeats makes the sourcing look broader than it is, a common trait of
    machine-assembled copy. Fix (safe, automatic for list items): remove the repeated line."""
    fixable = True
    bad = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://t.me/alalamarabic/48211\n- https://t.me/s/alalamarabic/48211\n",)
    good = (
        "# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://t.me/alalamarabic/48211\n- https://t.me/alalamarabic/48212\n",
        "---\nsources: [https://t.me/alalamarabic/48211]\n---\n\n# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://t.me/alalamarabic/48211\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        seen: dict[tuple[bool, tuple[str, ...]], Entry] = {}
        for entry in source_entries(article):
            links = entry_links(article, entry)
            key = tuple(normalise(link.raw) for link in links) or (" ".join(_ENTRY_LABEL.sub("", entry.text).casefold().split()).strip(" .;,"),)
            if not key[0]:
                continue
            # the front matter's list and the visible list each stand alone: a source in both is not padding
            first = seen.setdefault((entry.meta, key), entry)
            if first is entry:
                continue
            fix = None if entry.meta else remove_block_fix(article, entry.start, entry.end, "remove the duplicate source line")
            yield self.finding(
                entry.start, entry.end,
                f"Source “{_quote(entry.text)}” repeats line {article.line_of(first.start)}: remove the duplicate.",
                fix=fix, first_line=article.line_of(first.start),
            )  # fmt: skip


class TrackingParams(Rule):
    id = "provenance/tracking-params"
    severity = Severity.WARNING
    summary = "A link carries click-tracking parameters (utm_*, fbclid, gclid; utm_source=chatgpt.com)"
    docs = """Catches query parameters that only track a click: `utm_*`, `fbclid`, `gclid`,
    `msclkid`, `mc_eid`, X's `s`/`t` share tokens and similar (rules/data/tracking-params.yaml).
    They leak where the writer found the link, clutter the source list and defeat duplicate
    detection. `utm_source=chatgpt.com` (or another chatbot) means the link was copied out of an AI
    chatbot's answer: check that the page exists and says what the story claims before keeping it.
    Fix (safe): remove the tracking parameters; the link still opens the same page."""
    fixable = True
    bad = (
        "# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://apnews.com/article/iran-talks-4f2a?utm_source=chatgpt.com\n",
        "# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://www.bbc.com/news/articles/c0x1?fbclid=IwAR0abc\n",
    )
    good = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://apnews.com/article/iran-talks-4f2a?page=2\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for link in _all_links(article):
            params = tracking_params(link.url)
            if not params:
                continue
            cleaned = strip_tracking(link.raw)
            fix = None
            if not article.in_quote(link.start, link.end) and article.text[link.start : link.end] == link.raw:
                fix = Fix("remove the tracking parameters", (Edit(link.start, link.end, cleaned),))
            names = ", ".join(dict.fromkeys(params))
            bot = chatbot_source(link.url)
            if bot:
                msg = (f"“{_quote(link.raw)}” carries utm_source={bot}: the link was copied from an AI chatbot's "
                       "answer. Check the page exists and supports the story, then remove the tracking parameters.")  # fmt: skip
            else:
                msg = f"“{_quote(link.raw)}” carries tracking parameters ({names}): remove them, the link opens the same page."
            yield self.finding(link.start, link.end, msg, fix=fix, params=list(params), cleaned=cleaned, chatbot=bot)


# -- rules: post ids that cannot be right ----------------------------------------------------------
class PostRef(NamedTuple):
    """A link to a post on a platform, with the time its id encodes (None when it encodes none)."""

    start: int
    end: int
    raw: str
    platform: str
    name: str
    post_id: str
    created: dt.datetime | None
    in_sources: bool


def post_refs(article: Article) -> list[PostRef]:
    """Every link to a social post with an id, in text order."""
    entries = source_entries(article)
    refs = []
    for link in _all_links(article):
        social = social_link(link.url)
        if social is None or social.kind != "post" or not social.post_id:
            continue
        in_sources = any(e.start <= link.start < e.end for e in entries)
        created = postids.decode(social.platform, social.post_id)
        refs.append(PostRef(link.start, link.end, link.raw, social.platform, social.name, social.post_id, created, in_sources))
    return refs


def _id_label(ref: PostRef) -> str:
    return postids.LABELS.get(ref.platform, f"{ref.name} post number")


def _when(moment: dt.datetime) -> str:
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class PlaceholderPostId(Rule):
    id = "provenance/placeholder-post-id"
    severity = Severity.WARNING
    summary = "A post link's id looks made up (repeated digits, 1234, consecutive ids)"
    docs = """Catches post links whose id looks invented rather than copied: one repeated character,
    a counting sequence such as 1234, a long run of one digit inside a long id
    (`/status/2000000000000000001`), or ids of one list that differ by a few units. X, Discord,
    Mastodon, TikTok, LinkedIn, Instagram and Bluesky ids are minted from a clock plus random or
    per-machine bits, so real posts by different people never get consecutive ids. Fabricated
    post links are a hallmark of machine-written "sourcing". The message gives the date the id would
    decode to. Fix: replace the link with the real post's URL, or remove the source."""
    bad = (
        "# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://x.com/reuters/status/2000000000000000001\n",
        "# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://t.me/IRIran_Military/1234\n",
    )
    good = ("# Talks stall\n\nIran skipped the meeting.\n\n## Sources\n\n- https://x.com/Reuters/status/1050118621198921728\n- https://t.me/alalamarabic/48211\n",)
    defaults = {"max-gap": 9}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        refs = post_refs(article)
        close = _consecutive(refs, int(self.options["max-gap"]))
        for ref in refs:
            reasons = []
            reason = postids.placeholder_reason(ref.post_id)
            if reason:
                reasons.append(reason)
            if ref in close:
                other = close[ref]
                gap = abs(int(ref.post_id) - int(other.post_id))
                reasons.append(f"it is within {gap} of {other.post_id}, which no other real post's id would be")
            if not reasons:
                continue
            when = f"; as an id it would date from {_when(ref.created)}" if ref.created else ""
            yield self.finding(
                ref.start, ref.end,
                f"{_id_label(ref)} {ref.post_id} looks like a placeholder: {', and '.join(reasons)}{when}. "
                "Link the real post or remove the source.",
                platform=ref.platform, post_id=ref.post_id, decoded=ref.created.isoformat() if ref.created else None,
            )  # fmt: skip


def _consecutive(refs: Sequence[PostRef], max_gap: int) -> dict[PostRef, PostRef]:
    """Each clock-based post id that lies within ``max_gap`` of another id of the same platform."""
    out: dict[PostRef, PostRef] = {}
    numeric = [r for r in refs if postids.carries_time(r.platform) and r.post_id.isdigit()]
    for a in numeric:
        for b in numeric:
            if a is not b and a.platform == b.platform and 0 < abs(int(a.post_id) - int(b.post_id)) <= max_gap:
                out.setdefault(a, b)
    return out


def article_dates(article: Article) -> tuple[list[dt.date], set[int]]:
    """Dates the article gives (its reference date and the dates and clock times in the copy,
    resolved by ``newslint.text.times``) and the years it mentions on their own ("in 2019")."""
    from newslint.text.times import Kind

    timeline = article.timeline  # shared with the timestamps rules: built once per article
    dates = [timeline.reference.date] if timeline.reference else []
    taken: list[tuple[int, int]] = []
    for item in timeline.of(Kind.DATE, Kind.CLOCK):
        value = item.value
        day = value.date() if isinstance(value, dt.datetime) else value
        if day is None or item.expr.attributive or item.expr.problem:
            continue
        dates.append(day)
        taken.append((item.expr.start, item.expr.end))
    years = {
        int(m.group())
        for block in article.blocks
        if block.kind in _TEXT_KINDS
        for m in _YEAR.finditer(block.text)
        if not any(s <= block.start + m.start() < e for s, e in taken)
    }
    return dates, years


_YEAR = rx.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-]\d)")


class PostAfterPublication(Rule):
    id = "provenance/post-after-publication"
    severity = Severity.ERROR
    summary = "A cited post's id dates it after the article was published"
    docs = """X/Twitter, Discord, Mastodon, TikTok, LinkedIn, Instagram and Bluesky ids encode when the
    post was made (X: milliseconds = (id >> 22) + 1288834974657). A post created after the article's
    publication time (front matter `date`, ninjs `firstcreated` ...) cannot be one of its sources:
    the link is wrong or invented. A day of slack covers time zones and date-only metadata. Fix: link
    the post the story actually relied on."""
    bad = (
        "---\ndate: 2018-10-01\n---\n\n# Markets slide\n\nShares fell, the exchange said.\n\n## Sources\n\n"
        "- https://x.com/Reuters/status/1050118621198921728\n",
    )
    good = (
        "---\ndate: 2018-10-11\n---\n\n# Markets slide\n\nShares fell, the exchange said.\n\n## Sources\n\n"
        "- https://x.com/Reuters/status/1050118621198921728\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        published = article.published
        if published is None:
            return
        for ref in post_refs(article):
            if ref.created and ref.created > published + dt.timedelta(days=1):
                yield self.finding(
                    ref.start, ref.end,
                    f"{_id_label(ref)} {ref.post_id} dates the post to {_when(ref.created)}, after this article "
                    f"was published ({_day(published.date())}): it cannot be a source. Link the post the story relied on.",
                    decoded=ref.created.isoformat(), published=published.isoformat(),
                )  # fmt: skip


class PostDateFar(Rule):
    id = "provenance/post-date-far"
    severity = Severity.WARNING
    summary = "A cited post's id dates it far from every date the article gives"
    docs = """Decodes the creation time of cited X/Twitter, Discord, Mastodon, TikTok, LinkedIn,
    Instagram and Bluesky posts from their ids and compares it with the dates the article gives: its
    publication date and the dates in the copy ("28 June 2026"). A post more than `max-days` (default
    7) from all of them, in a year the copy does not mention, is not the post about these events:
    usually a wrong or invented link. Fix: link the post the story cites, or say in the copy when it
    was posted."""
    defaults = {"max-days": 7}
    bad = (
        "# Talks stall\n\nOn 28 June 2026 Iran skipped the meeting, Reuters reported.\n\n## Sources\n\n"
        "- https://x.com/Reuters/status/1050118621198921728\n",
    )
    good = (
        "# Talks stall\n\nOn 10 October 2018 shares fell, Reuters reported.\n\n## Sources\n\n"
        "- https://x.com/Reuters/status/1050118621198921728\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        refs = [r for r in post_refs(article) if r.created]
        if not refs:
            return
        dates, years = article_dates(article)
        if not dates:
            return
        limit = dt.timedelta(days=int(self.options["max-days"]))
        published = article.published
        for ref in refs:
            if published and ref.created > published + dt.timedelta(days=1):
                continue  # provenance/post-after-publication reports it
            day = ref.created.date()
            nearest = min(dates, key=lambda d: abs(d - day))
            gap = abs(nearest - day)
            if gap <= limit or day.year in years:
                continue
            side = "before" if day < nearest else "after"
            yield self.finding(
                ref.start, ref.end,
                f"{_id_label(ref)} {ref.post_id} dates the post to {_when(ref.created)}, {gap.days} days {side} "
                f"{_day(nearest)}, the nearest date the article gives: check the link is the post the story cites.",
                decoded=ref.created.isoformat(), nearest=nearest.isoformat(), days=gap.days,
            )  # fmt: skip


# -- rules: who the story relies on --------------------------------------------------------------------
class Mention(NamedTuple):
    """A source named in the copy: an outlet, an unnamed kind of outlet, or a handle."""

    start: int
    end: int
    label: str  # for messages: outlet name, "state television", "@handle"
    outlet: Outlet | None = None
    kind: str | None = None  # generic mentions
    handle: str | None = None


_CUE_BEFORE = rx.compile(
    r"(?:\b(?:according\s+to|told|telling|tells|reported\s+by|cited\s+by|quoted\s+by|carried\s+by|aired\s+by|"
    r"broadcast\s+by|published\s+by|posted\s+by|obtained\s+by|seen\s+by|reviewed\s+by|confirmed\s+to|said\s+to|"
    r"speaking\s+to|spoke\s+to|talking\s+to|speaking\s+with|spoke\s+with|interview\s+with|interviewed\s+by|"
    r"by\s+way\s+of|relayed\s+(?:by|through|via)|through|via|per|citing|quoting|"
    r"(?:said|says|speaking|spoke|appeared|appearing|posted|wrote|writing|aired|broadcast|announced|interview)\s+on|"
    r"(?:continue|read|reading)\s+(?:more\s+)?(?:at|on)|"
    r"(?:report|reports|story|article|investigation|analysis|interview|post|video|footage|data|figures|reporting|"
    r"odds|bulletin|broadcast)\s+(?:by|from|on|in))\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w'’-]*\s+)?)$",
    re.IGNORECASE,
)
_CUE_AFTER = rx.compile(
    r"^(?:['’]s?)?(?:\s*-\s*|\s+)(?:(?!(?:in|on|at|a|an|the|and|or|of|for|to|with|by|from|that|this|as|is|was|has|"
    r"had|will|would|which|who)\b)[a-z]+\s+)?(?:report|reports|reported|reporting|story|stories|article|articles|"
    r"post|posts|posted|tweet|tweets|tweeted|video|videos|footage|broadcast|broadcasts|dispatch|interview|analysis|"
    r"investigation|exclusive|poll|survey|data|contract|contracts|odds|figures|tally|bulletin|statement|thread|"
    r"correspondent|reporter|reporters|journalist|said|says|quoted|cited|citing|wrote|writes|published|aired|"
    r"showed|priced|confirmed|claimed|learned|found|noted|implied|estimated|projected)\b|^,\s*(?:citing|quoting)\b"
)


_PARTNER = rx.compile(r"\b([A-Z][\w.'’-]*)\s+(?:and|&)\s+$")


def _cued(text: str, start: int, end: int, registry: SourceRegistry) -> bool:
    """Whether the name at ``start``..``end`` of ``text`` is used as a source (attribution cue),
    and is not the tail of a company name ("MacAndrews and Forbes said")."""
    before = text[max(0, start - 60) : start]
    partner = _PARTNER.search(before)
    if partner and not any(registry.names_in(partner.group(1))):
        return False
    return bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(text[end : end + 40]))


_DATELINE_CREDIT = rx.compile(r"\((?P<o>[A-Z][\w .&'’-]{1,40})\)\s*[-–—]")


def own_outlets(article: Article, registry: SourceRegistry) -> frozenset[str]:
    """Outlets the article itself comes from (metadata site name or publisher, its own URL, a wire
    dateline such as "LONDON, June 28 (Reuters) -"): "told Reuters" in Reuters copy is its own
    reporting, not a source to list."""
    texts = list(article.publisher)
    first = next((b for b in article.blocks if b.kind is BlockKind.PARAGRAPH), None)
    if first is not None:
        texts.extend(m.group("o") for m in _DATELINE_CREDIT.finditer(first.text[:200]))
    names = {o.name for text in texts if text for _, _, o in registry.names_in(text)}
    own_url = next((article.meta[k] for k in _URL_KEYS if isinstance(article.meta.get(k), str)), None)
    parsed = parse_url(own_url) if own_url else None
    outlet = registry.for_url(parsed) if parsed else None
    if outlet:
        names.add(outlet.name)
    return frozenset(names)


def text_mentions(article: Article, registry: SourceRegistry) -> list[Mention]:
    """Sources the copy names outside quoted speech and pasted social posts: outlets and unnamed
    state media used with an attribution cue ("told state television", "a Reuters report"), and
    ``@handle`` mentions. The article's own outlet is not a source. (Computed once per article
    and registry: several rules ask.)"""
    return list(article.memo(("provenance/mentions", id(registry)), lambda: tuple(_text_mentions(article, registry))))


def _alias_keys(registry: SourceRegistry, words: frozenset[str]) -> tuple[str, ...] | None:
    """Words of a text (lowercase) one of which every block naming an outlet holds: the key word
    (``SourceRegistry.alias_words``) of each alias all of whose words the text has. None when that
    cannot be told, and every block is searched."""
    index = registry.alias_words
    if index is None:
        return None
    found = words.intersection(index)  # (faster than the dict's key view intersected with the words)
    keys = tuple(key for key in found if any(aliases <= words for aliases in index[key]))
    return keys if all(key.isascii() for key in keys) else None  # ASCII: lowercased alike in a block


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` is in ``text`` with no ASCII letter, digit or underscore either side (so
    wherever it is a whole word)."""
    i = text.find(word)
    while i != -1:
        j = i + len(word)
        if (i == 0 or not _ascii_word_char(text[i - 1])) and (j == len(text) or not _ascii_word_char(text[j])):
            return True
        i = text.find(word, i + 1)
    return False


def _ascii_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _text_mentions(article: Article, registry: SourceRegistry) -> list[Mention]:
    from newslint.text.literals import text_of

    out: list[Mention] = []
    embedded = embedded_post_blocks(article)
    tested = text_of(article)
    keys = None if tested is None else _alias_keys(registry, tested.words)
    cues = registry.generic_words
    generic = tested is None or cues is None or not cues.isdisjoint(tested.words)
    # most copy names no outlet and no kind of outlet: then no block is searched and no own
    # outlet is needed to tell apart from the names, only handles are left to find
    own = own_outlets(article, registry) if keys != () else frozenset()
    for index, block in enumerate(article.blocks if keys != () or generic else ()):
        if block.kind not in _TEXT_KINDS or index in embedded:
            continue
        text = block.text
        names = keys is None or any(_has_word(tested.piece(block), key) for key in keys)  # type: ignore[union-attr]
        for s, e, outlet in registry.names_in(text) if names else ():
            if outlet.name not in own and _cued(text, s, e, registry) and not article.in_quote(block.start + s, block.start + e):
                out.append(Mention(block.start + s, block.start + e, outlet.name, outlet=outlet))
        for s, e, kind in registry.generic_in(text) if generic else ():
            if _cued(text, s, e, registry) and not article.in_quote(block.start + s, block.start + e):
                out.append(Mention(block.start + s, block.start + e, text[s:e].lower(), kind=kind))
    for h in find_handles(article):
        block = article.blocks[h.block]
        if block.kind in _TEXT_KINDS and h.block not in embedded and not article.in_quote(h.start, h.end):
            out.append(Mention(h.start, h.end, "@" + h.handle, outlet=registry.for_handle(h.handle), handle=h.handle))
    out.sort(key=lambda m: m.start)
    return out


class ListedSources(NamedTuple):
    """What an article's source entries cover: outlets, kinds, account handles, raw text."""

    outlets: frozenset[str]
    kinds: frozenset[str]
    handles: frozenset[str]
    text: str

    def covers(self, mention: Mention) -> bool:
        if mention.outlet and mention.outlet.name in self.outlets:
            return True
        if mention.kind:
            return mention.kind in self.kinds
        if mention.handle:
            return mention.handle.casefold() in self.handles or ("@" + mention.handle.casefold()) in self.text
        return False


def listed_sources(article: Article, registry: SourceRegistry) -> ListedSources:
    outlets: set[str] = set()
    kinds: set[str] = set()
    handles: set[str] = set()
    texts = []
    for entry in source_entries(article):
        texts.append(entry.text.casefold())
        for link in entry_links(article, entry):
            social = social_link(link.url)
            if social and social.account:
                handles.add(social.account.casefold())
        for what, kind in entry_outlets(registry, article, entry):
            outlets.add(what)
            if kind:
                kinds.add(kind)
        for _, _, outlet in registry.names_in(entry.text):
            outlets.add(outlet.name)
            kinds.add(outlet.kind)
    return ListedSources(frozenset(outlets), frozenset(kinds), frozenset(handles), "\n".join(texts))


class UnlistedSource(Rule):
    id = "provenance/unlisted-source"
    severity = Severity.WARNING
    summary = "The copy cites a source that its source list does not include"
    docs = """When an article has a source list, every source the copy leans on should be in it.
    Catches outlets named with an attribution cue ("a Reuters report", "told state television",
    "according to Polymarket", "Al-Alam reported") and `@handle` mentions whose outlet, kind of
    outlet or account has no entry in the list, so the reader cannot follow them. Outlets come from
    the source registry (rules/data/source-registry.yaml plus the config's `source-registry`);
    names inside quoted speech are ignored. Articles without any source list are left to
    provenance/no-sources. Fix: add the cited report or post to the source list, or drop the
    reference."""
    bad = (
        "# Talks stall\n\nIran skipped the meeting, an official told state television. A Polymarket contract "
        "priced a 20 percent chance of a blockade.\n\n## Sources\n\n- https://www.reuters.com/world/iran-skips-talks-2026-06-28/\n",
    )
    good = (
        "# Talks stall\n\nIran skipped the meeting, a Reuters report said. An official told state television "
        "the talks were off.\n\n## Sources\n\n- https://www.reuters.com/world/iran-skips-talks-2026-06-28/\n"
        "- IRIB: https://www.irib.ir/news/12345\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if not article.has_source_section:
            return
        registry = source_registry(ctx)
        listed = listed_sources(article, registry)
        reported: set[str] = set()
        for mention in text_mentions(article, registry):
            key = mention.outlet.name if mention.outlet else mention.kind or mention.label.casefold()
            if key in reported or listed.covers(mention):
                continue
            reported.add(key)
            phrase = article.text[mention.start : mention.end]
            if mention.kind:
                what, fix = f"any {registry.label(mention.kind)}", f"name the {phrase} outlet and link its report"
            elif mention.handle:
                what, fix = "that account", f"link the {phrase} post the story relies on"
            else:
                what, fix = mention.label, f"link the {mention.label} report, post or page the story relies on"
            yield self.finding(
                mention.start, mention.end,
                f"The copy cites “{phrase}”, but the source list has nothing from {what}: {fix}, or drop the reference.",
                source=mention.label,
            )  # fmt: skip


_INLINE_SOURCE = rx.compile(r"(?<![\w-])Sources?\s*:\s*(?P<v>[^\n.;]{2,80})")


def _inline_sources(article: Article, registry: SourceRegistry) -> list[tuple[int, int, str, str | None]]:
    """Sources the copy declares without a source list ("Source: Ash Crypto"), as (start, end,
    name, kind). Embedded posts are illustrations, not declared sources."""
    out: list[tuple[int, int, str, str | None]] = []
    for block in article.blocks:
        if block.kind not in _TEXT_KINDS or "Source" not in block.text:
            continue
        for m in _INLINE_SOURCE.finditer(block.text):
            value = m.group("v").strip()
            named = [(o.name, o.kind) for _, _, o in registry.names_in(value)]
            for name, kind in named or [(value, None)]:
                out.append((block.start + m.start(), block.start + m.end(), name, kind))
    return out


def _declared_sources(article: Article, registry: SourceRegistry) -> tuple[tuple[tuple[str, str | None], ...], tuple[int, int]]:
    """(name, kind) of every declared source and where to report about them. (Computed once per
    article and registry: two rules ask.)"""
    return article.memo(("provenance/declared", id(registry)), lambda: _find_declared_sources(article, registry))


def _find_declared_sources(article: Article, registry: SourceRegistry) -> tuple[tuple[tuple[str, str | None], ...], tuple[int, int]]:
    entries = source_entries(article)
    if entries:
        found = tuple(item for entry in entries for item in entry_outlets(registry, article, entry))
        return found, (entries[0].start, entries[-1].end)
    inline = _inline_sources(article, registry)
    if inline:
        return tuple((name, kind) for _, _, name, kind in inline), (inline[0][0], inline[0][1])
    return (), article.anchor


class SocialOnlySources(Rule):
    id = "provenance/social-only-sources"
    severity = Severity.WARNING
    summary = "Every source of the article is a social media account or influencer"
    docs = """Catches articles whose declared sources (the source list, metadata sources, or, without
    a list, "Source: X" lines and embedded-post credits) are all social media accounts or
    influencers, e.g. "Source: Ash Crypto". Viral accounts repost claims without checking them; BBC
    guidance is to be reluctant to rely on a single, uncorroborated source. Outlets' own accounts
    (x.com/Reuters) count as the outlet. Fix: confirm the claim with the original report, an
    official record or an independent outlet and list it, or attribute the claim plainly to the
    account in the copy."""
    bad = (
        "# Iran halts talks\n\nIran will stop talks with the US, the post said. Source: Ash Crypto.\n",
        "# Iran halts talks\n\nIran will stop talks.\n\n## Sources\n\n- https://x.com/somebody/status/1803456789012345678\n",
    )
    good = (
        "# Iran halts talks\n\nIran will stop talks, Reuters reported.\n\n## Sources\n\n"
        "- https://x.com/somebody/status/1803456789012345678\n- https://www.reuters.com/world/iran-halts-talks-2026-05-01/\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        registry = source_registry(ctx)
        found, (start, end) = _declared_sources(article, registry)
        if not found or any(kind not in SOCIAL_KINDS for _, kind in found):
            return
        names = list(dict.fromkeys(f"{name} ({registry.label(str(kind))})" for name, kind in found))
        yield self.finding(
            start, end,
            f"Every source is a social media account or influencer: {_join(names[:4])}. Confirm the claim with "
            "the original report, an official record or an independent outlet and list it.",
            sources=[name for name, _ in found],
        )  # fmt: skip


class StateMediaOnly(Rule):
    id = "provenance/state-media-only"
    severity = Severity.INFO
    summary = "The only sources are state-affiliated outlets or official channels, with nothing independent"
    docs = """Catches articles whose declared sources are all state-affiliated outlets (IRNA, Press TV,
    TASS, Xinhua ... in the source registry) or government sites and accounts, with at least one
    state-affiliated outlet and no independent source beside them. Such outlets are primary evidence
    of what a government says, not confirmation of disputed facts. Informational: the copy may be
    right to report the claim; attribute it plainly and, where possible, add an independent source."""
    bad = ("# Iran halts talks\n\nIran halted talks, IRNA said.\n\n## Sources\n\n- https://en.irna.ir/news/85123456/\n",)
    good = (
        "# Iran halts talks\n\nIran halted talks, IRNA said; Reuters confirmed it.\n\n## Sources\n\n"
        "- https://en.irna.ir/news/85123456/\n- https://www.reuters.com/world/iran-halts-talks-2026-05-01/\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        registry = source_registry(ctx)
        found, (start, end) = _declared_sources(article, registry)
        kinds = [kind for _, kind in found]
        if not found or "state-affiliated" not in kinds or any(k not in STATE_KINDS for k in kinds):
            return
        names = list(dict.fromkeys(name for name, _ in found))
        yield self.finding(
            start, end,
            f"The only sources are state-affiliated or official: {_join(names[:4])}. Attribute their claims "
            "plainly and add an independent source where one exists.",
        )  # fmt: skip


# -- rules: publication metadata --------------------------------------------------------------------


def _has_clock(value: Any) -> bool:
    return isinstance(value, dt.datetime) or (isinstance(value, str) and bool(re.search(r"\d[T ]\d{1,2}:\d\d", value)))


class UpdatedBeforePublished(Rule):
    id = "provenance/updated-before-published"
    severity = Severity.WARNING
    summary = "The front matter's updated/modified time is earlier than its publication date"
    docs = """A story cannot be updated before it was published: `updated` (or `modified`, `lastmod`,
    `dateModified`) earlier than `date` (`datePublished` ...) means one of them is wrong, usually a
    copied template or a date typed by hand. Readers, feeds and search engines then show the wrong
    freshness. Date-only values are compared by day. Fix: correct whichever date is wrong."""
    bad = ("---\ntitle: Talks stall\ndate: 2026-06-28\nupdated: 2026-06-20\n---\n\n# Talks stall\n\nIran skipped the meeting.\n",)
    good = ("---\ntitle: Talks stall\ndate: 2026-06-28\nupdated: 2026-06-29T08:00:00Z\n---\n\n# Talks stall\n\nIran skipped the meeting.\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        from newslint.text.dates import parse_meta_datetime

        pub_key = next((k for k in PUBLISHED_KEYS if article.meta.get(k) not in (None, "")), None)
        upd_key = next((k for k in UPDATED_KEYS if article.meta.get(k) not in (None, "")), None)
        if not pub_key or not upd_key:
            return
        published = parse_meta_datetime(article.meta[pub_key])
        updated = parse_meta_datetime(article.meta[upd_key])
        if published is None or updated is None or published - updated < _CLOCK_SLACK:
            return
        both_clock = _has_clock(article.meta[pub_key]) and _has_clock(article.meta[upd_key])
        if not both_clock and updated.date() >= published.date():
            return
        start, end = article.meta_spans.get(upd_key, article.anchor)
        yield self.finding(
            start, end,
            f"`{upd_key}` ({article.meta[upd_key]}) is earlier than `{pub_key}` ({article.meta[pub_key]}): "
            "a story cannot be updated before it is published. Correct whichever date is wrong.",
        )  # fmt: skip


_CLOCK_SLACK = dt.timedelta(minutes=1)  # CMS clocks write the two stamps a moment apart

_URL_KEYS = ("url", "canonical", "canonical_url", "canonicalUrl", "permalink", "link")
_URL_DATES = (
    rx.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[-_.])"),
    rx.compile(r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"),
    rx.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])/"),
)


def url_date(path: str) -> dt.date | None:
    """The date written into a URL path (/2026/06/28/, -2026-06-28, /20260628/), if any."""
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m:
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None
    return None


class UrlDateMismatch(Rule):
    id = "provenance/url-date-mismatch"
    severity = Severity.WARNING
    summary = "The date in the article's own URL disagrees with its publication date"
    docs = """Many sites write the publication date into the article URL (`/2026/06/28/`,
    `-2026-06-28`). When the front matter's `url` (or `canonical`, `permalink`) carries a date more
    than `max-days` (default 1, for time zones) away from `date`, the metadata belongs to another
    version of the story or the date was changed by hand: feeds, archives and corrections then
    point at the wrong day. Fix: make `date` the real publication date, or correct the URL."""
    defaults = {"max-days": 1}
    bad = ("---\ndate: 2026-06-28\nurl: https://example.com/2025/11/03/iran-talks/\n---\n\n# Talks stall\n\nIran skipped the meeting.\n",)
    good = ("---\ndate: 2026-06-28T23:30:00-04:00\nurl: https://example.com/2026/06/29/iran-talks/\n---\n\n# Talks stall\n\nIran skipped the meeting.\n",)

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        published = article.published
        key = next((k for k in _URL_KEYS if isinstance(article.meta.get(k), str)), None)
        if published is None or key is None:
            return
        url = parse_url(article.meta[key])
        day = url_date(url.path) if url else None
        if day is None:
            return
        gap = abs((day - published.date()).days)
        if gap <= int(self.options["max-days"]):
            return
        start, end = article.meta_spans.get(key, article.anchor)
        yield self.finding(
            start, end,
            f"The `{key}` carries the date {_day(day)}, {gap} days from the publication date {_day(published.date())}: "
            "correct `date`, or the URL if it belongs to another story.",
            url_date=day.isoformat(),
        )  # fmt: skip


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


RULES = (
    NoSources,
    VagueSource,
    ShortenedLink,
    ProfileLink,
    HomePageLink,
    DuplicateSource,
    TrackingParams,
    PlaceholderPostId,
    PostAfterPublication,
    PostDateFar,
    UnlistedSource,
    SocialOnlySources,
    StateMediaOnly,
    UpdatedBeforePublished,
    UrlDateMismatch,
)
