"""The result cache: `.newslint_cache/` beside the project's configuration (see `folder_for`; it
ignores itself for git).

One folder per (newslint version, effective configuration, installed rule plugins, the clock's
day and SOURCE_DATE_EPOCH, the contents of files rule options name), holding one binary file,
`index`: a header naming its sections, then each section as MessagePack data:
  files            each file's path (relative to the project folder) -> stamp (size, mtime,
                   ctime, inode), content hash, and a hash of its facts for each repository rule
                   (a list in the order of the rules, "" where it has none)
  results          per-file results (findings, suppressions), keyed by path, with their hash;
                   each result packed on its own, unpacked only when asked for
  facts CODE       per-file facts for the repository rule CODE, keyed by path, with their hash
  repository       each repository rule's last findings, for a whole run and for a run on named
                   files, each with the state of every file's facts for it they came from (the
                   findings packed per file, and packed again: unpacked only for a state that
                   matches, and then only the rows of the files reported on)
A section is read from the index and unpacked only when first needed (a warm run with nothing
changed never reads facts; a pre-commit run reads neither the results nor the facts of the
rules whose findings it reuses, and stores its one file's entries without reading the sections
they go in), and a run that changed nothing writes nothing. Sections are read from the file
whose header was read: an index another run wrote meanwhile is not mixed with it (its sections
count as missing: cache misses). A run that changed a few entries writes them to `journal` beside the
index (every entry changed since the index was written), which is read with it; the index is
written anew once the journal is an eighth of it (see `Cache.save`). A file whose stamp is unchanged is a hit; otherwise its content hash
decides, so a `touch` or a checkout of identical content costs a hash, not a lint. A file that
changed less than RACY_NS before it was cached is hashed next time whatever its stamp (a rewrite
within one timestamp tick keeps it). A result or fact counts only if its hash is the file's
current one, and facts only if they hash to what the index says. The index is replaced whole
and atomically (linter.atomic): concurrent runs never see a torn file, and the last one to finish
wins. An index or a section that cannot be read (junk, the wrong shape, a FIFO, data nested too
deeply, another user's file) is ignored and rebuilt. MessagePack is data: nothing in the cache
can execute code.

A cache folder (or result folder) that is a symbolic link, not a folder, or another user's is
not used at all; the index is never written through a link.

A new folder (a new version, configuration or plugin) leaves at most KEEP others, the most
recently written; older ones are removed, so upgrades and configuration changes do not pile up
copies of a large repository's results.
"""
from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

from linter import __version__, atomic, safeio
from linter.packing import Packed, pack, unpack

DIRNAME = ".newslint_cache"
INDEX = "index"
JOURNAL = "journal"
JOURNAL_SHARE = 1 / 8  # the journal is folded into the index once it is this large a part of it
JOURNAL_MIN = 1 << 18  # bytes: a journal this small stays a journal, whatever the index's size
FORMAT = 8
MAGIC = b"newslint-index\x00" + bytes([FORMAT])
KEEP = 4  # result folders kept besides the one in use
MAX_INDEX_BYTES = 1 << 32  # a larger index is not read (it is rebuilt)
HEADER_READ = 4096  # bytes read first of an index: its header, as a rule


RACY_NS = 2_000_000_000  # a file changed this close to when it was cached may change again unseen


def stamp(st: os.stat_result) -> list[int]:
    """What a file's stat says of its content: size, mtime, ctime (which no tool can set back) and
    inode (a file replaced by another). Equal stamps mean the same content unless the file was
    changed within the timestamps' granularity of being cached: see `Cache.store`."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _kept(file_stamp: list[int]) -> list[int]:
    """The stamp to keep: one that cannot match (the content is hashed next time) if the file
    changed within RACY_NS of now. A file rewritten within the same timestamp tick with the same
    size (a `git checkout` does this) would otherwise look unchanged, as in git's "racy" index."""
    if time.time_ns() - max(file_stamp[1], file_stamp[2]) < RACY_NS:
        return [-1, -1, -1, -1]
    return file_stamp


