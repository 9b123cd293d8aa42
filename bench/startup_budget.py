#!/usr/bin/env python3
"""Start-up budget: what a one-file run and `check --help` import, side by side with the budget.

    python bench/startup_budget.py [--repeat 7]

Runs, in a fresh git repository holding one clean, valid article (the pre-commit case):
  one file   newslint check --no-cache news/a.md
  help       newslint check --help
each under `python -X importtime`, and prints for each the import time (the sum of every
module's own time, median over --repeat runs), the number of modules imported, the cyclic
garbage collections made during the run, and any module that case must not import (each is
loaded only for the input or the command that needs it). Exits 1 when a figure is over its
budget or a module it must not import is imported. Import times vary with the machine and its
load: run it on a quiet machine, and read the time against the budget, not as a pass/fail
alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ARTICLE = """---
title: "Harbour ferry timetable changes from Monday"
excerpt: "The morning ferry leaves ten minutes earlier from next week."
publishedDateTime: 2021-03-04T08:00:00Z
webUrl: "https://example.com/news/harbour-ferry-timetable-changes-from-monday"
type: article
provider:
  name: Example News
  domain: example.com
---

The harbour ferry will leave ten minutes earlier on weekday mornings from Monday, the operator said.

Evening sailings are unchanged.
"""

# Modules loaded only when an input or a command needs them.
LAZY = {
    "jsonschema": "a document the fast schema check cannot settle",
    "ftfy": "text that looks like mojibake",
    "wordfreq": "never: its word list is read from the packed file",
    "rapidfuzz": "titles to compare with other files",
    "importlib.metadata": "entry points in a layout other than *.dist-info folders",
    "markdown_it": "the HTML report",
    "multiprocessing": "enough files for worker processes",
    "pathspec": "a .gitignore (or .git/info/exclude) with a pattern in it",
}
OTHER_COMMANDS = "linter.commands."  # any command module but check's own
OWN_COMMANDS = {"linter.commands.check", "linter.commands.common"}

# case: (arguments, import-time budget in ms, module budget, modules it must not import)
CASES = {
    "one file": (["check", "--no-cache", "news/a.md"], 90.0, 275, set(LAZY)),
    "help": (["check", "--help"], 40.0, 130, set(LAZY)),
}

# Runs newslint as the program, then writes what it imported and the collections it made.
PROBE = """\
import gc, json, os, sys
collections = [0]
gc.callbacks.append(lambda phase, info: phase == "start" and collections.__setitem__(0, collections[0] + 1))
from linter.cli import main
try:
    main()
except SystemExit:
    pass
with open(os.environ["STARTUP_BUDGET_OUT"], "w") as fh:
    json.dump({"modules": sorted(sys.modules), "collections": collections[0]}, fh)
"""


def import_ms(stderr: str) -> float:
    """The sum of every module's own import time in -X importtime's report, in ms."""
    total = 0
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            own = line[len("import time:"):].split("|")[0].strip()
            if own.isdigit():
                total += int(own)
    return total / 1000


def measure(args: list[str], cwd: Path, out: Path) -> tuple[float, list[str], int]:
    env = dict(os.environ, STARTUP_BUDGET_OUT=str(out))
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", PROBE, *args], cwd=cwd, env=env,
                         capture_output=True, text=True, check=False)
    if not out.exists():
        raise SystemExit(f"newslint {' '.join(args)} did not run:\n{run.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    return import_ms(run.stderr), data["modules"], data["collections"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per case (the median is shown)")
    ns = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        (repo / "news").mkdir(parents=True)
        (repo / "news" / "a.md").write_text(ARTICLE, encoding="utf-8")
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
        out = Path(tmp) / "probe.json"
        times = {name: [] for name in CASES}
        seen = {}
        for _ in range(ns.repeat):
            for name, (args, *_budgets) in CASES.items():
                ms, modules, collections = measure(args, repo, out)
                times[name].append(ms)
                seen[name] = (modules, collections)
        print(f"{'case':10} {'import ms':>10} {'budget':>7}   {'modules':>7} {'budget':>7}   {'gc runs':>7}   unexpected imports")
        for name, (args, ms_budget, module_budget, lazy) in CASES.items():
            modules, collections = seen[name]
            ms = statistics.median(times[name])
            unexpected = sorted({m if m in lazy else m.split(".")[0] for m in modules if m.split(".")[0] in lazy}
                                | {m for m in modules if m.startswith(OTHER_COMMANDS) and m not in OWN_COMMANDS})
            bad = ms > ms_budget or len(modules) > module_budget or unexpected
            over = over or bool(bad)
            print(f"{name:10} {ms:10.1f} {ms_budget:7.0f}   {len(modules):7d} {module_budget:7d}   {collections:7d}   "
                  f"{', '.join(unexpected) or '-'}{'   OVER BUDGET' if bad else ''}")
        for name in sorted({m for name in CASES for m in seen[name][0] if m in LAZY}):
            print(f"  {name}: loaded only for {LAZY[name]}")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: times grow with it)")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
