"""Evaluate the date rules (DT) on real corpora: hit counts, samples, threshold sensitivity, and a
fix round trip on copies (plain, and with synthetic date defects written into the copy).

    python bench/eval_dates.py CORPUS [CORPUS...] [--samples 10] [--seed 7]

Runs the installed `newslint` CLI (python -m linter) with a temporary config that pins
date-future's `now`, so the figures are reproducible. Reads the corpora, never writes to them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from linter.document import parse
from rules.dates._parse import DATE_KEYS, read

NOW = "2026-11-23T00:00:00Z"


def newslint(args: list[str], config: Path) -> dict:
    cmd = [sys.executable, "-m", "linter", "check", "--no-cache", "--exit-zero", "--quiet",
           "--config", str(config), *args]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if "--fix" in args and "--format" not in args:
        return {"stdout": out.stdout, "stderr": out.stderr}
    try:
        return json.loads(out.stdout)
    except ValueError:
        sys.exit(f"newslint failed: {out.stderr or out.stdout}")


def write_config(folder: Path, extra: str = "") -> Path:
    path = folder / "newslint-dates.toml"
    path.write_text(f'[rules.date-future]\nnow = "{NOW}"\n{extra}', "utf-8")
    return path


def findings(paths, config, select="DT") -> list[dict]:
    return newslint(["--select", select, "--format", "json", *map(str, paths)], config)["findings"]


def count_files(paths) -> int:
    return sum(1 for p in paths for _ in Path(p).rglob("*.md"))


def summary(found: list[dict], total: int, samples: int, title: str) -> None:
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for f in found:
        by_rule[f["rule"]].append(f)
    print(f"\n## {title}: {len(found)} findings in {len({f['path'] for f in found})} of {total} files")
    for rule in sorted(by_rule):
        hits = by_rule[rule]
        print(f"- {rule} ({hits[0]['code']}): {len(hits)} findings in {len({f['path'] for f in hits})} files")
        for f in hits[:samples]:
            print(f"    {Path(f['path']).parent.name}/{Path(f['path']).name[:60]}:{f['line']}:{f['column']} {f['message']}")


# ---- synthetic defects ---------------------------------------------------------------------
_PUB = re.compile(r"^(\s*)(publishedDateTime|updatedDateTime): (\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z\s*$", re.M)
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def mutate(text: str, rng: random.Random) -> str:
    """Rewrite some timestamp lines into other spellings of the same instant (or naive/ambiguous)."""

    def one(m: re.Match) -> str:
        ind, key, y, mo, d, h, mi, s = m.groups()
        kind = rng.choice(["keep", "keep", "space", "offset", "slash", "dmy", "rfc", "naive", "offset0"])
        if kind == "space":
            v = f"{y}-{mo}-{d} {h}:{mi}:{s}Z"
        elif kind == "offset":  # the same instant at +05:30
            total = int(h) * 60 + int(mi) + 330
            if total >= 24 * 60:  # keep the date simple: only when it stays the same day
                return m.group(0)
            v = f"{y}-{mo}-{d}T{total // 60:02d}:{total % 60:02d}:{s}+05:30"
        elif kind == "offset0":
            v = f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00"
        elif kind == "slash":
            v = f'"{y}/{mo}/{d} {h}:{mi}:{s}Z"'
        elif kind == "dmy":  # fixable when the day is over 12 or equals the month, else ambiguous
            v = f'"{d}/{mo}/{y} {h}:{mi}:{s} UTC"'
        elif kind == "rfc":
            v = f"'{d} {_MONTHS[int(mo) - 1]} {y} {h}:{mi}:{s} GMT'"
        elif kind == "naive":
            v = f"{y}-{mo}-{d}T{h}:{mi}:{s}"
        else:
            return m.group(0)
        return f"{ind}{key}: {v}"

    return _PUB.sub(one, text)


# ---- data comparison -----------------------------------------------------------------------
def flatten(data, ptr=""):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from flatten(v, f"{ptr}/{k}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from flatten(v, f"{ptr}/{i}")
    else:
        yield ptr, data


def compare(before: Path, after: Path) -> tuple[int, int, list[str]]:
    """(files changed, values changed, problems): only date values may change, and each changed
    one must still mean the same instant (naive values read as UTC)."""
    changed_files = changed_values = 0
    problems = []
    for b in sorted(before.rglob("*.md")):
        a = after / b.relative_to(before)
        tb, ta = b.read_bytes(), a.read_bytes()
        if tb == ta:
            continue
        changed_files += 1
        db, da = dict(flatten(parse(tb).data)), dict(flatten(parse(ta).data))
        if db.keys() != da.keys():
            problems.append(f"{a}: keys changed")
            continue
        for ptr, vb in db.items():
            va = da[ptr]
            if vb == va:
                continue
            changed_values += 1
            key = ptr.rsplit("/", 1)[-1]
            rb, ra = read(str(vb)), read(str(va))
            if key not in DATE_KEYS or ra.kind != "iso" or not rb.usable:
                problems.append(f"{a}: {ptr} {vb!r} -> {va!r}")
            elif rb.when.instant() != ra.when.instant():
                problems.append(f"{a}: {ptr} {vb!r} -> {va!r} is another instant")
    return changed_files, changed_values, problems


def fix_round_trip(corpora: list[Path], work: Path, config: Path, mutated: bool, seed: int) -> None:
    title = "synthetic date defects" if mutated else "corpus as is"
    rng = random.Random(seed)
    original, fixed = work / f"{'mut' if mutated else 'raw'}-before", work / f"{'mut' if mutated else 'raw'}-after"
    for corpus in corpora:
        for src in sorted(corpus.rglob("*.md")):
            rel = Path(corpus.name) / src.relative_to(corpus)
            for root in (original, fixed):
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
            text = src.read_text("utf-8", errors="surrogateescape")
            if mutated:
                text = mutate(text, rng)
            data = text.encode("utf-8", "surrogateescape")
            (original / rel).write_bytes(data)
            (fixed / rel).write_bytes(data)
    before = findings([original], config)
    newslint(["--select", "DT", "--fix", "--unsafe-fixes", str(fixed)], config)
    snapshot = {p: p.read_bytes() for p in fixed.rglob("*.md")}
    after = findings([fixed], config)
    newslint(["--select", "DT", "--fix", "--unsafe-fixes", str(fixed)], config)
    second = sum(1 for p, b in snapshot.items() if p.read_bytes() != b)
    files, values, problems = compare(original, fixed)
    fixable_left = [f for f in after if f["fix"]]
    by_rule_before = defaultdict(int)
    by_rule_after = defaultdict(int)
    for f in before:
        by_rule_before[f["rule"]] += 1
    for f in after:
        by_rule_after[f["rule"]] += 1
    print(f"\n## --fix --unsafe-fixes round trip ({title})")
    print(f"- findings before: {len(before)} {dict(sorted(by_rule_before.items()))}")
    print(f"- findings after:  {len(after)} {dict(sorted(by_rule_after.items()))}")
    print(f"- fixable findings left after fixing: {len(fixable_left)}")
    print(f"- files changed: {files}; values changed: {values}; files changed by a second --fix: {second}")
    print(f"- data problems (a non-date value changed, or a date changed its instant): {len(problems)}")
    for p in problems[:10]:
        print(f"    {p}")


def url_coverage(corpora) -> str:
    """How many dated items have a URL whose path carries a date (what date-url-mismatch sees)."""
    from rules.dates.date_url_mismatch import _distance, url_date

    items = with_date = 0
    distances = []
    for corpus in corpora:
        for path in sorted(Path(corpus).rglob("*.md")):
            doc = parse(path.read_bytes(), str(path))
            for _, item in doc.items():
                when = read(str(item.get("publishedDateTime") or item.get("date") or "")).when
                url = item.get("webUrl") or item.get("originalUrl") or item.get("url")
                if when is None or not isinstance(url, str):
                    continue
                items += 1
                found = url_date(url)
                if found:
                    with_date += 1
                    distances.append(_distance(found, when.day_of()))
    buckets = {"0-1": 0, "2-7": 0, "8-31": 0, ">31": 0}
    for d in distances:
        buckets["0-1" if d <= 1 else "2-7" if d <= 7 else "8-31" if d <= 31 else ">31"] += 1
    return (f"{with_date} of {items} dated items (article or related) have a date in their URL path; "
            f"days from publishedDateTime: {buckets}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    total = count_files(args.corpora)
    with tempfile.TemporaryDirectory(prefix="eval-dates-") as tmp:
        work = Path(tmp)
        config = write_config(work)
        print(f"# Date rules on {', '.join(map(str, args.corpora))} ({total} files, now = {NOW})")
        summary(findings(args.corpora, config), total, args.samples, "defaults")
        print(f"\n## date-url-mismatch coverage\n- {url_coverage(args.corpora)}")
        for extra, title in [
            ("[rules.date-filename-mismatch]\ntolerance-days = 0\n", "date-filename-mismatch, tolerance-days = 0"),
            ("[rules.date-url-mismatch]\ntolerance-days = 7\n", "date-url-mismatch, tolerance-days = 7"),
            ("[rules.date-url-mismatch]\ntolerance-days = 1\n", "date-url-mismatch, tolerance-days = 1"),
            ('[rules.date-not-utc]\nprofiles = ["news-article", "blog-post"]\n', "date-not-utc on every profile"),
        ]:
            rule = title.split(",")[0].split(" ")[0]
            folder = work / re.sub(r"\W+", "_", title)
            folder.mkdir()
            cfg = write_config(folder, extra)
            summary(findings(args.corpora, cfg, rule), total, 3, title)
        fix_round_trip(args.corpora, work, config, mutated=False, seed=args.seed)
        fix_round_trip(args.corpora, work, config, mutated=True, seed=args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
