"""Human output, colour where wanted (--color; a terminal by default, never with NO_COLOR), then a
one-line summary (unless --quiet). Every line of a finding says its severity.

- `text` (default): `path:line:col: CODE [severity] rule-name message [*]`, one line per
  finding; with `--show-source`, the source under it as `full` shows it.
- `full`: like Ruff's full output: the finding, then the offending line(s) of the file with one
  line of context on each side, carets under the defect itself (the text its fix rewrites, when
  it has one; else the value) and the fix (if any). A long line is shown as a window around the
  defect, not cut at its start:

      posts/a.md:3:12: PUB001 [error] published-not-boolean published: "false" is not a boolean [*]
        |
      2 | title: "A withdrawn story"
      3 | published: "false"
        |            ^^^^^^^ PUB001
      4 | ---
        |
        = fix: write published: false

- `concise`: `path:line:col: CODE [severity] [*] message`, one line per finding, never any source.
- `grouped`: the findings under their file's name, `line:col: CODE [severity] rule-name message`.

Advice a rule repeats word for word at the end of every message (`…; delete the file or move it
to drafts`) is said once, under "Advice", rather than on each of its lines.

`[*]` marks a finding `--fix` repairs, `[unsafe fix]` one that needs `--unsafe-fixes`. Control
characters from scraped data and file names are shown escaped (`\\x1b`), never sent to the
terminal, and carets line up under wide (East Asian) characters and tabs.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter

from linter.model import Finding

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m",
            "blue": "\033[34m", "reset": "\033[0m"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line breaks the document model counts
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)")
MAX_LINES = 5  # source lines shown for one finding's span
MAX_WIDTH = 160  # characters of one source line shown
CONTEXT = 40  # characters shown before a defect in a line too long to show whole
_CLAUSE = re.compile(r"[;,] ")


def _c(colour: bool, name: str, text: str) -> str:
    return f"{_COLOURS[name]}{text}{_COLOURS['reset']}" if colour else text


def _escape(m: re.Match) -> str:
    n = ord(m.group())
    if 0xDC80 <= n <= 0xDCFF:  # an undecodable byte of a file name or file, kept by the decoder
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 256 else f"\\u{n:04x}"


def visible(text: str, keep_lines: bool = False) -> str:
    """`text` safe to write to a terminal or a text report: control characters (escape sequences
    too), bidi overrides and undecodable bytes shown escaped (`\\x1b`, `\\u202e`, `\\xe9`).
    With `keep_lines`, line feeds, CRLF line ends and tabs stay (a diff of a CRLF file still
    applies), else tabs become 4 spaces."""
    pattern = _CONTROL_KEEP_LINES if keep_lines else _CONTROL
    if not keep_lines:
        text = text.replace("\t", "    ")
    return pattern.sub(_escape, text)



def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


class _Source:
    """A file's lines, and where each starts in its decoded text (fix edits are offsets in it)."""

    def __init__(self, text: str):
        self.text = text
        self.lines = _LINE_BREAK.split(text)
        if len(self.lines) > 1 and self.lines[-1] == "":
            self.lines.pop()  # the file's final line break ends the last line; it starts none
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of a character offset."""
        n = bisect.bisect_right(self.starts, offset) - 1
        return n + 1, offset - self.starts[n] + 1


def _read(path, cache: dict, root) -> _Source | None:
    if path not in cache:
        try:
            target = root / path if root is not None else path
            with open(target, "rb") as fh:
                cache[path] = _Source(fh.read().decode("utf-8", "surrogateescape").lstrip("\ufeff"))
        except (OSError, TypeError):
            cache[path] = None
    return cache[path]


def _defect(finding: Finding, source: _Source) -> tuple[int, int, int, int]:
    """The span to put carets under: what the finding's fix changes when that lies within the
    finding's lines (the doubled space, not the whole excerpt the fix rewrites), else the
    finding's span."""
    span = (finding.line, finding.column, finding.end_line, finding.end_column)
    if finding.fix is None or not finding.fix.edits:
        return span
    changed = [_changed(source.text, e) for e in finding.fix.edits]
    start, end = min(c[0] for c in changed), max(c[1] for c in changed)
    (line, column), (end_line, end_column) = source.position(start), source.position(end)
    if line < finding.line or end_line > max(finding.end_line, finding.line):
        return span
    return line, column, end_line, max(end_column, column + 1 if end_line == line else end_column)