KEY_LENGTH = 32  # characters of a content hash


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=KEY_LENGTH // 2).hexdigest()


def facts_keys(facts: dict[str, Packed], codes: list[str]) -> list[str]:
    """A file's facts (packed) for each repository rule as a short hash, in the order of `codes`
    ("" for a rule it has no facts for): while no file's facts for a rule change, that rule's
    findings stay the same, whatever else changed in the files. A list of strings rather than a
    mapping: a tree's keys are read, and each rule's column taken and joined, at a fraction of
    the cost."""
    return [content_hash(facts[code]) if code in facts else "" for code in codes]


def read_own(path: Path) -> bytes:
    """The bytes of one of the cache's files; b"" for another user's (its data could hide
    findings). OSError for a missing or unreadable one, or one that is not a regular file."""
    raw, st = safeio.read(path, MAX_INDEX_BYTES)
    return b"" if hasattr(os, "geteuid") and st.st_uid != os.geteuid() else raw


def read_index(path: Path) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """An index file's bytes and its sections ({name: (start, end)}); nothing for a missing,
    foreign (another user's) or unreadable one."""
    try:
        raw = read_own(path)
        return raw, _sections(raw, len(raw))
    except (OSError, ValueError, TypeError, AttributeError):
        return b"", {}


def read_header(path: Path) -> tuple[tuple | None, dict[str, tuple[int, int]]]:
    """What identifies an index file (to read its sections from that same file later: see
    `read_section`) and its sections ({name: (start, end)}), reading only its header; (None, {})
    for a missing, foreign or unreadable one."""
    try:
        head, st = safeio.read_part(path, 0, HEADER_READ)
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid() or st.st_size > MAX_INDEX_BYTES:
            return None, {}
        size = int.from_bytes(head[len(MAGIC):len(MAGIC) + 4], "big") if head.startswith(MAGIC) else -1
        if size < 0:
            return None, {}
        if len(MAGIC) + 4 + size > len(head):
            head, st = safeio.read_part(path, 0, len(MAGIC) + 4 + size)
        return _identity(st), _sections(head, st.st_size)
    except (OSError, ValueError, TypeError, AttributeError):
        return None, {}


def read_section(path: Path, identity: tuple, where: tuple[int, int]) -> bytes | None:
    """A section's bytes, if the index is still the file `read_header` read (an index written
    since by another run is not mixed with the header of this one)."""
    try:
        data, st = safeio.read_part(path, where[0], where[1] - where[0])
    except OSError:
        return None
    return data if _identity(st) == identity else None


def _identity(st: os.stat_result) -> tuple:
    """What tells one index file from another: a new one (written whole, then renamed over the
    old) differs in inode or times."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_uid


def _sections(head: bytes, size: int) -> dict[str, tuple[int, int]]:
    """The sections an index's header names, in a file of `size` bytes; ValueError for junk."""
    if not head.startswith(MAGIC):
        return {}
    length = int.from_bytes(head[len(MAGIC):len(MAGIC) + 4], "big")
    base = len(MAGIC) + 4 + length
    header = unpack(head[len(MAGIC) + 4:base])
    return {name: (base + start, base + end) for name, (start, end) in header.items()
            if isinstance(name, str) and 0 <= start <= end <= size - base}


def write_index(path: Path, sections: dict[str, bytes]) -> None:
    header, offset = {}, 0
    for name, data in sections.items():
        header[name] = [offset, offset + len(data)]
        offset += len(data)
    head = pack(header)
    atomic.write(path, b"".join([MAGIC, len(head).to_bytes(4, "big"), head, *sections.values()]),
                 create=True, durable=False)


def read_journal(path: Path) -> dict[str, dict]:
    """The entries written since the index was (see `Cache.save`): {section: {key: entry}}."""
    try:
        raw = read_own(path)
        if not raw.startswith(MAGIC):
            return {}
        journal = unpack(memoryview(raw)[len(MAGIC):])
    except (OSError, ValueError):
        return {}
    if not isinstance(journal, dict):
        return {}
    return {name: entries for name, entries in journal.items() if isinstance(name, str) and isinstance(entries, dict)}


