"""Where newslint's time goes: CPU milliseconds per article for reading, each shared analysis and
each rule, over the real news in ../shared/corpus (skips cleanly when it is absent).

    python bench/profile.py                 # every rule, default config
    python bench/profile.py --top 30        # the 30 costliest rules
    python bench/profile.py --repeat 3      # best of 3 passes per article (a loaded machine)
    python bench/profile.py --select typos  # one family

Times are process CPU time (``time.process_time``), not wall time, so other work on the machine
does not inflate them much; ``--repeat`` keeps the smallest of several passes. The shared
analyses (``article.sentences``, ``article.timeline`` ...) are computed first, in dependency
order, so each is charged its own cost and the rules are charged only for their own work. The
one-time costs (imports, rule packs, the spelling lexicon) are reported separately: they are
paid once per process, before the first article.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

# Shared analyses in dependency order (each may use the ones before it).
ANALYSES = ("sentences", "quotes", "links", "timeline", "attribution", "prose", "metrics", "story")


def _clock() -> float:
    return time.process_time() * 1000.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=40, help="rules listed (the costliest first)")
    parser.add_argument("--repeat", type=int, default=1, help="passes; the smallest time of each item is kept")
    parser.add_argument("--select", action="append", help="only these rules or families")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*/*.md")) + sorted(args.corpus.glob("*/*.txt")) if args.corpus.is_dir() else []
    if not files:
        print(f"no corpus at {args.corpus}: nothing to profile")
        return 0
    if args.limit:
        files = files[: args.limit]

    t0 = _clock()
    from newslint.config import Config
    from newslint.engine import build_ruleset, lint_article
    from newslint.readers import read_bytes
    from newslint.registry import full_registry
    from newslint.rule import CorpusRule

    t_import = _clock() - t0
    t0 = _clock()
    config = Config(select=tuple(args.select) if args.select else None)
    ruleset = build_ruleset(full_registry(), config)
    t_rules = _clock() - t0
    t0 = _clock()
    warm = read_bytes(b"# Warm-up headline\n\nThe council said on Monday it approved 3 plans, the clerk said.\n", "w.md")
    lint_article(warm, ruleset)
    t_warm = _clock() - t0

    datas = [(p.read_bytes(), str(p.relative_to(args.corpus))) for p in files]
    best: dict[str, list[float]] = defaultdict(lambda: [float("inf")] * len(datas))
    totals = [float("inf")] * len(datas)
    gc.collect()
    for _ in range(args.repeat):
        for i, (data, name) in enumerate(datas):
            # one pass charging each stage separately
            t = _clock()
            article = read_bytes(data, name)
            cost = {"read": _clock() - t}
            for attr in ANALYSES:
                t = _clock()
                value = getattr(article, attr)
                if attr == "prose":
                    value.blocks  # prose works lazily: charge its word pass here, not to the first rule
                cost[attr] = _clock() - t
            ctx = ruleset.ctx
            for rule in ruleset.rules:
                t = _clock()
                if isinstance(rule, CorpusRule):
                    rule.digest(article, ctx)
                else:
                    list(rule.check(article, ctx))
                cost["rule:" + rule.id] = _clock() - t
            for key, value in cost.items():
                if value < best[key][i]:
                    best[key][i] = value
            # and the whole of lint_article on a fresh article (suppressions, positions included)
            t = _clock()
            lint_article(read_bytes(data, name), ruleset)
            totals[i] = min(totals[i], _clock() - t)

    n = len(datas)
    per = {key: sum(values) / n for key, values in best.items()}
    rules = sorted(((k[5:], v) for k, v in per.items() if k.startswith("rule:")), key=lambda kv: -kv[1])
    print(f"{n} articles from {args.corpus} ({len(ruleset.rules)} rules; best of {args.repeat}); CPU ms per article")
    print(f"one-time: imports {t_import:.0f} ms, registry and rule set {t_rules:.0f} ms, "
          f"first article (lazy data: lexicon, packs) {t_warm:.0f} ms")
    print(f"  {'read':<40} {per['read']:7.2f}")
    for attr in ANALYSES:
        print(f"  {attr:<40} {per[attr]:7.2f}")
    rule_total = sum(v for _, v in rules)
    print(f"  {'rules (all)':<40} {rule_total:7.2f}")
    staged = per["read"] + sum(per[a] for a in ANALYSES) + rule_total
    print(f"  {'sum of stages':<40} {staged:7.2f}")
    print(f"  {'lint_article end to end (with read)':<40} {sum(totals) / n:7.2f}")
    print(f"rules, costliest first (top {min(args.top, len(rules))}):")
    for rid, v in rules[: args.top]:
        print(f"  {rid:<40} {v:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
