"""One `newslint check` run: targets -> per-file results (cached, in parallel, fixes written)
-> repository rules over the whole project -> a RunResult the reporters render."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, NamedTuple

from linter import atomic, packing, safeio, tree
from linter import startup as gcpolicy
from linter import cache as cachemod
from linter.cache import Cache, content_hash, facts_keys
from linter.config import Settings
from linter.files import Discovery, Target
from linter.model import Finding
from linter.progress import Progress
from linter.engine import FileResult, Linter, as_spans
from linter.factstore import FactStore

SERIAL_BELOW = 200  # files: below this, starting worker processes costs more than it saves
CHUNK = 64  # files per task at most: fixed files are written together, one flush per chunk


class RunError(Exception):
    """The run could not complete (not a finding: nothing about any one file)."""


class RunOptions:
    def __init__(self, fix: bool = False, unsafe_fixes: bool = False, diff: bool = False, jobs: int | None = None,
                 cache: bool = True, progress: bool | None = None, respect_gitignore: bool = True,
                 cache_dir: Path | None = None):
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.jobs = jobs  # None: one per core
        self.cache = cache
        self.progress = progress  # None: on a terminal only
        self.respect_gitignore = respect_gitignore
        self.cache_dir = cache_dir  # None: where cache.folder_for says


class RunResult:
    def __init__(self, settings: Settings, cwd: Path, unsafe_fixes: bool = False):
        self.settings = settings
        self.cwd = cwd
        self.results: list[FileResult] = []
        self.applied: list[Finding] = []
        self.diffs: list[str] = []
        self.errors: list[str] = []  # problems outside findings (a file not written, the cache not used)
        self.unsafe_fixes = unsafe_fixes
        self.baseline_gone: int | None = None  # with --baseline: baselined findings that no longer occur

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

    def fixable_findings(self) -> list[Finding]:
        """The findings --fix would repair (with --unsafe-fixes given, unsafe fixes too)."""
        wanted = ("safe", "unsafe") if self.unsafe_fixes else ("safe",)
        return [f for f in self.findings if f.fix is not None and f.fix.applicability in wanted]

    def fixable(self) -> tuple[int, int]:
        """(what --fix repairs, what --unsafe-fixes would add)."""
        fixable = len(self.fixable_findings())
        unsafe = 0 if self.unsafe_fixes else sum(1 for f in self.findings if f.fix is not None and f.fix.applicability == "unsafe")
        return fixable, unsafe


# ---- work done per file (in worker processes when parallel) ------------------------------------
class FileOutcome(NamedTuple):
    """What linting (and fixing) one file gave: plain data, passed from a worker process."""

    result: bytes | None  # the file's result as FileResult.to_json() without facts, packed (see _packed); None if only its facts were collected
    facts: dict | None  # its facts per repository rule; None if it could not be read (`note` says why)
    applied: list[Finding]  # the findings its fixes repaired (written, or shown as a diff)
    diff: str | None  # with --diff: what the fixes would change
    note: str | None  # why the file was not fixed, or could not be read
    stamp: list[int] | None  # for the cache (with a cache only): the stamp of the bytes linted, if they are on disk
    digest: str | None  # their content hash
    keys: list[str] | None  # their facts' keys (cache.facts_keys)


class _Write(NamedTuple):
    """A fixed file to write: its new bytes, and what it was when read."""

    data: bytes
    old: bytes
    stat: os.stat_result
    unfixed: Callable[[], FileResult]  # the result of the text as it was, if the write fails


_LINTER: Linter | None = None
_OPTIONS: RunOptions | None = None
_BUSY = nullcontext()  # in a worker, a lock held while it works on a chunk (see _worker_start)


def _work(items: list[tuple[int, Target, bool]]) -> list[FileOutcome]:
    """Lint (and fix) each file, or only collect its repository facts (items: the file's number in
    the run, the file, whether only its facts are wanted); the files fixed are written together
    (their bytes flushed to disk at once)."""
    with _BUSY:
        done = [_lint_one(t, facts_only) for _, t, facts_only in items]
        writes = [(n, w) for n, (_, w) in enumerate(done) if w is not None]
        outcomes = [outcome for outcome, _ in done]
        if writes:
            _write_fixed(outcomes, writes, [t for _, t, _ in items])
    return outcomes


def _lint_one(target: Target, facts_only: bool) -> tuple[FileOutcome, _Write | None]:
    """The file's outcome (its stat, not yet its stamp), and its fixed bytes to write, if any."""
    linter, options = _LINTER, _OPTIONS
    try:
        # The stat (of the descriptor read) is for the cache, and for a fix (the file must still
        # be as read when it is replaced); the hash for the cache only.
        raw, st = safeio.read(target.file, linter.limits.max_file_bytes)
    except OSError as exc:  # the reason, for the file's finding
        return FileOutcome(None, None, [], None, None if facts_only else exc.strerror or str(exc), None, None, None), None
    digest = content_hash(raw) if options.cache else None
    if facts_only:
        facts = _pack_facts(linter.collect_facts(linter.parse(raw, target.relpath)))
        return _cacheable(FileOutcome(None, facts, [], None, None, st, digest, None)), None
    if not (options.fix or options.diff):
        result, facts = _packed(linter.lint_bytes(raw, target.path, target.relpath)[1])
        return _cacheable(FileOutcome(result, facts, [], None, None, st, digest, None)), None
    from linter import fixer  # imported by fixing runs only

    fixed = fixer.fix_document(linter, raw, target.path, target.relpath, options.unsafe_fixes)
    note = f"{target.path}: {fixed.error}" if fixed.error else None
    result, facts = _packed(fixed.result)
    if fixed.data is None:
        return _cacheable(FileOutcome(result, facts, [], None, note, st, digest, None)), None
    if options.diff:  # the result describes text that is not on disk: not cached
        old_text = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
        diff = fixer.unified_diff(target.path, old_text, fixed.text)
        return FileOutcome(result, facts, fixed.repaired, diff, note, None, None, None), None
    outcome = FileOutcome(result, facts, fixed.repaired, None, note, None, digest, None)  # stamped once written
    return outcome, _Write(fixed.data, raw, st, fixed.unfixed)


