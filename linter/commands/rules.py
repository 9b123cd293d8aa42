"""`newslint rules`: a table of every rule (code, name, severity, fixable, summary); with `--docs
DIR`, the rule reference as files: one page per rule (`DIR/<name>.md`, what `newslint rule`
prints) and an index (`DIR/README.md`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_arguments(p) -> None:
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="markdown: the index of the rule reference (a table linking to each rule's page)")
    p.add_argument("--docs", metavar="DIR", help="write the rule reference into DIR: README.md and one page per rule")
    p.add_argument("--check", action="store_true", help="with --docs: change nothing, exit 1 if a page is missing or stale")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def markdown(rules) -> str:
    """The rule reference's index: a table linking to one page per rule."""
    out = ["# Rule reference", "", "Generated from the rules' docstrings by `newslint rules --docs docs/rules`;"
           " `newslint rule NAME` prints the same page.", "",
           "| Code | Name | Severity | Fix | Summary |", "| --- | --- | --- | --- | --- |"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        out.append(f"| {r.code} | [`{r.name}`]({r.name}.md) | {r.severity} | {r.fix} | {summary} |")
    return "\n".join(out) + "\n"


def pages(rules) -> dict[str, str]:
    """File name -> text of every file of the rule reference."""
    from linter.commands.rule import render

    return {"README.md": markdown(rules), **{f"{r.name}.md": render(r) for r in rules}}


def _docs(folder: str, rules, check: bool) -> int:
    from linter.cli import UsageError
    from linter.commands.common import write_output

    target = Path(folder)
    if not target.is_dir():
        raise UsageError(f"--docs {folder}: no such folder")
    wanted = pages(rules)
    stale = []
    for name, text in wanted.items():
        path = target / name
        try:
            current = path.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            stale.append(name)
            if not check:
                write_output(path, text)
    extra = sorted(p.name for p in target.glob("*.md") if p.name not in wanted)
    if check:
        if stale or extra:
            detail = ", ".join(stale + [f"{name} (no such rule)" for name in extra])
            print(f"{folder}: the rule reference is out of date ({detail}); run `newslint rules --docs {folder}`",
                  file=sys.stderr)
            return 1
        return 0
    for name in extra:
        (target / name).unlink()
    print(f"{folder}: {len(stale)} page{'s' if len(stale) != 1 else ''} written, {len(extra)} removed", file=sys.stderr)
    return 0


def run(args) -> int:
    from linter.commands.common import load_registry

    reg = load_registry(args)
    if args.docs:
        return _docs(args.docs, reg.rules, args.check)
    if args.format == "markdown":
        sys.stdout.write(markdown(reg.rules))
        return 0
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
