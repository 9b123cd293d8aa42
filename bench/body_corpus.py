#!/usr/bin/env python3
"""Time newslint on a corpus with real bodies against the body floor, side by side, alternating.

    python bench/body_corpus.py ../shared/corpus/gtcode-news [--repeat 5] [--jobs N]

The corpus is copied to a temporary folder first (the warm runs write a cache next to it). Each
round runs, in turn:
  body floor  read each file, compose its front matter with libyaml (yaml.CSafeLoader) and split
              the lower-cased body into words; one process (`--floor FOLDER` runs it alone)
  uncached    newslint check --no-cache, all default rules
  warm        newslint check with its cache filled by the round's previous run
and the medians over the rounds are printed with their ratios to the floor's (targets: uncached
within 3x, goal 1.5x; warm within 0.5x). On a shared machine the ratios of alternating runs are
what to compare, not the seconds.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
_WORD = re.compile(r"\w+")


def floor(top: str) -> int:
    """The body floor: what any tool reading these files must do (bench/floor.py's reading and
    composing), then the lower-cased body split into words. Returns the words split."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from floor import bodies

    return sum(len(_WORD.findall(body.lower())) for body in bodies(top))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--jobs", type=int, help="newslint --jobs (default: one per core)")
    ap.add_argument("--floor", metavar="FOLDER", help=argparse.SUPPRESS)  # run the floor alone (a timed subprocess)
    args = ap.parse_args()
    if args.floor:
        print(floor(args.floor), "words")
        return
    if args.corpus is None:
        ap.error("a corpus folder is required")
    sys.path.insert(0, str(HERE))
    from benchmark import timed

    tmp = Path(tempfile.mkdtemp(prefix="newslint-body-bench-"))
    try:
        corpus = tmp / args.corpus.resolve().name
        shutil.copytree(args.corpus, corpus, ignore=shutil.ignore_patterns(".newslint_cache", ".git"))
        n = sum(1 for _ in corpus.rglob("*.md"))
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        check = [PY, "-m", "linter", "check", "-q", "--exit-zero", "--no-progress", *jobs, "."]
        subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "linter"), str(HERE.parent / "rules")], check=True)
        subprocess.run(check, cwd=corpus, stdout=subprocess.DEVNULL)  # warm-up: imports, page cache, data tables
        cases: dict[str, list[float]] = {"body floor": [], "uncached": [], "warm": []}
        for _ in range(args.repeat):
            cases["body floor"].append(timed([PY, str(Path(__file__).resolve()), "--floor", str(corpus)])[0])
            cases["uncached"].append(timed([*check[:4], "--no-cache", *check[4:]], corpus)[0])
            timed(check, corpus)  # fill the cache
            cases["warm"].append(timed(check, corpus)[0])
        base = statistics.median(cases["body floor"])
        print(f"\n{n} files in {args.corpus}, {os.cpu_count()} cores, median of {args.repeat} alternating rounds\n")
        print("| case | median s | x body floor | runs (s) |")
        print("|---|---:|---:|---|")
        for name, runs in cases.items():
            t = statistics.median(runs)
            print(f"| {name} | {t:.3f} | {t / base:.2f} | {', '.join(f'{r:.2f}' for r in runs)} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
