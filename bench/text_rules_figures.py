"""Figures for the publication, title and text-hygiene rules over a corpus.

Usage: python bench/text_rules_figures.py CORPUS_DIR [RULES] [SAMPLES]

Runs `newslint check --format json` with the given selection (default PUB,TTL,TXT) and prints,
per rule, the number of findings, the number of files it fires on, and up to SAMPLES (default
10) findings spread evenly over its hits, for judging by hand.
"""

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path


def main() -> None:
    corpus = Path(sys.argv[1])
    select = sys.argv[2] if len(sys.argv) > 2 else "PUB,TTL,TXT"
    samples = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    exe = Path(sys.executable).with_name("newslint")
    out = subprocess.run(
        [str(exe), "check", "--no-cache", "--exit-zero", "--select", select, "--format", "json", str(corpus)],
        capture_output=True, text=True, check=True,
    ).stdout
    findings = json.loads(out)["findings"]
    files = sum(1 for _ in corpus.rglob("*.md"))
    by_rule = defaultdict(list)
    for f in findings:
        by_rule[(f["code"], f["rule"])].append(f)
    print(f"{corpus}: {files} files, {len(findings)} findings")
    for (code, rule), hits in sorted(by_rule.items()):
        nfiles = len({h["path"] for h in hits})
        print(f"\n== {code} {rule}: {len(hits)} findings in {nfiles} files")
        step = max(1, len(hits) // samples)
        for h in hits[::step][:samples]:
            print(f"  {Path(h['path']).name}:{h['line']}:{h['column']} {h['pointer']}: {h['message'][:220]}")


if __name__ == "__main__":
    main()
