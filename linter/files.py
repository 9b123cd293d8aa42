"""Find the files to lint: walk folders for the include globs, skip hidden folders, excludes,
symlinks that lead out of the tree and anything that is not a regular file (a FIFO or a device
would block or never end). Files named explicitly are linted whatever their suffix.

While walking, it notes newslint's own temporary files it passes (`.newslint-<pid>-XXXXXXXX.tmp`,
left behind when a `--fix` run was killed mid-write) in `leftovers`; the run removes the stale
ones (linter.atomic)."""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from linter.atomic import is_leftover_name
from linter.config import Config, GlobSet


class Target(NamedTuple):
    """A file to lint. One string, not three, nor Paths: a large tree makes one per file, and every
    worker process inherits them all (three strings were half the memory of a run's workers)."""

    file: str  # absolute path
    path_start: int  # where in it `path` starts
    rel_start: int  # where in it `relpath` starts

    @property
    def path(self) -> str:
        """Shown to the user: relative to the working folder when below it."""
        return self.file[self.path_start:]

    @property
    def relpath(self) -> str:
        """Relative to the configuration's folder (what globs match)."""
        return self.file[self.rel_start:]

    @property
    def abspath(self) -> Path:
        return Path(self.file)

    def paths(self) -> tuple[str, str]:
        """(path, relpath), made once: one string for both when they are the same (a run from the
        configuration's folder), where each property would make a new one each time it is asked."""
        path = self.path
        return path, path if self.rel_start == self.path_start else self.relpath


def _inside(p: Path, roots: list[Path]) -> bool:
    return any(p == r or r in p.parents for r in roots)


