#!/usr/bin/env python3
"""Per-rule cost over a corpus: parse each file once, then time every active rule on it.

    python bench/rule_times.py [--passes N] ../shared/corpus/*

A first, untimed pass warms up (regex compiles, lazy imports, loaded tables); each rule is then
timed over N more passes (default 3) with CPU time (time.process_time), which other processes on
a shared machine disturb less than wall time, and the mean per file is printed. Each pass
re-parses the files: rules remember results on the document, and a timed pass must not find
them there. Per-process tables that recur across real files (word weights, stems) stay warm,
as they do in a long run.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from linter import config as cfg
from linter import registry
from linter.runner import Linter


def _run(settings, docs, cost) -> None:
    clock = time.process_time
    for doc in docs:
        for active in settings.active:
            spec = active.spec
            t = clock()
            if spec.kind == "document":
                list(spec.check(doc, active.options) or ())
            else:
                spec.collect(doc, active.options)
            cost[spec.name] += clock() - t


def main(args: list[str]) -> None:
    passes = 3
    if args[:1] == ["--passes"]:
        passes, args = max(1, int(args[1])), args[2:]
    files = [p for f in args for p in sorted(Path(f).rglob("*.md"))]
    settings = cfg.resolve(cfg.Config(root=Path.cwd()), registry.load())
    linter = Linter(settings)
    raws = [(p, p.read_bytes()) for p in files]
    _run(settings, [linter.parse(raw, p.name) for p, raw in raws], defaultdict(float))  # warm-up
    cost: dict[str, float] = defaultdict(float)
    parse_s = 0.0
    for _ in range(passes):
        t0 = time.process_time()
        docs = [linter.parse(raw, p.name) for p, raw in raws]
        parse_s += time.process_time() - t0
        _run(settings, docs, cost)
    n = len(raws) * passes
    print(f"{len(raws)} files, {passes} timed passes (CPU time); parse {parse_s / n * 1e3:.3f} ms/file")
    for name, s in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"{s / n * 1e3:9.3f} ms/file  {name}")
    print(f"{sum(cost.values()) / n * 1e3:9.3f} ms/file  all rules")


if __name__ == "__main__":
    main(sys.argv[1:])
