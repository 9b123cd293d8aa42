"""The command line a Ruff user expects (issue 17): no surprise writes, no silent passes,
readable output, Ruff's flags. Every case goes through `main([...])` or a subprocess."""

import json
import os
import subprocess
import sys

import pytest
from linter.cli import main

BAD = '---\ntitle: "A story"\npublished: "false"\n---\nBody.\n'
GOOD = '---\ntitle: "A story"\npublished: true\n---\nBody.\n'
SEL = ["--select", "FM,PUB001,NL100"]
# A title with a fixable entity and an unfixable finding at the same pointer (/title).
TWO_AT_ONE_PLACE = ('---\ntitle: "Cats &amp; dogs adopt a robot vacuum"\n'
                    'webUrl: "https://example.com/2024/05/01/stock-markets-fall-sharply.html"\n---\nBody.\n')


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def write(root, name, text, mode="w"):
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


def check(*args):
    return main(["check", "--no-cache", "--no-progress", *args])


# ---- data safety ------------------------------------------------------------------------------
def test_unsafe_fixes_without_fix_writes_nothing(project, capsys):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--unsafe-fixes") == 1
    assert p.read_text() == BAD
    assert "PUB001" in capsys.readouterr().out


def test_unsafe_fixes_with_diff_previews_only(project, capsys):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--unsafe-fixes", "--diff") == 1
    assert p.read_text() == BAD
    assert '+published: false' in capsys.readouterr().out


def test_baseline_survives_a_fix_of_another_finding_of_the_same_value(project, capsys):
    p = write(project, "a.md", TWO_AT_ONE_PLACE)
    sel = ["--select", "TTL001,TXT001"]
    assert check(*sel, "--write-baseline", "baseline.json") == 0
    assert check(*sel, "--fix") == 1  # the entity is fixed; the title still does not match its slug
    assert "&amp;" not in p.read_text()
    capsys.readouterr()
    assert check(*sel, "--baseline", "baseline.json") == 0
    out = capsys.readouterr().out
    assert "TTL001" not in out and "1 baselined finding is gone" in out


def test_baseline_still_reports_a_new_finding_at_a_baselined_place(project, capsys):
    write(project, "a.md", TWO_AT_ONE_PLACE)
    assert check("--select", "TTL001", "--write-baseline", "baseline.json") == 0
    assert check("--select", "TTL001,TXT001", "--baseline", "baseline.json") == 1
    out = capsys.readouterr().out
    assert "TXT001" in out and "TTL001" not in out


@pytest.mark.parametrize("flag,target,why", [
    ("-o", "nope/dir/x.json", "no folder nope/dir"),
    ("-o", ".", "it is a folder"),
    ("--write-baseline", "nope/b.json", "no folder nope"),
])
def test_unwritable_output_fails_before_any_work(project, capsys, flag, target, why):
    p = write(project, "news/a.md", BAD)
    assert check(*SEL, "--fix", "--exit-zero", flag, target) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and why in err and "Traceback" not in err
    assert p.read_text() == BAD  # nothing fixed


def test_outputs_are_written_atomically_and_replace_the_old_file(project, capsys, monkeypatch):
    write(project, "news/a.md", BAD)
    out = write(project, "out.json", "old\n")
    assert check(*SEL, "--output-format", "json", "-o", "out.json") == 1
    assert json.loads(out.read_text())["findings"][0]["code"] == "PUB001"
    assert not [n for n in os.listdir(project) if n.endswith(".tmp")]
    from linter import fixer

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "replace", full_disk)
    base = write(project, "b.json", '{"version": 1, "findings": []}\n')
    assert check(*SEL, "--write-baseline", "b.json") == 2
    assert "No space left on device" in capsys.readouterr().err
    assert base.read_text() == '{"version": 1, "findings": []}\n'
    assert not [n for n in os.listdir(project) if n.endswith(".tmp")]


@pytest.mark.parametrize("text", [
    '\ufeff{"version": 1, "findings": []}',
    '{"version": 1, "findings": [{"path": "a", "rule": "r", "pointer": "", "fingerprint": "", "count": Infinity}]}',
    '{"version": 1, "findings": [{"path": "a", "rule": "r", "pointer": "", "fingerprint": "", "count": 1.5}]}',
    '[' * 100_000 + ']' * 100_000,
    '{"version": 2, "findings": []}',
    '\x00\xff',
])
def test_odd_baselines_get_a_clear_error_or_are_read(project, capsys, text):
    write(project, "news/a.md", BAD)
    write(project, "b.json", text.encode("utf-8", "surrogateescape") if "\xff" not in text else b"\x00\xff")
    code = check(*SEL, "--baseline", "b.json")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if text.startswith("\ufeff"):
        assert code == 1
    else:
        assert code == 2 and err.startswith("newslint: error: ") and err.count("\n") == 1


def test_non_utf8_file_names_reach_every_output(project, capsys):
    name = os.fsdecode(b"caf\xe9.md")
    write(project, name, BAD)
    base = write(project, "b.json", '{"version": 1, "findings": []}\n')
    assert check(*SEL, "--write-baseline", "b.json") == 0
    assert b"caf\\udce9.md" in base.read_bytes()
    assert check(*SEL, "--baseline", "b.json") == 0
    capsys.readouterr()
    for fmt in ("json", "sarif", "text", "concise", "full", "junit", "gitlab", "github", "json-lines"):
        assert check(*SEL, "--output-format", fmt, "-o", f"out.{fmt}") == 1, fmt
        assert "Traceback" not in capsys.readouterr().err
    sarif = json.loads((project / "out.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.md"
    assert check(*SEL, "--output-format", "json") == 1
    assert "caf" in capsys.readouterr().out
