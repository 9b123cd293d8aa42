#!/usr/bin/env python3
"""Per-rule cost over a corpus: parse each file once, then time every active rule on it.

    python bench/rule_times.py ../shared/corpus/*
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from linter import config as cfg
from linter import registry
from linter.runner import Linter


def main(folders: list[str]) -> None:
    files = [p for f in folders for p in sorted(Path(f).rglob("*.md"))]
    settings = cfg.resolve(cfg.Config(root=Path.cwd()), registry.load())
    linter = Linter(settings)
    raws = [(p, p.read_bytes()) for p in files]
    t0 = time.perf_counter()
    docs = [(p, linter.parse(raw, p.name)) for p, raw in raws]
    parse_s = time.perf_counter() - t0
    cost: dict[str, float] = defaultdict(float)
    for _, doc in docs:
        for active in settings.active:
            spec = active.spec
            t = time.perf_counter()
            if spec.kind == "document":
                list(spec.check(doc, active.options) or ())
            else:
                spec.collect(doc, active.options)
            cost[spec.name] += time.perf_counter() - t
    n = len(docs)
    print(f"{n} files; parse {parse_s / n * 1e3:.3f} ms/file")
    for name, s in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"{s / n * 1e3:9.3f} ms/file  {name}")
    print(f"{sum(cost.values()) / n * 1e3:9.3f} ms/file  all rules")


if __name__ == "__main__":
    main(sys.argv[1:])
