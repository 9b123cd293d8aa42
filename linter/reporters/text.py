"""Human output: `path:line:col: CODE rule-name message`, colour on a terminal only, then a summary.
`full` also shows the offending source lines with a caret underline, like ruff."""

from __future__ import annotations

from linter.model import Finding

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def _c(colour: bool, name: str, text: str) -> str:
    return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if colour else text


def _source(finding: Finding, lines_cache: dict, root) -> list[str]:
    lines = lines_cache.get(finding.path)
    if lines is None:
        try:
            text = (root / finding.path).read_bytes().decode("utf-8", "replace")
            lines = text.splitlines()
        except OSError:
            lines = []
        lines_cache[finding.path] = lines
    out = []
    last = min(finding.end_line, finding.line + 4)
    width = len(str(last))
    for n in range(finding.line, last + 1):
        if n - 1 >= len(lines):
            break
        line = lines[n - 1]
        shown = line if len(line) <= 200 else line[:200] + "…"
        out.append(f"  {n:>{width}} | {shown}")
        start = finding.column if n == finding.line else 1
        end = finding.end_column if n == finding.end_line else len(line) + 1
        end = min(max(end, start + 1), 202)
        if start <= 201:
            out.append(f"  {' ' * width} | {' ' * (start - 1)}{'^' * max(1, end - start)}")
    return out


def render(run, out, options) -> None:
    colour = options.get("colour", False)
    full = options.get("format") == "full" or options.get("show_source", False)
    show_fixes = options.get("show_fixes", False)
    cache: dict = {}
    for f in run.findings:
        where = _c(colour, "bold", f"{f.path}:{f.line}:{f.column}:")
        code = _c(colour, f.severity, f.code)
        fixmark = ""
        if f.fix is not None:
            fixmark = " [*]" if f.fix.applicability == "safe" else " [unsafe fix]"
        out.write(f"{where} {code} {f.rule} {f.message}{fixmark}\n")
        if full:
            for line in _source(f, cache, run.cwd):
                out.write(_c(colour, "dim", line) + "\n")
    if show_fixes and run.applied:
        out.write("\nFixed:\n")
        for f in run.applied:
            out.write(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.rule} {f.fix.description if f.fix else ''}\n")
    if not options.get("quiet"):
        out.write(run.summary_line() + "\n")
