"""A whole-tree check whose inputs did not change prints its stored report again (linter.replay):
the same bytes and exit code as a full run, and a full run as soon as anything it read changed."""

from __future__ import annotations

import os

import pytest

from linter import cache
from linter.cli import main
from linter.commands import check

BAD = '---\ntitle: "A plain story"\npublished: "no"\n---\nBody.\n'
GOOD = '---\ntitle: "Another story"\npublished: true\n---\nBody.\n'
SEL = ["--select", "published-not-boolean,duplicate-title"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # files written by the test are not too fresh to trust
    (tmp_path / ".newslint.toml").write_text("")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(BAD)
    (tmp_path / "news" / "b.md").write_text(GOOD)
    return tmp_path


def run(capsys, *args):
    code = main(["check", *SEL, *args])
    out, err = capsys.readouterr()
    return code, out, err


def replayed(monkeypatch, capsys, *args):
    """The run, which must not load the rules (it prints the stored report)."""
    def no_rules(*a, **k):
        raise AssertionError("the rules were loaded: not a replay")

    with monkeypatch.context() as m:
        m.setattr(check, "load_settings", no_rules)
        return run(capsys, *args)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_an_unchanged_tree_gets_the_same_report_and_exit_code_without_loading_rules(project, capsys, monkeypatch, fmt):
    first = run(capsys, "--format", fmt)
    assert first[0] == 1 and "published" in first[1]
    assert replayed(monkeypatch, capsys, "--format", fmt) == first


def test_a_changed_added_or_removed_file_is_a_full_run(project, capsys, monkeypatch):
    run(capsys)
    (project / "news" / "b.md").write_text(BAD.replace("plain", "other"))
    code, out, _ = run(capsys)
    assert code == 1 and out.count("published-not-boolean") == 2
    (project / "news" / "c.md").write_text(BAD)  # a new file, and a duplicate title
    code, out, _ = run(capsys)
    assert "news/c.md" in out and "duplicate-title" in out
    os.unlink(project / "news" / "c.md")
    code, out, _ = run(capsys)
    assert "news/c.md" not in out
    assert replayed(monkeypatch, capsys) == (code, out, "")


def test_other_arguments_or_configuration_are_a_full_run(project, capsys, monkeypatch):
    run(capsys)
    assert run(capsys, "--exit-zero")[0] == 0  # other arguments: not the stored run
    (project / ".newslint.toml").write_text('[severity]\npublished-not-boolean = "info"\n')
    code, out, _ = run(capsys)
    assert code == 0 and "[info]" in out


def test_a_report_written_to_a_file_is_written_again(project, capsys, monkeypatch):
    run(capsys, "--format", "json", "-o", "report.json")
    first = (project / "report.json").read_bytes()
    (project / "report.json").unlink()
    assert replayed(monkeypatch, capsys, "--format", "json", "-o", "report.json")[0] == 1
    assert (project / "report.json").read_bytes() == first


def test_named_files_and_fixes_are_never_replayed(project, capsys, monkeypatch):
    run(capsys, "news/a.md")
    with pytest.raises(AssertionError, match="not a replay"):
        replayed(monkeypatch, capsys, "news/a.md")  # repository rules compare it with files not named
    run(capsys, "--fix")
    assert (project / "news" / "a.md").read_text() != BAD


def test_a_junk_stored_report_is_ignored(project, capsys, monkeypatch):
    first = run(capsys)
    for stored in (project / ".newslint_cache").glob("replay-*"):
        stored.write_bytes(b"\x91" * 100_000 + b"\xc0")
    assert run(capsys) == first
