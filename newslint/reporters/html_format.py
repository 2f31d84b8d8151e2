"""``--format html``: one self-contained page for editors.

A summary per rule and per file, filters by severity and family, then each article with
findings: its list of findings and its text with every finding highlighted in place. Findings
are numbered in report order (by file, then position); ``data-finding`` carries the number on
the list item and on each ``<mark>`` of its highlight (a span that crosses another is split into
pieces so that marks nest). Style and script are inline and a Content-Security-Policy forbids
any network access; every piece of text from the articles and the findings is HTML-escaped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from newslint.model import EXCERPT_MAX, Finding
from newslint.reporters import ReportOptions, relative_path, rule_class, summary

if TYPE_CHECKING:
    from newslint.engine import FileResult, RunResult

SEVERITIES = ("error", "warning", "info")
FILES_OPEN = 50  # the per-file table starts folded when the run has more files
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --error: #b3261e; --warning: #a15c00; --info: #0b57d0; --line: #d8d8d8; color-scheme: light; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem;
  color: #1f1f1f; }
h1 { margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; word-break: break-all; }
summary h2 { display: inline; }
table { border-collapse: collapse; margin-bottom: 1rem; }
th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid var(--line); }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
#filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 0;
  z-index: 1; }
fieldset { display: inline-block; border: 1px solid var(--line); margin: 0 .5rem .25rem 0; padding: .2rem .6rem; }
label { margin-right: .6rem; white-space: nowrap; }
.sev { font-weight: 600; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
section.article { border-top: 2px solid var(--line); }
ol.findings { padding-left: 1.5rem; }
ol.findings li.off { display: none; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid var(--line);
  padding: .75rem; font: 14px/1.6 ui-monospace, monospace; }
mark { background: #fff3c4; color: inherit; border-bottom: 2px solid var(--warning); padding: 0; }
mark.sev-error { background: #fde0dc; border-bottom-color: var(--error); }
mark.sev-info { background: #e3ecfd; border-bottom-color: var(--info); }
mark mark { outline: 1px dotted #555; }
mark:empty::after { content: "\\25B2"; font-size: .7em; vertical-align: sub; }
mark.off { background: none; border-bottom: none; outline: none; }
mark.off:empty::after { content: none; }
mark:target { box-shadow: 0 0 0 2px #1f1f1f; }
"""

JS = """
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll("input[data-filter]")];
  const total = document.querySelectorAll("li[data-finding]").length;
  const checked = (kind) => new Set(boxes.filter((b) => b.dataset.filter === kind && b.checked).map((b) => b.value));
  function apply() {
    const sev = checked("severity"), fam = checked("family");
    let shown = 0;
    for (const el of document.querySelectorAll("[data-finding]")) {
      const on = sev.has(el.dataset.severity) && fam.has(el.dataset.family);
      el.classList.toggle("off", !on);
      if (on && el.tagName === "LI") shown += 1;
    }
    for (const sec of document.querySelectorAll("section.article")) {
      sec.hidden = !sec.querySelector("li[data-finding]:not(.off)");
    }
    document.getElementById("shown").textContent = `${shown} of ${total} findings shown`;
  }
  boxes.forEach((b) => b.addEventListener("change", apply));
  apply();
})();
"""


@dataclass(frozen=True)
class Span:
    """A finding's place in its article's text, and its number on the page."""

    start: int
    end: int
    number: int
    finding: Finding


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def locate(text: str, starts: list[int], f: Finding, line_base: int = 0) -> tuple[int, int] | None:
    """Offsets in ``text`` of a finding's span, from its lines and columns (``line_base``: lines
    of the file before ``text``, for a record of a stream); None when the finding's line is not
    in this text (a finding with no text position)."""
    first, last = f.line - 1 - line_base, max(f.end_line, f.line) - 1 - line_base
    if not 0 <= first <= last < len(starts):
        return None
    line_end = starts[first + 1] - 1 if first + 1 < len(starts) else len(text)
    line = text[starts[first] : line_end]
    at = f.excerpt_column - 1  # a very long line's excerpt is a stretch of it
    if (line[at : at + len(f.excerpt)] if len(line) > EXCERPT_MAX else line.rstrip("\r")) != f.excerpt:
        return None
    start, end = starts[first] + f.column - 1, starts[last] + f.end_column - 1
    return (start, end) if 0 <= start <= end <= len(text) else None


def _open(sp: Span, first: bool) -> str:
    f = sp.finding
    sev = f.severity.value
    ident = f' id="f{sp.number}"' if first else ""
    return (f'<mark{ident} class="sev-{sev}" data-finding="{sp.number}" data-rule="{_e(f.rule)}" '
            f'data-severity="{sev}" data-family="{_e(f.family)}" title="{_e(f.rule)}: {_e(f.message)}">')


