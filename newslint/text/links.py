"""Links in an article: Markdown links, autolinks and bare URLs, with their offsets; bare
domains ("reuters.com/world/...") inside source lists; and ``@handle`` mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from newslint.model import SOURCE_KINDS
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.model import Article

_MD_LINK = rx.compile(r"\[(?P<label>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BARE = rx.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]{}\"'“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?…"
_BARE_DOMAIN = (  # compiled when a source list first needs it (_bare_domain)
    r"(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?:/[^\s<>()\[\]{}\"'“”‘’]*)?(?![\w@-])"
)
_HANDLE = rx.compile(r"(?<![\w@./:])@([A-Za-z0-9_]{2,30})(?![\w@]|\.[A-Za-z]{2,})")


@cache
def _bare_domain() -> re.Pattern[str]:
    return rx.compile(_BARE_DOMAIN, re.IGNORECASE)


class Link(NamedTuple):
    start: int  # offsets of the URL itself
    end: int
    url: str
    label: str
    block: int
    in_sources: bool  # inside the article's source list


def url_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, url, label) of the links in ``text``."""
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _MD_LINK.finditer(text) if "](" in text else ():
        found.append((m.start("url"), m.end("url"), m.group("url"), m.group("label")))
        taken.append((m.start(), m.end()))
    # every bare URL has "://" or "www." (any case): test that before the case-blind pattern
    for m in _BARE.finditer(text) if "://" in text or "ww." in text.lower() else ():
        if any(s <= m.start() < e for s, e in taken):
            continue
        url = m.group(0).rstrip(_TRAILING)
        found.append((m.start(), m.start() + len(url), url, ""))
    found.sort()
    return found


def domain_spans(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """(start, end, text) of bare domains with an optional path ("reuters.com/world/x") outside
    ``taken``; only names under a real public suffix count, so "U.S." and "e.g." do not."""
    from newslint.text.urls import parse_url

    found: list[tuple[int, int, str]] = []
    for m in _bare_domain().finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        raw = m.group(0).rstrip(_TRAILING)
        url = parse_url(raw)
        if url is None or not url.suffix or url.suffix == url.host:
            continue
        found.append((m.start(), m.start() + len(raw), raw))
    return found


def find_links(article: Article) -> list[Link]:
    """Every link of the article; in the source list, bare domains count as links too."""
    out: list[Link] = []
    for index, block in enumerate(article.blocks):
        in_sources = block.kind in SOURCE_KINDS
        spans = url_spans(block.text)
        for s, e, url, label in spans:
            out.append(Link(block.start + s, block.start + e, url, label, index, in_sources))
        if in_sources:
            for s, e, raw in domain_spans(block.text, [(s, e) for s, e, _, _ in spans]):
                out.append(Link(block.start + s, block.start + e, raw, "", index, in_sources))
    out.sort(key=lambda link: link.start)
    return out


class Handle(NamedTuple):
    """An ``@handle`` mention: ``start``..``end`` include the ``@``."""

    start: int
    end: int
    handle: str  # without the "@"
    block: int


def handle_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, handle) of ``@handle`` mentions in ``text``, not e-mail addresses or URLs."""
    if "@" not in text:
        return []
    taken = [(s, e) for s, e, _, _ in url_spans(text)]
    return [(m.start(), m.end(), m.group(1)) for m in _HANDLE.finditer(text) if not any(s <= m.start() < e for s, e in taken)]


def find_handles(article: Article) -> list[Handle]:
    """Every ``@handle`` mention in the article's blocks."""
    return [
        Handle(block.start + s, block.start + e, handle, index)
        for index, block in enumerate(article.blocks)
        for s, e, handle in handle_spans(block.text)
    ]
