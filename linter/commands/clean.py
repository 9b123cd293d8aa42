"""`newslint clean`: remove the cache (.newslint_cache/) of the project (see cache.folder_for)."""

from __future__ import annotations

import sys
from pathlib import Path

from linter import cache
from linter import config as cfg


def add_arguments(p) -> None:
    p.add_argument("--config", metavar="PATH", help="configuration file (default: found upward from here)")
    p.add_argument("--cache-dir", metavar="DIR", help="the cache `check --cache-dir DIR` wrote (default: the project's)")


def run(args) -> int:
    if args.cache_dir:
        folders = {Path(args.cache_dir)}
    else:
        config = cfg.load(Path(args.config) if args.config else None)
        folders = {config.root / cache.DIRNAME, Path.cwd() / cache.DIRNAME, cache.folder_for(config, [Path.cwd()], Path.cwd())}
    removed = [str(folder) for folder in folders if cache.clean(folder)]
    print(f"Removed {', '.join(sorted(removed))}" if removed else "No cache to remove.", file=sys.stderr)
    return 0
