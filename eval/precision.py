"""Precision per rule per corpus, judged with the hand-checked labels in eval/labels/*.tsv.

    python eval/precision.py CORPUS_DIR... [--sample N] [--rules a,b] [--json]

Runs `newslint check` (the checkout's, default configuration, --no-cache) with each corpus folder as
working directory, matches its findings with the labels (format: eval/README.md) and prints per rule:
findings, warning-or-worse, labelled tp / fp, precision = tp / (tp + fp) ('-' when none is labelled)
and the unlabelled count; then the `fn` labels found / missed (recall); then the warning-or-worse
findings per 100 files: all of them, those labelled fp, and the fp estimated by applying each judged
rule's labelled fp share to all its warning-or-worse findings. --sample N prints up to N unlabelled
findings per rule (seeded: the same sample every run) ready to be judged.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"
HEADER = ["corpus", "path", "rule", "where", "verdict", "reason"]
VERDICTS = {"tp", "fp", "fn"}
WARNING_OR_WORSE = {"warning", "error"}


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_labels(folder: Path = LABELS):
    """({(corpus, path, rule, where): 'tp' | 'fp'}, {the same keys labelled fn}); malformed rows and
    conflicting labels are reported on stderr and left out."""
    verdicts: dict[tuple, set[str]] = defaultdict(set)
    for tsv in sorted(folder.glob("*.tsv")):
        with tsv.open(encoding="utf-8", errors="replace", newline="") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            for number, row in enumerate(rows, 1):
                if number == 1 and row == HEADER:
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(HEADER) or row[4] not in VERDICTS or not all(c.strip() for c in row[:5]):
                    warn(f"{tsv.name}:{number}: malformed row (want {' / '.join(HEADER)}; verdict tp, fp or fn): "
                         f"{chr(9).join(row)[:120]!r}")
                    continue
                verdicts[tuple(cell.strip() for cell in row[:4])].add(row[4])
    judged, missed = {}, set()
    for key, found in verdicts.items():
        if "fp" in found and len(found) > 1:  # tp and fn agree (a real defect); fp contradicts both
            warn(f"conflicting labels {'/'.join(sorted(found))} for {' '.join(key)}: ignored")
            continue
        if "fn" in found:
            missed.add(key)
        if found & {"tp", "fp"}:
            judged[key] = "fp" if "fp" in found else "tp"
    return judged, missed


def run_check(corpus: Path):
    """The JSON report of newslint on `corpus` (run from inside it), or None when it fails."""
    command = [sys.executable, "-m", "linter", "check", "--no-cache", "--format", "json", "--exit-zero",
               "--no-progress", "."]
    done = subprocess.run(command, cwd=corpus, capture_output=True, text=True)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        warn(f"{corpus}: newslint exited {done.returncode} without a JSON report: {done.stderr.strip()[-500:]}")
        return None


def where(finding: dict) -> str:
    return finding["pointer"] if finding.get("pointer") else f"L{finding['line']}"


def reported(by_key: dict, by_file: dict, key: tuple) -> bool:
    """Whether a finding matches a label's key; `L<n>` also matches a finding whose lines cover n."""
    corpus, path, rule, at = key
    if key in by_key:
        return True
    if at[:1] == "L" and at[1:].isdigit():
        n = int(at[1:])
        return any(f["line"] <= n <= (f.get("end_line") or f["line"]) for f in by_file.get((path, rule), ()))
    return False


