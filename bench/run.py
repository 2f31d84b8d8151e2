"""newslint's benchmark: throughput, start-up, memory, cache, jobs and scaling, beside proselint.

    python bench/run.py                # the standard run (2,000 articles)
    python bench/run.py --scaling      # also 1x/10x/100x article length, 1k/10k/100k articles and
                                       # NDJSON streams of 5k/10k/20k records

The corpus is built in a temporary folder from ../shared/corpus (when present) and the seeds:
articles are cycled, each copy given a distinct first line so no two files are identical. Tools
are timed as whole processes with /usr/bin/time -v (wall time and peak RSS), one invocation over
the whole set, as the issue's peer table was measured. proselint must be installed
(``pip install proselint``) for the side-by-side figures; without it they are skipped.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.md"))]
    return texts


def build(folder: Path, count: int, scale: int = 1) -> Path:
    """``count`` articles in ``folder`` (each source text repeated ``scale`` times in length)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = sources()
    for i in range(count):
        text = texts[i % len(texts)]
        if scale > 1:
            head, sep, body = text.partition("\n---\n") if text.startswith("---") else ("", "", text)
            text = head + sep + "\n\n".join([body] * scale)
        suffix = ".md" if text.startswith("---") else ".txt"
        (folder / f"a{i:06d}{suffix}").write_text(f"{text}\n\nBenchmark copy {i}.\n", encoding="utf-8")
    return folder


def build_stream(path: Path, count: int) -> Path:
    """An NDJSON stream of ``count`` ninjs records made from the same sources as ``build``."""
    import json

    texts = sources()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            text = texts[i % len(texts)]
            body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
            head, _, body = body.strip().partition("\n")
            record = {"uri": f"urn:bench:{i}", "headline": head.strip("# "), "body_text": f"{body}\n\nRecord {i}."}
            fh.write(json.dumps(record) + "\n")
    return path


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one process run."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if proc.returncode not in (0, 1) or not wall or not rss:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    h, m, s = wall.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s), int(rss.group(1)) / 1024


def newslint_cmd(*args: str) -> list[str]:
    return [str(BIN / "newslint"), "check", "--format", "json", "--exit-zero", *args]


def proselint_cmd(*args: str) -> list[str]:
    return [str(BIN / "proselint"), "check", *args]


def median_times(cmds: list[list[str]], runs: int = 15) -> list[float]:
    """Median wall time of each command over ``runs`` runs, the commands taking turns, so that
    a change in the machine's load between them weighs on each alike."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, kept in zip(cmds, times):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True)
            kept.append(time.perf_counter() - t)
    return [statistics.median(kept) for kept in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--scaling", action="store_true", help="also measure length and count scaling")
    parser.add_argument("--max-count", type=int, default=100000, help="largest article count for --scaling")
    args = parser.parse_args()
    have_proselint = (BIN / "proselint").exists() or shutil.which("proselint")
    # Byte-compile newslint as an installed package would be, so start-up is not compile time.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "newslint")], check=False)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    try:
        corpus = build(work / "corpus", args.articles)
        n = args.articles
        size = sum(p.stat().st_size for p in corpus.iterdir()) / n / 1024
        print(f"corpus: {n} articles, {size:.1f} KB each on average ({'with' if CORPUS.is_dir() else 'without'} ../shared/corpus)")
        cache = work / "cache"
        cold, rss = timed(newslint_cmd("--cache-dir", str(cache), str(corpus)))
        warm = statistics.median(timed(newslint_cmd("--cache-dir", str(cache), str(corpus)))[0] for _ in range(3))
        one_job, _ = timed(newslint_cmd("--no-cache", "-j", "1", str(corpus)))
        nocache, _ = timed(newslint_cmd("--no-cache", str(corpus)))
        print(f"newslint, all jobs, no cache: {nocache:.2f} s = {n / nocache:.0f} articles/s, peak RSS {rss:.0f} MB")
        print(f"newslint, one job, no cache:  {one_job:.2f} s = {n / one_job:.0f} articles/s")
        print(f"newslint, first run with cache {cold:.2f} s, re-run (median of 3) {warm:.3f} s: {cold / warm:.1f}x faster")
        # `newslint check one.txt` as a user types it (text output), without the result cache (a
        # changed file, never a replay): a plain-text article, and a Markdown one with front matter
        ones = [sorted(corpus.glob(f"*{suffix}"))[:1] for suffix in (".txt", ".md")]
        ones = [found[0] for found in ones if found]
        cmds = [[str(BIN / "newslint"), "check", "--no-cache", str(one)] for one in ones]
        if have_proselint:
            cmds += [proselint_cmd(str(one)) for one in ones]
        starts = median_times(cmds)
        for i, one in enumerate(ones):
            line = f"start-up on one article ({one.suffix}, median of 15 taking turns): newslint {starts[i]:.3f} s"
            if have_proselint:
                line += f", proselint {starts[len(ones) + i]:.3f} s: {starts[i] / starts[len(ones) + i]:.2f}x"
            print(line)
        if have_proselint:
            pl, pl_rss = timed(proselint_cmd(str(corpus)))
            print(f"proselint: {pl:.2f} s = {n / pl:.0f} articles/s, peak RSS {pl_rss:.0f} MB")
            print(f"ratio: newslint throughput {pl / nocache:.1f}x proselint's")
        if args.scaling:
            base = build(work / "len1", 200)
            t1, _ = timed(newslint_cmd("--no-cache", str(base)))
            for scale in (10, 100):
                t, _ = timed(newslint_cmd("--no-cache", str(build(work / f"len{scale}", 200, scale))))
                print(f"length x{scale}: {t:.2f} s for 200 articles ({t / t1:.1f}x the 1x time of {t1:.2f} s)")
            for count in (c for c in (1000, 10000, 100000) if c <= args.max_count):
                folder = build(work / f"n{count}", count)
                t, r = timed(newslint_cmd("--no-cache", str(folder)))
                print(f"{count} articles: {t:.1f} s = {count / t:.0f} articles/s, peak RSS {r:.0f} MB")
                shutil.rmtree(folder)
            for count in (c for c in (5000, 10000, 20000) if c <= args.max_count):
                stream = build_stream(work / f"s{count}.ndjson", count)
                t, r = timed(newslint_cmd("--no-cache", str(stream)))
                print(f"NDJSON stream of {count} records: {t:.1f} s = {count / t:.0f} records/s, peak RSS {r:.0f} MB")
                stream.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    main()
