"""`newslint rules`: a table of every rule (code, name, severity, fixable, summary)."""

from __future__ import annotations

import json
import sys

from linter.commands.common import load_registry


def add_arguments(p) -> None:
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def run(args) -> int:
    reg = load_registry(args)
    rows = [
        {"code": r.code, "name": r.name, "severity": r.severity, "fixable": r.fix, "kind": r.kind,
         "enabled": r.enabled, "summary": r.summary, "options": r.options}
        for r in reg.rules
    ]
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    widths = [max(len(str(row[k])) for row in rows) if rows else 4 for k in ("code", "name", "severity", "fixable")]
    for row in rows:
        cells = [str(row[k]).ljust(w) for k, w in zip(("code", "name", "severity", "fixable"), widths)]
        sys.stdout.write("  ".join(cells) + "  " + row["summary"] + "\n")
    return 0