def _changed(text: str, edit) -> tuple[int, int]:
    """The part of `text` an edit really changes: its replaced text less what the new text keeps
    at either end, widened to whole words (`&amp;`, not `amp;`). A value wrapped over lines is
    compared with its line breaks (and the indentation after them) read as single spaces, so
    that re-wrapping it does not count as the change."""
    old, where = _unwrapped(text[edit.start : edit.end])
    new = _unwrapped(edit.text)[0]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head == len(old) - tail:  # an insertion: where it goes
        start = end = edit.start + (where[head] if head < len(where) else len(text[edit.start : edit.end]))
    else:
        start, end = edit.start + where[head], edit.start + where[len(old) - tail - 1] + 1
    if text[start:end].strip():
        while start > edit.start and not text[start - 1].isspace() and text[start - 1] not in "\"'":
            start -= 1
        while end < edit.end and not text[end].isspace() and text[end] not in "\"'":
            end += 1
    return start, end


_WRAP = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def _unwrapped(text: str) -> tuple[str, list[int]]:
    """`text` with each line break and the blanks around it as one space, and for each of its
    characters the offset it comes from."""
    out, where, pos = [], [], 0
    for m in _WRAP.finditer(text):
        out.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        out.append(" ")
        where.append(m.start())
        pos = m.end()
    out.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(out), where


def source_block(finding: Finding, source: _Source | None, colour: bool = False) -> list[str]:
    """The `full` rendering of a finding's place in the file (empty when the file is unknown)."""
    lines = source.lines if source is not None else []
    if not lines or finding.line > len(lines):
        return []
    first_line, first_col, end_line, end_col = _defect(finding, source)
    first, last = first_line, min(end_line, len(lines))
    if end_line > first_line and end_col == 1:
        last = max(first, last - 1)  # a span that ends at the start of a line does not touch it
    shown_last = min(last, first + MAX_LINES - 1)
    before = first - 1 if first > 1 else None
    after = shown_last + 1 if shown_last + 1 <= len(lines) and shown_last + 1 <= first + MAX_LINES else None
    width = len(str(after or shown_last))
    gutter = " " * width + " |"
    out = [_c(colour, "blue", gutter)]

    def show(n: int, mark: bool) -> None:
        line = lines[n - 1]
        start = first_col if n == first_line else 1
        end = end_col if n == end_line else len(line) + 1
        # A long line: a window of MAX_WIDTH characters that starts CONTEXT before the defect.
        left = max(0, min(start - 1 - CONTEXT, len(line) - MAX_WIDTH)) if mark and len(line) > MAX_WIDTH else 0
        cut = line[left : left + MAX_WIDTH]
        prefix = "…" if left else ""
        text = prefix + visible(cut) + ("…" if left + MAX_WIDTH < len(line) else "")
        out.append(_c(colour, "blue", f"{n:>{width}} | ") + text)
        if not mark:
            return
        start = max(1, min(start - left, len(cut) + 1))
        end = max(start + 1, min(end - left, len(cut) + 1))
        pad = len(prefix) + _width(visible(cut[: start - 1]))
        carets = "^" * max(1, _width(visible(cut[start - 1 : end - 1])))
        label = f" {finding.code}" if n == first_line else ""
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
        out.append(" " * width + f" = {kind}: {visible(finding.fix.description)}")
    return out


def _mark(f: Finding) -> str:
    if f.fix is None:
        return ""
    return "[*]" if f.fix.applicability == "safe" else "[unsafe fix]"


