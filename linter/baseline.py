"""Baselines: adopt newslint on a legacy repository today and fail only on new problems.

A baseline records each finding as (path relative to the project, rule, JSON pointer, fingerprint
of the offending value) with a count. Line numbers are not part of the key, so edits elsewhere in
a file do not invalidate it.

A finding is matched to the baseline in three rounds: by the whole key; then, for a finding with
a pointer, by its place alone (path, rule, pointer), so that a fix that changes the value (a
title whose HTML entity `--fix` decoded still has the doubled space that was baselined with it)
does not make the value's other findings new; then by its value alone (path, rule, fingerprint),
so that a fix that removes a list item (the items after it move up) does not either. Each
baselined entry is used as many times as its count, no more: removing a defect retires its entry.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from linter.reporters._common import dumps as json_text

VERSION = 1


class BaselineError(Exception):
    pass


def _key(relpath: str, f) -> tuple:
    return (relpath, f.rule, f.pointer or "", f.fingerprint)


def dumps(results) -> tuple[str, int]:
    """The baseline of `results` as JSON text, and how many findings it records. A path that is not
    UTF-8 keeps its undecodable bytes as JSON escapes (`\\udce9`), read back as the same path."""
    counts = Counter(_key(r.relpath, f) for r in results for f in r.findings)
    entries = [
        {"path": p, "rule": rule, "pointer": ptr, "fingerprint": fp, "count": n}
        for (p, rule, ptr, fp), n in sorted(counts.items())
    ]
    return json_text({"version": VERSION, "findings": entries}, indent=1) + "\n", sum(counts.values())


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def load(path: Path) -> Counter:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a byte-order mark (an editor's) is allowed
        data = json.loads(text, parse_constant=_no_constant)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r} (this newslint reads version {VERSION})")
        out: Counter = Counter()
        for e in data["findings"]:
            key = (e["path"], e["rule"], e["pointer"], e["fingerprint"])
            if not all(isinstance(k, str) for k in key) or type(e["count"]) is not int or e["count"] < 0:
                raise ValueError("bad entry")
            out[key] += e["count"]
        return out
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise BaselineError(f"{path} is not a newslint baseline file") from None


def apply(baseline: Counter, results) -> int:
    """Drop baselined findings from `results` (in place). Returns how many baselined ones are gone."""
    remaining = Counter(baseline)
    by_place: dict[tuple, list[tuple]] = {}
    by_value: dict[tuple, list[tuple]] = {}
    for key in remaining:
        path, rule, ptr, fp = key
        if ptr:
            by_place.setdefault((path, rule, ptr), []).append(key)
        by_value.setdefault((path, rule, fp), []).append(key)

    def take(key) -> bool:
        if remaining[key] > 0:
            remaining[key] -= 1
            return True
        return False

    left = [(r, f, _key(r.relpath, f)) for r in results for f in r.findings]
    left = [item for item in left if not take(item[2])]
    left = [item for item in left
            if not (item[2][2] and any(take(k) for k in by_place.get(item[2][:3], ())))]
    left = [item for item in left
            if not any(take(k) for k in by_value.get((item[2][0], item[2][1], item[2][3]), ()))]
    kept = {id(f) for _, f, _ in left}
    for r in results:
        r.findings = [f for f in r.findings if id(f) in kept]
    return sum(remaining.values())
