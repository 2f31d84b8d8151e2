"""Score the HTML reader against human-checked article bodies, and show what the rules say.

Reads ``../shared/corpus/scrapinghub-aeb/html/<id>.html.gz`` (181 real news pages) and
``ground-truth.json`` (``{id: {articleBody, url}}``; resolved from the repository root) and reports:

(a) extraction quality: token precision, recall and F1 of the body newslint reads (paragraphs,
    block quotes, list items and subheadings; the URLs of ``[label](url)`` links left out) against
    the ground-truth body, per page as bags of lower-cased word tokens; mean and median over pages;
(b) speed: milliseconds per page to read it (parse, extract, map positions);
(c) what the rules fire on those pages (default configuration): findings and pages per rule.

Usage::

    .venv/bin/python scripts/score_html_extraction.py [--corpus DIR] [--worst N] [--no-rules]

Exits 0, with a message, when the corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "scrapinghub-aeb"
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]+\)")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    page: str
    url: str
    precision: float
    recall: float
    seconds: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def overlap(found: str, truth: str) -> tuple[float, float]:
    """Token precision and recall of ``found`` against ``truth`` (bags of words)."""
    got, want = tokens(found), tokens(truth)
    common = sum((got & want).values())
    return common / max(sum(got.values()), 1), common / max(sum(want.values()), 1)


def body_text(article: object) -> str:
    return "\n".join(_LINK.sub(r"\1", b.text) for b in article.body)  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--worst", type=int, default=10, help="list the N pages read worst")
    parser.add_argument("--no-rules", action="store_true", help="skip running the rules")
    args = parser.parse_args(argv)
    truth_file = args.corpus / "ground-truth.json"
    if not truth_file.is_file() or not (args.corpus / "html").is_dir():
        print(f"score_html_extraction: no corpus at {args.corpus} (need ground-truth.json and html/); skipped")
        return 0
    sys.path.insert(0, str(ROOT))
    from newslint.config import Config, ConfigResolver
    from newslint.engine import Engine
    from newslint.model import Article
    from newslint.readers import read_bytes

    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    engine = Engine(ConfigResolver(), plugins=False)
    config = Config()
    scores: list[Score] = []
    by_rule: Counter[str] = Counter()
    pages_by_rule: dict[str, set[str]] = {}
    results = []
    for page, entry in sorted(truth.items()):
        path = args.corpus / "html" / f"{page}.html.gz"
        if not path.is_file():
            continue
        data = gzip.decompress(path.read_bytes())
        start = time.perf_counter()
        article = read_bytes(data, f"{page}.html")
        seconds = time.perf_counter() - start
        if not isinstance(article, Article):
            scores.append(Score(page, entry["url"], 0.0, 0.0, seconds))
            continue
        precision, recall = overlap(body_text(article), entry["articleBody"])
        scores.append(Score(page, entry["url"], precision, recall, seconds))
        if not args.no_rules:
            result = engine.lint_one(article, config)
            results.append(result)
            for f in result.findings:
                by_rule[f.rule] += 1
                pages_by_rule.setdefault(f.rule, set()).add(page)
    if not scores:
        print("score_html_extraction: no pages found; skipped")
        return 0
    if results:
        for f in engine.finish(results).findings:  # corpus-wide rules (consistency/*) report here
            if f.rule.startswith("consistency/"):
                by_rule[f.rule] += 1
                pages_by_rule.setdefault(f.rule, set()).add(Path(f.path).stem)

    def line(name: str, values: list[float]) -> str:
        return f"  {name:<9} mean {statistics.mean(values):.3f}  median {statistics.median(values):.3f}"

    print(f"HTML extraction on {len(scores)} pages ({args.corpus})")
    print(line("precision", [s.precision for s in scores]))
    print(line("recall", [s.recall for s in scores]))
    print(line("F1", [s.f1 for s in scores]))
    ms = [s.seconds * 1000 for s in scores]
    print(f"  read time mean {statistics.mean(ms):.1f} ms, median {statistics.median(ms):.1f} ms per page")
    if args.worst:
        print(f"\nWorst {args.worst} pages by F1:")
        for s in sorted(scores, key=lambda s: s.f1)[: args.worst]:
            print(f"  F1 {s.f1:.2f}  P {s.precision:.2f}  R {s.recall:.2f}  {s.page[:12]}  {s.url[:70]}")
    if by_rule:
        print(f"\nRules firing on these pages (default config): {sum(by_rule.values())} findings")
        print(f"  {'rule':<44} {'findings':>8} {'pages':>6}")
        for rule, n in sorted(by_rule.items(), key=lambda kv: (-len(pages_by_rule[kv[0]]), kv[0])):
            print(f"  {rule:<44} {n:>8} {len(pages_by_rule[rule]):>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
