"""The files of a project as its last walk found them, reused while nothing that walk read changed.

A run on named files (pre-commit) compares them with every other file of the project, and
walking a 10,000-file tree to list those took a tenth of the run. So the walk's result is kept
(`tree-<key>` in the cache's result folder) with the stamps of what decided it:
  - each folder it listed: a file added, removed or renamed in a folder changes the folder's
    mtime, a change of its permissions its ctime;
  - each file that decides what git ignores (the `.gitignore` files from the top folder up to
    the work tree's root, the repository's excludes) and each `.git` that marks that root: their
    contents change only their own stamps.
The next run with the same key (working folder, top folder, the configuration's folder and
globs, whether git's ignores count) stats those and, if every one is unchanged, lists the files
kept instead of walking. A walk that met a symbolic link or skipped anything is not kept (where
a link leads can change with no stamp of the tree changing), nor one that depended on a stamp
within RACY_NS of its start: a change in the same timestamp tick would go unseen. The file is
MessagePack data, written atomically; anything unreadable is ignored (the tree is walked).
"""

from __future__ import annotations

import hashlib
import os
import stat as statmod
import time
from pathlib import Path

from linter import atomic, packing
from linter import cache as cachemod
from linter.files import Discovery, Target
from linter.gitignore import consulted

PREFIX = "tree-"


def files(discovery: Discovery, top: Path, folder: Path | None) -> list[Target]:
    """`discovery.find([top])` (`top` a folder), from the walk kept in `folder` when nothing it
    read changed; a walk otherwise, kept there for the next run."""
    path = folder / f"{PREFIX}{_key(discovery, top)}" if folder is not None else None
    kept = _kept(discovery, path) if path is not None and os.path.isdir(folder) else None
    if kept is not None:
        return kept
    start = time.time_ns()
    found = discovery.find([str(top)])
    if path is not None and not discovery.skipped and not discovery.links:
        _keep(discovery, path, found, start)
    return found


def _key(discovery: Discovery, top: Path) -> str:
    config = discovery.config
    parts = [str(discovery.cwd), str(top), str(config.root), config.include, discovery.excludes,
             discovery.respect_gitignore]
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _stamp(path: str) -> list[int] | None:
    """What a path's stat says of it (a folder's entries, a file's content); None if missing."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return [statmod.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _keep(discovery: Discovery, path: Path, found: list[Target], start: int) -> None:
    try:
        present, read = consulted(discovery.listed[0])
        paths = [*discovery.listed, *(os.path.join(f, ".gitignore") for f in discovery.listed), *read]
        stamps = [_stamp(p) for p in paths]
    except (OSError, IndexError):
        return
    if any(s is not None and max(s[2], s[3]) >= start - cachemod.RACY_NS for s in stamps):
        return  # changed too recently: a change within the same tick would not show
    runs: list[list] = []  # [folder, [names]] for each run of files of one folder, in the order found
    for t in found:
        parent, name = os.path.split(t.file)
        if runs and runs[-1][0] == parent:
            runs[-1][1].append(name)
        else:
            runs.append([parent, [name]])
    data = packing.pack({"present": present, "there": [os.path.exists(p) for p in present], "paths": paths,
                         "stamps": stamps, "files": runs})
    try:
        if cachemod.refusal(path.parent) is None:
            atomic.write(path, data, create=True, durable=False)
    except (OSError, atomic.WriteRefused):
        pass  # not kept: the next run walks


def _kept(discovery: Discovery, path: Path) -> list[Target] | None:
    """The files kept at `path`, if nothing their walk read changed since."""
    try:
        data = packing.unpack(cachemod.read_own(path))
        present, paths, runs = data["present"], data["paths"], data["files"]
        if not all(type(p) is str for p in [*present, *paths]) or not all(type(names) is list for _, names in runs):
            return None
        if [os.path.exists(p) for p in present] != data["there"] or [_stamp(p) for p in paths] != data["stamps"]:
            return None
        return [t for parent, names in runs for t in discovery.targets_in(parent, names)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
