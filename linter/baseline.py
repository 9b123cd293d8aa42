"""Baselines: adopt newslint on a legacy repository today and fail only on new problems.

A baseline records each finding as (path relative to the project, rule, JSON pointer, fingerprint
of the offending value) with a count. Line numbers are not part of the key, so edits elsewhere in
a file do not invalidate it; fixing the value (or the rule no longer firing) retires the entry.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

VERSION = 1


class BaselineError(Exception):
    pass


def _key(relpath: str, f) -> tuple:
    return (relpath, f.rule, f.pointer or "", f.fingerprint)


def write(path: Path, results) -> int:
    counts = Counter(_key(r.relpath, f) for r in results for f in r.findings)
    entries = [
        {"path": p, "rule": rule, "pointer": ptr, "fingerprint": fp, "count": n}
        for (p, rule, ptr, fp), n in sorted(counts.items())
    ]
    text = json.dumps({"version": VERSION, "findings": entries}, indent=1, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return sum(counts.values())


def load(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
        return Counter({(e["path"], e["rule"], e["pointer"], e["fingerprint"]): int(e["count"]) for e in data["findings"]})
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BaselineError(f"{path} is not a newslint baseline file") from None


def apply(baseline: Counter, results) -> int:
    """Drop baselined findings from `results` (in place). Returns how many baselined ones are gone."""
    remaining = Counter(baseline)
    for r in results:
        kept = []
        for f in r.findings:
            k = _key(r.relpath, f)
            if remaining[k] > 0:
                remaining[k] -= 1
            else:
                kept.append(f)
        r.findings = kept
    return sum(remaining.values())
