"""``--format text``: findings grouped by file, each with the offending excerpt marked.

Colour (rich) on a terminal; plain text with a caret line otherwise or when NO_COLOR is set.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from newslint.model import Finding
from newslint.reporters import ReportOptions, summary

if TYPE_CHECKING:
    from newslint.engine import RunResult

WIDTH = 100
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _window(f: Finding) -> tuple[str, int, int]:
    """The excerpt trimmed around the span: (text, span start, span end) within it."""
    line = f.excerpt.replace("\t", " ")
    start = max(0, f.column - f.excerpt_column)
    end = len(line) if f.end_line != f.line else max(start + 1, f.end_column - f.excerpt_column)
    end = min(end, len(line))
    left = max(0, min(start - 30, len(line) - WIDTH))
    right = min(len(line), max(left + WIDTH, end))
    if right - left > WIDTH + 40:
        right = left + WIDTH + 40
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    text = prefix + line[left:right] + suffix
    s = start - left + len(prefix)
    e = min(end, right) - left + len(prefix)
    return text, s, max(e, s + 1)


def _summary_line(counts: dict[str, Any]) -> str:
    def n(k: str, word: str) -> str:
        v = counts[k]
        return f"{v} {word}{'' if v == 1 or word == 'info' else 's'}"

    files = counts["files"]
    return f"{n('errors', 'error')}, {n('warnings', 'warning')}, {n('info', 'info')} in {files} file{'' if files == 1 else 's'}"


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    if options.color:
        _render_rich(run, out, options)
    else:
        _render_plain(run, out, options)


def _location(f: Finding) -> str:
    rec = f" [{f.record_id}]" if f.record_id else ""
    return f"{f.line}:{f.column}{rec}"


def _render_plain(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    w = out.write
    for path, items in groupby(run.findings, key=lambda f: f.path):
        w(f"{path}\n")
        for f in items:
            w(f"  {_location(f):<8} {f.severity.value:<7} {f.rule}  {f.message}\n")
            if not options.quiet and f.excerpt.strip():
                text, s, e = _window(f)
                w(f"           | {text}\n           | {' ' * s}{'^' * (e - s)}\n")
        w("\n")
    _groups_plain(run, w)
    if options.statistics:
        _statistics_plain(run, w)
    if not options.quiet:
        w(_summary_line(summary(run)) + "\n")


def _groups_plain(run: RunResult, w: Any) -> None:
    groups = run.extras.get("groups") or []
    if groups:
        w("Story groups\n")
        for g in groups:
            w(f"  {g.get('id', '')}: {g.get('label', '')}\n")
            for member in g.get("articles", []):
                w(f"    {member}\n")
        w("\n")


def _statistics_plain(run: RunResult, w: Any) -> None:
    counts = Counter((f.rule, f.severity.value) for f in run.findings)
    if counts:
        w("Findings by rule\n")
        for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"  {n:>6}  {sev:<7} {rule}\n")
        w("\n")
    _metrics_plain(run, w)


def _metrics_plain(run: RunResult, w: Any) -> None:
    metrics = [fr.metrics for fr in run.files if fr.metrics]
    if metrics:
        w("Readability (mean over articles)\n")
        for key in metrics[0]:
            vals = [m[key] for m in metrics if isinstance(m.get(key), (int, float))]
            if vals:
                w(f"  {key:<28} {sum(vals) / len(vals):.1f}\n")
        w("\n")


def _render_rich(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True)
    for path, items in groupby(run.findings, key=lambda f: f.path):
        console.print(Text(path, style="bold underline"))
        for f in items:
            line = Text("  ")
            line.append(f"{_location(f):<8} ", style="dim")
            line.append(f"{f.severity.value:<7} ", style=STYLES[f.severity.value])
            line.append(f"{f.rule}  ", style="bold")
            line.append(f.message)
            console.print(line)
            if not options.quiet and f.excerpt.strip():
                text, s, e = _window(f)
                ex = Text()
                ex.append("           │ ", style="dim")
                ex.append(text[:s])
                ex.append(text[s:e], style=f"{STYLES[f.severity.value]} underline")
                ex.append(text[e:])
                console.print(ex)
        console.print()
    if run.extras.get("groups"):
        _groups_plain(run, lambda s: console.print(s, end=""))
    if options.statistics:
        counts = Counter((f.rule, f.severity.value) for f in run.findings)
        table = Table(title="Findings by rule")
        for col in ("count", "severity", "rule"):
            table.add_column(col)
        for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(str(n), Text(sev, style=STYLES[sev]), rule)
        if counts:
            console.print(table)
        _metrics_plain(run, lambda s: console.print(s, end=""))
    if not options.quiet:
        counts = summary(run)
        style = "bold red" if counts["errors"] else "yellow" if counts["warnings"] else "green"
        console.print(Text(_summary_line(counts), style=style))
