"""The result cache: `.newslint_cache/` in the project folder (it ignores itself for git).

One folder per (newslint version, effective configuration, installed rule plugins). In it:
  iNN.json         each file's path (relative to the project folder) -> size, mtime, content
                   hash, and a hash of its facts for each repository rule (what it sees of it)
  rNN.json         per-file results (findings, suppressions), keyed by path, with their hash
  f<CODE>-NN.json  per-file facts for the repository rule CODE, keyed by path, with their hash
  repository.json  each repository rule's last findings, for a whole run and for a run on named
                   files, each with the state of every file's facts for it they came from
Each kind is spread over SHARDS files by a hash of the path, read only when needed and
rewritten only where something changed: a warm run with nothing changed never reads facts, a
pre-commit run reads the results of only the files it names and rewrites a few small files. A
file whose size and mtime are unchanged is a hit; otherwise its content hash decides, so a
`touch` or a checkout of identical content costs a hash, not a lint. A result or fact counts only
if its hash is the file's current one. Writes are atomic (temporary file, then rename):
concurrent runs never see a torn file, and a corrupt or foreign file is ignored. JSON only:
nothing in the cache can execute code.

A new folder (a new version, configuration or plugin) leaves at most KEEP others, the most
recently written; older ones are removed, so upgrades and configuration changes do not pile up
copies of a large repository's results.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import Callable

from linter import __version__

DIRNAME = ".newslint_cache"
FORMAT = 6
SHARDS = 64
KEEP = 4  # result folders kept besides the one in use


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def facts_keys(facts: dict) -> dict[str, str]:
    """A file's facts for each repository rule as a short hash: while no file's facts for a rule
    change, that rule's findings stay the same, whatever else changed in the files."""
    return {code: content_hash(json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8", "surrogatepass"))
            for code, value in facts.items()}


def _shard(relpath: str) -> int:
    return zlib.crc32(relpath.encode("utf-8", "surrogatepass")) % SHARDS


def _read_json(path: Path, field: str) -> dict:
    try:
        with open(path, "rb") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get(field), dict):
        return {}
    return data[field]


class _Shards:
    """relpath -> entry (a list), spread over SHARDS files named <prefix>NN.json, each read when
    first needed and written back only if changed."""

    def __init__(self, folder: Path, prefix: str):
        self.folder, self.prefix = folder, prefix
        self.loaded: dict[int, dict] = {}
        self.dirty: set[int] = set()

    def _load(self, n: int) -> dict:
        shard = self.loaded.get(n)
        if shard is None:
            shard = self.loaded[n] = _read_json(self.folder / f"{self.prefix}{n:02}.json", "entries")
        return shard

    def get(self, relpath: str, size: int) -> list | None:
        entry = self._load(_shard(relpath)).get(relpath)
        return entry if isinstance(entry, list) and len(entry) == size else None

    def put(self, relpath: str, entry: list) -> None:
        n = _shard(relpath)
        self._load(n)[relpath] = entry
        self.dirty.add(n)

    def save(self, write: Callable[[Path, str, dict], None]) -> None:
        for n in sorted(self.dirty):
            write(self.folder / f"{self.prefix}{n:02}.json", "entries", self.loaded[n])
        self.dirty.clear()


