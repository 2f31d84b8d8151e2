"""The README's rule list is generated from the rules and must stay in sync with them."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_readme_rule_list_is_current():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.rendered(readme) == readme, "run `python scripts/update_readme.py` to refresh the rule list"


def test_readme_quick_start_commands_are_the_documented_ones():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && newslint check seeds/" in readme
    assert "pip install '.[test]' && pytest" in readme
