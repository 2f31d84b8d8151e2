"""Declarative rules: YAML rule packs (``rules/*.yaml`` and local packs) turned into Rule classes.

A pack is ``{rules: [...]}``; each rule has an id, severity, summary, docs, a ``match`` kind
(existence, substitution, line), a scope of block kinds, phrases/patterns/swap tables, a message
template and examples. See DEVELOPING.md for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.config import ConfigError
from newslint.data import builtin_pack, load_data, yaml_loader
from newslint.model import Article, Block, BlockKind, Edit, Finding, Fix, Severity
from newslint.rule import RULE_ID, Context, Rule, remove_block_fix
from newslint.text import rx

if TYPE_CHECKING:
    from newslint.text.literals import Filter

MATCH_KINDS = ("existence", "substitution", "line")
MATCH_SHOWN = 80  # longest matched text quoted in a message
DEFAULT_SCOPE = ("headline", "dek", "heading", "paragraph", "quote", "list_item")
SCOPES = {k.value: k for k in BlockKind} | {"body": None, "all": None}
RULE_KEYS = {
    "id", "severity", "summary", "docs", "match", "scope", "ignore-case", "skip-quotes", "phrases",
    "patterns", "lexicon", "swap", "message", "fix", "examples",
}


def _phrase_regex(phrase: str) -> str:
    """A literal phrase matched on word boundaries, any run of white space between its words."""
    parts = [re.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return left + body + right


class PatternRule(Rule):
    """Base of every declarative rule; the class attributes come from the pack."""

    match_kind: ClassVar[str] = "existence"
    scope: ClassVar[frozenset[BlockKind]] = frozenset()
    ignore_case: ClassVar[bool] = True
    skip_quotes: ClassVar[bool] = False
    phrases: ClassVar[tuple[str, ...]] = ()
    patterns: ClassVar[tuple[str, ...]] = ()
    swap: ClassVar[Mapping[str, str]] = {}
    message: ClassVar[str] = "“{match}”"
    fix_kind: ClassVar[str | None] = None

    @cached_property
    def _alternatives(self) -> list[str]:
        """The regular expressions the rule's one pattern is the alternation of, in order."""
        alts = [_phrase_regex(p) for p in sorted(self.phrases, key=len, reverse=True)]
        alts += [f"(?:{p})" for p in self.patterns]
        if self.match_kind == "substitution":
            alts += [_phrase_regex(w) for w in sorted(self.swap, key=len, reverse=True)]
        return alts

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return rx.compile("|".join(self._alternatives) or r"(?!x)x", re.IGNORECASE if self.ignore_case else 0)

    @cached_property
    def _prefilter(self) -> tuple[Filter, list[int]] | None:
        """The literal test of the rule's alternatives (``newslint.text.literals``) and, for
        each of its ways of matching, the alternative it belongs to; None when some alternative
        needs no literal or refers to a group (its number depends on the alternatives around
        it), so the rule always runs its whole expression."""
        from newslint.text.literals import Filter, expression_checks

        flags = re.IGNORECASE if self.ignore_case else 0
        ways, owners = [], []
        for i, alt in enumerate(self._alternatives):
            alt_ways = expression_checks(alt, flags)
            if not alt_ways or _GROUP_REFERENCE.search(alt):
                return None
            ways += alt_ways
            owners += [i] * len(alt_ways)
        return Filter(ways), owners

    def _regex_of(self, alternatives: tuple[int, ...]) -> re.Pattern[str]:
        """The expression of some of the alternatives, in their order. Leaving out alternatives
        that cannot match a text gives the same matches on that text, faster."""
        if len(alternatives) == len(self._alternatives):
            return self.regex
        cache = self.__dict__.setdefault("_subsets", {})
        regex = cache.get(alternatives)
        if regex is None:
            if len(cache) >= MAX_SUBSETS:
                cache.clear()
            alts = self._alternatives
            flags = re.IGNORECASE if self.ignore_case else 0
            regex = cache[alternatives] = rx.compile("|".join(alts[i] for i in alternatives), flags)
        return regex

    def _blocks(self, article: Article) -> Iterator[tuple[Block, re.Pattern[str]]]:
        """The blocks in scope that the rule may match, each with the expression to run on it:
        only the alternatives whose literals the article and the block contain."""
        prefilter = self._prefilter
        tested = article.literal_text if prefilter is not None else None  # ``literals.text_of``, no import per call
        if tested is None:
            regex = self.regex
            for block in article.blocks:
                if block.kind in self.scope:
                    yield block, regex
            return
        test, owners = prefilter  # type: ignore[misc]
        ways = test.ways_in(tested)
        if not ways:
            return  # the common case: no alternative can match
        for block in tested.in_scope(self.scope):
            here = test.ways_in_piece(tested.piece(block), ways)
            if here:
                yield block, self._regex_of(tuple(sorted({owners[w] for w in here})))

    @cached_property
    def _swap_lower(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.swap.items()}

    def check(self, article: Article, ctx: Context) -> Iterator[Finding]:
        for block, regex in self._blocks(article):
            if self.match_kind == "line":
                m = regex.fullmatch(block.text.strip())
                if m:
                    fix = remove_block_fix(article, block.start, block.end) if self.fix_kind == "remove-line" else None
                    yield self.finding(block.start, block.end, self._message(m.group(0)), fix=fix)
                continue
            for m in regex.finditer(block.text):
                start, end = block.start + m.start(), block.start + m.end()
                if self.skip_quotes and article.in_quote(start, end):
                    continue
                word = m.group(0)
                if self.match_kind == "substitution":
                    repl = self.swap.get(word) or self._swap_lower.get(word.lower())
                    if repl is None:
                        continue
                    repl = _match_case(word, repl)
                    options = [r.strip() for r in repl.split(",")]
                    fix = None
                    if len(options) == 1 and not article.in_quote(start, end):
                        fix = Fix(f"replace with “{options[0]}”", (Edit(start, end, options[0]),))
                    yield self.finding(start, end, self._message(word, repl), fix=fix, suggestions=options)
                else:
                    fix = None
                    if self.fix_kind == "remove-line":
                        fix = remove_block_fix(article, block.start, block.end)
                    yield self.finding(start, end, self._message(word), fix=fix)

    def _message(self, match: str, replacement: str = "") -> str:
        shown = " ".join(match.split())
        if len(shown) > MATCH_SHOWN:
            shown = shown[: MATCH_SHOWN - 1].rstrip() + "…"
        return self.message.format(match=shown, replacement=replacement)


