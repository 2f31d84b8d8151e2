"""``--format github``: GitHub Actions workflow commands that annotate the changed files.

``::error file=a.md,line=3,endLine=3,col=5,endColumn=12,title=spam/read-more::message``;
info findings become notices. Values are escaped as the runner expects: ``%``, CR and LF in the
message, and also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from newslint.model import Finding
from newslint.reporters import ReportOptions, relative_path, summary

if TYPE_CHECKING:
    from newslint.engine import RunResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding) -> str:
    """One workflow command for a finding (columns only when it stays on one line)."""
    props = [("file", relative_path(f.path)), ("line", str(f.line)), ("endLine", str(max(f.end_line, f.line)))]
    if f.end_line <= f.line:
        props += [("col", str(f.column)), ("endColumn", str(max(f.end_column, f.column)))]
    props.append(("title", f.rule))
    message = f"[{f.record_id}] {f.message}" if f.record_id else f.message
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity.value]} {joined}::{escape_data(message)}"


def render(run: RunResult, out: TextIO, options: ReportOptions) -> None:
    for f in run.findings:
        out.write(command(f) + "\n")
    if not options.quiet:
        c = summary(run)
        out.write(f"newslint: {c['errors']} error(s), {c['warnings']} warning(s), {c['info']} info "
                  f"in {c['files']} file(s)\n")
