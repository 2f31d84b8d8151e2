"""The ``newslint`` command line (typer). Heavy modules load inside the commands that need them.

No ``from __future__ import annotations`` here (nor in ``vocab``): typer reads the commands'
annotations at every start, and evaluating them from strings cost it 5 ms of each run."""

import gc
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newslint import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="newslint: a content-quality linter for syndicated news copy.",
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ("error", "warning", "info")


def _fail(message: str) -> typer.Exit:
    sys.stderr.write(f"newslint: error: {message}\n")
    return typer.Exit(EXIT_ERROR)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"newslint {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """newslint: a content-quality linter for syndicated news copy."""
    if ctx.invoked_subcommand != "check":  # (check resumes it after its first article; see run)
        gc.enable()


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders to check; '-' reads stdin.")] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Output format: text, json, sarif, github, gitlab, junit or html.")
    ] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Only these rules or families (comma-separated).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Skip these rules or families (comma-separated).")] = None,
    fail_on: Annotated[Optional[str], typer.Option(help="Lowest severity that fails the run: error, warning, info.")] = None,
    exit_zero: Annotated[bool, typer.Option(help="Exit 0 even when there are findings.")] = False,
    config: Annotated[Optional[Path], typer.Option(help="Use this config file for every file.")] = None,
    statistics: Annotated[bool, typer.Option(help="Add counts per rule and readability figures.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Findings only: no excerpts, summary or progress.")] = False,
    stdin_filename: Annotated[
        Optional[str], typer.Option(help="Name for the text read from stdin ('-'); its suffix picks the format.")
    ] = None,
    stdin_format: Annotated[
        Optional[str], typer.Option(help="Format of stdin when the name does not tell: markdown, text, ...")
    ] = None,
    # -- CI gate and review workflow: baseline, changed lines, fixes --
    write_baseline: Annotated[
        Optional[Path], typer.Option(help="Record today's findings in this file; --baseline then hides them.")
    ] = None,
    baseline: Annotated[
        Optional[Path], typer.Option(help="Report only findings not recorded in this baseline file.")
    ] = None,
    diff_base: Annotated[
        Optional[str], typer.Option(help="Report only findings on lines changed since this git ref (e.g. origin/main).")
    ] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes, then report what is left.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="Apply unsafe fixes too (implies --fix).")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")] = False,
    # -- speed: worker processes and the result cache --
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the machine's cores).")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the result cache.")] = False,
    cache_dir: Annotated[
        Optional[Path], typer.Option(help="Result cache folder (default: $NEWSLINT_CACHE_DIR or ./.newslint_cache).")
    ] = None,
) -> None:
    """Check articles and report what damages trust."""
    from newslint.config import ConfigError, ConfigResolver
    from newslint.engine import Engine
    from newslint.reporters import FORMATS, TEXT_FORMATS, ReportOptions, renderer

    paths = list(paths or [])
    if not paths:
        raise _fail("give at least one file or folder to check (or '-' for stdin)")
    if format not in FORMATS:
        raise _fail(f"unknown --format '{format}'; choose one of {', '.join(FORMATS)}")
    if fail_on is not None and fail_on not in SEVERITY_CHOICES:
        raise _fail(f"--fail-on must be one of {', '.join(SEVERITY_CHOICES)}")
    if config is not None and not config.is_file():
        raise _fail(f"--config {config}: no such file")
    if write_baseline is not None and baseline is not None:
        raise _fail("give either --baseline or --write-baseline, not both")

    cli: dict = {}
    if (sel := _split(select)) is not None:
        cli["select"] = sel
    if (ign := _split(ignore)) is not None:
        cli["ignore"] = ign
    resolver = ConfigResolver(explicit=config, cli=cli)
    cache = None
    if not no_cache:
        from newslint.cache import ResultCache

        cache = ResultCache(cache_dir or Path(os.environ.get("NEWSLINT_CACHE_DIR", ".newslint_cache")))
    engine = Engine(resolver, metrics=statistics or format == "json", keep_text=format in TEXT_FORMATS,
                    jobs=jobs or os.cpu_count() or 1, cache=cache, starting=not gc.isenabled())

    stdin = None
    if "-" in paths:
        paths.remove("-")
        stdin = (sys.stdin.buffer, stdin_filename or "<stdin>", stdin_format)

    if fix or unsafe_fixes or diff:
        from newslint.fixes import fix_paths, unified_diff, write_atomic

        try:
            fixed = fix_paths(engine, paths, unsafe=unsafe_fixes)
        except ConfigError as exc:
            raise _fail(str(exc)) from None
        for ff in fixed:
            if ff.problem:
                sys.stderr.write(f"newslint: {ff.display}: {ff.problem}\n")
        if diff:
            patch = "".join(unified_diff(ff) for ff in fixed)
            if output:
                output.write_text(patch, encoding="utf-8")
            else:
                sys.stdout.write(patch)
            raise typer.Exit(EXIT_FINDINGS if patch else EXIT_OK)
        changed = [ff for ff in fixed if ff.changed]
        for ff in changed:
            try:
                write_atomic(ff.path, ff.after)
            except OSError as exc:
                raise _fail(f"{ff.display}: cannot write the fixed file: {exc.strerror or exc}") from None
        if changed and not quiet:
            n = sum(len(ff.applied) for ff in changed)
            sys.stderr.write(f"newslint: applied {n} fix{'' if n == 1 else 'es'} in {len(changed)} "
                             f"file{'' if len(changed) == 1 else 's'}\n")

    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as progress:
            run = engine.run(paths, stdin=stdin, progress=progress)
        threshold_cfg = resolver.base_for(Path.cwd() / "_") if fail_on is None else None
    except ConfigError as exc:
        raise _fail(str(exc)) from None

    if write_baseline is not None or baseline is not None or diff_base:
        from newslint.baseline import BaselineError, load_baseline, restrict
        from newslint.baseline import write_baseline as record_baseline
        from newslint.gitdiff import GitDiffError, on_changed_lines

        try:
            if write_baseline is not None:
                n = record_baseline(run.findings, write_baseline)
                if not quiet:
                    sys.stderr.write(f"newslint: recorded {n} finding{'' if n == 1 else 's'} in {write_baseline}\n")
                run = restrict(run, [])
            elif baseline is not None:
                new = load_baseline(baseline).new_findings(run.findings)
                hidden = len(run.findings) - len(new)
                if hidden and not quiet:
                    sys.stderr.write(f"newslint: {hidden} finding{'' if hidden == 1 else 's'} recorded in {baseline} "
                                     "not shown\n")
                run = restrict(run, new)
            if diff_base:
                run = restrict(run, on_changed_lines(run.findings, diff_base))
        except (BaselineError, GitDiffError) as exc:
            raise _fail(str(exc)) from None

    from newslint.model import Severity

    threshold = Severity(fail_on) if fail_on else threshold_cfg.fail_on  # type: ignore[union-attr]
    color = format == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = ReportOptions(color=color, statistics=statistics, quiet=quiet,
                            registry=engine.any_registry)
    render = renderer(format)
    if output:
        with output.open("w", encoding="utf-8") as fh:
            render(run, fh, options)
    else:
        render(run, sys.stdout, options)
        sys.stdout.flush()
    for err in run.errors:
        sys.stderr.write(f"newslint: internal error: {err}\n")
    if run.errors:
        raise typer.Exit(EXIT_ERROR)
    failing = any(f.severity.rank >= threshold.rank for f in run.findings)
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


class _progress:
    """A rich progress bar on stderr while files are checked (only on a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None
        self._task = None

    def __enter__(self):  # noqa: ANN204
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("check", total=None)
        return self.update

    def update(self, done: float, total: int) -> None:
        assert self._bar is not None
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _registry_or_exit():  # noqa: ANN202
    from newslint.config import ConfigError, ConfigResolver
    from newslint.registry import full_registry

    try:
        cfg = ConfigResolver().base_for(Path.cwd() / "_")
        return full_registry(cfg.rule_packs)
    except ConfigError as exc:
        raise _fail(str(exc)) from None


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """List every rule: id, default severity, summary."""
    reg = _registry_or_exit()
    if format == "json":
        import json

        items = [{"id": r.id, "severity": r.severity.value, "summary": r.summary, "fixable": r.fixable,
                  "origin": r.origin} for r in reg.sorted()]
        sys.stdout.write(json.dumps(items, indent=2) + "\n")
        return
    width = max(len(r.id) for r in reg.sorted())
    for r in reg.sorted():
        fix = " (fix)" if r.fixable else ""
        sys.stdout.write(f"{r.id:<{width}}  {r.severity.value:<7}  {r.summary}{fix}\n")


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="A rule id, e.g. provenance/shortened-link.")]) -> None:
    """Show a rule's documentation and its examples."""
    from newslint.docs import explain_text

    reg = _registry_or_exit()
    cls = reg.get(rule)
    if cls is None:
        import difflib

        near = difflib.get_close_matches(rule, list(reg.rules), n=3)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise _fail(f"unknown rule '{rule}'{hint}; `newslint rules` lists them")
    sys.stdout.write(explain_text(cls))