def marked(text: str, spans: list[Span]) -> str:
    """``text`` escaped, with a ``<mark>`` around each span; crossing spans are split so marks nest."""
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    starting: dict[int, list[Span]] = {}
    for sp in sorted(spans, key=lambda s: (s.start, -s.end, s.number)):
        starting.setdefault(sp.start, []).append(sp)
    out: list[str] = []
    stack: list[Span] = []
    for i, pos in enumerate(bounds):
        if any(sp.end == pos for sp in stack):
            reopen = []
            while any(sp.end == pos for sp in stack):
                sp = stack.pop()
                out.append("</mark>")
                if sp.end != pos:
                    reopen.append(sp)
            for sp in reversed(reopen):
                out.append(_open(sp, first=False))
                stack.append(sp)
        for sp in starting.get(pos, []):
            out.append(_open(sp, first=True))
            if sp.end == sp.start:
                out.append("</mark>")
            else:
                stack.append(sp)
        if i + 1 < len(bounds):
            out.append(_e(text[pos : bounds[i + 1]]))
    return "".join(out)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _counts_cells(findings: list[Finding]) -> str:
    c = Counter(f.severity.value for f in findings)
    return "".join(f'<td class="n sev-{s}">{c[s] or ""}</td>' for s in SEVERITIES)


def _filters(findings: list[Finding]) -> str:
    sev = Counter(f.severity.value for f in findings)
    fam = Counter(f.family for f in findings)
    boxes = ['<fieldset><legend>Severity</legend>']
    boxes += [f'<label><input type="checkbox" data-filter="severity" value="{s}" checked> '
              f'<span class="sev sev-{s}">{s}</span> ({sev[s]})</label>' for s in SEVERITIES]
    boxes.append('</fieldset><fieldset><legend>Family</legend>')
    boxes += [f'<label><input type="checkbox" data-filter="family" value="{_e(name)}" checked> {_e(name)} ({n})</label>'
              for name, n in sorted(fam.items())]
    boxes.append('</fieldset> <span id="shown"></span>')
    return f'<nav id="filters">{"".join(boxes)}</nav>'


def _article(anchor: str, name: str, findings: list[Finding], source: FileResult | None, first_number: int) -> str:
    spans: list[Span] = []
    items = []
    text = source.text if source else None
    starts = _line_starts(text) if text is not None else []
    for number, f in enumerate(findings, first_number):
        where = locate(text, starts, f, source.line_base) if source and text is not None else None
        if where:
            spans.append(Span(where[0], where[1], number, f))
        pos = f"{f.line}:{f.column}"
        link = f'<a href="#f{number}">{pos}</a>' if where else pos
        sev = f.severity.value
        items.append(f'<li data-finding="{number}" data-rule="{_e(f.rule)}" data-severity="{sev}" '
                     f'data-family="{_e(f.family)}">{link} <span class="sev sev-{sev}">{sev}</span> '
                     f'<code>{_e(f.rule)}</code> {_e(f.message)}</li>')
    body = f'<pre class="text">{marked(text, spans)}</pre>' if text is not None else ""
    return (f'<section class="article" id="{anchor}"><h2><a href="#{anchor}">{_e(name)}</a></h2>'
            f'<ol class="findings">{"".join(items)}</ol>{body}</section>')


def page(run: RunResult, options: ReportOptions) -> str:
    from newslint import __version__

    sources = {(fr.path, fr.record_id or ""): fr for fr in run.files}
    groups: dict[tuple[str, str], list[Finding]] = {key: [] for key in sources}
    for key, items in groupby(run.findings, key=lambda f: (f.path, f.record_id or "")):
        groups.setdefault(key, []).extend(items)
    file_rows, articles = [], []
    number = 0
    for n, ((path, record), findings) in enumerate(sorted(groups.items()), 1):
        name = relative_path(path) + (f" [{record}]" if record else "")
        label = _e(name)
        if findings:
            articles.append(_article(f"file-{n}", name, findings, sources.get((path, record)), number))
            number += len(findings)
            label = f'<a href="#file-{n}">{label}</a>'
        file_rows.append(f"<tr><td>{label}</td>{_counts_cells(findings)}</tr>")
    rule_rows = []
    for rule, items in groupby(sorted(run.findings, key=lambda f: f.rule), key=lambda f: f.rule):
        items = list(items)
        cls = rule_class(options, rule)
        about = _e(cls.summary) if cls else ""
        rule_rows.append(f"<tr><td><code>{_e(rule)}</code></td>{_counts_cells(items)}<td>{about}</td></tr>")
    c = summary(run)
    counts = (f'{c["errors"]} errors, {c["warnings"]} warnings, {c["info"]} info in {c["files"]} '
              f'file{"" if c["files"] == 1 else "s"}')
    head = "<tr><th>{}</th><th>errors</th><th>warnings</th><th>info</th>{}</tr>"
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>newslint report: {_e(counts)}</title><style>{CSS}</style></head><body>",
        f'<header><h1>newslint report</h1><p class="counts">{_e(counts)}</p></header>',
        _filters(run.findings),
        '<section id="summary"><h2>Rules</h2><table id="rules">', head.format("rule", "<th>what it catches</th>"),
        *rule_rows, f'</table><details{" open" if len(file_rows) <= FILES_OPEN else ""}><summary><h2>Files '
        f'({len(file_rows)})</h2></summary><table id="files">', head.format("file", ""), *file_rows,
        "</table></details></section><main>", *articles, "</main>",
        f"<footer><p>newslint {_e(__version__)}</p></footer><script>{JS}</script></body></html>\n",
    ])


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(page(run, options))
