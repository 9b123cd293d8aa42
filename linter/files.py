"""Find the files to lint: walk folders for the include globs, skip hidden folders, excludes,
symlinks that lead out of the tree and anything that is not a regular file (a FIFO or a device
would block or never end). Files named explicitly are linted whatever their suffix.

While walking, it removes newslint's own stale temporary files (`.newslint-<pid>-XXXXXXXX.tmp`,
left behind when a `--fix` run was killed mid-write) whose process no longer runs."""

from __future__ import annotations

import os
import re
import stat
import time
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

from linter.config import Config, GlobSet


class Target(NamedTuple):
    """A file to lint. Strings, not Paths: a large tree makes one per file."""

    file: str  # absolute path
    path: str  # shown to the user: relative to the working folder when below it
    relpath: str  # relative to the configuration's folder (what globs match)

    @property
    def abspath(self) -> Path:
        return Path(self.file)


def _inside(p: Path, roots: list[Path]) -> bool:
    return any(p == r or r in p.parents for r in roots)


# tempfile.mkstemp(prefix=".newslint-<pid>-", suffix=".tmp") names: 8 characters from its alphabet.
_STALE_TEMP = re.compile(r"\.newslint-(\d+)-[a-z0-9_]{8}\.tmp\Z")
STALE_AFTER = 3600.0  # seconds: a temp file this old is stale even if its pid is alive (pid reuse)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # exists (someone else's) or cannot tell: assume alive
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether `pid` has ended but was never reaped (a killed worker whose parent is gone, in a
    container whose PID 1 does not reap): signals still reach it, yet it runs no more."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat_line = fh.read()
    except OSError:
        return False  # no /proc (not Linux): trust the signal
    state = stat_line.rsplit(b")", 1)[-1][1:2]  # "PID (NAME) STATE ...": NAME may hold ")"
    return state in (b"Z", b"X")


def is_stale_temp(folder: Path, name: str) -> bool:
    """Whether `folder/name` is a temporary file a killed newslint run left behind."""
    m = _STALE_TEMP.match(name)
    if not m:
        return False
    try:
        st = os.lstat(folder / name)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    pid = int(m.group(1))
    if pid == os.getpid():
        return False  # ours, being written right now
    return not _pid_alive(pid) or time.time() - st.st_mtime > STALE_AFTER


def remove_stale_temps(folder: Path, names) -> list[Path]:
    """Delete newslint's stale temporary files among `names` in `folder`; return what was removed."""
    removed = []
    for name in names:
        if name.startswith(".newslint-") and is_stale_temp(folder, name):
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    return removed


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
        self._swept: set[str] = set()
        self._real_roots: list[Path] | None = None  # the working and configuration folders, resolved

    def _sweep(self, folder: str, names=None) -> None:
        if folder in self._swept:
            return
        self._swept.add(folder)
        if names is None:
            try:
                names = os.listdir(folder)
            except OSError:
                return
        remove_stale_temps(Path(folder), names)

    def _target(self, abspath: str) -> Target:
        """Paths as strings: this runs once per file of a large tree."""
        cwd, root = self._bases
        path = abspath[len(cwd):] if abspath.startswith(cwd) else abspath
        relpath = abspath[len(root):] if abspath.startswith(root) else abspath
        return Target(abspath, path, relpath)

    def target(self, p: Path) -> Target:
        return self._target(os.path.normpath(str(p)))

    def excluded(self, relpath: str) -> bool:
        return self._exclude.match(relpath)

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
                self._sweep(str(p.parent))
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
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=_NAME)
            except OSError as exc:  # a path over PATH_MAX, a folder removed or unreadable
                self.skipped.append((folder[len(self._bases[0]):] if folder.startswith(self._bases[0]) else folder,
                                     f"cannot list this folder: {exc.strerror or exc}"))
                continue
            names = [e.name for e in entries]
            self._sweep(folder, names)
            if self.respect_gitignore:
                ignores = gitignore.enter(folder, names, ignores)
            cut_path, cut_rel = (len(base) if (folder + os.sep).startswith(base) else 0 for base in self._bases)
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
                if link and _follows_to(entry, True):
                    self.skipped.append((abspath[cut_path:], "symlinked folder; not followed"))
                    continue
                if not (match_included(name) or included(relpath)) or match_excluded(name) or excluded_path(relpath):
                    continue
                if ignores and gitignore.ignored(ignores, abspath, name, False):
                    continue
                t = Target(abspath, abspath[cut_path:], relpath)
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
_PATH = itemgetter(1)  # Target.path


def _prefix(folder: Path) -> str:
    """`folder` as a string prefix of the paths below it."""
    s = os.path.normpath(str(folder))
    return s if s.endswith(os.sep) else s + os.sep