class Cache:
    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = hashlib.sha256(f"{FORMAT}|{__version__}|{key}".encode()).hexdigest()[:24]
        self.dir = folder / f"results-{self.key}"
        self._index = _Shards(self.dir, "i")  # [size, mtime, digest, {rule code: facts key}]
        self._results = _Shards(self.dir, "r")  # [digest, result]
        self._facts: dict[str, _Shards] = {}  # rule code -> its shards of [digest, facts]
        self.repository: dict = _read_json(self.dir / "repository.json", "repository")
        self._repository_dirty = False

    def lookup(self, relpath: str, file: str) -> tuple[str, dict[str, str]] | None:
        """(content hash, facts keys) of a file the index knows, if its content is unchanged: from
        the index when size and mtime match, else by hashing the file. None if unknown, changed
        or unreadable."""
        entry = self._index.get(relpath, 4)
        if entry is None or not isinstance(entry[3], dict):
            return None
        try:
            st = os.stat(file)
            size, mtime, digest, key = entry
            if size == st.st_size and mtime == st.st_mtime_ns:
                return digest, key
            with open(file, "rb") as fh:
                same = digest == content_hash(fh.read())
        except (OSError, ValueError):
            return None
        if not same:
            return None
        self._index.put(relpath, [st.st_size, st.st_mtime_ns, digest, key])
        return digest, key

    def result(self, relpath: str, digest: str) -> dict | None:
        """A file's cached result ({"findings", "directives", "internal_error"}), or None."""
        entry = self._results.get(relpath, 2)
        return entry[1] if entry is not None and entry[0] == digest and isinstance(entry[1], dict) else None

    def facts(self, code: str, relpath: str, digest: str):
        """A file's facts for the repository rule `code`, or None."""
        entry = self._facts_of(code).get(relpath, 2)
        return entry[1] if entry is not None and entry[0] == digest else None

    def _facts_of(self, code: str) -> _Shards:
        shards = self._facts.get(code)
        if shards is None:
            shards = self._facts[code] = _Shards(self.dir, f"f{code}-")
        return shards

    def store(self, relpath: str, stamp: tuple[int, int], digest: str, result: dict | None, facts: dict,
              keys: dict[str, str]) -> None:
        """Record a file's size and mtime (`stamp`), content hash, facts (and their keys) and,
        unless it was only collected, its result."""
        self._index.put(relpath, [*stamp, digest, keys])
        if result is not None:
            self._results.put(relpath, [digest, result])
        for code, value in facts.items():
            self._facts_of(code).put(relpath, [digest, value])

    def repository_findings(self, slot: str, state: str) -> dict | None:
        """A repository rule's findings stored under `slot` (its code after "all" or "named"),
        as {relpath: [finding rows]}, if they were computed from `state`."""
        entry = self.repository.get(slot)
        if isinstance(entry, dict) and entry.get("state") == state and isinstance(entry.get("findings"), dict):
            return entry["findings"]
        return None

    def set_repository_findings(self, slot: str, state: str, findings: dict) -> None:
        self.repository[slot] = {"state": state, "findings": findings}
        self._repository_dirty = True

    def save(self) -> None:
        try:
            shards = (self._index, self._results, *self._facts.values())
            if any(s.dirty for s in shards) or self._repository_dirty:
                new = not self.dir.is_dir()
                self.dir.mkdir(parents=True, exist_ok=True)
                ignore = self.folder / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# Created by newslint automatically.\n*\n", encoding="utf-8")
                if new:
                    _prune(self.folder, self.dir)
            for s in shards:
                s.save(self._write)
            if self._repository_dirty:
                self._write(self.dir / "repository.json", "repository", self.repository)
                self._repository_dirty = False
        except OSError:
            pass  # a read-only project still lints; it just is not cached

    def _write(self, path: Path, field: str, value: dict) -> None:
        import tempfile  # imported by runs that write the cache only

        fd, tmp = tempfile.mkstemp(prefix=".shard-", suffix=".tmp", dir=self.dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"format": FORMAT, field: value}, separators=(",", ":")))
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _prune(folder: Path, current: Path) -> None:
    """Remove all but the KEEP most recently written result folders other than `current`. A run
    still using one it removes only misses the cache (its reads find nothing, its writes fail
    and are skipped)."""
    import shutil

    others = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("results-") and entry.path != str(current) and entry.is_dir(follow_symlinks=False):
                try:
                    others.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
                except OSError:
                    continue
    for _, path in sorted(others, reverse=True)[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)


def clean(folder: Path) -> bool:
    if folder.is_dir() and (folder / ".gitignore").exists() or folder.name == DIRNAME and folder.is_dir():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        return True
    return False
