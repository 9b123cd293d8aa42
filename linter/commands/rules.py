"""`newslint rules`: a table of every rule (code, name, severity, fixable, summary)."""

from __future__ import annotations

import json
import re
import sys

from linter.commands.common import load_registry


START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def add_arguments(p) -> None:
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                   help="markdown: the rule reference README shows (a table, then each rule's documentation)")
    p.add_argument("--update", metavar="FILE", help="with --format markdown: rewrite FILE's rule reference "
                   f"(between {START} and {END}; appended if absent)")
    p.add_argument("--check", action="store_true", help="with --update: change nothing, exit 1 if FILE is out of date")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def markdown(rules) -> str:
    """README's rule reference: a table linking to one section per rule (`newslint rule` text)."""
    from linter.commands.rule import render

    out = ["| Code | Name | Severity | Fix | Summary |", "| --- | --- | --- | --- | --- |"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        out.append(f"| [{r.code}](#{anchor(f'{r.name} ({r.code})')}) | `{r.name}` | {r.severity} | {r.fix} | {summary} |")
    text = "\n".join(out) + "\n"
    for r in rules:
        text += "\n" + render(r)
    return text


def section(text: str) -> str | None:
    """What lies between the markers in `text` (None if they are missing)."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return None
    return text[start + len(START):end]


def updated(text: str, reference: str) -> str:
    block = f"{START}\n{reference.strip()}\n{END}"
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return text.rstrip("\n") + "\n\n## Rule reference\n\n" + block + "\n"
    return text[:start] + block + text[end + len(END):]


def _update(path: str, reference: str, check: bool) -> int:
    from pathlib import Path

    from linter.cli import UsageError

    target = Path(path)
    try:
        old = target.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    new = updated(old, reference)
    if new == old:
        return 0
    if check:
        print(f"{path}: the rule reference is out of date; run `newslint rules --format markdown --update {path}`",
              file=sys.stderr)
        return 1
    target.write_text(new, encoding="utf-8")
    print(f"{path}: rule reference updated", file=sys.stderr)
    return 0


def run(args) -> int:
    reg = load_registry(args)
    if args.format == "markdown":
        reference = markdown(reg.rules)
        if args.update:
            return _update(args.update, reference, args.check)
        sys.stdout.write(reference)
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
