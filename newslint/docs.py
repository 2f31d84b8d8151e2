"""Rule documentation as text: ``newslint explain``, the README rule list, the starter config."""

from __future__ import annotations

import inspect

from newslint.rule import Example, Rule

STARTER_CONFIG = """\
# newslint configuration. Found from each checked file's folder upward; the closest file wins.
# Reference: https://github.com/newslint/newslint#configuration

# extends: ../.newslint.yaml        # inherit another config, then override below

# Rules or families to run (default: all) and to skip.
# select: [provenance, attribution, typos, spam, timestamps, leakage, structure]
ignore:
  - readability                     # info-level style metrics; enable when you want them

# Lowest severity that makes `newslint check` exit 1: error, warning or info.
fail-on: warning

# Change a rule's or a family's severity.
# severity:
#   attribution/weasel-words: info

# Newsroom vocabulary: names and terms that are never typos, and words always flagged.
# Each is a list, or a path to a file with one word per line. Entries are case-sensitive;
# an all-lowercase entry also accepts any capitalisation.
# accept: [Araqchi, Monexus]
# reject: .newslint/reject.txt

# Rule options.
# options:
#   provenance/post-date-far:
#     max-days: 7

# Per-path settings (recursive globs, relative to this file).
# overrides:
#   - files: ["archive/**"]
#     ignore: [typos]

# Local rule packs (YAML, same format as newslint's rules/*.yaml).
# rule-packs: [house-style.yaml]

# Optional LanguageTool server for grammar checks (never contacted unless set).
# languagetool:
#   url: http://localhost:8081
"""


def _dedent(text: str) -> str:
    return inspect.cleandoc(text) if text else ""


def explain_text(cls: type[Rule]) -> str:
    """A rule's docs, options and examples as plain text."""
    out = [f"{cls.id}  ({cls.severity.value}{', fixable' if cls.fixable else ''})", "", cls.summary, ""]
    if cls.docs:
        out += [_dedent(cls.docs), ""]
    if cls.defaults:
        out.append("Options (set under `options:` in .newslint.yaml):")
        out += [f"  {k}: {v!r}" for k, v in cls.defaults.items()]
        out.append("")
    for label, raw in (("Bad", cls.bad), ("Good", cls.good)):
        for ex in map(Example.of, raw):
            out.append(f"{label} example{'' if ex.path == 'example.md' else f' ({ex.path})'}:")
            out += ["    " + line for line in ex.text.rstrip("\n").splitlines()] or ["    (empty)"]
            out.append("")
    return "\n".join(out) + "\n"


def rules_markdown(rules: list[type[Rule]]) -> str:
    """The README's rule table, one row per rule, grouped by family."""
    lines = ["| rule | severity | fix | what it catches |", "|---|---|---|---|"]
    for cls in sorted(rules, key=lambda r: r.id):
        summary = cls.summary.replace("|", "\\|")
        lines.append(f"| `{cls.id}` | {cls.severity.value} | {'yes' if cls.fixable else ''} | {summary} |")
    return "\n".join(lines) + "\n"
