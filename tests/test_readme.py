"""README shows only commands that work today: its Quickstart's test command is what `.ci/run`
runs, its first command lints the examples, and every `newslint ...` line in its shell blocks is
accepted by the command line as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from linter.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SHELL_BLOCKS = re.findall(r"```sh\n(.*?)```", README, re.S)
QUICKSTART = SHELL_BLOCKS[:2]


def test_quickstart_is_two_commands_and_ci_runs_the_second():
    install, tests = (block.strip() for block in QUICKSTART)
    assert "\n" not in install and "\n" not in tests
    assert "python3 -m venv .venv" in install and install.endswith("newslint check examples/")
    assert tests.startswith("python3 -m venv .venv") and tests.endswith("python -m pytest")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_quickstart_lints_the_examples(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(["check", "--no-cache", "--no-progress", "examples/"]) == 1  # findings, not an error
    assert "Found " in capsys.readouterr().out


COMMANDS = [line.split("  #")[0].strip() for block in SHELL_BLOCKS for line in block.splitlines()
            if line.startswith("newslint ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_newslint_command_in_readme_parses(command):
    args = shlex.split(command)[1:]
    build_parser().parse_args(args)  # exits (fails the test) on an unknown flag or subcommand


def test_readme_fits_on_a_few_screens():
    assert len(README.splitlines()) <= 400
    assert "newslint==" not in README and "rev: v0" not in README  # no release or tag exists