@app.command()
def init(
    force: Annotated[bool, typer.Option(help="Overwrite an existing .newslint.yaml.")] = False,
) -> None:
    """Write a commented starter .newslint.yaml in the current folder."""
    from newslint.docs import STARTER_CONFIG

    target = Path(".newslint.yaml")
    if target.exists() and not force:
        raise _fail(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")


@app.command("config")
def show_config(path: Annotated[Path, typer.Argument(help="The file whose effective config to show.")]) -> None:
    """Show the effective configuration for a file (after discovery, extends and overrides)."""
    import yaml

    from newslint.config import ConfigError, ConfigResolver
    from newslint.engine import build_ruleset
    from newslint.registry import full_registry

    try:
        target = path.resolve()
        cfg = ConfigResolver().base_for(target).for_file(target)
        rs = build_ruleset(full_registry(cfg.rule_packs), cfg)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    doc = {
        "config-file": cfg.path,
        "select": list(cfg.select) if cfg.select is not None else ["ALL"],
        "ignore": list(cfg.ignore),
        "severity": {k: v.value for k, v in cfg.severity.items()},
        "fail-on": cfg.fail_on.value,
        "rule-packs": list(cfg.rule_packs),
        "accept": sorted(cfg.accept),
        "reject": sorted(cfg.reject),
        "options": {r.id: r.options for r in rs.rules if r.options},
        "languagetool": cfg.languagetool,
        "max-file-size": cfg.max_file_size,
        "rules": [r.id for r in rs.rules],
    }
    sys.stdout.write(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))


