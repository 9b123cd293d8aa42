"""In-file suppression comments in the front matter.

    title: "Foo &amp; bar"   # newslint: disable=html-entity        (that key and its children)
    # newslint: disable=unpublished                               (own line: the whole file)

Rules never see directives: the runner drops the findings they cover, then reports every
directive entry that covered nothing with the engine's own rule below.
"""

from __future__ import annotations

import re

from linter.model import Finding

_DIRECTIVE = re.compile(r"#\s*newslint:\s*disable(?:\s*=\s*([A-Za-z0-9_,\- ]*))?")


class Directive:
    def __init__(self, line: int, column: int, end_column: int, selectors: list[str], pointer: str | None,
                 used: set[str] | None = None):
        self.line = line  # 1-based line in the file
        self.column = column
        self.end_column = end_column
        self.selectors = selectors  # rule names or codes; ["all"] when none given
        self.pointer = pointer  # None: whole file
        self.used: set[str] = set() if used is None else used


def parse(doc) -> list[Directive]:
    if not doc.has_front_matter or "newslint:" not in doc.fm_text:
        return []
    out = []
    text = doc.text
    by_line = None
    for m in _DIRECTIVE.finditer(text, doc.fm_start, doc.fm_end):
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        line_start = max(line_start, text.rfind("\r", 0, start) + 1)
        line, col = doc.line_col(start)
        before = text[line_start:start]
        selectors = [s.strip() for s in (m.group(1) or "").split(",") if s.strip()] or ["all"]
        if before.strip():
            if by_line is None:
                by_line = _nodes_by_line(doc)
            ptr = _pointer_on_line(doc, line, start - doc.fm_start, by_line)
            if ptr is None:  # the '#' is inside a value: not a comment
                continue
        else:
            ptr = None
        out.append(Directive(line, col, col + len(m.group()), selectors, ptr))
    return out


def _nodes_by_line(doc) -> dict[int, list[tuple[str, str, object]]]:
    """(table name, pointer, node) by front-matter line: built once per file, so that many
    directives cost linear time, not directives x nodes."""
    out: dict[int, list] = {}
    for name, table in (("key", doc.key_nodes), ("value", doc.nodes)):
        for ptr, node in table.items():
            if ptr:
                out.setdefault(node.start_mark.line, []).append((name, ptr, node))
    return out


def _pointer_on_line(doc, line: int, index: int, by_line=None) -> str | None:
    """The outermost key that starts on `line` (else the outermost value, for a sequence item);
    None if a scalar on that line spans the '#' at `index` (then it is text, not a comment)."""
    fm_line = line - doc.fm_first_line
    if by_line is None:
        by_line = _nodes_by_line(doc)
    best: dict[str, str] = {}
    for name, ptr, node in by_line.get(fm_line, ()):
        if isinstance(node.value, str) and node.start_mark.index <= index < node.end_mark.index:
            return None
        if name not in best or len(ptr) < len(best[name]):
            best[name] = ptr
    return best.get("key") or best.get("value") or ""


def matches(selector: str, finding: Finding) -> bool:
    return selector == "all" or selector in (finding.rule, finding.code)


def apply(directives: list[Directive], findings: list[Finding]) -> list[Finding]:
    kept = []
    for f in findings:
        suppressed = False
        for d in directives:
            if d.pointer is not None and (f.pointer is None or not (f.pointer == d.pointer or f.pointer.startswith(d.pointer + "/"))):
                continue
            for sel in d.selectors:
                if matches(sel, f):
                    d.used.add(sel)
                    suppressed = True
        if not suppressed:
            kept.append(f)
    return kept


# ---- the engine's own rule: a directive that suppresses nothing -----------------------------
class UnusedSuppression:
    """A `# newslint: disable=...` comment that suppresses nothing.

    Suppressions outlive the problems they hid; an unused one is noise that also hides the next
    real problem at that key. Remove it (or the rule name that no longer applies).
    """

    CODE = "NL100"
    NAME = "unused-suppression"
    SEVERITY = "warning"
    FIX = "never"
    BAD = '---\ntitle: "Clean title"  # newslint: disable=html-entity\n---\n'
    GOOD = '---\ntitle: "Clean title"\n---\n'

    @staticmethod
    def check(doc, options):
        return ()
