"""The result cache: `.newslint_cache/` in the project folder (it ignores itself for git).

One folder per (newslint version, effective configuration, installed rule plugins). In it, each
file's path (relative to the project folder) maps to its size, mtime, content hash and results,
spread over SHARDS JSON files by a hash of the path, so a run that changes a few files rewrites
only their shards. A file whose size and mtime are unchanged is a hit; otherwise its content hash
decides, so a `touch` or a checkout of identical content costs a hash, not a lint. Writes are
atomic (temporary file, then rename): concurrent runs never see a torn shard, and a corrupt or
foreign shard is ignored. JSON only: nothing in the cache can execute code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zlib
from pathlib import Path

from linter import __version__

DIRNAME = ".newslint_cache"
FORMAT = 2
SHARDS = 64


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _shard(relpath: str) -> int:
    return zlib.crc32(relpath.encode("utf-8", "surrogatepass")) % SHARDS


def _read_json(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}
    except (OSError, ValueError):
        return {}


class Cache:
    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = hashlib.sha256(f"{FORMAT}|{__version__}|{key}".encode()).hexdigest()[:24]
        self.dir = folder / f"results-{self.key}"
        self.entries: dict[str, list] = {}
        self._dirty: set[int] = set()
        for n in range(SHARDS):
            entries = _read_json(self.dir / f"{n:02}.json").get("entries")
            if isinstance(entries, dict):
                self.entries.update(entries)
        repository = _read_json(self.dir / "repository.json").get("repository")
        self.repository: dict = repository if isinstance(repository, dict) else {}
        self._repository_dirty = False

    def lookup(self, relpath: str, st: os.stat_result, raw: bytes | None = None) -> dict | None:
        """The cached entry {"result": ..., "facts": ...} if the file is unchanged, else None."""
        entry = self.entries.get(relpath)
        if not isinstance(entry, list) or len(entry) != 4:
            return None
        size, mtime, digest, payload = entry
        if size == st.st_size and mtime == st.st_mtime_ns:
            return payload
        if raw is not None and digest == content_hash(raw):
            entry[0], entry[1] = st.st_size, st.st_mtime_ns
            self._dirty.add(_shard(relpath))
            return payload
        return None

    def store(self, relpath: str, st: os.stat_result, digest: str, payload: dict) -> None:
        self.entries[relpath] = [st.st_size, st.st_mtime_ns, digest, payload]
        self._dirty.add(_shard(relpath))

    def set_repository(self, value: dict) -> None:
        self.repository = value
        self._repository_dirty = True

    def save(self) -> None:
        if not self._dirty and not self._repository_dirty:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by newslint automatically.\n*\n", encoding="utf-8")
            shards: dict[int, dict] = {n: {} for n in self._dirty}
            if shards:
                for relpath, entry in self.entries.items():
                    n = _shard(relpath)
                    if n in shards:
                        shards[n][relpath] = entry
            for n, entries in shards.items():
                self._write(self.dir / f"{n:02}.json", {"format": FORMAT, "entries": entries})
            if self._repository_dirty:
                self._write(self.dir / "repository.json", {"format": FORMAT, "repository": self.repository})
        except OSError:
            pass  # a read-only project still lints; it just is not cached

    def _write(self, path: Path, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".shard-", suffix=".tmp", dir=self.dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(data, separators=(",", ":")))
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def clean(folder: Path) -> bool:
    if folder.is_dir() and (folder / ".gitignore").exists() or folder.name == DIRNAME and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        return True
    return False