def _packed(result: FileResult) -> tuple[bytes, dict[str, packing.Packed]]:
    """The result without its facts, packed, its spans packed again within (they stay so until a
    report needs them: engine.placed); and each rule's facts, packed. They cross to the main
    process and wait there as a few compact bytes rather than thousands of objects (linter.factstore
    for the facts), and the cache stores them as they are."""
    data = result.to_json()
    facts = data.pop("facts")
    if data["spans"]:
        data["spans"] = packing.packed(data["spans"])
    return packing.pack(data), _pack_facts(facts)


def _pack_facts(facts: dict) -> dict[str, packing.Packed]:
    return {code: packing.packed(value) for code, value in facts.items()}


def _cacheable(outcome: FileOutcome) -> FileOutcome:
    """The outcome with its stat as a stamp and its facts' keys, for the cache (without one, or for
    an unreadable file, nothing: a stat result costs 5 us to pass between processes)."""
    if not _OPTIONS.cache or outcome.facts is None or outcome.stamp is None:
        return outcome._replace(stamp=None, digest=None)
    return outcome._replace(stamp=cachemod.stamp(outcome.stamp), keys=facts_keys(outcome.facts, _LINTER.repository_codes))


UNREADABLE = ("NL998", "file-unreadable")


def unreadable(path: str, reason: str) -> Finding:
    """The engine's finding on a file it could not read: not a regular file (a FIFO that replaced
    it), larger than max-file-bytes, a symlink loop, no permission."""
    code, name = UNREADABLE
    return Finding(path, 1, 1, 1, 1, code, name, "error", f"cannot read this file: {reason}")


def _write_fixed(outcomes: list[FileOutcome], writes: list[tuple[int, _Write]], targets: list[Target]) -> None:
    """Write the fixed files (`writes`: their numbers in `outcomes`), and update their outcomes:
    the new bytes' stamp and hash, or the reason a file was not written and its old text's result."""
    errors = atomic.write_files([(targets[n].abspath, w.data, w.stat, w.old) for n, w in writes])
    for (n, w), error in zip(writes, errors):
        outcome, target = outcomes[n], targets[n]
        if error is None:
            if _OPTIONS.cache:
                try:
                    outcomes[n] = _cacheable(outcome._replace(stamp=os.stat(target.file), digest=content_hash(w.data)))
                except OSError:
                    pass  # written, but not known well enough to cache
            continue
        reason = str(error) if isinstance(error, atomic.WriteRefused) else f"not fixed: {error.strerror or error}"
        result, facts = _packed(w.unfixed())
        outcomes[n] = _cacheable(outcome._replace(result=result, facts=facts, applied=[],
                                                  note=f"{target.path}: {reason}", stamp=w.stat))


