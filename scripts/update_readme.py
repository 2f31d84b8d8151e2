"""Regenerate the README's rule list from the rules' own docs: ``python scripts/update_readme.py``.

tests/test_readme.py fails when the README and the rules disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newslint.docs import rules_markdown  # noqa: E402
from newslint.registry import builtin_registry  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def rendered(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{rules_markdown(builtin_registry().sorted())}{END}{tail}"


if __name__ == "__main__":
    README.write_text(rendered(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
