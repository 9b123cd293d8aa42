"""One `newslint check` run: targets -> per-file results (cached, in parallel, fixes written)
-> repository rules over the whole project -> a RunResult the reporters render."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter import fixer
from linter.cache import DIRNAME, Cache, content_hash
from linter.config import Settings
from linter.files import Discovery, Target
from linter.model import Finding
from linter.progress import Progress
from linter.runner import FileResult, Linter

SERIAL_BELOW = 200  # files: below this, starting worker processes costs more than it saves


@dataclass
class RunOptions:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    jobs: int | None = None  # None: one per core
    cache: bool = True
    progress: bool | None = None  # None: on a terminal only


@dataclass
class RunResult:
    settings: Settings
    cwd: Path
    results: list[FileResult] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per-file problems outside findings (unreadable, not written)
    unsafe_fixes: bool = False
    baseline_gone: int | None = None  # with --baseline: baselined findings that no longer occur

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
        if s["fixed"]:
            line = f"{s['fixed']} fixed, {s['findings']} remaining in {files}"
            if unsafe and not self.unsafe_fixes:
                line += f" ({unsafe} more with --unsafe-fixes)"
            line += "."
        elif not s["findings"]:
            line = f"All checks passed ({files})."
        else:
            line = f"Found {s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['files_with_findings']} of {files}."
            if safe:
                line += f" {safe} fixable with --fix."
            if unsafe and not self.unsafe_fixes:
                line += f" {unsafe} more with --unsafe-fixes."
        if self.baseline_gone:
            line += (f" {self.baseline_gone} baselined finding{'s are' if self.baseline_gone != 1 else ' is'} gone:"
                     " shrink the baseline with --write-baseline.")
        return line


# ---- work done per file (in worker processes when parallel) ------------------------------------
_LINTER: Linter | None = None
_OPTIONS: RunOptions | None = None


def _work(item: tuple[Target, bool]) -> tuple:
    """Lint (and fix) one file, or only collect its repository facts. Returns plain data:
    (payload, applied, diff, note, stat, digest)."""
    target, facts_only = item
    linter, options = _LINTER, _OPTIONS
    try:
        st = os.stat(target.abspath)
        raw = target.abspath.read_bytes()
    except OSError as exc:
        note = None if facts_only else f"{target.path}: cannot read: {exc.strerror or exc}"
        return None, [], None, note, None, None
    digest = content_hash(raw)
    if facts_only:
        doc = linter.parse(raw, target.relpath)
        return {"result": None, "facts": linter.collect_facts(doc)}, [], None, None, st, digest
    if not (options.fix or options.diff):
        result = linter.lint_bytes(raw, target.path, target.relpath)[1]
        return {"result": result.to_json()}, [], None, None, st, digest
    outcome = fixer.fix_document(linter, raw, target.path, target.relpath, options.unsafe_fixes)
    note = f"{target.path}: {outcome.error}" if outcome.error else None
    result = outcome.result
    applied, diff = outcome.applied, None
    if applied:
        new_raw = fixer.encode(outcome.text, raw.startswith(b"\xef\xbb\xbf"))
        if options.diff:
            old_text = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
            diff = fixer.unified_diff(target.path, old_text, outcome.text)
        else:
            try:
                fixer.atomic_write(target.abspath, new_raw, st, original=raw)
                st, digest = os.stat(target.abspath), content_hash(new_raw)
            except (fixer.WriteRefused, OSError) as exc:
                reason = str(exc) if isinstance(exc, fixer.WriteRefused) else f"not fixed: {exc.strerror or exc}"
                note = f"{target.path}: {reason}"
                result, applied = linter.lint_bytes(raw, target.path, target.relpath)[1], []
    cacheable = not applied or not options.diff  # a --diff result describes text that is not on disk
    return {"result": result.to_json()}, applied, diff, note, (st if cacheable else None), digest


def _jobs(requested: int | None) -> int:
    if requested:
        return max(1, requested)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def _map(items: list, jobs: int, progress: Progress):
    if jobs <= 1 or len(items) < SERIAL_BELOW or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield _work(item)
            progress.advance()
        return
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for out in pool.imap(_work, items, chunksize=chunk):
            yield out
            progress.advance()


# ---- the run ----------------------------------------------------------------------------------
def _has_fix(payload: dict, unsafe: bool) -> bool:
    return any(
        f.get("fix") and (unsafe or f["fix"]["applicability"] == "safe") for f in payload["result"]["findings"]
    )


def run(targets: list[Target], settings: Settings, options: RunOptions, cwd: Path, partial: bool = False) -> RunResult:
    """Lint `targets`. `partial`: they were named one by one (pre-commit): repository rules then
    compare them with every file of the project but report only on them."""
    global _LINTER, _OPTIONS
    linter = Linter(settings)
    _LINTER, _OPTIONS = linter, options
    out = RunResult(settings, cwd, unsafe_fixes=options.unsafe_fixes)
    root = settings.config.root
    key = "|".join([settings.fingerprint(), linter.schemas.fingerprint(), *settings.registry.plugins])
    cache = Cache(root / DIRNAME, key) if options.cache else None

    payloads: dict[str, dict] = {}
    todo: list[tuple[Target, bool]] = []
    for t in targets:
        hit = _cached(cache, t)
        if hit is not None and hit.get("result") is not None and not ((options.fix or options.diff) and _has_fix(hit, options.unsafe_fixes)):
            payloads[t.path] = hit
        else:
            todo.append((t, False))

    context: list[Target] = []
    if partial and linter.repository_rules and targets:
        named = {t.abspath for t in targets}
        discovery = Discovery(settings.config, cwd)
        for t in discovery.find([str(project_root(settings, targets, cwd))]):
            if t.abspath in named:
                continue
            hit = _cached(cache, t)
            if hit is not None:
                payloads[t.path] = hit
            else:
                todo.append((t, True))
            context.append(t)

    progress = Progress(len(todo), options.progress)
    try:
        for (t, facts_only), (payload, applied, diff, note, st, digest) in zip(todo, _map(todo, _jobs(options.jobs), progress)):
            if note:
                out.errors.append(note)
            if payload is None:
                if not facts_only:
                    payloads[t.path] = {"result": FileResult(t.path, t.relpath).to_json()}
                continue
            payloads[t.path] = payload
            out.applied.extend(applied)
            if diff:
                out.diffs.append(diff)
            if cache is not None and st is not None:
                cache.store(t.relpath, st, digest, payload)
    finally:
        progress.close()
        _LINTER = _OPTIONS = None

    out.results = [FileResult.from_json(t.path, t.relpath, payloads[t.path]["result"]) for t in targets]
    everything = list(out.results)
    for t in context:
        payload = payloads.get(t.path)
        if payload is not None:
            facts = payload["facts"] if payload.get("result") is None else payload["result"]["facts"]
            everything.append(FileResult(t.path, t.relpath, facts=facts))
    _finish(linter, cache, everything, {t.path for t in targets} if context else None)
    if cache is not None:
        cache.save()
    return out


def _finish(linter: Linter, cache: Cache | None, results: list[FileResult], report_on: set[str] | None) -> None:
    """Repository rules and unused suppressions. What they add depends only on every file's
    content (and which files get reports), so a warm run with nothing changed reuses it."""
    state = None
    if cache is not None:
        digests = []
        for r in results:
            entry = cache.entries.get(r.relpath)
            if entry is None:
                break
            digests.append((r.relpath, entry[2]))
        else:
            basis = json.dumps([sorted(digests), sorted(report_on) if report_on is not None else None])
            state = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()
    if state is not None and cache.repository.get("state") == state:
        extra = cache.repository["findings"]
        for r in results:
            if r.relpath in extra:
                r.findings = sorted(r.findings + [Finding.from_dict(dict(d, path=r.path)) for d in extra[r.relpath]],
                                    key=Finding.sort_key)
        return
    before = {r.path: {id(f) for f in r.findings} for r in results}
    linter.finish(results, report_on)
    if state is not None:
        added = {}
        for r in results:
            new = [dict(f.to_dict(), fingerprint=f.fingerprint) for f in r.findings if id(f) not in before[r.path]]
            if new:
                added[r.relpath] = new
        cache.set_repository({"state": state, "findings": added})


def project_root(settings: Settings, targets: list[Target], cwd: Path) -> Path:
    """What files named one by one are compared with: the configuration's folder, else the git
    work tree around the working folder, else the folder the named files share."""
    if settings.config.source is not None:
        return settings.config.root
    for folder in [cwd, *cwd.parents]:
        if (folder / ".git").exists():
            return folder
    return Path(os.path.commonpath([str(t.abspath.parent) for t in targets]))


def _cached(cache: Cache | None, t: Target) -> dict | None:
    if cache is None:
        return None
    entry = cache.entries.get(t.relpath)
    if entry is None:
        return None
    try:
        st = os.stat(t.abspath)
    except OSError:
        return None
    hit = cache.lookup(t.relpath, st)
    if hit is None:
        try:
            hit = cache.lookup(t.relpath, st, t.abspath.read_bytes())
        except OSError:
            return None
    return hit
