"""Human output, colour on a terminal only, then a one-line summary (unless --quiet).

- `text` (default): `path:line:col: CODE rule-name message [*]`, one line per finding; with
  `--show-source`, the source under it as `full` shows it.
- `full`: like ruff's full output: the finding, then the offending line(s) of the file with one
  line of context on each side, a caret underline under the exact span, and the fix (if any):

      posts/a.md:3:12: PUB001 published-not-boolean published: "false" is not a boolean [*]
        |
      2 | title: "A withdrawn story"
      3 | published: "false"
        |            ^^^^^^^ PUB001
      4 | ---
        |
        = fix: write published: false

- `concise`: `path:line:col: CODE [*] message`, one line per finding, never any source.

`[*]` marks a finding `--fix` repairs, `[unsafe fix]` one that needs `--unsafe-fixes`. Control
characters from scraped data are shown escaped (`\\x1b`), never sent to the terminal, and carets
line up under wide (East Asian) characters and tabs.
"""

from __future__ import annotations

import re
import unicodedata

from linter.model import Finding
from linter.reporters._common import clean

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m",
            "blue": "\033[34m", "reset": "\033[0m"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line breaks the document model counts
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_LINES = 5  # source lines shown for one finding's span
MAX_WIDTH = 160  # characters of one source line shown


def _c(colour: bool, name: str, text: str) -> str:
    return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if colour else text


def _visible(text: str) -> str:
    """The text with control characters (and bidi overrides) shown escaped, tabs as 4 spaces."""
    text = clean(text).replace("\t", "    ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _read_lines(path, cache: dict, root) -> list[str]:
    lines = cache.get(path)
    if lines is None:
        try:
            target = root / path if root is not None else path
            text = open(target, "rb").read().decode("utf-8", "replace").lstrip("\ufeff")
            lines = _LINE_BREAK.split(text)
            if len(lines) > 1 and lines[-1] == "":
                lines.pop()  # the file's final line break ends the last line; it starts none
        except (OSError, TypeError):
            lines = []
        cache[path] = lines
    return lines


def source_block(finding: Finding, lines: list[str], colour: bool = False) -> list[str]:
    """The `full` rendering of a finding's place in the file (empty when the lines are unknown)."""
    if not lines or finding.line > len(lines):
        return []
    first, last = finding.line, min(finding.end_line, len(lines))
    if finding.end_line > finding.line and finding.end_column == 1:
        last = max(first, last - 1)  # a span that ends at the start of a line does not touch it
    shown_last = min(last, first + MAX_LINES - 1)
    before = first - 1 if first > 1 else None
    after = shown_last + 1 if shown_last + 1 <= len(lines) and shown_last + 1 <= finding.line + MAX_LINES else None
    width = len(str(after or shown_last))
    gutter = " " * width + " |"
    out = [_c(colour, "blue", gutter)]

    def show(n: int, mark: bool) -> None:
        line = lines[n - 1]
        cut = line[:MAX_WIDTH]
        text = _visible(cut) + ("…" if len(line) > MAX_WIDTH else "")
        out.append(_c(colour, "blue", f"{n:>{width}} | ") + text)
        if not mark:
            return
        start = finding.column if n == finding.line else 1
        end = finding.end_column if n == finding.end_line else len(line) + 1
        start = max(1, min(start, len(cut) + 1))
        end = max(start + 1, min(end, len(cut) + 1))
        pad = _width(_visible(cut[: start - 1]))
        carets = "^" * max(1, _width(_visible(cut[start - 1 : end - 1])))
        label = f" {finding.code}" if n == finding.line else ""
        out.append(_c(colour, "blue", gutter) + " " + " " * pad + _c(colour, finding.severity, carets + label))

    if before is not None:
        show(before, False)
    for n in range(first, shown_last + 1):
        show(n, True)
    if shown_last < last:
        out.append(_c(colour, "blue", gutter) + f" … {last - shown_last} more line{'s' if last - shown_last != 1 else ''}")
    if after is not None and shown_last == last:
        show(after, False)
    out.append(_c(colour, "blue", gutter))
    if finding.fix is not None:
        kind = "fix" if finding.fix.applicability == "safe" else "unsafe fix"
        out.append(" " * width + f" = {kind}: {_visible(finding.fix.description)}")
    return out


def _mark(f: Finding) -> str:
    if f.fix is None:
        return ""
    return "[*]" if f.fix.applicability == "safe" else "[unsafe fix]"


def render(run, out, options) -> None:
    colour = options.get("colour", False)
    fmt = options.get("format") or "text"
    full = fmt == "full" or (fmt == "text" and options.get("show_source", False))
    show_fixes = options.get("show_fixes", False)
    root = getattr(run, "cwd", None)
    cache: dict = {}
    for f in run.findings:
        where = _c(colour, "bold", f"{f.path}:{f.line}:{f.column}:")
        code = _c(colour, f.severity, f.code)
        mark = _mark(f)
        if fmt == "concise":
            out.write(f"{where} {code}{' ' + mark if mark else ''} {_visible(f.message)}\n")
            continue
        out.write(f"{where} {code} {f.rule} {_visible(f.message)}{' ' + mark if mark else ''}\n")
        if full:
            lines = _read_lines(f.path, cache, root)
            for line in source_block(f, lines, colour):
                out.write(line + "\n")
    if show_fixes and run.applied:
        out.write("\nFixed:\n")
        for f in run.applied:
            out.write(f"  {f.path}:{f.line}:{f.column}: {f.code} {f.rule} {_visible(f.fix.description) if f.fix else ''}\n")
    if not options.get("quiet"):
        out.write(run.summary_line() + "\n")
