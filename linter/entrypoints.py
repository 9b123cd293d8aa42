"""The entry points of one group, read as importlib.metadata reads them, without importing it.

Going through importlib.metadata costs about 14 ms more: 10 ms to import it (it pulls in email,
zipfile, csv...), the rest to list the distributions and parse their METADATA for the versions;
9% of a one-file pre-commit run (bench/startup_budget.py keeps it out of that run). In the usual
layout (distributions as `*.dist-info` folders in sys.path folders, found by the standard path
finder) this reads their `entry_points.txt` directly. Any other layout (a zip or egg on sys.path,
`.egg-info` metadata, another finder that provides distributions) goes through
importlib.metadata, so the answer is always the one it would give.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from functools import reduce
from typing import NamedTuple

# importlib.metadata.EntryPoint.pattern: "module", "module:attr.attr", optional extras
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint(NamedTuple):
    name: str
    value: str
    version: str  # of the distribution that declares it

    def load(self):
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        module = importlib.import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)


def entry_points(group: str) -> list[EntryPoint]:
    found = _from_dist_info_folders(group)
    return found if found is not None else _from_importlib_metadata(group)


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _from_dist_info_folders(group: str) -> list[EntryPoint] | None:
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return None
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in sys.path:
        folder = entry or "."
        try:
            names = sorted(os.listdir(folder))
        except NotADirectoryError:
            return None  # a zip or an egg
        except OSError:
            continue  # missing or unreadable: importlib.metadata skips it too
        for name in names:
            low = name.lower()
            if low.endswith((".egg-info", ".egg")):
                return None
            if not low.endswith(".dist-info"):
                continue
            dist, sep, version = name[: -len(".dist-info")].partition("-")
            if not sep:
                return None  # no version in the name: importlib.metadata would read METADATA
            key = _normalize(dist)
            if key in seen:
                continue  # an earlier sys.path entry has this distribution: it wins
            seen.add(key)
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError):
                return None
            out.extend(EntryPoint(n, v, version) for n, v in _section(text, group))
    return out


def _section(text: str, group: str):
    """(name, value) pairs of one [group] of an entry_points.txt (importlib.metadata's Sectioned)."""
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _from_importlib_metadata(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as metadata_entry_points

    versions: dict[int, str] = {}  # reading a version parses METADATA: once per distribution
    out = []
    for ep in metadata_entry_points(group=group):
        dist = getattr(ep, "dist", None)
        if id(dist) not in versions:
            versions[id(dist)] = getattr(dist, "version", "") or ""
        out.append(EntryPoint(ep.name, ep.value, versions[id(dist)]))
    return out
