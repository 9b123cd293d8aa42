"""`--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
into annotations on the pull request's changed lines:

    ::error file=posts/a.md,line=3,col=12,endLine=3,endColumn=19,title=PUB001 published-not-boolean::published: "false" is not a boolean

Severity maps to the command (error, warning, info -> notice). Values are escaped as the
runner's grammar requires (`%`, CR and LF everywhere; `:` and `,` also inside properties), so a
scraped title full of colons or newlines cannot break or forge a command. Nothing else is
printed: every line of output is a workflow command.

GitHub shows only a few annotations per step (10 errors and 10 warnings at the time of writing,
see docs/ci.md) and drops the rest. So that nothing is lost past that cap, when
`$GITHUB_STEP_SUMMARY` is set the run also appends a Markdown summary to the file it names: the
counts per rule and every finding, file by file (up to GitHub's 1 MiB limit for a summary).
"""

from __future__ import annotations

import os
from collections import Counter

from linter.reporters._common import clean, posix
from linter.reporters.text import summary_line, visible

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """`text` as workflow-command data: control characters (a terminal escape sequence in a
    scraped title) shown escaped, as in every text output; then the runner's own escapes."""
    return visible(clean(text), keep_lines=True).replace("%", "%25").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def line(f) -> str:
    props = [
        ("file", posix(f.path)),
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(f.end_line)),
        ("endColumn", str(f.end_column)),
        ("title", f"{f.code} {f.rule}"),
    ]
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND.get(f.severity, 'error')} {joined}::{escape_data(f.message)}"


SUMMARY_LIMIT = 1_000_000  # bytes: GitHub refuses a step summary over 1 MiB


def _cell(text: str) -> str:
    """Text for a Markdown table cell: no HTML, no line break, no column separator."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def summary(run) -> str:
    """The step summary: the run's summary line, counts per rule, then every finding."""
    findings = run.findings
    out = ["## newslint", "", _cell(summary_line(run)), ""]
    if not findings:
        return "\n".join(out) + "\n"
    counts = Counter((f.code, f.rule, f.severity) for f in findings)
    out += ["| Findings | Code | Rule | Severity |", "| ---: | --- | --- | --- |"]
    out += [f"| {n} | {code} | {rule} | {severity} |" for (code, rule, severity), n in counts.most_common()]
    out += ["", "| File | Line | Severity | Code | Message |", "| --- | ---: | --- | --- | --- |"]
    size = sum(len(line) + 1 for line in out)
    for n, f in enumerate(findings):
        row = f"| {_cell(posix(f.path))} | {f.line} | {f.severity} | {f.code} | {_cell(f.message)} |"
        size += len(row.encode("utf-8", "replace")) + 1
        if size > SUMMARY_LIMIT - 200:
            out += ["", f"… and {len(findings) - n} more findings (GitHub's summary limit): see the job's log or a JSON report."]
            break
        out.append(row)
    return "\n".join(out) + "\n"


def render(run, out, options) -> None:
    for f in run.findings:
        out.write(line(f) + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            with open(target, "a", encoding="utf-8") as fh:  # appended, as GitHub asks of every step
                fh.write(summary(run))
        except OSError as exc:  # the annotations are written: say so, but do not fail the run for it
            import sys

            print(f"newslint: cannot write the step summary to {target}: {exc.strerror or exc}", file=sys.stderr)
