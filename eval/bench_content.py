"""What the content rules (CT) add to a `newslint check` run.

    python eval/bench_content.py CORPUS... [--repeat 5] [--bodies 1000]

Runs `newslint check --no-cache` over the given folders with all default rules and with
`--ignore CT`, alternating, --repeat times each, and prints the medians and the overhead.
With --bodies N it also writes N articles with Markdown bodies (the evaluation cases of
eval/offtopic_eval.py, cycled) to a temporary folder and measures the same on it, since the real
corpora have front matter only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def newslint() -> list[str]:
    exe = Path(sys.executable).with_name("newslint")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "linter"]


def run(paths, extra, cwd) -> float:
    start = time.perf_counter()
    subprocess.run([*newslint(), "check", "--no-cache", "--exit-zero", "-q", *extra, *paths], cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(label, paths, repeat, cwd):
    with_ct, without = [], []
    run(paths, [], cwd)  # warm the file system cache
    for _ in range(repeat):
        without.append(run(paths, ["--ignore", "CT"], cwd))
        with_ct.append(run(paths, [], cwd))
    a, b = statistics.median(without), statistics.median(with_ct)
    print(f"{label}: without CT {a:.2f} s, with CT {b:.2f} s (median of {repeat}): "
          f"content rules add {100 * (b - a) / a:+.1f}%")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--bodies", type=int, default=0, help="also time N generated articles with bodies")
    args = ap.parse_args(argv)
    paths = [str(Path(p).resolve()) for p in args.paths]
    count = sum(1 for p in paths for _ in Path(p).rglob("*.md"))
    with tempfile.TemporaryDirectory() as tmp:  # run from an empty folder: no project configuration
        measure(f"{count} corpus files", paths, args.repeat, tmp)
        if args.bodies:
            import offtopic_eval as ev

            articles = {p.stem: p.read_text(encoding="utf-8") for p in sorted((HERE / "articles").glob("*.md"))}
            cases = ev.build_cases(articles, ev.load_fillers(HERE / "filler.md"), 7)
            folder = Path(tmp) / "bodies"
            folder.mkdir()
            for i in range(args.bodies):
                (folder / f"2024-01-01-case-{i:05d}.md").write_text(cases[i % len(cases)][1], encoding="utf-8")
            measure(f"{args.bodies} articles with bodies", [str(folder)], args.repeat, tmp)
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
