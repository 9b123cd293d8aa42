"""The result cache: `.newslint_cache/` in the project folder (it ignores itself for git).

One JSON file per (newslint version, effective configuration, installed rule plugins), mapping each
file's path (relative to the project folder) to its size, mtime, content hash and results. A file
whose size and mtime are unchanged is a hit; otherwise its content hash decides, so a `touch` or a
checkout of identical content costs a hash, not a lint. Writes are atomic (temporary file, then
rename): concurrent runs never see a torn cache, and a corrupt or foreign cache file is ignored.
JSON only: nothing in the cache can execute code.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from linter import __version__

DIRNAME = ".newslint_cache"
FORMAT = 1


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


class Cache:
    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = hashlib.sha256(f"{FORMAT}|{__version__}|{key}".encode()).hexdigest()[:24]
        self.file = folder / f"results-{self.key}.json"
        self.entries: dict[str, list] = {}
        self.repository: dict = {}  # what the repository rules added last time, and for which state
        self.dirty = False
        self._load()

    def _load(self) -> None:
        try:
            with open(self.file, "rb") as fh:
                data = json.load(fh)
            if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]
                self.repository = data.get("repository") if isinstance(data.get("repository"), dict) else {}
        except (OSError, ValueError):
            self.entries = {}

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
            self.dirty = True
            return payload
        return None

    def store(self, relpath: str, st: os.stat_result, digest: str, payload: dict) -> None:
        self.entries[relpath] = [st.st_size, st.st_mtime_ns, digest, payload]
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by newslint automatically.\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(json.dumps({"format": FORMAT, "entries": self.entries, "repository": self.repository},
                                    separators=(",", ":")))
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only project still lints; it just is not cached


def clean(folder: Path) -> bool:
    if folder.is_dir() and (folder / ".gitignore").exists() or folder.name == DIRNAME and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        return True
    return False
