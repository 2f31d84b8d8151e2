"""Running rules: the selected rules on each article, then suppressions, severities, positions.

``lint_article`` is the per-article core (pure: article and rule set in, findings out);
``Engine`` walks the inputs, resolves each file's config, and runs corpus rules at the end.
"""

from __future__ import annotations

import gc
import io
import sys
import traceback
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newslint.config import Config, ConfigError, ConfigResolver, FixedResolver
from newslint.model import Article, Directive, Finding, Severity
from newslint.readers import (STREAM_FORMATS, ReadFailure, format_for, is_stream, iter_files, read_batch,
                              read_batches, read_bytes, read_file, read_stream, stream_batches)
from newslint.results import FILE_SPILL_AFTER, SPILL_AFTER, ResultStore
from newslint.rule import Context, CorpusRule, Rule, Vocabulary

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from newslint.cache import ResultCache
    from newslint.registry import Registry

UNUSED_SUPPRESSION = "structure/unused-suppression"


@dataclass
class RuleSet:
    """The rules enabled for one effective config, instantiated with their options."""

    config: Config
    rules: list[Rule]
    ctx: Context

    @cached_property
    def corpus_rules(self) -> list[CorpusRule]:
        return [r for r in self.rules if isinstance(r, CorpusRule)]

    @cached_property
    def plan(self) -> list[tuple[Rule, bool]]:
        """Each rule with whether it is a corpus rule: decided once, not per article."""
        return [(r, isinstance(r, CorpusRule)) for r in self.rules]

    @cached_property
    def _by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def get(self, rule_id: str) -> Rule | None:
        """The enabled rule ``rule_id``, or None."""
        return self._by_id.get(rule_id)


def build_ruleset(registry: Registry, config: Config) -> RuleSet:
    """Instantiate the rules ``config`` enables; unknown selectors and options are config errors."""
    where = config.path or "command line"
    for entry in (config.select or ()) + config.ignore + config.extend_select + tuple(config.severity):
        if not registry.known_selector(entry):
            raise ConfigError(where, None, f"unknown rule or family '{entry}' (see `newslint rules`)")
    for rid in config.options:
        if registry.get(rid) is None:
            raise ConfigError(where, None, f"options given for unknown rule '{rid}'")
    rules = []
    for cls in registry.sorted():
        if config.is_enabled(cls.id):
            try:
                rules.append(cls(config.options.get(cls.id)))
            except ValueError as exc:
                raise ConfigError(where, None, str(exc)) from None
    ctx = Context(
        Vocabulary(config.accept, config.reject),
        {"languagetool": config.languagetool, "source-registry": list(config.source_registry)},
    )
    return RuleSet(config, rules, ctx)


@dataclass
class ArticleResult:
    findings: list[Finding]
    digests: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # internal errors (a rule crashed)


def lint_article(article: Article, ruleset: RuleSet, digests: bool = True) -> ArticleResult:
    """Run every rule of ``ruleset`` on ``article``; findings come back positioned and sorted.

    ``digests=False`` skips the corpus rules' digests: a run of one article has nothing to compare."""
    raw: list[Finding] = []
    errors: list[str] = []
    found: dict[str, Any] = {}
    for rule_id, message, start, end in article.problems:
        reporter = ruleset.get(rule_id)
        if reporter is not None:
            raw.append(reporter.finding(start, end, message))
    ctx = ruleset.ctx
    for rule, corpus in ruleset.plan:
        try:
            if not corpus:
                raw.extend(rule.check(article, ctx))
            elif digests:
                found[rule.id] = rule.digest(article, ctx)
        except Exception:  # one broken rule must not stop the run: report it, go on
            errors.append(f"{article.path}: rule {rule.id} crashed:\n{traceback.format_exc()}")
    if ruleset.config.severity:  # most configs override no severity
        for f in raw:
            override = ruleset.config.severity_for(f.rule)
            if override is not None:
                f.severity = override
    kept = apply_suppressions(article, raw, ruleset)
    for f in kept:
        place(article, f)
    kept.sort(key=Finding.sort_key)
    return ArticleResult(kept, found, errors)