class Cache:
    def __init__(self, folder: Path, key: str, max_file_bytes: int, codes: list[str]):
        self.folder = folder
        self.key = hashlib.sha256(f"{FORMAT}|{__version__}|{key}".encode()).hexdigest()[:24]
        self.dir = folder / f"results-{self.key}"
        self.max_file_bytes = max_file_bytes
        self.codes = codes  # the repository rules, in the order of each file's facts keys (`facts_keys`)
        # Why the folder must not be used (then the caller must not use this cache), or None.
        self.refused = refusal(folder) or (refusal(self.dir) if os.path.lexists(self.dir) else None)
        self._identity, self._where = (None, {}) if self.refused else read_header(self.dir / INDEX)
        self._journal = {} if self.refused or not self._where else read_journal(self.dir / JOURNAL)
        self._sections: dict[str, dict] = {}  # unpacked (with the journal's entries and this run's changes), by name
        self._changed: dict[str, dict] = {}  # section -> the entries this run changed in it

    def _section(self, name: str) -> dict:
        section = self._sections.get(name)
        if section is None:
            section = {}
            if name in self._where:
                raw = read_section(self.dir / INDEX, self._identity, self._where[name])
                try:
                    section = unpack(raw) if raw is not None else {}
                except ValueError:
                    pass
                if not isinstance(section, dict):
                    section = {}
            section.update(self._journal.get(name, ()))
            section.update(self._changed.get(name, ()))
            self._sections[name] = section
        return section

    def _get(self, name: str, relpath: str, size: int) -> list | None:
        entry = self._section(name).get(relpath)
        return entry if isinstance(entry, list) and len(entry) == size else None

    def _put(self, name: str, relpath: str, entry) -> None:
        """Change an entry; a section not read yet is not read for this (a pre-commit run stores
        one file's result and facts: the other files' are not unpacked for that)."""
        section = self._sections.get(name)
        if section is not None:
            if section.get(relpath) == entry:
                return
            section[relpath] = entry
        self._changed.setdefault(name, {})[relpath] = entry

    def lookup(self, targets) -> list[tuple[str, list[str]] | None]:
        """For each target (its `relpath` and `file`): (content hash, facts keys) if the index
        knows the file and its content is unchanged, from the index when its stamp matches, else
        by hashing the file; None if unknown, changed or unreadable. One pass over a whole tree
        (a pre-commit run looks up every file of the project): a stat per file."""
        files = self._section("files")
        width = len(self.codes)
        out = []
        for t in targets:
            entry = files.get(t.relpath)
            try:  # junk: the file is linted again and its entry rewritten
                size, mtime, ctime, inode, digest, key = entry
                if (type(digest) is not str or type(key) is not list or len(key) != width
                        or len("".join(key)) != KEY_LENGTH * (width - key.count(""))):
                    entry = None  # each key a content hash: the run's repository state joins them unambiguously
            except (TypeError, ValueError, AttributeError):
                entry = None
            if entry is None:
                out.append(None)
                continue
            try:
                st = os.stat(t.file)
            except OSError:
                out.append(None)
                continue
            if st.st_size == size and st.st_mtime_ns == mtime and st.st_ctime_ns == ctime and st.st_ino == inode:
                out.append((digest, key))
            else:
                out.append(self._rehash(t.relpath, t.file, digest, key))
        return out

    def _rehash(self, relpath: str, file: str, digest: str, key: list[str]) -> tuple[str, list[str]] | None:
        """A file whose stamp changed: (digest, key) if its content is as the index says (then
        its new stamp is kept), else None."""
        try:
            raw, st = safeio.read(file, self.max_file_bytes)
        except OSError:
            return None
        if digest != content_hash(raw):
            return None
        self._put("files", relpath, [*_kept(stamp(st)), digest, key])
        return digest, key

    def result(self, relpath: str, digest: str) -> dict | None:
        """A file's cached result ({"findings", "directives", "internal_error"}), or None."""
        entry = self._get("results", relpath, 2)
        if entry is None or entry[0] != digest or not isinstance(entry[1], bytes):
            return None
        try:
            result = unpack(entry[1])
        except ValueError:
            return None
        return result if isinstance(result, dict) else None

    def facts(self, code: str, files: list[tuple[str, str, list[str]]]) -> list[Packed | None]:
        """The facts (packed) for the repository rule `code` of each file (relpath, content hash,
        facts keys), or None for a file whose facts were lost. Facts count only if they are what
        the index says they were (their hash is the file's key for `code`): junk in a facts
        section would otherwise silently drop cross-file findings."""
        section = self._section(f"facts {code}")
        n = self.codes.index(code)
        out = []
        for relpath, digest, keys in files:
            entry = section.get(relpath)
            value = entry[1] if type(entry) is list and len(entry) == 2 and entry[0] == digest else None
            out.append(Packed(value) if type(value) is bytes and content_hash(value) == keys[n] else None)
        return out

    def store(self, relpath: str, file_stamp: list[int], digest: str, result: bytes | None, facts: dict,
              keys: list[str]) -> None:
        """Record a file's stamp (of its stat when read), content hash, facts (packed; and their
        keys) and, unless only its facts were collected, its result (packed)."""
        self._put("files", relpath, [*_kept(file_stamp), digest, keys])
        if result is not None:
            self._put("results", relpath, [digest, result])
        for code, value in facts.items():
            self._put(f"facts {code}", relpath, [digest, bytes(value)])

    def repository_findings(self, slot: str, state: str) -> dict[str, bytes] | None:
        """A repository rule's findings stored under `slot` (its code after "all" or "named"),
        as {relpath: packed finding rows}, if they were computed from `state`. Packed twice: a
        run unpacks the findings of the slots whose state it has, and of them only the rows of
        the files it reports on."""
        entry = self._section("repository").get(slot)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == state and type(entry[1]) is bytes:
            try:
                findings = unpack(entry[1])
            except ValueError:
                return None
            return findings if isinstance(findings, dict) else None
        return None

    def set_repository_findings(self, slot: str, state: str, findings: dict[str, list]) -> None:
        self._put("repository", slot, [state, pack({relpath: pack(rows) for relpath, rows in findings.items()})])

    def save(self) -> None:
        """Record what changed. A few changes in a large index (a pre-commit run, a warm run after
        an edit) go to the journal: every entry changed since the index was written, read with it
        and written whole, small. Once the journal grows past JOURNAL_SHARE of the index, or
        without an index, the index is written anew: the changed sections (and those the journal
        touches) packed, the others copied as they were read, and the journal removed. Entries
        prove themselves (by content hash, by state), so a journal that a concurrent run
        replaced or removed costs cache misses, never wrong findings."""
        if self.refused or not self._changed:
            return
        try:
            new = not os.path.lexists(self.dir)
            for folder in (self.folder, self.dir):
                try:
                    os.mkdir(folder, 0o777)
                except FileExistsError:
                    pass
                if refusal(folder) is not None:  # planted since: a symlink or someone else's
                    return
            _create(self.folder / ".gitignore", b"# Created by newslint automatically.\n*\n")
            if new:
                _prune(self.folder, self.dir)
            journal = {name: dict(entries) for name, entries in self._journal.items()}
            for name, entries in self._changed.items():
                journal.setdefault(name, {}).update(entries)
            data = pack(journal)
            if self._where and len(data) <= max(JOURNAL_MIN, self._identity[2] * JOURNAL_SHARE):
                atomic.write(self.dir / JOURNAL, MAGIC + data, create=True, durable=False)
            else:
                raw, where = read_index(self.dir / INDEX) if self._where else (b"", {})
                raw = memoryview(raw)
                sections = {name: raw[start:end] for name, (start, end) in where.items()}
                sections.update((name, pack(self._section(name))) for name in {*self._changed, *self._journal})
                write_index(self.dir / INDEX, sections)
                try:
                    os.unlink(self.dir / JOURNAL)
                except FileNotFoundError:
                    pass
            self._changed.clear()
        except (OSError, atomic.WriteRefused):
            pass  # a read-only project still lints; it just is not cached