class Discovery:
    def __init__(self, config: Config, cwd: Path, respect_gitignore: bool = True):
        self.config = config
        self.respect_gitignore = respect_gitignore
        self.cwd = cwd
        self.root = config.root
        self.excludes = config.exclude + config.extend_exclude
        self._include = GlobSet(config.include)
        self._exclude = GlobSet(self.excludes)
        self._bases = (_prefix(cwd), _prefix(config.root))
        self.skipped: list[tuple[str, str]] = []  # (path, why) for --verbose style notes
        self.leftovers: list[str] = []  # newslint's temporary files seen (stale or being written)
        self._seen: set[str] = set()
        self.listed: list[str] = []  # the folders walked, as listed (linter.tree keeps their stamps)
        self.links = False  # whether the walk met a symbolic link
        self._real_roots: list[Path] | None = None  # the working and configuration folders, resolved

    def _note_leftovers(self, folder: str, names=None) -> None:
        if folder in self._seen:
            return
        self._seen.add(folder)
        if names is None:
            try:
                names = os.listdir(folder)
            except OSError:
                return
        self.leftovers.extend(os.path.join(folder, n) for n in names if is_leftover_name(n))

    def _target(self, abspath: str) -> Target:
        """Paths as strings: this runs once per file of a large tree."""
        return Target(abspath, *(len(base) if abspath.startswith(base) else 0 for base in self._bases))

    def target(self, p: Path) -> Target:
        return self._target(os.path.normpath(str(p)))

    def excluded(self, relpath: str) -> bool:
        return self._exclude.match(relpath)

    def targets_in(self, folder: str, names: list[str]) -> list[Target]:
        """The targets of the files `names` in `folder`, as a walk makes them."""
        cut_path, cut_rel = self._cuts(folder)
        base = folder if folder.endswith(os.sep) else folder + os.sep
        return [Target(base + name, cut_path, cut_rel) for name in names]

    def _cuts(self, folder: str) -> tuple[int, int]:
        """Where a path below `folder` starts its shown and its relative form."""
        return tuple(len(base) if (folder + os.sep).startswith(base) else 0 for base in self._bases)

    def find(self, paths: list[str]) -> list[Target]:
        out: dict[str, Target] = {}
        for raw in paths or ["."]:
            given = Path(raw)
            p = (self.cwd / given) if not given.is_absolute() else given
            p = Path(os.path.normpath(p))
            if not _inside(_real(p), self._allowed(p)):  # a symlink anywhere in the path, not only the last
                self.skipped.append((raw, "symlink leading out of the tree; not followed"))
                continue
            try:
                is_dir = p.is_dir()
            except OSError as exc:  # a path too long to open (over PATH_MAX)
                self.skipped.append((raw, f"cannot read: {exc.strerror or exc}"))
                continue
            if is_dir:
                for t in self._walk(str(p), [_real(p)]):
                    out.setdefault(t.file, t)
            elif os.path.lexists(p):
                t = self.target(p)
                if self.excluded(t.relpath):
                    continue
                if not p.is_file():
                    self.skipped.append((raw, _not_regular(p)))
                    continue
                self._note_leftovers(str(p.parent))
                out.setdefault(str(p), t)
            else:
                raise FileNotFoundError(raw)
        return sorted(out.values(), key=_PATH)

    def _allowed(self, p: Path) -> list[Path]:
        """Where a path named on the command line must resolve to: the tree the run was started on
        (the working folder, the configuration's folder) when it is named inside it, else the
        folder that holds it. To lint a file through a link that leads elsewhere, name its real
        path."""
        if _inside(p, [self.cwd, self.root]):
            if self._real_roots is None:
                self._real_roots = [_real(self.cwd), _real(self.root)]
            return self._real_roots
        return [_real(p.parent)]

    def _walk(self, top: str, roots: list[Path]):
        """The files below `top`, each folder's in name order, without what git ignores (unless
        told otherwise). The hot loop of a large tree: the cut that makes a file's shown and
        relative path is worked out once per folder."""
        match_included, included = self._include.match_name, self._include.match
        match_excluded, excluded, excluded_path = self._exclude.match_name, self._exclude.match, self._exclude.match_path
        if self.respect_gitignore:
            from linter import gitignore
        stack = [(top, gitignore.above(top) if self.respect_gitignore else ())]
        while stack:
            folder, ignores = stack.pop()
            self.listed.append(folder)
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=_NAME)
            except OSError as exc:  # a path over PATH_MAX, a folder removed or unreadable
                self.skipped.append((folder[len(self._bases[0]):] if folder.startswith(self._bases[0]) else folder,
                                     f"cannot list this folder: {exc.strerror or exc}"))
                continue
            names = [e.name for e in entries]
            self._note_leftovers(folder, names)
            if self.respect_gitignore:
                ignores = gitignore.enter(folder, names, ignores)
            cut_path, cut_rel = self._cuts(folder)
            subfolders = []
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                abspath = entry.path  # folder + os.sep + name: below a base exactly when the folder is
                relpath = abspath[cut_rel:]
                if entry.is_dir(follow_symlinks=False):
                    if not (match_excluded(name) or excluded(relpath) or ignores and gitignore.ignored(ignores, abspath, name, True)):
                        subfolders.append((abspath, ignores))
                    continue
                link = entry.is_symlink()
                self.links = self.links or link
                if link and _follows_to(entry, True):
                    self.skipped.append((abspath[cut_path:], "symlinked folder; not followed"))
                    continue
                if not (match_included(name) or included(relpath)) or match_excluded(name) or excluded_path(relpath):
                    continue
                if ignores and gitignore.ignored(ignores, abspath, name, False):
                    continue
                t = Target(abspath, cut_path, cut_rel)
                if link and not _inside(_real(t.abspath), roots):
                    self.skipped.append((t.path, "symlink leading out of the tree; not followed"))
                    continue
                if not _follows_to(entry, False):  # a FIFO, socket or device would block or never end
                    self.skipped.append((t.path, _not_regular(abspath)))
                    continue
                yield t
            stack.extend(reversed(subfolders))


def _real(p: Path) -> Path:
    """The path with every symlink resolved; a loop (`ln -s loop.md loop.md`) resolves to where it
    loops rather than raising."""
    return Path(os.path.realpath(p))


def _follows_to(entry: os.DirEntry, folder: bool) -> bool:
    """Whether the entry is (a symlink to) a folder, or to a regular file; False for a symlink
    loop (DirEntry raises on one)."""
    try:
        return entry.is_dir() if folder else entry.is_file()
    except OSError:
        return False


def _not_regular(path) -> str:
    """Why a path that is not a regular file is not read."""
    try:
        os.stat(path)
    except OSError as exc:  # a symlink loop, a dangling link, a name too long
        return f"cannot read: {exc.strerror or exc}"
    return "not a regular file; not read"


_NAME = attrgetter("name")
_PATH = attrgetter("path")


def _prefix(folder: Path) -> str:
    """`folder` as a string prefix of the paths below it."""
    s = os.path.normpath(str(folder))
    return s if s.endswith(os.sep) else s + os.sep
