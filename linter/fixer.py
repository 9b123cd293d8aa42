"""Apply fixes to a fixed point, verify the result, and write it atomically.

Edits are text edits at known offsets, so nothing outside the fixed values changes. After each
pass the text is parsed and linted again (bounded passes, cycles detected). A result whose front
matter no longer parses is discarded: the file stays as it was and the failure is reported.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from pathlib import Path

from linter import pointer as jp
from linter.model import Edit, Finding
from linter.engine import FileResult, Linter

MAX_PASSES = 10
TEMP_PREFIX = ".newslint-"
TEMP_SUFFIX = ".tmp"
BATCH_SYNC_FROM = 4  # files written together; fewer are fsynced one by one (syncfs flushes all)


class FixOutcome:
    def __init__(self, result: FileResult, text: str, applied: list[Finding] | None = None, error: str | None = None,
                 repaired: list[Finding] | None = None):
        self.result = result  # findings that remain after fixing
        self.text = text  # the fixed text (== original when nothing applied)
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


def fix_document(linter: Linter, raw: bytes, path: str, relpath: str, unsafe: bool = False) -> FixOutcome:
    """Fix to a fixed point. Each pass applies the non-overlapping fixes, re-parses and re-lints.
    A pass is undone when it makes the front matter invalid, or when it changes data outside the
    values its edits rewrite (e.g. two item deletions that together empty a list, turning it into
    null): then its fixes are retried one at a time, and a single fix that still does is dropped.
    The first pass chooses among the fixing rules' findings only; the other rules run on the text
    that is kept."""
    doc = linter.parse(raw, relpath)
    result, complete = linter.lint_fixable(doc, path, relpath)
    original_text = doc.text
    before = _problems(doc)
    if before["invalid-encoding"]:
        return FixOutcome(complete(), original_text)
    text = original_text
    applied: list[Finding] = []
    seen = {text}
    fixable = [f for f in result.findings if applicable(f, unsafe)]

    def outcome(error: str | None = None) -> FixOutcome:
        repaired = _repaired(fixable, result.findings, unsafe) if applied else []
        if not repaired:  # nothing the check reported is gone: the file stays as it was
            return FixOutcome(complete(), original_text, [], error)
        return FixOutcome(result, text, applied, error, repaired)

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


class WriteRefused(Exception):
    pass


def _identity(st: os.stat_result) -> tuple:
    """What must not change between reading a file and replacing it. ctime cannot be set back by
    tools (unlike mtime), and the inode catches a file replaced by another one."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read_only(path: Path, st: os.stat_result) -> bool:
    # os.access alone is not enough: it says yes to root for a chmod 444 file.
    return not (st.st_mode & 0o222) or not os.access(path, os.W_OK)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, expected: os.stat_result | None = None,
                 original: bytes | None = None, create: bool = False) -> None:
    """Replace one file atomically (see `write_files`); raise what stopped it. With `create`, the
    file may not exist yet (an output: a report, a baseline): it is made with the usual mode."""
    error = write_files([(Path(path), data, expected, original)], create)[0]
    if error is not None:
        raise error


def write_files(writes: list[tuple[Path, bytes, os.stat_result | None, bytes | None]],
                create: bool = False) -> list[Exception | None]:
    """Replace each file of `writes` (path, new bytes, its stat when read, its bytes when read)
    atomically, and say per file what stopped it: None, or the WriteRefused or OSError that left
    that file as it was.

    Each file's new bytes go to a temporary file in its folder, made durable, then renamed over
    it. Durable together: the temporary files of a batch are flushed to disk at once (one syncfs
    instead of an fsync and a journal commit per file, as git's `core.fsyncMethod=batch` does), and
    only then renamed. Keeps the file mode (and owner, when running as root). Refuses symlinks (the
    link would be replaced by a plain file), read-only files, non-regular files, and files changed
    on disk since they were read (device, inode, size, mtime, ctime, and the bytes when given). A
    process killed meanwhile leaves only `.newslint-<pid>-*.tmp` files, which the next run deletes
    (see linter.files); on any error the temporary files are removed."""
    errors: list[Exception | None] = [None] * len(writes)
    staged: dict[int, str] = {}  # write number -> its temporary file, until renamed
    syncfs = _syncfs() if len(writes) >= BATCH_SYNC_FROM else None
    try:
        for n, (path, data, expected, original) in enumerate(writes):
            try:
                staged[n] = _stage(Path(path), data, expected, fsync=syncfs is None, create=create)
            except (WriteRefused, OSError) as exc:
                errors[n] = exc
        try:
            if syncfs is not None:
                _flush(list(staged.values()), syncfs)
        except OSError as exc:
            for n in staged:
                errors[n] = exc
            return errors
        folders = set()
        for n, tmp in list(staged.items()):
            path, _, expected, original = writes[n]
            try:
                if not _unchanged(Path(path), expected, original):
                    raise WriteRefused("file changed on disk while it was being fixed; not overwritten")
                os.replace(tmp, path)
                del staged[n]
                folders.add(Path(path).parent)
            except (WriteRefused, OSError) as exc:
                errors[n] = exc
        for folder in folders:
            _fsync_dir(folder)
        return errors
    finally:
        for tmp in staged.values():
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _unchanged(path: Path, expected: os.stat_result | None, original: bytes | None) -> bool:
    if expected is None and original is None:
        return True
    now = os.lstat(path)
    if expected is not None and _identity(now) != _identity(expected):
        return False
    if original is not None:
        with open(path, "rb") as fh:
            if fh.read(len(original) + 1) != original:
                return False
    return True


def _stage(path: Path, data: bytes, expected: os.stat_result | None, fsync: bool, create: bool = False) -> str:
    """Check that `path` may be replaced (or, with `create`, made) and write its new bytes to a
    temporary file beside it (durable at once if `fsync`, else when its batch is flushed); return
    that file's path."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not create:
            raise
        st = None
    if st is None:
        mode = 0o666 & ~_umask()
    elif stat.S_ISLNK(st.st_mode):
        raise WriteRefused("is a symbolic link; not fixed (fix the file it points to)")
    elif not stat.S_ISREG(st.st_mode):
        raise WriteRefused("is not a regular file; not fixed")
    elif _read_only(path, st):
        raise WriteRefused("file is read-only; not fixed")
    elif expected is not None and _identity(st) != _identity(expected):
        raise WriteRefused("file changed on disk while it was being fixed; not overwritten")
    else:
        mode = st.st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        if st is not None and hasattr(os, "geteuid") and os.geteuid() == 0 and (st.st_uid, st.st_gid) != (0, 0):
            try:  # root fixing someone else's file: keep it theirs (before chmod: chown clears setuid)
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass
        os.chmod(tmp, mode)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _flush(files: list[str], syncfs) -> None:
    """Make the files' bytes durable: one syncfs per file system they are on."""
    done: set[int] = set()
    for f in files:
        device = os.stat(f).st_dev
        if device in done:
            continue
        fd = os.open(f, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                import ctypes

                err = ctypes.get_errno()
                raise OSError(err, os.strerror(err))
        finally:
            os.close(fd)
        done.add(device)


def _syncfs():
    """libc's syncfs(fd), or None where there is none (not Linux)."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (ImportError, OSError, AttributeError, TypeError):  # TypeError: Windows has no CDLL(None)
        return None