MAX_JOBS_PER_CORE = 4  # --jobs beyond this only adds processes that wait (-j 3000 took 187 s)


def _jobs(requested: int | None, files: int) -> int:
    """Worker processes: as requested (default one per core), at most MAX_JOBS_PER_CORE per core
    and one per file."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        cores = os.cpu_count() or 1
    return max(1, min(requested or cores, MAX_JOBS_PER_CORE * cores, files))


def _map(items: list, jobs: int, progress: Progress):
    """`_work` over `items` in chunks (in worker processes for a large run), results in order."""
    parallel = jobs > 1 and len(items) >= SERIAL_BELOW
    if parallel:
        import multiprocessing  # imported by parallel runs only

        parallel = "fork" in multiprocessing.get_all_start_methods()
    size = max(1, min(CHUNK, len(items) // (jobs * 8))) if parallel else CHUNK
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if not parallel:
        for chunk in chunks:
            yield from _work(chunk)
            progress.advance(len(chunk))
        return
    # Everything allocated so far (modules, rule tables, the list of targets) lives until the end:
    # frozen, the workers' garbage collections do not walk it again and again. concurrent.futures,
    # not multiprocessing.Pool: a killed worker (the out-of-memory killer) makes the Pool wait
    # forever, where the executor raises.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with gcpolicy.frozen(), ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"), _worker_start, (os.getpid(),)) as pool:
            for outs in pool.map(_work, chunks):
                yield from outs
                progress.advance(len(outs))
    except BrokenProcessPool:
        raise RunError("a worker process ended abruptly (killed, or out of memory: try fewer --jobs)") from None


def _worker_start(parent: int) -> None:
    """In each worker: the garbage collector on (the main process runs without it), and a thread
    that ends the worker once the main process is gone, as soon as the chunk in hand is done (its
    fixed files written whole). Killed, the main process cannot stop its workers, and they would
    wait for work forever, holding its output pipes open: a pre-commit hook or a CI step would
    never end.

    The collector's settings there: linter.startup.in_worker."""
    global _BUSY
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.1)
        busy.acquire()
        os._exit(1)

    gcpolicy.in_worker()
    _BUSY = busy = threading.Lock()
    threading.Thread(target=watch, daemon=True).start()


# ---- the run ----------------------------------------------------------------------------------
def _has_fix(result: dict, unsafe: bool) -> bool:
    wanted = ("safe", "unsafe") if unsafe else ("safe",)
    return any(Finding.row_applicability(row) in wanted for row in result["findings"])


def _cached_result(cache: Cache, t: Target, digest: str, fixing: RunOptions | None) -> FileResult | None:
    """The file's result from the cache, unless a fix is to be applied to it (`fixing`: the
    options of a fixing run) or the cache's entry for it cannot be read (junk in the index: the
    file is linted again, and its entry rewritten)."""
    data = cache.result(t.relpath, digest)
    if data is None:
        return None
    try:
        if fixing and _has_fix(data, fixing.unsafe_fixes):
            return None
        return FileResult.from_json(t.path, t.relpath, data)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def run(targets: list[Target], settings: Settings, options: RunOptions, cwd: Path, partial: bool = False) -> RunResult:
    """Lint `targets`. `partial`: they were named one by one (pre-commit): repository rules then
    compare them with every file of the project but report only on them."""
    with gcpolicy.collector_paused():
        return _run(targets, settings, options, cwd, partial)


