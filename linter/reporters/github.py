"""`--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
into annotations on the pull request's changed lines:

    ::error file=posts/a.md,line=3,col=12,endLine=3,endColumn=19,title=PUB001 published-not-boolean::published: "false" is not a boolean

Severity maps to the command (error, warning, info -> notice). Values are escaped as the
runner's grammar requires (`%`, CR and LF everywhere; `:` and `,` also inside properties), so a
scraped title full of colons or newlines cannot break or forge a command. Nothing else is
printed: every line of output is a workflow command.
"""

from __future__ import annotations

from linter.reporters._common import clean, posix

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def render(run, out, options) -> None:
    for f in run.findings:
        out.write(line(f) + "\n")
