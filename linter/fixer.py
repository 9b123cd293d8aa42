"""Apply fixes to a fixed point and verify the result: a file's bytes in, its fixed bytes out
(writing them is linter.atomic's job, never this module's).

Edits are text edits at known offsets, so nothing outside the fixed values changes. After each
pass the text is parsed and linted again (bounded passes, cycles detected). A result whose front
matter no longer parses is discarded: the file stays as it was and the failure is reported.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Callable

from linter import pointer as jp
from linter.config import Active
from linter.engine import FileResult, Linter
from linter.model import Edit, Finding

MAX_PASSES = 10


class FixOutcome:
    def __init__(self, result: FileResult, text: str, data: bytes | None, unfixed: Callable[[], FileResult],
                 applied: list[Finding] | None = None, error: str | None = None, repaired: list[Finding] | None = None):
        self.result = result  # findings that remain after fixing
        self.text = text  # the fixed text (== original when nothing applied)
        self.data = data  # the fixed file's bytes (its byte-order mark kept), None when nothing was repaired
        self.unfixed = unfixed  # the result of the text as it was (for a fixed file that could not be written)
        self.applied = [] if applied is None else applied  # the findings whose fixes were applied, pass after pass
        self.error = error  # why fixes were discarded
        # The findings of the text as it was that are gone: what a run reports as fixed.
        self.repaired = self.applied if repaired is None else repaired


def applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.applicability == "safe")


def apply_edits(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits):
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _choose(findings: list[Finding], unsafe: bool) -> list[Finding]:
    """Fixes whose edits do not overlap any fix already chosen (the rest wait for the next pass)."""
    chosen = []
    taken: list[tuple[int, int]] = []
    for f in findings:
        if not applicable(f, unsafe):
            continue
        spans = [(e.start, e.end) for e in f.fix.edits]
        if any(s < te and ts < e or (s == e == ts) for s, e in spans for ts, te in taken):
            continue
        chosen.append(f)
        taken.extend(spans)
    return chosen


def _problems(doc) -> Counter:
    """The parser's problems by kind: judged from the document itself, whatever rules are selected."""
    return Counter(p.kind for p in doc.problems)


def _under(ptr: str, pointers: set[str]) -> bool:
    return any(p == "" or ptr == p or ptr.startswith(p + "/") for p in pointers)


def _above(ptr: str, pointers: set[str]) -> bool:
    return any(p.startswith(ptr + "/") or (ptr == "" and p) for p in pointers)


def changed_outside(old, new, pointers: set[str], ptr: str = "") -> list[str]:
    """Pointers whose data differs between `old` and `new` although no fixed pointer covers them.
    A fixed list item may be gone (the items after it move up); a mapping that holds a fixed key
    may gain keys (a renamed key)."""
    if _under(ptr, pointers):
        return []
    if not _above(ptr, pointers):
        return [] if old == new else [ptr or "/"]
    out: list[str] = []
    if isinstance(old, dict) and isinstance(new, dict):
        for k, v in old.items():
            child = jp.join(ptr, str(k))
            if k in new:
                out += changed_outside(v, new[k], pointers, child)
            elif not _under(child, pointers):
                out.append(child)
    elif isinstance(old, list) and isinstance(new, list):
        keep = [i for i in range(len(old)) if not _under(f"{ptr}/{i}", pointers)]
        if len(new) == len(old):
            for i, (a, b) in enumerate(zip(old, new)):
                out += changed_outside(a, b, pointers, f"{ptr}/{i}")
        elif len(new) == len(keep):
            for j, i in enumerate(keep):
                out += changed_outside(old[i], new[j], pointers, f"{ptr}/{i}")
        else:
            out.append(ptr or "/")
    elif old != new:
        out.append(ptr or "/")
    return out


def edited_pointers(doc, edits) -> set[str]:
    """The values an edit rewrites: the outermost values lying wholly inside it (e.g. a deleted list
    item), else the innermost value (or key) containing it."""
    out: set[str] = set()
    base = doc.fm_start
    for e in edits:
        if e.start >= doc.fm_end and e.start >= base:
            continue  # a body edit: no front-matter value
        inside, around = [], []
        for table in (doc.nodes, doc.key_nodes):
            for ptr, node in table.items():
                s, t = base + node.start_mark.index, base + node.end_mark.index
                while t > s and doc.text[t - 1] in " \t\r\n":  # block nodes end in the next line's indent
                    t -= 1
                if e.start <= s and t <= e.end and s < t and e.start < e.end:
                    inside.append(ptr)
                elif s <= e.start and e.end <= t:
                    around.append(ptr)
        if inside:
            out.update(p for p in inside if not any(p != q and p.startswith(q + "/") for q in inside))
        elif around:
            out.add(max(around, key=len))
        else:
            out.add("")  # outside every value (e.g. a comment line): only the whole document covers it
    return out


