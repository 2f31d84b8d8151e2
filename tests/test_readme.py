"""The README stays in sync with the rules (its rule list is generated from them), the Quick
start and the GitHub Action's inputs."""

from __future__ import annotations

import importlib.util
import json
import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_every_action_input_is_documented_and_every_step_is_wired():
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    section = README.split("### GitHub Actions", 1)[1].split("\n### ", 1)[0]
    assert [name for name in action["inputs"] if f"`{name}`" not in section] == []
    steps = action["runs"]["steps"]
    for step in steps:
        for ref in re.findall(r"inputs\.([\w-]+)", json.dumps(step)):
            assert ref in action["inputs"], (step.get("name"), ref)
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/newslint" and cache["if"] == "inputs.cache == 'true'"