ADVICE_FROM = 2  # findings of one rule that share their advice before it is said once
ADVICE_MIN = 24  # characters: shorter shared endings are not worth moving


def shared_advice(findings: list[Finding]) -> dict[str, str]:
    """Per rule code, the ending every one of its messages shares, from a clause boundary (`, `
    or `; `) on, when it is long enough to be worth saying once."""
    by_code: dict[str, list[str]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f.message)
    out = {}
    for code, messages in by_code.items():
        if len(messages) < ADVICE_FROM:
            continue
        first = messages[0]
        for m in _CLAUSE.finditer(first):
            ending = first[m.start():]
            if len(ending) < ADVICE_MIN:
                break
            if m.start() > 0 and all(msg.endswith(ending) and len(msg) > len(ending) for msg in messages):
                out[code] = ending
                break
    return out


def summary_line(run) -> str:
    """The run in one English sentence: what was found or fixed, in how many files, and what the
    fix flags (or shrinking the baseline) would do next."""
    s = run.summary()
    safe, unsafe = run.fixable()
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    if s["fixed"]:
        line = f"{s['fixed']} fixed, {s['findings']} remaining in {files}"
        if unsafe and not run.unsafe_fixes:
            line += f" ({unsafe} more with --unsafe-fixes)"
        line += "."
    elif not s["findings"]:
        line = f"All checks passed ({files})."
    else:
        line = f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['files_with_findings']} of {files}."
        if safe:
            line += f" {safe} fixable with --fix{' --unsafe-fixes' if run.unsafe_fixes else ''}."
        if unsafe and not run.unsafe_fixes:
            line += f" {unsafe} more with --unsafe-fixes."
    if run.baseline_gone:
        line += (f" {run.baseline_gone} baselined finding{'s are' if run.baseline_gone != 1 else ' is'} gone:"
                 " shrink the baseline with --write-baseline.")
    return line


def render(run, out, options) -> None:
    colour = options.get("colour", False)
    fmt = options.get("format") or "text"
    full = fmt == "full" or (fmt in ("text", "grouped") and options.get("show_source", False))
    root = getattr(run, "cwd", None)
    findings = run.findings
    advice = shared_advice(findings)
    cache: dict = {}
    current = None
    for f in findings:
        message = f.message
        if f.code in advice:
            message = message[: -len(advice[f.code])] + " …"
        message = visible(message)
        code = _c(colour, f.severity, f"{f.code} [{f.severity}]")
        mark = _mark(f)
        if fmt == "grouped":
            if f.path != current:
                out.write(("\n" if current is not None else "") + _c(colour, "bold", visible(f.path) + ":") + "\n")
                current = f.path
            out.write(f"  {f.line}:{f.column}: {code} {f.rule} {message}{' ' + mark if mark else ''}\n")
        else:
            where = _c(colour, "bold", f"{visible(f.path)}:{f.line}:{f.column}:")
            if fmt == "concise":
                out.write(f"{where} {code}{' ' + mark if mark else ''} {message}\n")
                continue
            out.write(f"{where} {code} {f.rule} {message}{' ' + mark if mark else ''}\n")
        if full:
            for line in source_block(f, _read(f.path, cache, root), colour):
                out.write(line + "\n")
    if advice:
        counts = Counter(f.code for f in findings if f.code in advice)
        rules = {f.code: f.rule for f in findings}
        out.write("\nAdvice:\n")
        for code, ending in advice.items():
            out.write(f"  {_c(colour, 'bold', code)} {rules[code]} ({counts[code]}): … {visible(ending[2:])}\n")
    if options.get("show_fixes") and run.applied:
        out.write("\nFixed:\n")
        for f in run.applied:
            out.write(f"  {visible(f.path)}:{f.line}:{f.column}: {f.code} {f.rule} {visible(f.fix.description) if f.fix else ''}\n")
    if not options.get("quiet"):
        out.write(visible(summary_line(run)) + "\n")
