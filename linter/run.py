"""One `newslint check` run: targets -> per-file results (with fixes written) -> repository rules
-> a RunResult the reporters render."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter import fixer
from linter.config import Settings
from linter.files import Target
from linter.model import Finding
from linter.runner import FileResult, Linter


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False


@dataclass
class RunResult:
    settings: Settings
    cwd: Path
    results: list[FileResult] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per-file problems outside findings (unreadable, not written)
    unsafe_fixes: bool = False

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def internal_error(self) -> bool:
        return any(r.internal_error for r in self.results)

    def summary(self) -> dict:
        findings = self.findings
        return {
            "files": len(self.results),
            "files_with_findings": sum(1 for r in self.results if r.findings),
            "findings": len(findings),
            "fixed": len(self.applied),
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        }

    def fixable(self) -> tuple[int, int]:
        safe = sum(1 for f in self.findings if f.fix is not None and f.fix.applicability == "safe")
        unsafe = sum(1 for f in self.findings if f.fix is not None and f.fix.applicability == "unsafe")
        return safe, unsafe

    def summary_line(self) -> str:
        s = self.summary()
        safe, unsafe = self.fixable()
        files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
        if self.applied or s["fixed"]:
            line = f"{s['fixed']} fixed, {s['findings']} remaining in {files}"
            more = unsafe if not self.unsafe_fixes else 0
            if more:
                line += f" ({more} more with --unsafe-fixes)"
            return line + "."
        if not s["findings"]:
            return f"All checks passed ({files})."
        line = f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['files_with_findings']} of {files}."
        if safe:
            line += f" {safe} fixable with --fix."
        if unsafe and not self.unsafe_fixes:
            line += f" {unsafe} more with --unsafe-fixes."
        return line


def lint_target(linter: Linter, target: Target, options: RunOptions) -> tuple[FileResult, list[Finding], str | None, str | None]:
    """Lint (and fix) one file. Returns its result, the fixes applied, a diff, and an error note."""
    try:
        before = os.stat(target.abspath)
        raw = target.abspath.read_bytes()
    except OSError as exc:
        return FileResult(target.path, target.relpath), [], None, f"{target.path}: cannot read: {exc.strerror or exc}"
    if not (options.fix or options.diff):
        return linter.lint_bytes(raw, target.path, target.relpath)[1], [], None, None
    outcome = fixer.fix_document(linter, raw, target.path, target.relpath, options.unsafe_fixes)
    note = f"{target.path}: {outcome.error}" if outcome.error else None
    if not outcome.applied:
        return outcome.result, [], None, note
    new_raw = fixer.encode(outcome.text, raw.startswith(b"\xef\xbb\xbf"))
    if options.diff:
        old_text = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
        return outcome.result, outcome.applied, fixer.unified_diff(target.path, old_text, outcome.text), note
    try:
        fixer.atomic_write(target.abspath, new_raw, before)
    except fixer.WriteRefused as exc:
        result = linter.lint_bytes(raw, target.path, target.relpath)[1]
        return result, [], None, f"{target.path}: {exc}"
    except OSError as exc:
        result = linter.lint_bytes(raw, target.path, target.relpath)[1]
        return result, [], None, f"{target.path}: not fixed: {exc.strerror or exc}"
    return outcome.result, outcome.applied, None, note


def run(targets: list[Target], settings: Settings, options: RunOptions, cwd: Path) -> RunResult:
    linter = Linter(settings)
    out = RunResult(settings, cwd, unsafe_fixes=options.unsafe_fixes)
    for target in targets:
        result, applied, diff, note = lint_target(linter, target, options)
        out.results.append(result)
        out.applied.extend(applied)
        if diff:
            out.diffs.append(diff)
        if note:
            out.errors.append(note)
    linter.finish(out.results)
    return out