def _attempt(linter, doc, text, chosen, path, relpath):
    edits = [e for f in chosen for e in f.fix.edits]
    new_text = apply_edits(text, edits)
    new_doc, new_result = linter.lint_bytes(encode(new_text, doc.bom), path, relpath)
    stray: list[str] = []
    if isinstance(doc.data, dict) and isinstance(new_doc.data, dict):
        stray = changed_outside(doc.data, new_doc.data, edited_pointers(doc, edits))
    return new_text, new_doc, new_result, stray


def _fixing_first(linter: Linter, relpath: str) -> tuple[list[Active], list[Active]]:
    """`relpath`'s rules split into those whose findings the first pass chooses fixes from (the
    rules that can fix, and those that supersede them) and the rest."""
    rules = linter.settings.rules_for(relpath)
    fixing = {key for a in rules if a.spec.fixable for key in (a.spec.name, a.spec.code)}
    needed = {a.spec.name for a in rules if a.spec.fixable or fixing.intersection(a.spec.supersedes or ())}
    return [a for a in rules if a.spec.name in needed], [a for a in rules if a.spec.name not in needed]


def fix_document(linter: Linter, raw: bytes, path: str, relpath: str, unsafe: bool = False) -> FixOutcome:
    """Fix to a fixed point. Each pass applies the non-overlapping fixes, re-parses and re-lints.
    A pass is undone when it makes the front matter invalid, or when it changes data outside the
    values its edits rewrite (e.g. two item deletions that together empty a list, turning it into
    null): then its fixes are retried one at a time, and a single fix that still does is dropped.
    The first pass chooses among the fixing rules' findings only; the other rules run only on the
    text that is kept (a file that gets fixed is linted afresh: their work on the old text is
    never done unless it is asked for, by `unfixed`)."""
    doc = linter.parse(raw, relpath)
    first, rest = _fixing_first(linter, relpath)
    whole = FileResult(path, relpath)  # completed by `complete` to what linting the text as it is gives
    found = linter.check(doc, path, first, whole)
    result = linter.settle(doc, FileResult(path, relpath, facts=dict(whole.facts), internal_error=whole.internal_error,
                                           spans=dict(whole.spans)), list(found))

    def complete(original=doc) -> FileResult:  # `doc` moves on with each pass kept: bound here
        return linter.settle(original, whole, found + linter.check(original, path, rest, whole))

    original_text = doc.text
    before = _problems(doc)
    if before["invalid-encoding"]:
        return FixOutcome(complete(), original_text, None, complete)
    text = original_text
    applied: list[Finding] = []
    seen = {text}
    fixable = [f for f in result.findings if applicable(f, unsafe)]

    def outcome(error: str | None = None) -> FixOutcome:
        repaired = _repaired(fixable, result.findings, unsafe) if applied else []
        if not repaired:  # nothing the check reported is gone: the file stays as it was
            return FixOutcome(complete(), original_text, None, complete, [], error)
        return FixOutcome(result, text, encode(text, doc.bom), complete, applied, error, repaired)

    for _ in range(MAX_PASSES):
        chosen = _choose(result.findings, unsafe)
        if not chosen:
            break
        new_text, new_doc, new_result, stray = _attempt(linter, doc, text, chosen, path, relpath)
        if stray and len(chosen) > 1:
            chosen = chosen[:1]
            new_text, new_doc, new_result, stray = _attempt(linter, doc, text, chosen, path, relpath)
        if stray:
            f = chosen[0]
            return outcome(f"fix from {f.rule} would also change {', '.join(stray[:3])}; left unchanged")
        if new_text in seen:
            break
        if _problems(new_doc) - before:
            names = ", ".join(sorted({f.rule for f in chosen}))
            return outcome(f"fixes from {names} would make the front matter invalid; left unchanged")
        # A fix counts only if its finding is gone: one that leaves the same finding on the same
        # value did nothing (a pass of nothing but such fixes is not kept).
        remaining = {(f.code, f.pointer, f.fingerprint) for f in new_result.findings}
        done = [f for f in chosen if (f.code, f.pointer, f.fingerprint) not in remaining]
        if not done:
            break
        seen.add(new_text)
        text, result, doc = new_text, new_result, new_doc
        applied.extend(done)
    return outcome()


def _repaired(fixable: list[Finding], remaining: list[Finding], unsafe: bool) -> list[Finding]:
    """The findings of the text as it was that the fixes repaired: those that had a fix, less as
    many of each rule at each place as still have one. Counted this way, --fix and --diff say
    the number the check before them called fixable (a finding a fix made and the next pass
    repaired is not counted; one whose fix changed the text but not the verdict is not either)."""
    left = Counter((f.code, f.pointer) for f in remaining if applicable(f, unsafe))
    out = []
    for f in fixable:
        if left[(f.code, f.pointer)] > 0:
            left[(f.code, f.pointer)] -= 1
        else:
            out.append(f)
    return out


def encode(text: str, bom: bool) -> bytes:
    data = text.encode("utf-8", "surrogateescape")
    return b"\xef\xbb\xbf" + data if bom else data


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


