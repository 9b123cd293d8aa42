"""Reading a file named by data, safely: without blocking, following a loop, or reading forever.

Between finding a file and reading it, anything may happen to it: replaced by a FIFO (an `open`
would wait for a writer forever), by a symlink loop, or growing without end (a log, /dev/zero
behind a link, a sparse file of terabytes). `read` opens without blocking, judges the file by the
descriptor it opened (not by a name that may since point elsewhere), and reads at most `limit`
bytes plus one, to know that there were more.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)

_CHUNK = 1 << 30  # bytes per read call (Linux reads at most about 2 GiB at once)


class NotRead(OSError):
    """The file was not read: not a regular file, or larger than the limit (`strerror` says which)."""


def head(path, size: int) -> bytes:
    """The first `size` bytes of a regular file (all of a shorter one); NotRead for anything else."""
    fd, _ = _open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def read(path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, and its stat (of the descriptor read).
    Raises NotRead for anything else, OSError when it cannot be opened (a symlink loop included)."""
    fd, st = _open_regular(path)
    try:
        want = limit + 1
        data = os.read(fd, min(want, st.st_size + 1, _CHUNK))  # the whole file, as a rule
        if data and len(data) < want:  # then the end of the file: or more, if it grew meanwhile
            chunks, got = [data], len(data)
            while got < want:
                chunk = os.read(fd, min(want - got, _CHUNK))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
            if len(chunks) > 1:
                data = b"".join(chunks)
        if len(data) > limit:
            raise NotRead(0, f"larger than {limit:,} bytes (limit max-file-bytes); not read")
        return data, st
    finally:
        os.close(fd)


def read_part(path, start: int, size: int) -> tuple[bytes, os.stat_result]:
    """`size` bytes of a regular file from `start` (fewer where it ends first), and its stat (of
    the descriptor read). NotRead for anything but a regular file."""
    fd, st = _open_regular(path)
    try:
        chunks, got = [], 0
        while got < size:
            chunk = os.pread(fd, min(size - got, _CHUNK), start + got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks), st
    finally:
        os.close(fd)


def _open_regular(path) -> tuple[int, os.stat_result]:
    """A descriptor open on `path` without blocking, and its stat; NotRead unless a regular file."""
    fd = os.open(path, _FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRead(0, "not a regular file; not read")
    except BaseException:
        os.close(fd)
        raise
    return fd, st
