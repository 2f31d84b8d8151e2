"""The source registry: outlets, agencies, accounts and markets, and the kind of source each is.

Built from ``rules/data/source-registry.yaml`` plus the outlets a newsroom lists under the config
key ``source-registry``. Provenance rules ask it what kind of source a name, domain or handle is;
the consistency digest uses it to find which outlet a sentence says reported something.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from newslint.data import load_data
from newslint.text import rx
from newslint.text.urls import Url, host_matches, shortener, social_link

if TYPE_CHECKING:
    from newslint.rule import Context

class Outlet(NamedTuple):
    """One registered source: an outlet, agency, account or market."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    handles: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class SourceRegistry:
    """Lookups from names, domains and handles to outlets, and from URLs to kinds of source.
    Built once per configuration by ``source_registry``."""

    outlets: tuple[Outlet, ...]
    kind_labels: Mapping[str, str]
    generic: Mapping[str, str]  # lowercase phrase -> kind ("state television" -> state-affiliated)
    official_labels: frozenset[str]  # first label of government suffixes ("gov" in "gov.uk")
    by_domain: Mapping[str, Outlet]
    by_handle: Mapping[str, Outlet]  # casefolded handle -> outlet
    name_keys: tuple[tuple[str, Outlet], ...]  # squashed names of 5+ characters, longest first
    by_alias: Mapping[str, Outlet]
    alias_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    generic_cues: frozenset[str]  # a word every generic phrase contains, for a cheap pre-check

    def label(self, kind: str) -> str:
        return self.kind_labels.get(kind, kind)

    def for_handle(self, handle: str) -> Outlet | None:
        """The outlet owning ``handle``: a listed handle, else a handle that contains a long
        enough outlet name ("alalamarabic" -> Al-Alam)."""
        key = handle.casefold().lstrip("@")
        if key in self.by_handle:
            return self.by_handle[key]
        return next((o for name, o in self.name_keys if name in key), None)

    def for_url(self, url: Url) -> Outlet | None:
        short = shortener(url)
        if short and short.expands_to:
            return self.by_domain.get(short.expands_to)
        hit = host_matches(url, self.by_domain)
        if hit:
            return self.by_domain[hit]
        social = social_link(url)
        return self.for_handle(social.account) if social and social.account else None

    def kind_of_url(self, url: Url) -> str | None:
        """What kind of source a link is; None when unknown."""
        outlet = self.for_url(url)
        if outlet:
            return outlet.kind
        if url.suffix and url.suffix.split(".")[0] in self.official_labels:
            return "official"
        if social_link(url) is not None:
            return "social-account"
        return None

    @cached_property
    def alias_words(self) -> dict[str, list[frozenset[str]]] | None:
        """The words of each alias (lowercase), filed under the one rarest in English. An alias is
        written in a text only where each of its words is a whole word, so a text without all the
        words of some alias names no outlet (a cheap test before ``names_in``: ``may_name``).
        None when some alias has no word."""
        from newslint.text.spelling import lexicon

        zipf = lexicon().zipf
        out: dict[str, list[frozenset[str]]] = {}
        for alias in self.by_alias:
            words = _ALIAS_WORD.findall(alias.lower())
            if not words:
                return None
            out.setdefault(min(words, key=lambda w: (zipf(w), -len(w), w)), []).append(frozenset(words))
        return out

    @cached_property
    def generic_words(self) -> frozenset[str] | None:
        """``generic_cues`` when each is a whole word of its phrases (then a text without any of
        them as a whole word has no generic reference), else None."""
        for phrase in self.generic:
            words = _ALIAS_WORD.findall(phrase)
            if not any(cue in words for cue in self.generic_cues):
                return None
        return frozenset(self.generic_cues)

    def may_name(self, words: frozenset[str]) -> bool:
        """False when a text with these words (lowercase, whole) cannot name an outlet."""
        index = self.alias_words
        if index is None:
            return True
        return any(aliases <= words for key in index.keys() & words for aliases in index[key])

    def names_in(self, text: str) -> Iterator[tuple[int, int, Outlet]]:
        """(start, end, outlet) of every outlet name written in ``text``."""
        for m in self.alias_re.finditer(text):
            yield m.start(), m.end(), self.by_alias[m.group()]

    def generic_in(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, kind) of unnamed references such as "state television"."""
        lower = text.lower()
        if not any(word in lower for word in self.generic_cues):
            return
        for m in self.generic_re.finditer(text):
            yield m.start(), m.end(), self.generic[m.group().lower()]


_ALIAS_WORD = rx.compile(r"\w+")


def _outlet(entry: Mapping[str, Any]) -> Outlet:
    name = str(entry["name"])
    return Outlet(
        name,
        str(entry["kind"]),
        tuple(str(a) for a in entry.get("aliases") or (name,)),
        tuple(str(d).lower() for d in entry.get("domains") or ()),
        tuple(str(h) for h in entry.get("handles") or ()),
    )


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _alternation(name: str, phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` built as a trie, so matching costs one branch per
    character instead of one per phrase; at each point longer phrases are tried first. Kept in
    the user's cache folder under ``name``, keyed by the phrases: building it is most of the
    registry's load (about 2 ms of every run)."""
    from newslint import __version__
    from newslint.text.lexcache import cached_data

    ordered = sorted(set(phrases))  # the trie does not depend on their order
    return cached_data(name, f"newslint={__version__}|" + "\n".join(ordered), lambda: _trie(ordered))


def _trie(phrases: list[str]) -> str:
    """``_alternation`` built."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@cache
def _registry(extra_json: str) -> SourceRegistry:
    data = load_data("source-registry")
    extra = [_outlet(e) for e in json.loads(extra_json)]
    replaced = {o.name for o in extra}
    outlets = tuple(o for o in map(_outlet, data["outlets"]) if o.name not in replaced) + tuple(extra)
    generic = {str(p).lower(): str(kind) for kind, phrases in data["generic"].items() for p in phrases}
    by_domain = {d: o for o in outlets for d in o.domains}
    by_handle = {h.casefold(): o for o in outlets for h in o.handles}
    by_alias = {a: o for o in outlets for a in o.aliases}
    name_keys = sorted(((_squash(a), o) for o in outlets for a in o.aliases if len(_squash(a)) >= 5),
                       key=lambda item: len(item[0]), reverse=True)  # fmt: skip
    return SourceRegistry(
        outlets,
        dict(data["kinds"]),
        generic,
        frozenset(str(label) for label in data["official-suffix-labels"]),
        by_domain,
        by_handle,
        tuple(name_keys),
        by_alias,
        rx.compile(r"(?<![\w@#.-])(?:%s)(?![\w-]|\.\w)" % _alternation("source-aliases", by_alias)),
        rx.compile(r"(?<![\w-])(?:%s)(?![\w-])" % _alternation("source-phrases", generic), re.IGNORECASE),
        frozenset(max(re.findall(r"[a-z]+", phrase), key=len) for phrase in generic),
    )


def source_registry(ctx: Context) -> SourceRegistry:
    """The built-in registry plus the outlets listed under the config key ``source-registry``."""
    extra = ctx.settings.get("source-registry") or []
    return _registry(json.dumps(extra, sort_keys=True, default=str) if extra else "[]")


