"""A run on named files lists the rest of the project from its last walk (linter.tree) while no
folder walked and no ignore file changed: anything added, removed, renamed or newly ignored is
still seen."""

import json
import os
import time

import pytest
from linter import files
from linter.cli import main

STORY = '---\ntitle: "{title}"\nwebUrl: "https://example.com/{slug}"\n---\nBody.\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("linter.cache.RACY_NS", 0)  # every file here is new: kept all the same
    (tmp_path / ".git").mkdir()
    for folder in ("news", "blog"):
        (tmp_path / folder).mkdir()
        for i in range(5):
            (tmp_path / folder / f"{i}.md").write_text(STORY.format(title=f"{folder} story {i}", slug=f"{folder}-{i}"))
    return tmp_path


def kept(capsys) -> None:
    """Two runs: the first makes the cache's folder, the second keeps its walk there."""
    duplicates(capsys)
    duplicates(capsys)


def duplicates(capsys) -> list[str]:
    """The duplicate-article findings on news/0.md, checked alone (as pre-commit does)."""
    main(["check", "--format", "json", "--select", "duplicate-article", "news/0.md"])
    return [f["message"] for f in json.loads(capsys.readouterr().out)["findings"]]


def later() -> None:
    time.sleep(0.05)  # a folder's new mtime differs from the one kept (timestamps tick every few ms)


@pytest.fixture
def walks(monkeypatch):
    count = []
    walk = files.Discovery._walk

    def counted(self, *args):
        count.append(1)
        return walk(self, *args)

    monkeypatch.setattr(files.Discovery, "_walk", counted)
    return count


def test_the_kept_walk_serves_while_nothing_changed(project, capsys, walks):
    kept(capsys)
    assert list((project / ".newslint_cache").glob("results-*/tree-*"))
    walks.clear()
    assert duplicates(capsys) == []
    assert walks == []  # listed from the kept walk


@pytest.mark.parametrize("change", ["add", "rename", "folder"])
def test_a_file_added_or_renamed_is_seen(project, capsys, walks, change):
    kept(capsys)
    later()
    copy = STORY.format(title="news story 0", slug="news-0")
    if change == "add":
        (project / "blog" / "copy.md").write_text(copy)
    elif change == "rename":
        (project / "blog" / "1.md").write_text(copy)
        duplicates(capsys)
        later()
        (project / "blog" / "1.md").rename(project / "blog" / "1.txt")  # no longer a target
    else:
        (project / "blog" / "deeper").mkdir()
        (project / "blog" / "deeper" / "copy.md").write_text(copy)
    walks.clear()
    found = duplicates(capsys)
    assert walks == [1]
    assert found == ([] if change == "rename" else [found[0]]) and (change == "rename" or "is the same article" in found[0])


def test_an_ignore_file_edited_in_place_is_honoured(project, capsys):
    (project / "blog" / "copy.md").write_text(STORY.format(title="news story 0", slug="news-0"))
    (project / "blog" / ".gitignore").write_text("copy.md\n")
    kept(capsys)
    assert duplicates(capsys) == []
    later()
    (project / "blog" / ".gitignore").write_text("other\n")  # its folder's stamp stays the same
    assert len(duplicates(capsys)) == 1
    later()
    (project / ".git" / "info").mkdir()
    (project / ".git" / "info" / "exclude").write_text("blog/copy.md\n")
    assert duplicates(capsys) == []


def test_a_walk_that_met_a_symlink_is_not_kept(project, capsys):
    os.symlink(project / "blog" / "1.md", project / "news" / "link.md")
    kept(capsys)
    assert not list((project / ".newslint_cache").glob("results-*/tree-*"))


@pytest.mark.parametrize("junk", [b"", b"\xc1", b"\x81\xa5files\x05"])
def test_a_kept_walk_that_cannot_be_read_is_walked_again(project, capsys, walks, junk):
    kept(capsys)
    [walk] = (project / ".newslint_cache").glob("results-*/tree-*")
    walk.write_bytes(junk)
    (project / "blog" / "copy.md").write_text(STORY.format(title="news story 0", slug="news-0"))
    walks.clear()
    assert len(duplicates(capsys)) == 1 and walks == [1]


def test_the_kept_walk_lists_what_a_walk_lists(project, walks):
    from pathlib import Path

    from linter import config, tree

    for folder in ("news/2024", "news/2024/05", "blog/a b", "zeta"):
        (project / folder).mkdir(parents=True, exist_ok=True)
        for name in ("b.md", "a.md", "c.markdown", "skip.txt"):
            (project / folder / name).write_text(STORY.format(title=f"{folder} {name}", slug="x"))
    keep = project / "kept"
    keep.mkdir()
    (project / ".gitignore").write_text("kept/\n")

    def discovery():
        return files.Discovery(config.load(None, Path.cwd()), Path.cwd())

    walked = discovery().find([str(project)])
    assert tree.files(discovery(), project, keep) == walked  # walked, and kept
    assert list(keep.glob("tree-*"))
    walks.clear()
    assert tree.files(discovery(), project, keep) == walked and walks == []  # from what was kept
