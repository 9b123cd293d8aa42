"""The stored report of a whole-tree check, printed again when nothing it depends on changed.

A warm run over a large tree spent its time loading rules and YAML, reading every file's cached
result and rebuilding every finding only to print the report it printed last time. After a
check of whole folders (not files named one by one: repository rules compare those with files
that are not targets) the report is stored with what it depends on:
  - the run's key: newslint's version, the interpreter, the arguments, the working folder, the
    configuration file's path and bytes, the environment variables that change the output or the
    findings (colour, SOURCE_DATE_EPOCH), whether the output is a terminal, the clock's day;
  - the stamps (size, mtime, ctime, inode) of every file checked, in order;
  - the stamps of everything else that was read to produce it: the code loaded (the engine, the
    rules, plugins, libraries), the folders of sys.path (a plugin installed or removed), the
    files rule options and schemas name, a baseline.
The next run with the same key walks the tree (the same discovery, so a new or removed file is
seen), compares the stamps, and if every one is unchanged prints the stored report and exits
with the stored code. Otherwise it runs as usual. A stamp taken within RACY_NS of a file's change
never matches (the cache's racy rule): such a run is not replayed. The file is MessagePack data
in the cache folder (`replay-<key>`), written atomically; anything unreadable is ignored.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from linter import __version__, atomic, packing, safeio
from linter import cache as cachemod

FORMAT = 1
PREFIX = "replay-"
KEEP = 8  # stored reports kept besides the ones just written (other argument sets)
_ENVIRONMENT = ("NO_COLOR", "FORCE_COLOR", "TERM", "SOURCE_DATE_EPOCH", "CI", "GITHUB_ACTIONS", "GITLAB_CI")


def eligible(args, cwd: Path) -> bool:
    """A check of whole folders with the cache, writing nothing but its report."""
    if args.no_cache or args.fix or args.diff or args.write_baseline or args.show_settings or args.show_files:
        return False
    if args.paths == ["-"] or args.stdin_filename:
        return False
    return not args.paths or all(os.path.isdir(cwd / p) for p in args.paths)


def key(args, cwd: Path, config) -> str:
    source = config.source
    try:
        config_bytes = safeio.read(source, cachemod.MAX_INDEX_BYTES)[0] if source else b""
    except OSError:
        config_bytes = b"unreadable"
    arguments = sorted((name, repr(value)) for name, value in vars(args).items() if not name.startswith("_"))
    parts = [FORMAT, __version__, sys.executable, sys.version, str(cwd), arguments, str(source),
             cachemod.content_hash(config_bytes), [os.environ.get(name) for name in _ENVIRONMENT],
             sys.stdout.isatty(), cachemod.clock_key()]
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _stamps(paths: list[str]) -> list:
    out = []
    for path in paths:
        try:
            out.append(cachemod.stamp(os.stat(path)))
        except OSError:
            out.append(None)
    return out


def dependencies(extra: list[str]) -> list[str]:
    """What a run read besides its targets: the code it loaded, the folders plugins are installed
    in, and `extra` (files options, schemas and the command line name)."""
    code = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    folders = [p for p in sys.path if p and os.path.isdir(p)]
    return sorted(p for p in code | set(folders) | set(extra) if isinstance(p, str))


def before(targets) -> tuple[list[str], list]:
    """The targets' files and their stamps, taken before the run reads them: a file changed while
    the run is on then no longer matches what is stored."""
    files = [t.file for t in targets]
    return files, [cachemod._kept(s) if s is not None else None for s in _stamps(files)]


def record(folder: Path, run_key: str, targets: tuple[list[str], list], extra: list[str], out: str, err: str,
           code: int) -> None:
    """Store a whole-tree run's report (`out`: the report, `err`: its notes) and exit code;
    `targets`: what `before` said."""
    deps = dependencies(extra)
    files, stamps = targets
    data = packing.pack({"files": files, "stamps": stamps, "deps": deps, "dep_stamps": _stamps(deps),
                          "out": out, "err": err, "code": code})
    try:
        if cachemod.refusal(folder) is not None or not folder.is_dir():
            return
        atomic.write(folder / f"{PREFIX}{run_key}", data, create=True, durable=False)
        _prune(folder)
    except (OSError, atomic.WriteRefused):
        pass  # not stored: the next run is a full one


def stored(folder: Path, run_key: str, targets) -> dict | None:
    """The stored report of the run `run_key` if nothing it depends on changed, else None."""
    if not targets:
        return None  # a run on nothing says so
    try:
        if cachemod.refusal(folder) is not None:
            return None
        data = packing.unpack(cachemod.read_own(folder / f"{PREFIX}{run_key}"))
        if not isinstance(data, dict) or data.get("files") != [t.file for t in targets]:
            return None
        if data["stamps"] != _stamps(data["files"]) or data["dep_stamps"] != _stamps(data["deps"]):
            return None
        if not (isinstance(data["out"], str) and isinstance(data["err"], str) and isinstance(data["code"], int)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written stored reports."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(PREFIX) and entry.is_file(follow_symlinks=False):
                try:
                    found.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
                except OSError:
                    continue
    for _, path in sorted(found, reverse=True)[KEEP:]:
        try:
            os.unlink(path)
        except OSError:
            pass
