"""Every rule's own good and bad examples run as tests, and every rule is documented."""

from __future__ import annotations

import inspect

import pytest

from newslint.registry import builtin_registry
from newslint.rule import FAMILIES
from newslint.testing import example_findings

REGISTRY = builtin_registry()
CASES = [
    pytest.param(cls, kind, ex, id=f"{cls.id}-{kind}{i}")
    for cls in REGISTRY.sorted()
    for i, (kind, ex) in enumerate(cls.examples())
]


@pytest.mark.parametrize(("cls", "kind", "example"), CASES)
def test_example(cls, kind, example, tmp_path):
    found = example_findings(cls, example, tmp_path)
    if kind == "bad":
        assert found, f"{cls.id} missed its bad example:\n{example.text}"
    else:
        assert not found, f"{cls.id} flagged its good example: {[f.message for f in found]}\n{example.text}"


@pytest.mark.parametrize("cls", REGISTRY.sorted(), ids=lambda c: c.id)
def test_rule_is_documented(cls):
    assert cls.id.split("/")[0] in FAMILIES
    assert cls.summary and not cls.summary.endswith(".")
    assert len(inspect.cleandoc(cls.docs)) >= 60, "docs must say what the rule catches and why"
    kinds = {kind for kind, _ in cls.examples()}
    assert kinds == {"bad", "good"}, "each rule needs at least one bad and one good example"
