"""How story grouping scales with the number of articles (issue 11: near-linear, not all pairs).

    python bench/consistency_scale.py

Digests are computed once for the real articles of ../shared/corpus (or the seeds when it is
absent) and replicated up to 10,000 articles in two ways: "distinct", each replica batch with its
own vocabulary (terms suffixed per batch), so the run looks like 10,000 different articles with
the real corpus's term statistics; and "copies", plain replicas, so every story has many copies
(the worst case: pairs inside a group grow with the square of its size). Only the grouping step
(the serial part) is timed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.checks.consistency import candidate_pairs, group_stories  # noqa: E402
from newslint.readers import read_file  # noqa: E402
from newslint.text.story import StoryDigest  # noqa: E402


def main() -> None:
    corpus = ROOT.parent / "shared" / "corpus"
    paths = sorted(corpus.glob("*/*.md")) if corpus.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))
    base = [next(read_file(p, str(p), 10)).story for p in paths]
    base = [d for d in base if d.terms]
    print(f"{len(base)} distinct articles")
    for mode in ("distinct", "copies"):
        print(mode)
        for n in (1000, 2000, 5000, 10000):
            digests = [replica(base[i % len(base)], i, i // len(base) if mode == "distinct" else 0) for i in range(n)]
            measure(digests, n)


def replica(d: StoryDigest, i: int, batch: int) -> StoryDigest:
    """Copy ``i`` of a digest; batch > 0 gives it that batch's own vocabulary."""
    if not batch:
        return d._replace(path=f"copy{i}.md")
    return d._replace(path=f"copy{i}.md", terms=tuple(f"{t}~{batch}" for t in d.terms),
                      names=frozenset(f"{t}~{batch}" for t in d.names))


def measure(digests: list[StoryDigest], n: int) -> None:
    t = time.process_time()
    pairs = sum(len(partners) for _, _, partners in candidate_pairs(digests))
    stories = group_stories(digests)
    took = time.process_time() - t
    print(f"{n:>6} articles: {took:6.2f} s CPU, {pairs:>8} candidate pairs "
          f"({pairs / n:.1f} per article; all pairs would be {n * (n - 1) // 2}), {len(stories.groups)} groups")


if __name__ == "__main__":
    main()