def refusal(folder: Path) -> str | None:
    """Why the cache folder (or a result folder in it) must not be used, or None: a symbolic link
    (planted, it would make a plain check write wherever it points), not a folder, or another
    user's (its results could hide findings)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be used ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link; not used"
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder; not used"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return "belongs to another user; not used"
    return None


def _create(path: Path, data: bytes) -> None:
    """Write a new file, never through a symlink nor over an existing file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def run_key(settings, schemas) -> str:
    """Everything besides a file's bytes that its findings depend on: the configuration, the
    custom schemas' contents, the rule plugins and their sources, the clock, and the files rule
    options name (a topic profile). The result folder is named by its digest."""
    return "|".join([settings.fingerprint(), schemas.fingerprint(), *settings.registry.plugins,
                     clock_key(), option_files_key(settings.active)])


def clock_key() -> str:
    """The clock as findings may depend on it (a date in the future): SOURCE_DATE_EPOCH if set, and
    today's UTC date. A cached result is reused for the rest of the UTC day at most; the clock
    only moves forward, so what that can leave is a date reported as future for up to a day
    after it no longer is, never a future date missed."""
    return f"{os.environ.get('SOURCE_DATE_EPOCH', '')}@{time.strftime('%Y-%m-%d', time.gmtime())}"


