#!/usr/bin/env python3
"""Per-rule cost over a corpus: parse each file once, then time every active rule on it.

    python bench/rule_times.py ../shared/corpus/*

Every other file (the first, third...) is checked untimed first, as a warm-up (regex compiles,
lazy imports, loaded tables, caches of values that recur across files such as words or
domains); the rules are then timed, with CPU time (time.process_time, less disturbed than wall
time by other processes on a shared machine), once on each of the other files. Each file is
timed once: checking the same files again would let caches keyed on whole values (URLs, say)
answer, which a real run over distinct files does not. The parsed files are frozen out of the
garbage collector's reach (gc.freeze) before timing: otherwise full collections over the whole
corpus's parse trees, which a run that checks one file at a time never holds, are charged to
whichever rule happens to trigger them. Run it a few times and compare medians.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import defaultdict
from pathlib import Path

from linter import config as cfg
from linter import registry
from linter.engine import Linter


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


def main(folders: list[str]) -> None:
    files = [p for f in folders for p in sorted(Path(f).rglob("*.md"))]
    settings = cfg.resolve(cfg.Config(root=Path.cwd()), registry.load())
    linter = Linter(settings)
    raws = [(p, p.read_bytes()) for p in files]
    warm, timed = raws[::2], raws[1::2]
    _run(settings, [linter.parse(raw, p.name) for p, raw in warm], defaultdict(float))
    t0 = time.process_time()
    docs = [linter.parse(raw, p.name) for p, raw in timed]
    parse_s = time.process_time() - t0
    gc.collect()
    gc.freeze()
    cost: dict[str, float] = defaultdict(float)
    _run(settings, docs, cost)
    n = len(docs)
    print(f"{n} files timed after {len(warm)} warm-up files (CPU time); parse {parse_s / n * 1e3:.3f} ms/file")
    for name, s in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"{s / n * 1e3:9.3f} ms/file  {name}")
    print(f"{sum(cost.values()) / n * 1e3:9.3f} ms/file  all rules")


if __name__ == "__main__":
    main(sys.argv[1:])
