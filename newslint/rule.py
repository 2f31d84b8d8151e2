"""The rule interface: what every rule, built in, declarative or plugged in, provides.

A rule is a class with an id ``family/kebab-name``, a default severity, a one-line summary, docs
(what it catches and why an editor cares), and good and bad examples that run as tests.
``check`` yields findings with offsets into ``article.text``; the engine adds positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newslint.model import Article, Edit, Finding, Fix, Severity
from newslint.text import rx

FAMILIES = (
    "provenance",
    "attribution",
    "typos",
    "spam",
    "timestamps",
    "leakage",
    "structure",
    "readability",
    "consistency",
)
RULE_ID = rx.compile(r"^(%s)/[a-z0-9]+(?:-[a-z0-9]+)*$" % "|".join(FAMILIES))


def _option_kind(default: Any, value: Any) -> str | None:
    """What an option's value must be, judged by its default: true or false; a number (no less
    than 0 when the default is above 0: a limit or a count); a string; a list (of strings, when
    the default's items are strings). None when ``value`` is that, or the default is None."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, (int, float)):
        if default > 0:
            return None if _is_number(value) and value >= 0 else "a number no less than 0"
        return None if _is_number(value) else "a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, (list, tuple)):
        if all(isinstance(v, str) for v in default):
            return None if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value) else "a list of strings"
        return None if isinstance(value, (list, tuple)) else "a list"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Example:
    """An article snippet a rule must flag (bad) or leave alone (good).

    ``text`` is read as Markdown unless ``path`` names another format (a path ending in ``/``
    is an empty folder); ``options`` are rule options for this example only; ``encoding`` is how
    the text is written to disk; ``others`` are more articles (name -> text) checked in the same
    run, for rules that compare articles.
    """

    text: str
    path: str = "example.md"
    options: Mapping[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    others: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, raw: str | Mapping[str, Any] | Example) -> Example:
        if isinstance(raw, Example):
            return raw
        if isinstance(raw, str):
            return cls(raw)
        return cls(
            str(raw["text"]),
            str(raw.get("path", "example.md")),
            dict(raw.get("options", {})),
            str(raw.get("encoding", "utf-8")),
            dict(raw.get("others", {})),
        )


@dataclass(frozen=True)
class Vocabulary:
    """Newsroom words from the config. ``accept``: never a typo (matched case-sensitively as
    written, and lowercase entries also match any casing); ``reject``: always flagged."""

    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()

    def accepts(self, word: str) -> bool:
        return word in self.accept or word.lower() in self.accept

    def rejects(self, word: str) -> bool:
        return word in self.reject or word.lower() in self.reject


@dataclass(frozen=True)
class Context:
    """Run-wide settings a rule may consult."""

    vocabulary: Vocabulary = Vocabulary()
    settings: Mapping[str, Any] = field(default_factory=dict)  # top-level config (languagetool ...)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``."""

    id: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str]
    docs: ClassVar[str] = ""
    bad: ClassVar[tuple[Any, ...]] = ()
    good: ClassVar[tuple[Any, ...]] = ()
    defaults: ClassVar[Mapping[str, Any]] = {}  # option name -> default value
    fixable: ClassVar[bool] = False
    origin: ClassVar[str] = "builtin"  # builtin, a pack file, or a plugin's name

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        unknown = set(options or {}) - set(self.defaults)
        if unknown:
            raise ValueError(f"{self.id}: unknown option(s) {', '.join(sorted(unknown))}")
        for name, value in (options or {}).items():
            wanted = _option_kind(self.defaults[name], value)
            if wanted:
                raise ValueError(f"{self.id}: option '{name}' must be {wanted}, not {value!r}")
        self.options: dict[str, Any] = {**self.defaults, **(options or {})}

    @property
    def family(self) -> str:
        return self.id.split("/", 1)[0]

    def check(self, article: Article, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        **data: Any,
    ) -> Finding:
        """A finding of this rule at ``start``..``end`` of the article text."""
        return Finding(self.id, severity or self.severity, message, start, end, fix=fix, data=data)

    @classmethod
    def examples(cls) -> Iterator[tuple[str, Example]]:
        for raw in cls.bad:
            yield "bad", Example.of(raw)
        for raw in cls.good:
            yield "good", Example.of(raw)


class CorpusRule(Rule):
    """A rule over several articles at once (``consistency/*``).

    ``digest`` runs per article (possibly in a worker process) and returns a small picklable
    summary, or None (nothing to compare: left out). After every article is read, ``analyse``
    runs once per ``analysis`` name over all digests, in input order (rules naming the same
    analysis share its result), then ``check_corpus`` yields positioned findings and ``extras``
    adds run-level output (such as story groups), asked of the first rule of each analysis only.
    The digests come as a read-only sequence: a list, or on archive-sized runs one read from
    disk (``newslint.results.Rows``), best read in order.
    """

    analysis: ClassVar[str] = ""

    def check(self, article: Article, ctx: Context) -> Iterable[Finding]:
        return ()

    def digest(self, article: Article, ctx: Context) -> Any:
        raise NotImplementedError

    def analyse(self, digests: Sequence[Any], ctx: Context) -> Any:
        return digests

    def check_corpus(self, analysis: Any, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def extras(self, analysis: Any) -> Mapping[str, Any]:
        return {}


def remove_block_fix(article: Article, start: int, end: int, description: str = "remove the line") -> Fix:
    """A fix deleting the whole line(s) covering ``start``..``end`` with their line break, and one
    blank separator line too when the removed lines stood between blank lines (or at an edge)."""
    text = article.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end + 1
    if line_end == len(text) and line_start > 0 and not text.endswith("\n"):
        line_start -= 1  # last line without newline: take the preceding break instead
        if line_start > 0 and text[line_start - 1] == "\r":
            line_start -= 1  # the whole CRLF
    else:
        nxt = text.find("\n", line_end)
        next_blank = nxt != -1 and not text[line_end:nxt].strip()
        prev_blank = line_start == 0 or not text[text.rfind("\n", 0, line_start - 1) + 1 : line_start].strip()
        if next_blank and prev_blank:
            line_end = nxt + 1
    return Fix(description, (Edit(line_start, line_end, ""),))


def remove_lines_fix(article: Article, spans: Iterable[tuple[int, int]], description: str) -> Fix:
    """One fix deleting the lines of several spans, each as ``remove_block_fix`` would; deletions
    that overlap or touch are merged (a fix's edits must not overlap)."""
    edits = sorted((e for start, end in spans for e in remove_block_fix(article, start, end).edits),
                   key=lambda e: (e.start, e.end))
    merged: list[Edit] = []
    for e in edits:
        if merged and e.start <= merged[-1].end:
            last = merged.pop()
            e = Edit(last.start, max(last.end, e.end), "")
        merged.append(e)
    return Fix(description, tuple(merged))