def option_files(active) -> list[str]:
    """Every file a rule option names (a topic profile, a word list): any option string (or
    string in a list) naming a regular file, as the rule would open it (from the working folder)."""
    return [name for a in active for value in a.options.values() for name in (value if isinstance(value, list) else [value])
            if isinstance(name, str) and name and "\0" not in name and os.path.isfile(name)]


def option_files_key(active) -> str:
    """A digest of every file a rule option names: editing one changes the findings."""
    digest = hashlib.sha256()
    for a in active:
        for name in option_files([a]):
            try:
                raw, _ = safeio.read(name, MAX_INDEX_BYTES)
            except OSError:
                raw = b"unreadable"
            digest.update(f"{a.spec.code}\0{name}\0{content_hash(raw)}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def folder_for(config, folders, cwd: Path) -> Path:
    """Where the cache of a run on files in `folders` lives (the default location: the one place
    that decides it): beside the configuration file; else at the top of the git work tree that
    holds those folders; else in the working folder if they are below it; else in the folder
    they share. Linting another folder never writes into the working folder."""
    if config.source is not None or not folders:
        return config.root / DIRNAME
    shared = Path(os.path.commonpath([str(f) for f in folders]))
    for folder in [shared, *shared.parents]:
        if os.path.lexists(folder / ".git"):
            return folder / DIRNAME
    return (cwd if shared == cwd or cwd in shared.parents else shared) / DIRNAME


def _prune(folder: Path, current: Path) -> None:
    """Remove all but the KEEP most recently written result folders other than `current`. A run
    still using one it removes only misses the cache (its reads find nothing, its writes fail
    and are skipped)."""
    import shutil

    others = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("results-") and entry.path != str(current) and entry.is_dir(follow_symlinks=False):
                try:
                    others.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
                except OSError:
                    continue
    for _, path in sorted(others, reverse=True)[KEEP:]:
        shutil.rmtree(path, ignore_errors=True)


def clean(folder: Path) -> bool:
    """Remove a cache folder; True if it was there and is gone. A symlink in its place is removed
    itself, never what it points to."""
    if os.path.islink(folder):
        os.unlink(folder)
        return True
    if folder.is_dir() and (folder / ".gitignore").exists() or folder.name == DIRNAME and folder.is_dir():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        return not os.path.lexists(folder)
    return False