MAX_SUBSETS = 256  # expressions of some alternatives kept per rule
_GROUP_REFERENCE = rx.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # \1, (?P=name), (?(1)yes|no)


def _match_case(word: str, repl: str) -> str:
    if word.isupper() and len(word) > 1:
        return repl.upper()
    if word[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def load_pack(path: Path, origin: str | None = None) -> list[type[Rule]]:
    """The rule classes a pack file defines; a ConfigError names the file and line of a problem."""
    builtin = builtin_pack(path)
    if builtin is not None:  # parsed once and cached (newslint.data); validated by the rule tests
        data, lines = builtin
    else:
        import yaml

        loader = yaml_loader()
        try:
            text = path.read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=loader)
            data = yaml.load(text, Loader=loader)
        except OSError as exc:
            raise ConfigError(str(path), None, f"cannot read rule pack: {exc}") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise ConfigError(str(path), mark.line + 1 if mark else None,
                              f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
        seq = next((v for k, v in node.value if k.value == "rules"), None) if isinstance(node, yaml.MappingNode) else None
        lines = [item.start_mark.line + 1 for item in seq.value] if isinstance(seq, yaml.SequenceNode) else None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(str(path), 1, "a rule pack must be a mapping with a 'rules' list")
    classes = []
    for i, spec in enumerate(data["rules"]):
        line = lines[i] if lines is not None and i < len(lines) else None
        classes.append(build_rule(spec, str(path), line, origin or path.name, validate=builtin is None))
    return classes


def build_rule(spec: Any, path: str, line: int | None, origin: str, validate: bool = True) -> type[Rule]:
    """One declarative rule class from its YAML mapping. ``validate`` compiles each pattern to
    report a bad one with its file and line (the built-in packs skip it: their patterns compile
    when first used, and every rule's examples run in the tests)."""

    def fail(msg: str) -> ConfigError:
        rid = spec.get("id", "?") if isinstance(spec, dict) else "?"
        return ConfigError(path, line, f"rule {rid}: {msg}")

    if not isinstance(spec, dict):
        raise ConfigError(path, line, "each rule must be a mapping")
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(RULE_KEYS))}")
    rid = spec.get("id")
    if not isinstance(rid, str) or not RULE_ID.match(rid):
        raise fail("'id' must look like family/kebab-name with a known family")
    for key in ("summary", "message"):
        if not isinstance(spec.get(key), str):
            raise fail(f"'{key}' is required")
    kind = spec.get("match", "existence")
    if kind not in MATCH_KINDS:
        raise fail(f"'match' must be one of {', '.join(MATCH_KINDS)}")
    try:
        severity = Severity(spec.get("severity", "warning"))
    except ValueError:
        raise fail("'severity' must be error, warning or info") from None
    scope_names = spec.get("scope", list(DEFAULT_SCOPE))
    scope_names = [scope_names] if isinstance(scope_names, str) else scope_names
    scope: set[BlockKind] = set()
    for name in scope_names:
        if name not in SCOPES:
            raise fail(f"unknown scope '{name}'; use block kinds ({', '.join(SCOPES)})")
        if name == "all":
            scope |= set(BlockKind) - {BlockKind.CODE}
        elif name == "body":
            scope |= {BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM}
        else:
            scope.add(SCOPES[name])
    phrases = list(spec.get("phrases", []))
    swap = dict(spec.get("swap", {}))
    if "lexicon" in spec:
        try:
            lex = load_data(str(spec["lexicon"]))
        except OSError:
            raise fail(f"lexicon '{spec['lexicon']}' not found in rules/data/") from None
        phrases += list(lex.get("words", []))
        swap.update(lex.get("swap", {}))
    patterns = tuple(spec.get("patterns", []))
    for p in patterns if validate else ():
        try:
            rx.compile(p)
        except re.error as exc:
            raise fail(f"bad pattern {p!r}: {exc}") from None
    if not (phrases or patterns or swap):
        raise fail("needs 'phrases', 'patterns', 'swap' or a 'lexicon'")
    fix = spec.get("fix")
    if fix not in (None, "remove-line"):
        raise fail("'fix' must be remove-line")
    examples = spec.get("examples", {}) or {}
    attrs: dict[str, Any] = {
        "id": rid,
        "severity": severity,
        "summary": spec["summary"],
        "docs": spec.get("docs", ""),
        "bad": tuple(examples.get("bad", ())),
        "good": tuple(examples.get("good", ())),
        "fixable": bool(fix) or (kind == "substitution"),
        "origin": origin,
        "match_kind": kind,
        "scope": frozenset(scope),
        "ignore_case": bool(spec.get("ignore-case", True)),
        "skip_quotes": bool(spec.get("skip-quotes", False)),
        "phrases": tuple(str(p) for p in phrases),
        "patterns": patterns,
        "swap": swap,
        "message": spec["message"],
        "fix_kind": fix,
    }
    name = "".join(part.title() for part in re.split(r"[/-]", rid))
    return type(name, (PatternRule,), attrs)
