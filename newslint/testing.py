"""Running a rule's own examples: used by newslint's tests and by plugin authors' tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newslint.config import Config
from newslint.config import FixedResolver
from newslint.engine import Engine
from newslint.model import Finding
from newslint.rule import Example, Rule


def example_findings(cls: type[Rule], example: Example, workdir: Path) -> list[Finding]:
    """Findings of rule ``cls`` (only) on one example, written to ``workdir`` and checked like a file."""
    target = workdir / example.path
    if example.path.endswith("/"):
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(example.text.encode(example.encoding))
    for name, text in example.others.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    config = Config(select=(cls.id,))
    if example.options:
        config = replace(config, options={cls.id: dict(example.options)})
    engine = Engine(FixedResolver(config), plugins=False, extra_rules=(cls,))
    run = engine.run([str(workdir)] if example.others else [str(target)])
    if run.errors:
        raise AssertionError("\n".join(run.errors))
    return [f for f in run.findings if f.rule == cls.id]


def check_examples(cls: type[Rule], workdir: Path) -> list[str]:
    """Problems with a rule's examples: a bad one it misses or a good one it flags."""
    problems = []
    for i, (kind, example) in enumerate(cls.examples()):
        found = example_findings(cls, example, workdir / f"ex{i}")
        if kind == "bad" and not found:
            problems.append(f"{cls.id}: bad example not flagged: {example.text[:80]!r}")
        if kind == "good" and found:
            problems.append(f"{cls.id}: good example flagged ({found[0].message}): {example.text[:80]!r}")
    return problems
