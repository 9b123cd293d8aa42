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
from dataclasses import dataclass
from pathlib import Path

from linter.config import Config, glob_match


@dataclass(frozen=True)
class Target:
    abspath: Path
    path: str  # shown to the user: relative to the working folder when below it
    relpath: str  # relative to the configuration's folder (what globs match)


def _rel(p: Path, base: Path) -> str | None:
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return None


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
    return True


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
    def __init__(self, config: Config, cwd: Path):
        self.config = config
        self.cwd = cwd
        self.root = config.root
        self.excludes = config.exclude + config.extend_exclude
        self.skipped: list[tuple[str, str]] = []  # (path, why) for --verbose style notes
        self.removed_temps: list[Path] = []  # stale temporary files of killed runs, deleted
        self._swept: set[Path] = set()

    def _sweep(self, folder: Path, names=None) -> None:
        if folder in self._swept:
            return
        self._swept.add(folder)
        if names is None:
            try:
                names = os.listdir(folder)
            except OSError:
                return
        self.removed_temps.extend(remove_stale_temps(folder, names))

    def target(self, p: Path) -> Target:
        rel_cwd = _rel(p, self.cwd)
        rel_root = _rel(p, self.root)
        return Target(p, rel_cwd if rel_cwd is not None else p.as_posix(), rel_root if rel_root is not None else p.name)

    def excluded(self, relpath: str) -> bool:
        return any(glob_match(g, relpath) for g in self.excludes)

    def included(self, relpath: str) -> bool:
        return any(glob_match(g, relpath) for g in self.config.include)

    def find(self, paths: list[str]) -> list[Target]:
        out: dict[Path, Target] = {}
        for raw in paths or ["."]:
            given = Path(raw)
            p = (self.cwd / given) if not given.is_absolute() else given
            p = Path(os.path.normpath(p))
            if p.is_symlink() and not _inside(p.resolve(), [self.cwd.resolve(), self.root.resolve()]):
                self.skipped.append((raw, "symlink leading out of the tree; not followed"))
                continue
            if p.is_dir():
                roots = [p.resolve()]
                for t in self._walk(p, roots):
                    out.setdefault(t.abspath, t)
            elif p.exists():
                t = self.target(p)
                if self.excluded(t.relpath):
                    continue
                if not p.is_file():
                    self.skipped.append((raw, "not a regular file; not read"))
                    continue
                self._sweep(p.parent)
                out.setdefault(p, t)
            else:
                raise FileNotFoundError(raw)
        return sorted(out.values(), key=lambda t: t.path)

    def _walk(self, top: Path, roots: list[Path]):
        for dirpath, dirnames, filenames in os.walk(top):
            base = Path(dirpath)
            self._sweep(base, filenames)
            keep = []
            for d in sorted(dirnames):
                sub = base / d
                if d.startswith(".") or self.excluded(self.target(sub).relpath):
                    continue
                if sub.is_symlink():
                    self.skipped.append((self.target(sub).path, "symlinked folder; not followed"))
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                f = base / name
                t = self.target(f)
                if not self.included(t.relpath) or self.excluded(t.relpath):
                    continue
                if f.is_symlink() and not _inside(f.resolve(), roots):
                    self.skipped.append((t.path, "symlink leading out of the tree; not followed"))
                    continue
                if not f.is_file():  # a FIFO, socket or device would block or never end
                    self.skipped.append((t.path, "not a regular file; not read"))
                    continue
                yield t
