"""Finding the article body in a parsed HTML page (selectolax/Lexbor nodes).

Readability-style: every paragraph with enough text scores its parent and grandparents (more for
commas and length, weighted by tag and by class/id hints); the best-scored element, outside
comments, sidebars and related-link boxes when possible, is the start. It is then widened to its
ancestors while each step adds at least half again as much paragraph text and twice as much
paragraph text as other text (link lists, captions, widgets), so bodies split by ad slots or
wrapped one paragraph per box come out whole. A schema.org ``articleBody`` element wins when it
holds most of that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from newslint.text import rx

ENTER, TEXT, EXIT = 0, 1, 2

# Elements that are never body text: scripts, media, form controls, page furniture outside the body.
SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "video", "audio", "picture", "img", "source", "map", "button", "select", "option", "input",
    "textarea", "label", "nav", "aside", "header", "footer", "figure", "head", "title", "meta", "link",
    "dialog", "menu",
})
BLOCK = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt", "dd", "h1",
    "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "figcaption", "address", "hr", "center", "details", "summary", "fieldset", "form", "legend", "hgroup",
    "body", "html",
})

_NEGATIVE = rx.compile(
    r"-ad-|\bads?\b|banner|combx|comment|contact|foot|footnote|gdpr|masthead|media|meta|outbrain|promo|"
    r"related|recommend|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|popup|"
    r"newsletter|signup|subscribe|teaser|trending|most-?popular|nav|menu|breadcrumb|byline|author-?bio",
    re.I,
)
_POSITIVE = rx.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|paywall", re.I)
_BODY_HINTS = (
    '[itemprop="articleBody"]', '[property="content:encoded"]', '[property="articleBody"]',
    '[data-testid="article-body"]', ".article-body", ".article__body", ".articleBody", ".story-body",
    ".entry-content", ".post-content", ".article-content",
)
_NOT_BODY = ", ".join(
    f'[{attr}*="{word}" i]' + (':not([class*="commentary" i])' if word == "comment" else "")
    for word in ("comment", "related", "recommend", "sidebar", "outbrain", "taboola", "trending",
                 "popular", "promo", "newsletter", "social", "share", "breadcrumb", "byline", "author-bio",
                 "masthead", "footer", "rollover")
    for attr in ("class", "id")
)
# Elements whose content is not text of the page (raw text in the source, or inert).
UNSEEN = frozenset({"script", "style", "template", "xmp", "iframe", "noembed", "noframes", "plaintext"})
_PARA_TAGS = frozenset({"p", "pre", "td", "div", "section", "article", "blockquote"})
_TAG_WEIGHT = {"div": 5, "article": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3, "main": 3,
               "ol": -3, "ul": -3, "dl": -3, "li": -3, "form": -3, "th": -5}
_MIN_PARAGRAPH = 25  # characters


def walk(root: Any, skip: frozenset[str] = SKIP, skip_ids: frozenset[int] = frozenset()) -> Iterator[tuple[int, Any]]:
    """(ENTER|TEXT|EXIT, node) over ``root``'s subtree in document order, without recursion;
    elements named in ``skip`` (or whose ``mem_id`` is in ``skip_ids``) are left out whole."""
    elems = [root]
    iters = [root.iter(include_text=True)]
    yield ENTER, root
    while iters:
        node = next(iters[-1], None)
        if node is None:
            iters.pop()
            yield EXIT, elems.pop()
        elif node.is_text_node:
            yield TEXT, node
        elif node.is_element_node and node.tag not in skip and node.mem_id not in skip_ids:
            yield ENTER, node
            elems.append(node)
            iters.append(node.iter(include_text=True))


def ancestors(node: Any) -> Iterator[Any]:
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def contains(outer: Any, inner: Any) -> bool:
    return inner.mem_id == outer.mem_id or any(a.mem_id == outer.mem_id for a in ancestors(inner))


@dataclass(slots=True)
class _Stat:
    """What one element holds, in characters of whitespace-collapsed text."""

    node: Any
    tag: str
    excluded_by: tuple[_Stat, ...]  # enclosing elements (itself included) classed as comments, sidebars ...
    text: int = 0
    links: int = 0  # text inside links
    own: int = 0  # text outside nested blocks
    good: int = 0  # text of paragraphs (blocks with enough own text, not mostly links)
    commas: int = 0
    score: float = 0.0
    seeded: bool = False

    @property
    def final(self) -> float:
        return self.score * (1 - (self.links / self.text if self.text else 0.0))


@dataclass(frozen=True, slots=True)
class _Paragraph:
    gain: float
    scored: tuple[_Stat, ...]  # the ancestors it scores, nearest first
    excluded_by: tuple[_Stat, ...]


def _class_weight(node: Any) -> int:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if not names.strip():
        return 0
    return (25 if _POSITIVE.search(names) else 0) - (25 if _NEGATIVE.search(names) else 0)


def _measure(tree: Any, body: Any, on_text: Callable[[Any, str], None]) -> tuple[dict[int, _Stat], list[_Paragraph]]:
    """Every element's stats and every scoring paragraph, in one walk of ``body``; every text
    node (furniture included) goes to ``on_text`` in document order."""
    not_body = {n.mem_id for n in tree.css(_NOT_BODY)}
    stats: dict[int, _Stat] = {}
    paragraphs: list[_Paragraph] = []
    stack: list[_Stat] = []
    blocks: list[_Stat] = []
    excluded: tuple[_Stat, ...] = ()
    in_link = skipped = 0
    for event, node in walk(body, UNSEEN):
        if event == TEXT:
            text = node.text_content or ""
            on_text(node, text)
        if skipped or (event != TEXT and node.tag in SKIP):
            if event != TEXT and node.tag in SKIP:
                skipped += 1 if event == ENTER else -1
            continue
        if event == ENTER:
            st = _Stat(node, node.tag, excluded)
            if node.mem_id in not_body:
                excluded = st.excluded_by = (*excluded, st)
            stack.append(st)
            if st.tag in BLOCK:
                blocks.append(st)
            elif st.tag == "a":
                in_link += 1
        elif event == TEXT and stack:
            n = len(" ".join(text.split()))
            if not n:
                continue
            stack[-1].text += n
            if in_link:
                stack[-1].links += n
            if blocks:
                blocks[-1].own += n
                blocks[-1].commas += text.count(",")
        elif event == EXIT:
            st = stack.pop()
            stats[node.mem_id] = st
            if excluded and excluded[-1] is st:
                excluded = excluded[:-1]
            if st.tag == "a":
                in_link -= 1
            if blocks and blocks[-1] is st:
                blocks.pop()
            is_paragraph = st.own >= _MIN_PARAGRAPH and st.links < st.text * 0.5
            if is_paragraph:
                st.good += st.own
            if stack:
                parent = stack[-1]
                parent.text += st.text
                parent.links += st.links
                parent.good += st.good
            if is_paragraph and st.tag in _PARA_TAGS and stack:
                gain = 1 + st.commas + min(st.own // 100, 3)
                paragraphs.append(_Paragraph(gain, tuple(reversed(stack[-5:])), st.excluded_by))
    return stats, paragraphs


def _score(paragraphs: list[_Paragraph], real: set[int]) -> None:
    """Readability scores from the paragraphs not inside a ``real`` excluded element."""
    for p in paragraphs:
        for st in p.scored:
            st.score, st.seeded = 0.0, False
    for p in paragraphs:
        if any(id(e) in real for e in p.excluded_by):
            continue
        for level, anc in enumerate(p.scored):
            if not anc.seeded:
                anc.seeded = True
                anc.score += _TAG_WEIGHT.get(anc.tag, 0) + _class_weight(anc.node)
            anc.score += p.gain / (1 if level == 0 else 2 if level == 1 else level * 3)


def containers(tree: Any, body: Any, on_text: Callable[[Any, str], None]) -> list[Any]:
    """The element(s) holding the article body, in document order; ``on_text`` sees every text
    node of ``body`` on the way."""
    stats, paragraphs = _measure(tree, body, on_text)
    _score(paragraphs, set())
    candidates = [s for s in stats.values() if s.seeded]
    if not candidates:
        return [body]
    first = max(candidates, key=lambda s: s.final)
    # classed as comments/sidebars, unless it wraps the best candidate (a <body class="has-sidebar">)
    wraps = {id(s) for s in first.excluded_by}
    real = {id(s) for s in stats.values() if s.excluded_by and s.excluded_by[-1] is s and id(s) not in wraps}
    if real:
        _score(paragraphs, real)
        clean = [s for s in stats.values() if s.seeded and not any(id(e) in real for e in s.excluded_by)]
        top = max(clean, key=lambda s: s.final) if clean else first
    else:
        top = first
    for selector in _BODY_HINTS:
        hinted = [st for n in tree.css(selector) if (st := stats.get(n.mem_id)) is not None and st.good >= 200]
        if hinted:
            best = max(hinted, key=lambda s: s.good)
            if best.good >= 0.5 * top.good or contains(best.node, top.node):
                top = best
            break
    return [_widen(top, stats, real)]


def _widen(top: _Stat, stats: dict[int, _Stat], real: set[int]) -> Any:
    """``top`` or the ancestor it grows into while each step adds mostly paragraph text."""
    chain = [stats.get(a.mem_id) for a in ancestors(top.node)]
    outermost = [s for s in stats.values()
                 if id(s) in real and s.excluded_by[-1] is s and not any(id(e) in real for e in s.excluded_by[:-1])]
    above = [(o, {a.mem_id for a in ancestors(o.node)}) for o in outermost]

    def good(st: _Stat) -> int:
        """Paragraph text inside ``st`` but not in comments, sidebars, related links."""
        return st.good - sum(o.good for o, ids in above if st.node.mem_id in ids)

    cur, cur_good = top, good(top)
    for up in chain:
        if up is None or up.tag in ("body", "html"):
            break
        up_good = good(up)
        gain = up_good - cur_good
        other = (up.text - cur.text) - gain
        if not ((gain == 0 and other <= 0) or (gain >= 0.5 * cur_good and gain >= 2 * other)):
            break
        cur, cur_good = up, up_good
    return cur.node
