"""Write files atomically: each new content goes to a temporary file beside its file, is made
durable, then renamed over it, so a reader (or a crash) sees the old bytes or the new, never a
torn file. The one writer of newslint: fixed files, reports and baselines, the cache's index.

A run killed mid-write leaves only `.newslint-<pid>-XXXXXXXX.tmp` files; `remove_leftovers`
deletes those whose process no longer runs (file discovery names them: `is_leftover_name`).
"""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

TEMP_PREFIX = ".newslint-"
TEMP_SUFFIX = ".tmp"
BATCH_SYNC_FROM = 4  # files written together; fewer are fsynced one by one (syncfs flushes all)
# tempfile.mkstemp(prefix=".newslint-<pid>-", suffix=".tmp") names: 8 characters from its alphabet.
_LEFTOVER = re.compile(r"\.newslint-(\d+)-[a-z0-9_]{8}\.tmp\Z")
STALE_AFTER = 3600.0  # seconds: a temp file this old is stale even if its pid is alive (pid reuse)


def is_leftover_name(name: str) -> bool:
    """Whether a file name is one of this module's temporary files (whoever's they are)."""
    return name.startswith(TEMP_PREFIX) and _LEFTOVER.match(name) is not None


def is_stale_temp(folder: Path, name: str) -> bool:
    """Whether `folder/name` is a temporary file a killed newslint run left behind."""
    m = _LEFTOVER.match(name)
    if not m:
        return False
    try:
        st = os.lstat(folder / name)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    pid = int(m.group(1))
    if pid == os.getpid():
        return False  # ours, being written right now
    return not _pid_alive(pid) or time.time() - st.st_mtime > STALE_AFTER


def remove_leftovers(paths) -> list[Path]:
    """Delete the stale temporary files among `paths`; return what was removed."""
    removed = []
    for p in map(Path, paths):
        if is_stale_temp(p.parent, p.name):
            try:
                os.unlink(p)
                removed.append(p)
            except OSError:
                pass
    return removed


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # exists (someone else's) or cannot tell: assume alive
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether `pid` has ended but was never reaped (a killed worker whose parent is gone, in a
    container whose PID 1 does not reap): signals still reach it, yet it runs no more."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat_line = fh.read()
    except OSError:
        return False  # no /proc (not Linux): trust the signal
    state = stat_line.rsplit(b")", 1)[-1][1:2]  # "PID (NAME) STATE ...": NAME may hold ")"
    return state in (b"Z", b"X")


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


def write(path: Path, data: bytes, expected: os.stat_result | None = None, original: bytes | None = None,
          create: bool = False, durable: bool = True) -> None:
    """Replace one file atomically (see `write_files`); raise what stopped it. With `create`, the
    file may not exist yet (an output: a report, a baseline, the cache's index): it is made with
    the usual mode."""
    error = write_files([(Path(path), data, expected, original)], create, durable)[0]
    if error is not None:
        raise error


def write_files(writes: list[tuple[Path, bytes, os.stat_result | None, bytes | None]],
                create: bool = False, durable: bool = True) -> list[Exception | None]:
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
    (see `remove_leftovers`); on any error the temporary files are removed. Not `durable` (a
    cache, which can always be rebuilt): nothing is flushed, only renamed."""
    errors: list[Exception | None] = [None] * len(writes)
    staged: dict[int, str] = {}  # write number -> its temporary file, until renamed
    syncfs = _syncfs() if durable and len(writes) >= BATCH_SYNC_FROM else None
    try:
        for n, (path, data, expected, original) in enumerate(writes):
            try:
                staged[n] = _stage(Path(path), data, expected, fsync=durable and syncfs is None, create=create)
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
        for folder in folders if durable else ():
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
    import tempfile  # imported by runs that write only

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
