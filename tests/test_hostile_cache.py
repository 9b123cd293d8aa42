"""The result cache gives the answers a cold run gives, whatever is done to it, and never writes
outside the project: stale stats, the clock, rule option files, junk, FIFOs and deep nesting in
its index, planted symlinks. Each case is a CLI run (as the program) in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEL = ["--select", "published-not-boolean,date-future"]
GOOD = '---\ntitle: "A plain story"\npublished: true\n---\nBody.\n'
BAD = '---\ntitle: "A plain story"\npublished: "no"\n---\nBody.\n'  # the same size as GOOD


def newslint(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def findings(cwd: Path, *args: str, env: dict | None = None) -> list[tuple[str, str]]:
    proc = newslint(cwd, "check", "--format", "json", *args, env=env)
    assert "Traceback" not in proc.stderr and proc.returncode in (0, 1), proc.stderr
    return [(f["path"], f["rule"]) for f in json.loads(proc.stdout)["findings"]]


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".newslint.toml").write_text("")
    (tmp_path / "a.md").write_text(GOOD)
    return tmp_path


def test_an_edit_that_keeps_size_and_mtime_is_seen(project):
    post = project / "a.md"
    assert len(GOOD) == len(BAD)
    assert findings(project, *SEL) == []
    before = post.stat()
    post.write_text(BAD)  # a checkout within the same second: same size, and the mtime put back
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert findings(project, *SEL) == [("a.md", "published-not-boolean")]
    assert newslint(project, "check", "--fix", *SEL).returncode == 0
    assert post.read_text() == GOOD.replace("true", "false")


def test_the_clock_is_part_of_the_key(project):
    (project / "a.md").write_text(GOOD.replace("Body.", "Body.").replace("published: true\n",
                                  "published: true\npublishedDateTime: 2030-01-01T00:00:00Z\n"))
    assert findings(project, *SEL, env={"SOURCE_DATE_EPOCH": "1900000000"}) == []  # 2030-03-17
    assert findings(project, *SEL, env={"SOURCE_DATE_EPOCH": "1700000000"}) == [("a.md", "date-future")]  # 2023


def test_the_contents_of_a_file_a_rule_option_names_are_part_of_the_key(project):
    from rules.content import _profiles, _terms

    (project / ".newslint.toml").write_text('[rules.topic-mismatch]\nprofiles = ["profile.json"]\n')
    (project / "a.md").write_text('---\ntitle: "Robots"\ntopics: [robots]\n---\nRobots fold laundry.\n')
    (project / "profile.json").write_text("{")
    sel = ["--select", "topic-mismatch"]
    assert findings(project, *sel) == [("a.md", "topic-mismatch")]  # the profile cannot be read
    profile = {"format": _profiles.FORMAT, "version": _profiles.VERSION, "stemmer": _terms.STEMMER, "labels": {}}
    (project / "profile.json").write_text(json.dumps(profile))
    assert findings(project, *sel) == []


def _index(project: Path) -> Path:
    [index] = (project / ".newslint_cache").glob("results-*/index")
    return index


def _rewrite_sections(project: Path, change) -> None:
    """Replace each section of the index by `change(name, value)` (bytes: as they are)."""
    from linter import cache, packing

    index = _index(project)
    raw, sections = cache.read_index(index)
    out = {}
    for name, (start, end) in sections.items():
        new = change(name, packing.unpack(raw[start:end]))
        out[name] = new if isinstance(new, bytes) else packing.pack(new)
    cache.write_index(index, out)


def _tree(project: Path) -> None:
    """Ten files, two pairs with the same title (duplicate-title compares files)."""
    for i in range(10):
        title = "Shared title" if i in (1, 2) else "Twin title" if i in (3, 4) else f"Story number {i}"
        (project / f"p{i}.md").write_text(f'---\ntitle: "{title}"\npublished: "no"\n---\nBody {i}.\n')


@pytest.mark.parametrize("junk", ["fifo", "deep", "wrong-shape", "wrong-types"])
def test_a_cache_that_cannot_be_read_is_ignored_entry_by_entry_and_rebuilt(project, junk):
    _tree(project)
    sel = ["--select", "published-not-boolean,duplicate-title"]
    cold = findings(project, *sel, "--no-cache")
    assert findings(project, *sel) == cold and ("p1.md", "duplicate-title") in cold
    from linter.packing import pack, unpack

    def wrong_types(name, section):  # each entry where it belongs, its values of the wrong types
        for key, entry in section.items():
            if name == "results":  # [digest, packed result]
                entry[-1] = pack({"findings": [[1, 2]], "directives": 5, "internal_error": "x"})
            elif name == "repository":  # [state, packed {path: packed finding rows}]
                entry[-1] = pack({path: pack([["x"]]) for path in unpack(entry[-1])})
        return section

    if junk == "fifo":
        index = _index(project)
        index.unlink()
        os.mkfifo(index)  # a blocking open would hang every run
    elif junk == "deep":
        _rewrite_sections(project, lambda name, section: b"\x91" * 100_000 + b"\xc0")
    elif junk == "wrong-shape":
        _rewrite_sections(project, lambda name, section: {"all X": 5, **{
            f"p{i}.md": [["x"], {"a": 1}, None, "7", 3.5, {"b": None}] for i in range(10)}})
    else:
        _rewrite_sections(project, wrong_types)
    assert findings(project, *sel) == cold
    assert findings(project, *sel) == cold  # rebuilt: and read back


def test_junk_in_the_facts_does_not_drop_cross_file_findings(project):
    _tree(project)
    sel = ["--select", "published-not-boolean,duplicate-title"]
    findings(project, *sel)  # the cache filled
    _rewrite_sections(project, lambda name, section: {path: [digest, {"junk": True}] for path, (digest, _) in section.items()}
                      if name.startswith("facts ") else section)
    (project / "p9.md").write_text('---\ntitle: "Story number 8"\npublished: "no"\n---\nBody 9.\n')
    warm = findings(project, *sel)
    assert warm == findings(project, *sel, "--no-cache")
    assert len([r for _, r in warm if r == "duplicate-title"]) == 6


def test_a_planted_cache_symlink_is_not_followed(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / ".newslint_cache").symlink_to(elsewhere, target_is_directory=True)
    proc = newslint(project, "check", *SEL)
    assert proc.returncode == 0 and "is a symbolic link; not used" in proc.stderr, proc.stderr
    assert list(elsewhere.iterdir()) == []
    proc = newslint(project, "clean")
    assert proc.returncode == 0 and not os.path.lexists(project / ".newslint_cache") and elsewhere.is_dir()


def test_a_dangling_gitignore_symlink_in_the_cache_creates_nothing(project, tmp_path_factory):
    target = tmp_path_factory.mktemp("elsewhere") / "created-by-newslint"
    (project / ".newslint_cache").mkdir()
    (project / ".newslint_cache" / ".gitignore").symlink_to(target)
    assert findings(project, *SEL) == []
    assert not target.exists()
    assert _index(project).is_file()


def test_linting_another_folder_writes_no_cache_into_the_working_folder(tmp_path):
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    (tmp_path / "there" / "a.md").write_text(GOOD)
    assert findings(tmp_path / "here", *SEL, "../there") == []
    assert list((tmp_path / "here").iterdir()) == []
    assert list((tmp_path / "there" / ".newslint_cache").glob("results-*/index"))
