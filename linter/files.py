"""Find the files to lint: walk folders for the include globs, skip hidden folders, excludes and
symlinks that lead out of the tree. Files named explicitly are linted whatever their suffix."""

from __future__ import annotations

import os
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


class Discovery:
    def __init__(self, config: Config, cwd: Path):
        self.config = config
        self.cwd = cwd
        self.root = config.root
        self.excludes = config.exclude + config.extend_exclude
        self.skipped: list[tuple[str, str]] = []  # (path, why) for --verbose style notes

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
                out.setdefault(p, t)
            else:
                raise FileNotFoundError(raw)
        return sorted(out.values(), key=lambda t: t.path)

    def _walk(self, top: Path, roots: list[Path]):
        for dirpath, dirnames, filenames in os.walk(top):
            base = Path(dirpath)
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
                yield t