def _run(targets: list[Target], settings: Settings, options: RunOptions, cwd: Path, partial: bool) -> RunResult:
    global _LINTER, _OPTIONS
    linter = Linter(settings)
    _LINTER, _OPTIONS = linter, options
    out = RunResult(settings, cwd, unsafe_fixes=options.unsafe_fixes)
    cache = None
    if options.cache:
        folder = options.cache_dir or cachemod.folder_for(settings.config, {os.path.dirname(t.file) for t in targets}, cwd)
        cache = Cache(folder, cachemod.run_key(settings, linter.schemas), linter.limits.max_file_bytes, linter.repository_codes)
        if cache.refused:
            out.errors.append(f"the cache {cache.folder} {cache.refused}")
            cache = None
    fixing = options.fix or options.diff

    # Each file is known by its number: its place in `targets`, then in `context`. Its result:
    # from the cache, else as a worker sent it (packed) until every file is done.
    results: list[FileResult | bytes | None] = [None] * len(targets)
    facts = FactStore()  # every file's facts
    known: dict[str, tuple[str, list]] = {}  # relpath -> (content hash, facts keys) of every file whose result or facts are current
    from_cache: list[tuple[int, Target]] = []  # their facts are read only if the repository rules run
    todo: list[tuple[int, Target, bool]] = []  # (number, file, whether only its facts are wanted)
    for n, (t, hit) in enumerate(zip(targets, _lookup(cache, targets))):
        result = _cached_result(cache, t, hit[0], fixing and options) if hit else None
        if result is not None:
            results[n] = result
            known[t.relpath] = hit
            from_cache.append((n, t))
        else:
            todo.append((n, t, False))

    # The rest of the project, for the repository rules: linted for their facts, or known to the
    # cache; made results only if a repository rule has to run. None: could not be read.
    context: list[Target | None] = []
    if partial and linter.repository_rules and targets:
        named = {t.file for t in targets}
        discovery = Discovery(settings.config, cwd, respect_gitignore=options.respect_gitignore)
        context = [t for t in tree.files(discovery, project_root(settings, targets, cwd), cache and cache.dir) if t.file not in named]
        for n, (t, hit) in enumerate(zip(context, _lookup(cache, context)), len(targets)):
            if hit is None:
                todo.append((n, t, True))
            else:
                known[t.relpath] = hit
                from_cache.append((n, t))

    progress = Progress(len(todo), options.progress)
    try:
        for (n, t, facts_only), o in zip(todo, _map(todo, _jobs(options.jobs, len(todo)), progress)):
            if o.facts is None:  # unreadable: `note` says why
                if facts_only:
                    context[n - len(targets)] = None
                else:
                    results[n] = FileResult(t.path, t.relpath, [unreadable(t.path, o.note)])
                continue
            if o.note:
                out.errors.append(o.note)
            if not facts_only:
                results[n] = o.result
            facts.add(n, o.facts)
            out.applied.extend(o.applied)
            if o.diff:
                out.diffs.append(o.diff)
            if o.stamp is not None and cache is not None:
                known[t.relpath] = (o.digest, o.keys)
                cache.store(t.relpath, o.stamp, o.digest, o.result, o.facts, o.keys)
    finally:
        progress.close()

    # The repository rules run while the results are still packed: their peak and that of every
    # file's FileResult do not add up.
    report_on = {t.path for t in targets} if partial else None
    try:
        found, crashed = _repository(linter, cache, targets, results, context, facts, known, report_on, from_cache, cwd)
    finally:
        _LINTER = _OPTIONS = None
    for n, t in enumerate(targets):  # one by one: each packed result is freed as its FileResult is made
        if type(results[n]) is bytes:
            results[n] = FileResult.from_json(*t.paths(), packing.unpack(results[n]))
    out.results = results
    linter.finish(results, report_on, found, crashed)
    if cache is not None:
        cache.save()
    return out


