"""Apply fixes to a fixed point, verify the result, and write it atomically.

Edits are text edits at known offsets, so nothing outside the fixed values changes. After each
pass the text is parsed and linted again (bounded passes, cycles detected). A result whose front
matter no longer parses is discarded: the file stays as it was and the failure is reported.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from linter.model import Edit, Finding
from linter.runner import FileResult, Linter

MAX_PASSES = 10
STRUCTURAL = ("invalid-encoding", "front-matter-missing", "front-matter-unterminated", "yaml-syntax",
              "yaml-duplicate-key", "front-matter-not-mapping", "yaml-limit-exceeded", "yaml-unsafe-tag")
TEMP_PREFIX = ".newslint-"
TEMP_SUFFIX = ".tmp"


@dataclass
class FixOutcome:
    result: FileResult  # findings that remain after fixing
    text: str  # the fixed text (== original when nothing applied)
    applied: list[Finding] = field(default_factory=list)  # the findings whose fixes were applied
    error: str | None = None  # why fixes were discarded


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


def _choose(findings: list[Finding], unsafe: bool) -> tuple[list[Finding], list[Edit]]:
    """Fixes whose edits do not overlap any fix already chosen (the rest wait for the next pass)."""
    chosen, edits = [], []
    taken: list[tuple[int, int]] = []
    for f in findings:
        if not applicable(f, unsafe):
            continue
        spans = [(e.start, e.end) for e in f.fix.edits]
        if any(s < te and ts < e or (s == e == ts) for s, e in spans for ts, te in taken):
            continue
        chosen.append(f)
        edits.extend(f.fix.edits)
        taken.extend(spans)
    return chosen, edits


def _structural(result: FileResult) -> set[tuple[str, str]]:
    return {(f.rule, f.message) for f in result.findings if f.rule in STRUCTURAL}


def fix_document(linter: Linter, raw: bytes, path: str, relpath: str, unsafe: bool = False) -> FixOutcome:
    doc, result = linter.lint_bytes(raw, path, relpath)
    original_text = doc.text
    if any(f.rule == "invalid-encoding" for f in result.findings):
        return FixOutcome(result, original_text)
    before = _structural(result)
    text = original_text
    applied: list[Finding] = []
    seen = {text}
    for _ in range(MAX_PASSES):
        chosen, edits = _choose(result.findings, unsafe)
        if not chosen:
            break
        new_text = apply_edits(text, edits)
        if new_text in seen:
            break
        new_raw = encode(new_text, doc.bom)
        new_doc, new_result = linter.lint_bytes(new_raw, path, relpath)
        if _structural(new_result) - before:
            names = ", ".join(sorted({f.rule for f in chosen}))
            return FixOutcome(result, text, applied,
                              f"fixes from {names} would make the front matter invalid; left unchanged")
        seen.add(new_text)
        text, result = new_text, new_result
        applied.extend(chosen)
    return FixOutcome(result, text, applied)


def encode(text: str, bom: bool) -> bytes:
    data = text.encode("utf-8", "surrogateescape")
    return b"\xef\xbb\xbf" + data if bom else data


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


class WriteRefused(Exception):
    pass


def atomic_write(path: Path, data: bytes, expected: os.stat_result | None = None) -> None:
    """Write through a temporary file in the same folder and rename over the original.

    Keeps the file mode. Refuses read-only files, and files changed on disk since `expected`
    was taken. On any error the original is untouched and the temporary file removed."""
    st = os.stat(path)
    if not os.access(path, os.W_OK):
        raise WriteRefused("file is read-only; not fixed")
    if expected is not None and (st.st_size, st.st_mtime_ns) != (expected.st_size, expected.st_mtime_ns):
        raise WriteRefused("file changed on disk while it was being fixed; not overwritten")
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        now = os.stat(path)
        if expected is not None and (now.st_size, now.st_mtime_ns) != (expected.st_size, expected.st_mtime_ns):
            raise WriteRefused("file changed on disk while it was being fixed; not overwritten")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
