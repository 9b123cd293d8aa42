#!/usr/bin/env python3
"""Time the CI report formats on a warm cache, side by side with `--statistics`, alternating.

    python bench/report_formats.py /tmp/c10k [--repeat 5]

The corpus is copied to a temporary folder (its cache is never touched), checked once to warm the
cache there, then each round runs every variant once, in turn, output to /dev/null:
  statistics   newslint check --statistics        (the counts only: the reference)
  json         newslint check --format json
  sarif        newslint check --format sarif
  gitlab       newslint check --format gitlab
Printed: the median wall time and CPU time (user + system, of the process and any children) of
each over --repeat rounds, and their ratios to `statistics` (CPU time is the steadier figure on a
machine other work shares).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSLINT = [sys.executable, "-m", "linter", "check", "--exit-zero", "--no-progress"]
VARIANTS = {
    "statistics": ["--statistics"],
    "json": ["--format", "json"],
    "sarif": ["--format", "sarif"],
    "gitlab": ["--format", "gitlab"],
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(NEWSLINT + args + ["."], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newslint-report-bench-") as tmp:
        work = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, work, ignore=shutil.ignore_patterns(".newslint_cache"))
        timed([], work)  # warm the cache
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
        for _ in range(args.repeat):
            for name, extra in VARIANTS.items():
                times[name].append(timed(extra, work))
    files = sum(1 for p in args.corpus.rglob("*.md"))
    wall = {name: statistics.median(w for w, _ in t) for name, t in times.items()}
    cpu = {name: statistics.median(c for _, c in t) for name, t in times.items()}
    print(f"warm runs on {files} files, median of {args.repeat} alternating rounds")
    print(f"{'variant':<12} {'wall s':>8} {'x statistics':>13} {'cpu s':>8} {'x statistics':>13}")
    for name in VARIANTS:
        print(f"{name:<12} {wall[name]:>8.3f} {wall[name] / wall['statistics']:>13.2f}"
              f" {cpu[name]:>8.3f} {cpu[name] / cpu['statistics']:>13.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
