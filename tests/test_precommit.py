"""The hooks in .pre-commit-hooks.yaml, under the real pre-commit tool.

`pre-commit try-repo` installs this project (its committed HEAD) into a fresh virtual environment
the way a user's pre-commit would, so this needs git, pre-commit (`pip install -e '.[test]'`)
and a package index. Skipped where git or pre-commit is missing, or when the project is not a
git checkout; `.ci/run` has both, so CI runs it. Slow (one environment build): `-m "not precommit"`
leaves it out locally.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

BAD = """---
title: "Council approves the new tram line"
publishedDateTime: 2022-07-07T10:00:00Z
published: "yes"
---
"""
CLEAN = """---
title: "Library opens a reading garden"
publishedDateTime: 2022-07-08T09:30:00Z
published: true
---
"""


def _head() -> str | None:
    if shutil.which("git") is None:
        return None
    out = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() if out.returncode == 0 else None


HEAD = _head()
pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(HEAD is None, reason="the project is not a git checkout"),
    pytest.mark.skipif(not (PROJECT / ".pre-commit-hooks.yaml").is_file(), reason="no .pre-commit-hooks.yaml"),
]


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}  # e.g. when run from a git hook
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return env


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # one environment build for the whole module


@pytest.fixture
def repo(tmp_path, home):
    root = tmp_path / "site"
    (root / "_news").mkdir(parents=True)
    (root / "_news" / "2022-07-07-tram-line.md").write_text(BAD, encoding="utf-8")
    (root / "_news" / "2022-07-08-reading-garden.md").write_text(CLEAN, encoding="utf-8")
    # only the rule under test: the hooks' behaviour must not depend on which other rules exist
    (root / ".newslint.toml").write_text('select = ["published-not-boolean"]\n', encoding="utf-8")
    env = _env(home)
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True, env=env)
    return root, env


def try_repo(root: Path, env: dict, hook: str, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), hook, "--ref", HEAD, *args]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=900)


def test_newslint_hook_fails_on_a_bad_article(repo):
    root, env = repo
    out = try_repo(root, env, "newslint", "--all-files")
    text = out.stdout + out.stderr
    assert out.returncode == 1, text
    assert "_news/2022-07-07-tram-line.md:4:12:" in text
    assert "published-not-boolean" in text
    assert "reading-garden" not in text


def test_newslint_fix_hook_repairs_the_file(repo):
    root, env = repo
    bad = root / "_news" / "2022-07-07-tram-line.md"
    out = try_repo(root, env, "newslint-fix", "--all-files")
    text = out.stdout + out.stderr
    assert out.returncode == 1, text  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in text
    assert bad.read_text(encoding="utf-8") == BAD.replace('published: "yes"', "published: true")
    again = try_repo(root, env, "newslint", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr


def test_hook_checks_only_the_files_it_is_given(repo):
    root, env = repo
    out = try_repo(root, env, "newslint", "--files", "_news/2022-07-08-reading-garden.md")
    text = out.stdout + out.stderr
    assert out.returncode == 0, text
    assert "tram-line" not in text
    assert "Passed" in text
