"""Telling the parts of an article apart: label, headline, dek, heading, paragraph, source list.

Real copy bends every convention: a section label above the headline, no headline at all, a
source list under any of a dozen headings. These predicates work on one stripped line or block.
"""

from __future__ import annotations

import re

from newslint.model import BlockKind
from newslint.text import rx

_TERMINAL = tuple(".:;,")
_SOURCE_WORDS = rx.compile(
    r"^(?:the\s+)?(?:wire\s+|news\s+|original\s+|key\s+|primary\s+)?"
    r"(?:sources?|sourcing|provenance|references?|citations?|credits?|further\s+reading|bibliography|"
    r"source\s+(?:list|material|links?|posts?)|links?|notes?\s+and\s+sources|sources?\s+and\s+notes?)"
    r"(?:\s+(?:and|&)\s+(?:links?|further\s+reading|credits?|references?))?\s*:?$",
    re.IGNORECASE,
)
_INLINE_SOURCE = rx.compile(r"^(?:sources?|via|credit|h/t)\s*:\s+\S", re.IGNORECASE)
_LIST_MARK = rx.compile(r"^(?:[-*+•–]|\d{1,3}[.)])\s+")
_URL_LINE = rx.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_MD_HEADING = rx.compile(r"^#{1,6}\s+")


def words(line: str) -> list[str]:
    return line.split()


def is_list_item(line: str) -> bool:
    return bool(_LIST_MARK.match(line))


def list_marker_end(line: str) -> int:
    """Length of the list marker ('- ', '1. ') at the start of ``line``, 0 when there is none."""
    m = _LIST_MARK.match(line)
    return m.end() if m else 0


def is_url_line(line: str) -> bool:
    return bool(_URL_LINE.match(line))


def is_source_heading(line: str) -> bool:
    """'Sources', 'Source:', 'Wire provenance', 'References and further reading' ..."""
    text = _MD_HEADING.sub("", line).strip().strip("*_").strip()
    return len(text) <= 60 and bool(_SOURCE_WORDS.match(text))


def is_inline_source(line: str) -> bool:
    """'Source: Reuters' on a line of its own."""
    return bool(_INLINE_SOURCE.match(line)) and len(words(line)) <= 20


def is_label(line: str) -> bool:
    """A section label such as 'policy' or 'WORLD NEWS': one to three bare words."""
    parts = words(line)
    if not 1 <= len(parts) <= 3 or len(line) > 30 or line[-1:] in ".!?:;,":
        return False
    if not all(p.replace("&", "").replace("-", "").isalpha() for p in parts):
        return False
    return line.islower() or line.isupper() or len(parts) == 1


def is_headline(line: str) -> bool:
    """A single short line without sentence-final punctuation (questions and exclamations allowed)."""
    parts = words(line)
    if not 2 <= len(parts) <= 30 or len(line) > 220 or "\n" in line:
        return False
    if line.endswith(_TERMINAL) or line.endswith("..."):
        return False
    if is_list_item(line) or is_url_line(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"


def is_heading(line: str) -> bool:
    """A subheading inside the body: a short capitalised line without final punctuation."""
    parts = words(line)
    return (
        1 <= len(parts) <= 12
        and len(line) <= 100
        and "\n" not in line
        and not line.endswith(_TERMINAL + ("?", "!", "→", "…", "»"))
        and (line[0].isupper() or line[0].isdigit())
        and not is_list_item(line)
        and not is_url_line(line)
    )


def is_dek(line: str) -> bool:
    """A standfirst below the headline: one short paragraph."""
    return "\n" not in line.strip() and 6 <= len(words(line)) <= 70 and not is_list_item(line)


def source_kind(line: str) -> BlockKind:
    """Kind of a line inside a source section."""
    if line.endswith(":") and len(words(line)) > 3:
        return BlockKind.SOURCE_NOTE
    return BlockKind.SOURCE_ITEM


def ends_source_section(line: str) -> bool:
    """A long prose paragraph after the source list means the list is over."""
    return len(words(line)) > 30 and not is_list_item(line) and "http" not in line