def _repository(linter: Linter, cache: Cache | None, targets: list[Target], results: list[FileResult | bytes],
                context: list[Target | None], facts: FactStore, known: dict[str, tuple[str, list]],
                report_on: set[str] | None, from_cache: list[tuple[int, Target]],
                cwd: Path) -> tuple[dict[str, list[Finding]], list[Finding | None]]:
    """The repository rules' findings by path, and the internal errors of those that crashed, over
    the files linted (`targets`, their results by number in `results`, packed or not) and the rest
    of the project (`context`: numbered after them, None for a file that could not be read), with
    every file's facts (`facts`, by number; those of the files in `from_cache` still in the cache).
    A repository rule's findings depend only on every file's facts for it (and which files get
    reports): while none of those changed, a run reuses them, be it a warm run or a pre-commit run
    on files edited elsewhere (a new paragraph reruns the rule that compares paragraphs, not the
    one that compares titles). Their messages name files by their paths from the working folder,
    which is therefore part of the state."""
    found: dict[str, list[Finding]] = {}
    stale = list(linter.repository_codes)
    where: dict[str, tuple[str, str]] = {}  # rule code -> (slot, state) its new findings are kept under
    others = [t.relpath for t in context if t is not None]
    if cache is not None and stale and all(t.relpath in known for t in targets) and all(p in known for p in others):
        reported = targets if report_on is None else [t for t in targets if t.path in report_on]
        named = "\0".join(sorted(t.relpath for t in reported)) if report_on is not None else None
        ordered = sorted([*(t.relpath for t in targets), *others])
        # Each rule's state: the files (their paths hashed once for every rule), then each file's
        # key for the rule, "" for none. NUL cannot occur in a path nor in a key, and a key is a
        # content hash: the joined text is unambiguous.
        paths = _sha256("\0".join([str(cwd), *ordered])).hexdigest()
        columns = list(zip(*[known[relpath][1] for relpath in ordered])) or [()] * len(stale)
        for code, mine in zip(list(stale), columns):
            basis = _sha256(f"{paths}\0" + "\0".join(mine))
            slot, state = f"all {code}", basis.hexdigest()
            rows = None
            if named is not None:  # a run on named files can use a whole run's findings, or its own
                rows = _cached_findings(cache, slot, state, reported)
                basis.update(f"\0\0{named}".encode("utf-8", "surrogatepass"))
                slot, state = f"named {code}", basis.hexdigest()
            if rows is None:
                rows = _cached_findings(cache, slot, state, reported)
            if rows is None:
                where[code] = (slot, state)
                continue
            stale.remove(code)
            for path, fs in rows.items():
                found.setdefault(path, []).extend(fs)
    if not stale:
        return found, []
    # Each path made once (Target.paths), shared by every rule's facts.
    pairs = [None if t is None else t.paths() for t in [*targets, *context]]
    paths = [None if pair is None else pair[0] for pair in pairs]
    files = dict(pair for pair in pairs if pair is not None)
    number = {path: n for n, path in enumerate(paths[:len(targets)])}
    if cache is not None:
        _restore_facts(cache, known, from_cache, stale, facts)
    fresh, crashed = linter.repository_findings(
        files, lambda path: _spans_of(results[number[path]]),
        lambda code: {paths[n]: value for n, value in facts.take(code)}, report_on, stale)
    for code in stale:
        if code in where and code not in crashed:
            slot, state = where[code]
            cache.set_repository_findings(slot, state, {files[p]: [f.to_row() for f in fs if f.code == code]
                                                        for p, fs in fresh.items()})
    for path, fs in fresh.items():
        found.setdefault(path, []).extend(fs)
    return found, list(crashed.values())


def _spans_of(result: FileResult | bytes):
    """The spans a file's result kept, be it packed or not."""
    if type(result) is bytes:
        return as_spans(packing.unpack(result).get("spans") or {})
    return result.spans


def _sha256(text: str):
    """A hash object (more can be added to it) of `text`."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass"))


def _cached_findings(cache: Cache, slot: str, state: str, reported: list[Target]) -> dict[str, list[Finding]] | None:
    """The findings stored under `slot` for the files `reported` on, if they came from `state`."""
    rows = cache.repository_findings(slot, state)
    if rows is None:
        return None
    try:
        return {r.path: [Finding.from_row(r.path, row) for row in packing.unpack(rows[r.relpath])]
                for r in reported if r.relpath in rows}
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None  # junk: the rule runs again


def _restore_facts(cache: Cache, known: dict[str, tuple[str, list]], from_cache: list[tuple[int, Target]],
                   codes: list[str], store: FactStore) -> None:
    """Facts for the rules `codes` of the files whose results or facts came from the cache (by
    number), into `store`; collected again where the cache lost them."""
    found: dict[int, dict] = {n: {} for n, _ in from_cache}
    lost = set()
    for code in codes:
        i = cache.codes.index(code)
        wanted = [(n, t.relpath) for n, t in from_cache if known[t.relpath][1][i]]
        for (n, relpath), value in zip(wanted, cache.facts(code, [(relpath, *known[relpath]) for _, relpath in wanted])):
            if value is None:
                lost.add(n)
            else:
                found[n][code] = value
    for n, t in from_cache:
        store.add(n, (_lint_one(t, True)[0].facts or {}) if n in lost else found.pop(n))


def project_root(settings: Settings, targets: list[Target], cwd: Path) -> Path:
    """What files named one by one are compared with: the configuration's folder, else the git
    work tree around the working folder, else the folder the named files share."""
    if settings.config.source is not None:
        return settings.config.root
    for folder in [cwd, *cwd.parents]:
        if (folder / ".git").exists():
            return folder
    return Path(os.path.commonpath([str(t.abspath.parent) for t in targets]))


def _lookup(cache: Cache | None, targets: list[Target]) -> list[tuple[str, list[str]] | None]:
    """For each target, (content hash, facts keys) the cache has for it if the file is unchanged
    since, else None."""
    return [None] * len(targets) if cache is None else cache.lookup(targets)