def place(article: Article, f: Finding) -> None:
    """Fill path, 1-based positions and the excerpt of a finding from its offsets."""
    f.path = article.path
    f.record_id = article.record_id
    f.line, f.column, f.end_line, f.end_column, f.excerpt, f.excerpt_column = article.locate(
        f.start, max(f.end, f.start))


def _matches(directive: Directive, rule_id: str) -> bool:
    return not directive.rules or any(
        rule_id == r or rule_id.startswith(r.rstrip("/") + "/") for r in directive.rules
    )


def apply_suppressions(article: Article, findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Drop findings silenced by comments or front matter; report suppressions that silenced nothing."""
    meta_cfg = article.meta.get("newslint")
    meta_ignore: list[str] = []
    if isinstance(meta_cfg, dict) and isinstance(meta_cfg.get("ignore"), list):
        meta_ignore = [str(r) for r in meta_cfg["ignore"]]
    if not article.directives and not meta_ignore:  # most copy: nothing to silence, nothing unused
        return list(findings)
    directives = sorted(article.directives, key=lambda d: d.start)
    used: set[int] = set()
    used_meta: set[str] = set()
    next_line_targets = {i: _next_content_line(article, d) for i, d in enumerate(directives) if d.kind == "disable-next-line"}
    kept = []
    for f in findings:
        line = article.line_of(f.start)
        silenced = False
        for entry in meta_ignore:
            if f.rule == entry or f.rule.startswith(entry + "/"):
                used_meta.add(entry)
                silenced = True
        active: dict[int, bool] = {}
        for i, d in enumerate(directives):
            if d.kind == "disable-next-line":
                if next_line_targets[i] == line and _matches(d, f.rule):
                    used.add(i)
                    silenced = True
            elif d.start <= f.start and _matches(d, f.rule):
                if d.kind == "disable":
                    active[i] = True
                else:  # enable closes every open disable it covers
                    for j in list(active):
                        if _covers(d, directives[j]):
                            del active[j]
        if active:
            used.update(active)
            silenced = True
        if not silenced:
            kept.append(f)
    cls = ruleset.get(UNUSED_SUPPRESSION)
    if cls is not None:
        for i, d in enumerate(directives):
            if d.kind != "enable" and i not in used:
                what = ", ".join(d.rules) or "all rules"
                kept.append(cls.finding(d.start, d.end, f"suppression comment ({what}) silences nothing here; remove it"))
        for entry in meta_ignore:
            if entry not in used_meta:
                s, e = article.meta_spans.get("newslint", article.anchor)
                kept.append(cls.finding(s, e, f"front-matter ignore of '{entry}' silences nothing in this file; remove it"))
    return kept


def _covers(enable: Directive, disable: Directive) -> bool:
    return not enable.rules or not disable.rules or bool(set(enable.rules) & set(disable.rules))


def _next_content_line(article: Article, d: Directive) -> int:
    """The first non-blank line after a disable-next-line comment."""
    text = article.text
    pos = text.find("\n", d.end)
    while pos != -1:
        nxt = text.find("\n", pos + 1)
        segment = text[pos + 1 : len(text) if nxt == -1 else nxt]
        if segment.strip():
            return article.line_of(pos + 1)
        pos = nxt
    return -1


# -- runs over many files -------------------------------------------------------------------------


@dataclass
class FileResult:
    """What one article (a file, or a record of a stream) produced."""

    path: str
    findings: list[Finding]
    digests: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    record_id: str | None = None
    text: str | None = None  # the source text, kept only when a reporter needs it (Engine.keep_text)
    line_base: int = 0  # lines before ``text`` in its file (a record further down a stream)


@dataclass
class RunResult:
    files: Sequence[FileResult]  # in input order
    findings: Collection[Finding]  # in report order (``Finding.sort_key``); read from disk when the run spilled
    errors: list[str]
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. story groups from corpus rules

    @property
    def checked(self) -> int:
        return len(self.files)


def failure_finding(fail: ReadFailure) -> Finding:
    sev = Severity.WARNING if fail.rule == "structure/no-articles" else Severity.ERROR
    return Finding(fail.rule, sev, fail.message, path=fail.path, line=fail.line, end_line=fail.line,
                   record_id=fail.record_id)


def _uses_network(config: Config) -> bool:
    """Results that depend on a server's answers (LanguageTool) are never cached."""
    import os

    return bool(config.languagetool.get("url") or os.environ.get("NEWSLINT_LANGUAGETOOL_URL"))


PARALLEL_MIN_FILES = 24  # fewer misses than this per worker: not worth starting processes
MAX_CHUNK = 16  # articles per task sent to a worker: few, so no worker idles long at the end of a run
IN_FLIGHT = 4  # chunks per worker sent and not yet kept: enough that no worker waits for the next
HELD_BYTES = 64 << 20  # file bytes held from reading (for cache keys) to linting; past this, read again


@dataclass(slots=True)
class _Task:
    """One input file on its way through a run (one per file, held for the whole run)."""

    path: Path | None
    display: str
    config: Config | None
    data: bytes | None = None
    key: str | None = None
    results: list[FileResult] | None = None
    stream: bool = False  # an NDJSON stream, read and linted a batch of records at a time
    reread: bool = False  # read for its cache key, but not held: read again when linted


def save_derived_data() -> None:
    """Save what this process derived for the user cache (literal-filter tests, compiled
    expressions) for the next run; nothing to do for what was never loaded here."""
    for name in ("newslint.text.literals", "newslint.text.rx"):
        module = sys.modules.get(name)
        if module is not None:
            module.save_derived()


def resume_gc() -> None:
    """Turn the cyclic garbage collector back on after a start-up without it
    (``newslint.__main__``), freezing first what start-up built: later collections, in this
    process and in the worker processes forked from it, leave those long-lived modules, rules and
    tables alone."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _init_worker(engine: Engine) -> None:
    """Worker-process initializer: the engine comes over by fork, not by pickling. What the
    worker derives for the user cache is saved when it exits."""
    from multiprocessing.util import Finalize

    global _WORKER_ENGINE
    _WORKER_ENGINE = engine
    Finalize(None, save_derived_data, exitpriority=0)


_WORKER_ENGINE: Engine | None = None  # set once per worker process by _init_worker


def _work(chunk: list[tuple[bytes, str, Config]]) -> list[list[FileResult]]:
    assert _WORKER_ENGINE is not None
    return [_WORKER_ENGINE.lint_data(*args) for args in chunk]


def _batch_bytes(item: tuple[bytes, int] | ReadFailure) -> int:
    return 0 if isinstance(item, ReadFailure) else len(item[0])


def _stream_progress(progress: Callable[[float, int], None], done: int, total: int, path: Path) -> Callable[[int], None]:
    """A stream's ``advance``: moves the run's progress through the stream's share (one file)
    as its bytes are linted."""
    try:
        size = max(1, path.stat().st_size)
    except OSError:
        size = 1
    read = 0

    def advance(n: int) -> None:
        nonlocal read
        read += n
        progress(done + min(read / size, 1.0), total)

    return advance


def _work_batch(args: tuple[tuple[bytes, int] | ReadFailure, str, Config, int | None]) -> list[FileResult]:
    assert _WORKER_ENGINE is not None
    return _WORKER_ENGINE._lint_batch(*args)


@dataclass
class Engine:
    """Lints inputs with per-file configs; one instance per run."""

    resolver: ConfigResolver
    metrics: bool = False
    keep_text: bool = False
    plugins: bool = True
    jobs: int = 1
    cache: ResultCache | None = None
    extra_rules: tuple[type[Rule], ...] = ()  # rules added to every registry (tests, plugins' own checks)
    starting: bool = False  # the newslint command is starting (GC paused): see before/after_article
    spill_after: int = SPILL_AFTER  # articles a run with a stream holds in memory before it spills them to disk
    file_spill_after: int = FILE_SPILL_AFTER  # the same for a run of files only
    _registries: dict[tuple[str, ...], Registry] = field(default_factory=dict)
    _rulesets: dict[tuple[str, str], RuleSet] = field(default_factory=dict)

    def registry(self, config: Config) -> Registry:
        key = config.rule_packs
        if key not in self._registries:
            from newslint.registry import full_registry  # (a run replayed from the cache needs no rules)

            reg = full_registry(config.rule_packs, plugins=self.plugins)
            for cls in self.extra_rules:
                if reg.get(cls.id) is not cls:
                    reg.rules.pop(cls.id, None)
                    reg.add(cls, cls.origin)
            self._registries[key] = reg
        return self._registries[key]

    @property
    def any_registry(self) -> Registry | None:
        """A registry this run used (for reporters that describe rules)."""
        return next(iter(self._registries.values()), None)

    def ruleset(self, config: Config) -> RuleSet:
        key = (config.path or "", config.fingerprint)
        if key not in self._rulesets:
            self._rulesets[key] = build_ruleset(self.registry(config), config)
        return self._rulesets[key]

    def lint_one(self, article: Article | ReadFailure, config: Config, digests: bool = True) -> FileResult:
        if isinstance(article, ReadFailure):
            return FileResult(article.path, [failure_finding(article)], record_id=article.record_id)
        ruleset = self.ruleset(config)
        self.before_article()
        result = lint_article(article, ruleset, digests)
        self.after_article()
        metrics = None
        if self.metrics and article.blocks:
            metrics = article.metrics
        text = None
        if self.keep_text:
            text = article.source_map.source if article.source_map else article.text
        article.release()
        return FileResult(article.path, result.findings, result.digests, metrics, result.errors,
                          article.record_id, text, article.line_base)

    def before_article(self) -> None:
        """Before linting an article. The newslint command's first: start-up's imports are done
        and nothing is built from the copy yet, so what sits in re's cache is theirs (``rx``)."""
        if self.starting:
            from newslint.text import rx

            rx.note_re_cache()

    def after_article(self) -> None:
        """After linting an article. The newslint command's first: the rules, their data and the
        lexicon are loaded, so the garbage collector the command paused comes back on."""
        if self.starting:
            self.starting = False
            resume_gc()

    def inputs(self, paths: list[str]) -> Iterator[tuple[Path | None, str, Config | None, ReadFailure | None]]:
        for item in iter_files(paths):
            if isinstance(item, ReadFailure):
                yield None, item.path, None, item
            else:
                path, display = item
                yield path, display, self.resolver.for_file(path), None

    def run(
        self,
        paths: list[str],
        stdin: tuple[BinaryIO, str, str | None] | None = None,
        progress: Callable[[float, int], None] | None = None,
    ) -> RunResult:
        """Lint files and folders, and stdin (stream, display name, format) when given.

        Results come back in input order whatever ``jobs`` is. Files whose content, config and
        rule versions match a cached run are not linted again.
        """
        items = list(self.inputs(paths))
        stdin_stream = bool(stdin and format_for(stdin[1], stdin[2]) in STREAM_FORMATS)
        # results are kept as they are linted: a stream's past the first few thousand articles go
        # to disk; files' only past many more, so that most repos' runs can be replayed whole
        streams = stdin_stream or any(failure is None and is_stream(display) for _, display, _, failure in items)
        store = ResultStore(self.spill_after if streams else self.file_spill_after)
        if stdin:
            fh, name, fmt = stdin
            config = self.resolver.for_file(Path(name).resolve())
            if stdin_stream:
                self._lint_stream(read_batches(fh), name, config, None, store)
            else:
                self._keep(store, [self.lint_one(a, config) for a in read_stream(fh, name, fmt)], config)
        corpus = len(items) > 1 or stdin is not None  # one article alone has no other copy to compare with
        tasks: list[_Task] = []
        held = 0  # bytes of the files read so far held for linting
        for item in items:
            tasks.append(self._prepare(*item, corpus=corpus, hold=held < HELD_BYTES))
            held += len(tasks[-1].data or b"")
        run_key = None
        if self.cache is not None and not stdin and tasks and all(t.key for t in tasks):
            run_key = "run:" + self.cache.key("\n".join(t.key for t in tasks if t.key).encode(), "", "")
            cached_run = self.cache.get(run_key)
            if isinstance(cached_run, RunResult):  # nothing changed since a cached run: replay it whole
                self.cache.close()
                return cached_run
        cached = set() if self.cache is None else self.cache.has([t.key for t in tasks if t.key])
        keys = [t.key for t in tasks]
        self._lint_tasks(tasks, store, progress, corpus, cached)
        result = self.finish(store)
        if self.cache is not None:
            # (a file read again to be linted may have changed since its key was made)
            if run_key and not result.errors and not store.spilled and keys == [t.key for t in tasks]:
                self.cache.put(run_key, result)
            self.cache.close()
        return result

    def _keep(self, store: ResultStore, results: Iterable[FileResult], config: Config | None) -> None:
        """Add results to the run's store; results replayed from the cache with digests still
        need their config's corpus rules, which ``finish`` runs."""
        for fr in results:
            if fr.digests and config is not None:
                self.ruleset(config)
            store.add(fr)

    def _prepare(self, path: Path | None, display: str, config: Config | None, failure: ReadFailure | None,
                 corpus: bool, hold: bool) -> _Task:
        """Read a file's bytes (guarded) and compute its cache key (``corpus``: digests wanted);
        ``hold``: keep the bytes for linting, else read them again then."""
        if failure:
            return _Task(path, display, config, results=[self.lint_one(failure, Config())])
        assert path is not None and config is not None
        if is_stream(display):
            return _Task(path, display, config, stream=True)
        task = _Task(path, display, config)
        data = self._read(task)
        if data is not None:
            task.key = self._key(task, data, corpus)
            task.data, task.reread = (data, False) if hold else (None, True)
        return task

    def _key(self, task: _Task, data: bytes, corpus: bool) -> str | None:
        """A file's result-cache key: None without a cache, or when its results depend on a server."""
        assert task.config is not None
        if self.cache is None or _uses_network(task.config):
            return None
        return self.cache.key(data, task.display, task.config.fingerprint, repr((self.metrics, self.keep_text, corpus)))

    def _read(self, task: _Task) -> bytes | None:
        """A file's bytes; None, and the task's results, when it is too large or unreadable."""
        assert task.path is not None and task.config is not None
        path, display, config = task.path, task.display, task.config
        try:
            if path.stat().st_size > config.max_file_size * 1024 * 1024:
                task.results = [self.lint_one(next(read_file(path, display, config.max_file_size)), config)]
                return None
            return path.read_bytes()
        except OSError:
            task.results = [self.lint_one(a, config) for a in read_file(path, display, config.max_file_size)]
            return None

    def _bytes(self, task: _Task, corpus: bool) -> bytes | None:
        """The bytes to lint of a task without results: held since ``_prepare``, or read again
        (with a new cache key if the file changed meanwhile)."""
        data, task.data = task.data, None
        if task.reread:
            data = self._read(task)
            if data is not None:
                task.key = self._key(task, data, corpus)
        return data

    def _lint_tasks(self, tasks: list[_Task], store: ResultStore, progress: Callable[[float, int], None] | None,
                    corpus: bool, cached: set[str]) -> None:
        """Lint the tasks without results and keep every task's results in ``store`` in input
        order, as they come: replayed from the result cache when their key is in ``cached``,
        else in worker processes when there are enough files to lint, a few chunks of files in
        flight, so a run holds no more than those and the store."""
        total = len(tasks)
        todo = [t for t in tasks if t.results is None and not t.stream and t.key not in cached]
        jobs = min(self.jobs, max(1, len(todo) // PARALLEL_MIN_FILES))
        chunk = max(1, min(MAX_CHUNK, len(todo) // (jobs * 8)))
        # each entry: files in input order, and their results as linted (a list, or on its way
        # from a worker); None when their results came from the cache or from failing to read them
        pending: deque[tuple[list[_Task], list[list[FileResult]] | Future[list[list[FileResult]]] | None]] = deque()
        done = 0

        def ready() -> bool:
            outcome = pending[0][1]
            return outcome is None or isinstance(outcome, list) or outcome.done()

        def keep_first() -> None:
            nonlocal done
            group, outcome = pending.popleft()
            linted = outcome.result() if outcome is not None and not isinstance(outcome, list) else outcome
            for n, task in enumerate(group):
                if linted is not None:
                    task.results = linted[n]
                    if self.cache is not None and task.key:
                        self.cache.put(task.key, task.results)
                assert task.results is not None
                self._keep(store, task.results, task.config)
                task.results = None  # the store has them now (on disk, past its limit)
                done += 1
                if progress:
                    progress(done, total)

        with self._workers(jobs, [t.config for t in todo]) if jobs > 1 else nullcontext() as pool:
            batch: list[tuple[_Task, bytes]] = []

            def send() -> None:
                if batch:
                    args = [(data, t.display, t.config) for t, data in batch]
                    pending.append(([t for t, _ in batch], pool.submit(_work, args)))  # type: ignore[union-attr]
                    batch.clear()

            if progress:
                progress(0, total)
            for task in tasks:
                if task.stream:
                    send()
                    while pending:
                        keep_first()
                    assert task.path is not None and task.config is not None
                    limit = int(task.config.max_file_size * 1024 * 1024)
                    advance = _stream_progress(progress, done, total, task.path) if progress else None
                    self._lint_stream(stream_batches(task.path, task.display, limit), task.display,
                                      task.config, limit, store, advance)
                    done += 1
                    if progress:
                        progress(done, total)
                    continue
                if task.results is None and task.key in cached and self.cache is not None:
                    task.results = self.cache.get(task.key)  # (None if it no longer loads: linted below)
                data = None if task.results is not None else self._bytes(task, corpus)
                if data is None:  # replayed from the cache, or failed to read
                    send()
                    pending.append(([task], None))
                elif pool is None:
                    assert task.config is not None
                    pending.append(([task], [self.lint_data(data, task.display, task.config, corpus=corpus)]))
                else:
                    batch.append((task, data))
                    if len(batch) == chunk:
                        send()
                while pending and (len(pending) > IN_FLIGHT * jobs or ready()):
                    keep_first()
            send()
            while pending:
                keep_first()

    @contextmanager
    def _workers(self, jobs: int, configs: list[Config]) -> Iterator[ProcessPoolExecutor]:
        """A pool of ``jobs`` forked worker processes that inherit this engine, its rule sets for
        ``configs`` built and its lazily loaded data warmed up first."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        for config in configs:
            self.ruleset(config)
        self.warm_up(configs[0])
        save_derived_data()  # now, once: the workers inherit what is saved and save only their own
        gc.freeze()  # the loaded tables stay shared with the forked workers instead of being copied
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(self,)) as pool:
            yield pool

    def _lint_stream(self, batches: Iterator[tuple[bytes, int] | ReadFailure], display: str, config: Config,
                     max_bytes: int | None, store: ResultStore, advance: Callable[[int], None] | None = None) -> None:
        """Lint a ninjs stream given as line batches (``readers.read_batches``) into ``store``, in
        stream order: in worker processes when ``jobs`` > 1, with a bounded number of batches in
        flight, so reading and linting hold no more than those and the store (which spills to
        disk) holds the results (a stream of one batch is linted here). ``advance`` is told the
        bytes of each batch done."""
        first = list(islice(batches, 2))
        batches = chain(first, batches)
        if self.jobs <= 1 or len(first) < 2:  # one batch: not worth starting processes
            for item in batches:
                self._keep(store, self._lint_batch(item, display, config, max_bytes), config)
                if advance:
                    advance(_batch_bytes(item))
            return
        with self._workers(self.jobs, [config]) as pool:
            pending: deque[tuple[Future[list[FileResult]], int]] = deque()

            def collect() -> None:
                future, size = pending.popleft()
                self._keep(store, future.result(), config)
                if advance:
                    advance(size)

            for item in batches:
                pending.append((pool.submit(_work_batch, (item, display, config, max_bytes)), _batch_bytes(item)))
                while len(pending) > 2 * self.jobs or (pending and pending[0][0].done()):
                    collect()
            while pending:
                collect()

    def _lint_batch(self, item: tuple[bytes, int] | ReadFailure, display: str, config: Config,
                    max_bytes: int | None) -> list[FileResult]:
        if isinstance(item, ReadFailure):
            return [self.lint_one(item, config)]
        data, start = item
        return [self.lint_one(a, config) for a in read_batch(data, start, display, max_bytes)]

    def lint_data(
        self, data: bytes, display: str, config: Config, fmt: str | None = None, corpus: bool = True
    ) -> list[FileResult]:
        """Results for one file's bytes (one per article or record in it). Without ``corpus`` (the
        run's only file) the corpus rules' digests are made only when the file holds several articles."""
        articles = read_stream(io.BytesIO(data), display, fmt)
        first = list(islice(articles, 2))
        digests = corpus or len(first) > 1
        return [self.lint_one(a, config, digests) for a in chain(first, articles)]

    def warm_up(self, config: Config) -> None:
        """Run every rule once on a small article, so lazily loaded data is in memory before forking."""
        sample = b"# Warm-up headline\n\nThe council said on Monday it approved 3 plans, the clerk said.\n"
        self.lint_data(sample, "warm-up.md", config)

    def finish(self, store: ResultStore) -> RunResult:
        """Run corpus rules over the stored digests and assemble the run's result."""
        extras: dict[str, Any] = {}
        rule_objs: dict[str, CorpusRule] = {}
        for rs in self._rulesets.values():
            for rule in rs.corpus_rules:
                rule_objs.setdefault(rule.id, rule)
        ctx = next(iter(self._rulesets.values())).ctx if self._rulesets else Context()
        analyses: dict[tuple[str, int], Any] = {}
        for rid, digests in sorted(store.digests().items()):
            rule = rule_objs[rid]
            try:
                key = (rule.analysis or rid, id(digests))
                if key not in analyses:  # rules sharing an analysis share it and its extras (story groups)
                    analyses[key] = rule.analyse(digests, ctx)
                    extras.update(rule.extras(analyses[key]))
                store.add_findings(rule.check_corpus(analyses[key], ctx))
            except Exception:
                store.errors.append(f"rule {rid} crashed:\n{traceback.format_exc()}")
        analyses.clear()
        store.release_digests()
        save_derived_data()
        files, findings = store.results()
        return RunResult(files, findings, store.errors, extras)


def lint_text(text: str, path: str = "<text>", config: Config | None = None, fmt: str | None = None) -> list[Finding]:
    """Findings for one article given as a string (the Python API behind ``newslint.lint_text``)."""
    engine = Engine(ConfigResolver())
    article = read_bytes(text.encode("utf-8"), path, fmt)
    store = ResultStore()
    store.add(engine.lint_one(article, config or Config(), digests=False))
    return list(engine.finish(store).findings)


def lint_paths(paths: Iterable[str], config: Config | None = None, config_file: str | None = None) -> list[Finding]:
    """Findings for files and folders, each file using its closest .newslint.yaml unless given one."""
    if config is not None:
        resolver = FixedResolver(config)
    else:
        resolver = ConfigResolver(explicit=Path(config_file) if config_file else None)
    return list(Engine(resolver).run(list(paths)).findings)
