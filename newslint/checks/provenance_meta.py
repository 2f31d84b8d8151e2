"""provenance/*: checks on the publication metadata that HTML pages (schema.org JSON-LD), IPTC
ninjs records and feeds carry.

Dates: ``dateModified`` before ``datePublished`` (and Atom ``updated`` before ``published``) are
reported by ``provenance/updated-before-published`` from the keys these readers fill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from newslint.model import Article, Finding, Severity
from newslint.rule import Context, Rule
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.text.literals import Gate

_OUTLET = r"(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w&.'’-]*){0,5})"
_WORK = r"(?:report|reporting|story|article|investigation|exclusive|interview)s?"
_LEAD = r"(?:in\s+part\s+|partly\s+|largely\s+|mainly\s+)?"
_PATTERNS = (  # (expression, severity override): the outlet comes after or before the reporting word
    (rf"(?i:\b(?:(?:based|drawn)\s+{_LEAD}on\s+(?:an?\s+|the\s+)?{_WORK}\s+(?:by|from|in)|"
     rf"adapted\s+from\s+(?:an?\s+|the\s+)?{_WORK}\s+(?:by|from|in)|(?:as\s+)?(?:first|originally)\s+"
     r"reported\s+(?:by|in)|(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on))\s+)" + _OUTLET, None),
    (rf"(?i:\b(?:based|drawn)\s+{_LEAD}on\s+(?:an?|the)\s+){_OUTLET}(?:'s|’s)?\s+(?i:{_WORK})\b", None),
    (rf"(?i:\baccording\s+to\s+(?:an?|the)\s+{_WORK}\s+(?:by|from|in)\s+){_OUTLET}", Severity.INFO),
    (rf"(?i:\baccording\s+to\s+an?\s+){_OUTLET}(?:'s|’s)?\s+(?i:{_WORK})\b", Severity.INFO),
)
_OUTLET_WORDS = rx.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Chronicle|Press|Agency|"
    r"Magazine|TV|Radio|Daily|Wire|Insider|Observer|Examiner|Mail|Independent|Economist|Review|"
    r"Bulletin|Courier|Dispatch|Standard|Register|Monitor|Network|Broadcasting|Television)\b"
)
_FIELD = {
    "html": "schema.org `isBasedOn` (or `citation`) in the page's JSON-LD",
    "ninjs": "an `infoSources` entry",
    "feed": "a `<source url=...>` element in the item",
}


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], Severity | None, Gate], ...]:
    """The compiled patterns with their severity overrides and literal pre-filters
    (``newslint.text.literals``): built when a copy with metadata first needs them."""
    from newslint.text.literals import literal_gate

    compiled = [(rx.compile(source), severity) for source, severity in _PATTERNS]
    return tuple((pattern, severity, literal_gate(pattern)) for pattern, severity in compiled)


def _outlet_name(ctx: Context, raw: str) -> str | None:
    """The outlet a captured name starts with (a registered alias, or a name like "The Daily
    Courier"); None for people, agencies of state and other names."""
    from newslint.text.sources import source_registry

    name = re.sub(r"^[Tt]he\s+", "", raw).rstrip(".'’-")
    registry = source_registry(ctx)
    m = registry.alias_re.match(name)
    if m:
        outlet = registry.by_alias.get(m.group(0))
        if outlet is not None and outlet.kind not in ("official", "social-account", "influencer", "prediction-market"):
            return outlet.name
    words = name.split()
    for n in range(len(words), 0, -1):
        if _OUTLET_WORDS.search(words[n - 1]):
            return " ".join(words[:n])
    return None


def _own_outlet(article: Article, outlet: str, ctx: Context) -> bool:
    """Whether the outlet is the publisher of this copy itself (``provenance.own_outlets``), or
    an outlet the source registry does not know that the publisher metadata names."""
    from newslint.checks.provenance import own_outlets
    from newslint.text.sources import source_registry

    if outlet in own_outlets(article, source_registry(ctx)):
        return True
    name = re.escape(outlet.removeprefix("The ").removeprefix("the ").strip())
    return bool(name) and any(re.search(rf"(?<!\w){name}(?!\w)", text, re.IGNORECASE) for text in article.publisher)


class UndeclaredBasis(Rule):
    id = "provenance/undeclared-basis"
    severity = Severity.WARNING
    summary = "The copy says it is based on another outlet's report, but its metadata declares no source"
    docs = """Fires when the text says the story rests on another outlet's reporting ("based on a
    Reuters report", "first reported by Bloomberg", "originally published in The Daily Courier",
    "according to a report by AP") while the metadata names no source: no schema.org `isBasedOn`
    or `citation` in an HTML page's JSON-LD, no `infoSources` in a ninjs record, no `<source>` in a
    feed item, no `sources` in Markdown front matter. schema.org's NewsArticle has `isBasedOn` and
    IPTC ninjs has `infoSources` exactly so that syndication partners, aggregators and search
    engines can follow a story back to the report it was built from; a credit in the prose alone
    is lost to them. Only formats that carry metadata are checked, only named outlets count (not
    people or government reports), and copy with a visible source list is left alone. "According to
    a report" is reported as info, the stronger "based on" forms as warnings. Fix: add the report's
    URL to the metadata field the message names."""
    bad = (
        {"text": "<html><head><title>Port strike ends</title><script type=\"application/ld+json\">"
                 "{\"@type\": \"NewsArticle\", \"headline\": \"Port strike ends\", \"datePublished\": \"2026-06-28\"}"
                 "</script></head><body><article><h1>Port strike ends</h1><p>Dock workers returned on "
                 "Monday, ending a two-week strike, according to the union.</p><p>This story is based on a "
                 "Reuters report from Rotterdam.</p></article></body></html>", "path": "story.html"},
        {"text": "{\"uri\": \"urn:example:1\", \"headline\": \"Port strike ends\", \"body_text\": \"Dock workers "
                 "returned on Monday. The deal was first reported by Bloomberg News.\"}", "path": "story.json"},
    )
    good = (
        {"text": "<html><head><title>Port strike ends</title><script type=\"application/ld+json\">"
                 "{\"@type\": \"NewsArticle\", \"headline\": \"Port strike ends\", \"isBasedOn\": "
                 "\"https://www.reuters.com/world/port-strike-ends-2026-06-28/\"}</script></head><body><article>"
                 "<h1>Port strike ends</h1><p>This story is based on a Reuters report from Rotterdam.</p>"
                 "</article></body></html>", "path": "story.html"},
        {"text": "{\"uri\": \"urn:example:1\", \"headline\": \"Port strike ends\", \"body_text\": \"The deal "
                 "was first reported by Jane Doe, a union official, on Monday.\"}", "path": "story.json"},
        "---\ntitle: Port strike ends\nsources:\n  - https://www.reuters.com/world/port-strike-2026-06-28/\n---\n\n"
        "This story is based on a Reuters report from Rotterdam.\n",
    )

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        if article.format not in _FIELD and not (article.format == "markdown" and article.meta):
            return
        if article.has_source_section:
            return
        patterns = [(p, sev, gate, ways) for p, sev, gate in _patterns() if (ways := gate.ways(article)) != []]
        if not patterns:  # the wording each pattern needs is not in the copy
            return
        for block in article.body:
            low = block.text.lower()
            for pattern, severity, gate, ways in patterns:
                if not gate.in_piece(low, ways):
                    continue
                for m in pattern.finditer(block.text):
                    outlet = _outlet_name(ctx, m.group("outlet") or "")
                    if outlet is None or _own_outlet(article, outlet, ctx):
                        continue
                    field = _FIELD.get(article.format, "a `sources` entry in the front matter")
                    yield self.finding(
                        block.start + m.start(), block.start + m.end(),
                        f"The copy says it draws on reporting by {outlet} (“{m.group(0)}”) but its metadata "
                        f"declares no source: add {field} with the URL of that report, so partners and "
                        "search engines can trace the story to it.",
                        severity=severity, outlet=outlet,
                    )  # fmt: skip
                    return


RULES = (UndeclaredBasis,)
