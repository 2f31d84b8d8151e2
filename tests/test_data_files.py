"""The data files under rules/ read as their authors meant: YAML 1.1 turns bare no/yes/on/off
into booleans, which silently drops words from a word list."""

from __future__ import annotations

from pathlib import Path

import yaml

import newslint

RULES = Path(__file__).resolve().parent.parent / "rules"


def _mixed_lists(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _mixed_lists(value, f"{where}.{key}")
    elif isinstance(node, list):
        scalars = [item for item in node if not isinstance(item, (dict, list))]
        if any(isinstance(item, str) for item in scalars) and not all(isinstance(item, str) for item in scalars):
            yield where, [item for item in scalars if not isinstance(item, str)]
        for i, item in enumerate(node):
            yield from _mixed_lists(item, f"{where}[{i}]")


def test_no_word_list_mixes_words_with_booleans_or_numbers():
    paths = sorted(RULES.rglob("*.yaml"))
    assert len(paths) > 10  # the rule packs and their data files
    found = [hit for path in paths for hit in _mixed_lists(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)]
    assert found == []


def test_allowed_doubles_written_no_and_yes_are_allowed():
    text = "# Harbour plan\n\nThe mayor said the plan was a no no for the harbour, the clerk said.\n"
    assert [f.rule for f in newslint.lint_text(text, "a.md") if f.rule == "typos/repeated-word"] == []