from newslint.vocab import vocab_command  # noqa: E402 - its heavy imports happen inside the command

app.command("vocab")(vocab_command)


def run() -> None:
    """Console-script entry point: an unexpected error is exit 2 with a message, not a crash dump.

    The ``newslint`` command starts without the cyclic garbage collector (``newslint.__main__``):
    what start-up builds (modules, rules, the lexicon) lives until the end, and each collection
    would only walk it again (a twentieth of a one-file run). ``check`` turns collection back on
    once its first article is linted (``Engine.starting``), the other commands as they start
    (``main``).

    A finished run leaves through ``os._exit`` once its output is flushed: tearing down the
    interpreter (freeing every module, pattern and lexicon entry one by one) would add a fifth to
    a one-file run, and nothing is left to do by then: caches are committed and worker pools
    joined inside the commands."""
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        code = EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the last line of defence for exit code 2
        import traceback

        sys.stderr.write(f"newslint: internal error: {exc.__class__.__name__}: {exc}\n")
        if os.environ.get("NEWSLINT_DEBUG"):
            traceback.print_exc()
        else:
            sys.stderr.write("newslint: set NEWSLINT_DEBUG=1 for the traceback, and please report it\n")
        code = EXIT_ERROR
    else:
        code = EXIT_OK
    _exit(code)


def _exit(code: object) -> None:
    """Run the exit handlers others registered (a plugin's, coverage's), flush stdout and stderr,
    then end the process with ``code``, as SystemExit would: None is 0, a message goes to stderr
    with status 1."""
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):
        if sys.stderr is not None:
            sys.stderr.write(f"{code}\n")
        code = 1
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe (``newslint check | head``): nothing to flush into
            if stream is sys.stdout and code == EXIT_OK:
                code = EXIT_ERROR
    os._exit(code)