def evaluate(corpus: str, report: dict, judged: dict, missed: set, rules: set | None):
    """The table of one corpus as a dict (what --json prints), plus the unlabelled findings per rule."""
    findings = [f for f in report["findings"] if rules is None or f["rule"] in rules]
    files = report["summary"]["files"]
    by_key = {(corpus, f["path"], f["rule"], where(f)): f for f in findings}
    by_file: dict = defaultdict(list)
    for f in findings:
        by_file[(f["path"], f["rule"])].append(f)
    per_rule: dict[str, Counter] = defaultdict(Counter)
    unlabelled: dict[str, list] = defaultdict(list)
    for f in findings:
        counts = per_rule[f["rule"]]
        counts["findings"] += 1
        serious = f["severity"] in WARNING_OR_WORSE
        counts["warning_or_worse"] += serious
        verdict = judged.get((corpus, f["path"], f["rule"], where(f)))
        if verdict:
            counts[verdict] += 1
            counts["serious_fp"] += serious and verdict == "fp"
        else:
            counts["unlabelled"] += 1
            unlabelled[f["rule"]].append(f)
    table = []
    for rule in sorted(per_rule):
        c = per_rule[rule]
        judged_n = c["tp"] + c["fp"]
        table.append({"rule": rule, "findings": c["findings"], "warning_or_worse": c["warning_or_worse"],
                      "tp": c["tp"], "fp": c["fp"], "precision": round(c["tp"] / judged_n, 3) if judged_n else None,
                      "unlabelled": c["unlabelled"]})
    recall: dict[str, Counter] = defaultdict(Counter)
    for key in missed:
        if key[0] == corpus and (rules is None or key[2] in rules):
            recall[key[2]]["found" if reported(by_key, by_file, key) else "missed"] += 1
    stale = Counter(v for key, v in judged.items()
                    if key[0] == corpus and (rules is None or key[2] in rules) and not reported(by_key, by_file, key))
    serious = sum(c["warning_or_worse"] for c in per_rule.values())
    serious_fp = sum(c["serious_fp"] for c in per_rule.values())
    # the labelled fp share of each judged rule applied to all its warning-or-worse findings
    estimated_fp = sum(c["warning_or_worse"] * c["fp"] / (c["tp"] + c["fp"]) for c in per_rule.values() if c["tp"] + c["fp"])
    result = {
        "corpus": corpus, "files": files, "rules": table,
        "recall": [{"rule": r, "fn_labels": c["found"] + c["missed"], "found": c["found"], "missed": c["missed"],
                    "recall": round(c["found"] / (c["found"] + c["missed"]), 3)} for r, c in sorted(recall.items())],
        "labels_not_reported": {"tp": stale["tp"], "fp": stale["fp"]},
        "warning_or_worse_per_100_files": round(100 * serious / files, 2) if files else None,
        "labelled_fp_warning_or_worse_per_100_files": round(100 * serious_fp / files, 2) if files else None,
        "estimated_fp_warning_or_worse_per_100_files": round(100 * estimated_fp / files, 2) if files else None,
    }
    return result, unlabelled


def print_table(result: dict) -> None:
    def show(rows, columns):
        cells = [[("-" if row[c] is None else str(row[c])) for c in columns] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) if cells else len(c) for i, c in enumerate(columns)]
        print("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(columns, widths))))
        for r in cells:
            print("  " + "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))

    print(f"\n== {result['corpus']} ({result['files']} files)")
    show(result["rules"], ["rule", "findings", "warning_or_worse", "tp", "fp", "precision", "unlabelled"])
    if result["recall"]:
        print("\n  fn labels (real defects the rule should report):")
        show(result["recall"], ["rule", "fn_labels", "found", "missed", "recall"])
    stale = result["labels_not_reported"]
    if stale["tp"] or stale["fp"]:
        print(f"\n  tp/fp labels no longer reported: {stale['tp']} tp (lost), {stale['fp']} fp (gone)")
    print(f"\n  warning-or-worse per 100 files: {result['warning_or_worse_per_100_files']} all, "
          f"{result['labelled_fp_warning_or_worse_per_100_files']} labelled fp, "
          f"{result['estimated_fp_warning_or_worse_per_100_files']} fp estimated from each judged rule's sample")


def print_sample(corpus: str, unlabelled: dict, n: int) -> None:
    print(f"\n-- unlabelled sample, {corpus} (corpus, path, rule, where, then severity and message)")
    for rule in sorted(unlabelled):
        rng = random.Random(f"{corpus}/{rule}")  # a str seed is stable across runs and Python versions
        findings = sorted(unlabelled[rule], key=lambda f: (f["path"], f["line"], f["column"]))
        for f in rng.sample(findings, min(n, len(findings))):
            print(f"{corpus}\t{f['path']}\t{rule}\t{where(f)}\t# {f['severity']}: {f['message']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus folders (e.g. ../shared/corpus/nodejs-blog)")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="print up to N unlabelled findings per rule")
    parser.add_argument("--rules", help="comma-separated rule names to restrict to")
    parser.add_argument("--json", action="store_true", help="print the tables as JSON")
    args = parser.parse_args(argv)
    rules = {r.strip() for r in args.rules.split(",") if r.strip()} if args.rules else None
    judged, missed = load_labels()
    results = []
    for corpus in args.corpora:
        if not corpus.is_dir():
            warn(f"{corpus}: not a folder, skipped")
            continue
        report = run_check(corpus)
        if report is None:
            continue
        result, unlabelled = evaluate(corpus.resolve().name, report, judged, missed, rules)
        results.append(result)
        if not args.json:
            print_table(result)
            if args.sample:
                print_sample(result["corpus"], unlabelled, args.sample)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
