"""Fix round-trip of the publication, title and text-hygiene rules over a copy of a corpus.

Usage: python bench/text_rules_fix_check.py CORPUS_DIR [RULES]

Copies CORPUS_DIR to a temporary folder, runs `newslint check --fix` with the selection
(default PUB,TTL,TXT), then checks that: only findings without a safe fix remain; every file's
front matter parses to the same data except the fixed values (listed by pointer shape); bodies
are unchanged; a second `--fix` changes no byte.
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from linter import document


def diff(a, b, ptr=""):
    if type(a) is not type(b):
        return [ptr]
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return [ptr]
        return [d for k in a for d in diff(a[k], b[k], f"{ptr}/{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [ptr]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in diff(x, y, f"{ptr}/{i}")]
    return [] if a == b else [ptr]


def digest(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*.md"))}


def main() -> None:
    corpus = Path(sys.argv[1]).resolve()
    select = sys.argv[2] if len(sys.argv) > 2 else "PUB,TTL,TXT"
    exe = str(Path(sys.executable).with_name("newslint"))
    base = ["check", "--no-cache", "--exit-zero", "--select", select]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / corpus.name
        shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".newslint_cache"))
        for p in copy.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        first = subprocess.run([exe, *base, "--format", "json", str(copy)], capture_output=True, text=True, check=True)
        fixed_at = {(Path(f["path"]).resolve().relative_to(copy).as_posix(), f["pointer"])
                    for f in json.loads(first.stdout)["findings"] if f["fix"] and f["fix"]["applicability"] == "safe"}
        subprocess.run([exe, *base, "--fix", "-q", str(copy)], capture_output=True, check=True)
        out = subprocess.run([exe, *base, "--format", "json", str(copy)], capture_output=True, text=True, check=True)
        left = json.loads(out.stdout)["findings"]
        fixable = [f for f in left if f["fix"] and f["fix"]["applicability"] == "safe"]
        print(f"after --fix: {len(left)} findings remain, {len(fixable)} of them with a safe fix")
        print("  remaining by rule:", dict(Counter(f["rule"] for f in left)))
        changed, files, bodies, stray = Counter(), 0, 0, []
        for p in sorted(corpus.rglob("*.md")):
            q = copy / p.relative_to(corpus)
            a, b = document.parse(p.read_bytes()), document.parse(q.read_bytes())
            bodies += a.body != b.body
            d = diff(a.data, b.data)
            files += bool(d)
            changed.update(re.sub(r"/\d+", "/N", x) for x in d)
            rel = p.relative_to(corpus).as_posix()
            stray += [(rel, x) for x in d if (rel, x) not in fixed_at]
        print(f"files whose data changed: {files}; bodies changed: {bodies}")
        print("  changed values by pointer:", dict(changed))
        print(f"values changed that no safe fix targeted: {len(stray)}", stray[:5])
        before = digest(copy)
        subprocess.run([exe, *base, "--fix", "-q", str(copy)], capture_output=True, check=True)
        print("second --fix changes nothing:", digest(copy) == before)


if __name__ == "__main__":
    main()
