"""Links in an article: Markdown links, autolinks and bare URLs, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newslint.model import SOURCE_KINDS

if TYPE_CHECKING:
    from newslint.model import Article

_MD_LINK = re.compile(r"\[(?P<label>[^\]\n]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BARE = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>()\[\]{}\"'“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?…"


@dataclass(frozen=True, slots=True)
class Link:
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
    for m in _MD_LINK.finditer(text):
        found.append((m.start("url"), m.end("url"), m.group("url"), m.group("label")))
        taken.append((m.start(), m.end()))
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        url = m.group(0).rstrip(_TRAILING)
        found.append((m.start(), m.start() + len(url), url, ""))
    found.sort()
    return found


def find_links(article: Article) -> list[Link]:
    out: list[Link] = []
    for index, block in enumerate(article.blocks):
        in_sources = block.kind in SOURCE_KINDS
        for s, e, url, label in url_spans(block.text):
            out.append(Link(block.start + s, block.start + e, url, label, index, in_sources))
    return out
