"""Guarantee 1 at the level of a run: a hostile tree (symlink loops, FIFOs appearing after
discovery, files that never end, paths too long to open) gives findings or notes, never a
traceback or a hang, and the run goes on with the other files. Run-level cases go through the
CLI in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import safeio
from linter.config import Config
from linter.files import Discovery

GOOD = b'---\ntitle: "A plain story"\npublished: true\n---\nBody.\n'


def newslint(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def test_symlink_loops_are_named_when_walked_and_when_named(tmp_path):
    (tmp_path / "ok.md").write_bytes(GOOD)
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    for args in ([], ["loop.md", "a.md", "ok.md"]):
        proc = newslint(tmp_path, "check", "--no-cache", *args)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert "All checks passed (1 file)" in proc.stdout
        for name in ("loop.md", "a.md", "b.md") if not args else ("loop.md", "a.md"):
            assert f"newslint: {name}: cannot read: Too many levels of symbolic links" in proc.stderr, proc.stderr


def test_a_file_replaced_by_a_fifo_after_discovery_is_a_finding_not_a_hang(tmp_path):
    from helpers import settings
    from linter import batch

    (tmp_path / "a.md").write_bytes(GOOD)
    (tmp_path / "b.md").write_bytes(GOOD)
    targets = Discovery(Config(root=tmp_path), tmp_path).find(["."])
    os.unlink(tmp_path / "a.md")
    os.mkfifo(tmp_path / "a.md")  # nobody will ever write to it: a blocking open would wait forever
    result = batch.run(targets, settings(["ALL"], root=tmp_path), batch.RunOptions(cache=False), tmp_path)
    by_path = {r.path: [(f.rule, f.message) for f in r.findings] for r in result.results}
    assert by_path["a.md"] == [("file-unreadable", "cannot read this file: not a regular file; not read")]
    assert by_path["b.md"] == []


def test_reads_stop_one_byte_past_the_limit(tmp_path, monkeypatch):
    """A file that grows while read, or a sparse file of terabytes, costs at most limit + 1 bytes."""
    big = tmp_path / "sparse.md"
    with open(big, "wb") as fh:
        fh.truncate(6 * 2**30)  # 6 GiB of holes: no disk used
    asked = []
    real_read = os.read

    def counting_read(fd, n):
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(safeio.NotRead, match="larger than 1,000 bytes"):
        safeio.read(big, 1000)
    assert sum(asked) == 1001
    asked.clear()
    (tmp_path / "small.md").write_bytes(GOOD)
    assert safeio.read(tmp_path / "small.md", 1000)[0] == GOOD
    assert asked == [len(GOOD) + 1, 1001 - len(GOOD)]  # the file, then the end of it


def test_a_huge_sparse_file_is_a_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "ok.md").write_bytes(GOOD)
    with open(tmp_path / "huge.md", "wb") as fh:
        fh.truncate(6 * 2**30)
    (tmp_path / ".newslint.toml").write_text("[limits]\nmax-file-bytes = 1048576\n")
    proc = newslint(tmp_path, "check", "--no-cache", "--format", "json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    report = json.loads(proc.stdout)
    assert [(f["path"], f["rule"], f["message"]) for f in report["findings"]] == [
        ("huge.md", "file-unreadable", "cannot read this file: larger than 1,048,576 bytes (limit max-file-bytes); not read")]
    assert report["summary"]["files"] == 2


def test_topics_learn_skips_fifos(tmp_path):
    labelled = b"---\ntitle: x\ntopics: [robots]\n---\nRobots fold laundry in the lab.\n"
    for i in range(3):
        (tmp_path / f"a{i}.md").write_bytes(labelled)
    os.mkfifo(tmp_path / "pipe.md")
    proc = newslint(tmp_path, "topics", "learn", ".", "pipe.md", "-o", "profile.json", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "skipping pipe.md: not a regular file; not read" in proc.stderr
    assert (tmp_path / "profile.json").exists()


def test_a_folder_too_deep_to_open_is_reported_not_skipped_silently(tmp_path):
    """A path over PATH_MAX (4,096 bytes on Linux) cannot be opened by name: the run says so."""
    fd = os.open(tmp_path, os.O_RDONLY)
    name = "d" * 250
    try:
        for _ in range(18):  # 18 x 251 characters: past 4,096
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as fh:
            fh.write(GOOD)
    finally:
        os.close(fd)
    (tmp_path / "ok.md").write_bytes(GOOD)
    proc = newslint(tmp_path, "check", "--no-cache")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "cannot list this folder: File name too long" in proc.stderr, proc.stderr


def test_jobs_are_capped_by_files_and_cores():
    from linter.batch import _jobs

    cores = len(os.sched_getaffinity(0))
    assert _jobs(3000, 10_000) <= 4 * cores
    assert _jobs(3000, 3) <= 3
    assert _jobs(None, 1) == 1
    assert _jobs(2, 10_000) == min(2, 4 * cores)


def test_temp_files_of_a_zombie_worker_are_removed_by_the_next_run(tmp_path):
    """A killed worker that nobody reaps (PID 1 in a container that does not) still answers
    signals: os.kill(pid, 0) says it is alive. Its process state says it is a zombie."""
    import time

    (tmp_path / "ok.md").write_bytes(GOOD)
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # not waited for: a zombie once it ends
    try:
        for _ in range(200):
            with open(f"/proc/{zombie.pid}/stat", "rb") as fh:
                if fh.read().rsplit(b")", 1)[1][1:2] == b"Z":
                    break
            time.sleep(0.05)
        os.kill(zombie.pid, 0)  # the signal reaches it
        temp = tmp_path / f".newslint-{zombie.pid}-abcd1234.tmp"
        temp.write_bytes(b"half a fi")
        proc = newslint(tmp_path, "check", "--no-cache")
        assert proc.returncode == 0, proc.stderr
        assert not temp.exists()
    finally:
        zombie.wait()


def _reference_glob(pattern: str, path: str) -> bool:
    """The glob semantics as a plain backtracking regex (exponential on hostile names)."""
    import re

    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.match("".join(out) + r"(?:/.*)?\Z", path) is not None


def test_the_glob_matcher_means_what_the_plain_one_means():
    import random
    import re

    from linter.config import _glob_source

    rng = random.Random(20)
    for _ in range(20_000):
        pattern = "".join(rng.choice(["a", "b", "-", "?", "/", "*", "**", "a/"]) for _ in range(rng.randint(1, 8)))
        path = "".join(rng.choice("ab-/") for _ in range(rng.randint(0, 10)))
        assert (re.match(_glob_source(pattern), path) is not None) == _reference_glob(pattern, path), (pattern, path)


def test_an_exclude_glob_with_many_stars_on_a_long_name_is_linear(tmp_path):
    """`*-*-*-*-*-draft.md` against a 244-dash name: a backtracking matcher tries every way to
    split the dashes (43 s); this one matches each star up to the next dash once."""
    (tmp_path / ".newslint.toml").write_text('extend-exclude = ["*-*-*-*-*-draft.md"]\n')
    (tmp_path / ("-" * 244 + ".md")).write_bytes(GOOD.replace(b"true", b'"no"'))
    (tmp_path / "a-b-c-d-e-draft.md").write_bytes(GOOD.replace(b"true", b'"no"'))
    proc = newslint(tmp_path, "check", "--no-cache", "--select", "published-not-boolean", "--format", "json")
    assert [f["path"] for f in json.loads(proc.stdout)["findings"]] == ["-" * 244 + ".md"]


def test_a_named_path_too_long_to_open_is_reported(tmp_path):
    long = "/".join(["d" * 250] * 18) + "/x.md"
    (tmp_path / "ok.md").write_bytes(GOOD)
    proc = newslint(tmp_path, "check", "--no-cache", long, "ok.md")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "cannot read: File name too long" in proc.stderr
