"""A repository rule reports by pointer and gets the position the file's own parse gives: the
engine keeps the spans of the pointers its facts name (linter.engine.keep_spans)."""

from __future__ import annotations

import json

from linter.cli import main

RULE = '''"""Titles shared by several files."""
from linter.model import Report

CODE = "ZZ900"
NAME = "shared-title"
KIND = "repository"


def collect(doc, options):
    title = doc.get("/title")
    return {"pointer": "/title", "title": title} if isinstance(title, str) else None


def report(facts, options):
    by_title = {}
    for path, fact in facts.items():
        by_title.setdefault(fact["title"], []).append(path)
    for paths in by_title.values():
        if len(paths) > 1:
            for path in paths:
                yield path, Report("shared title", pointer=facts[path]["pointer"])
'''


def _findings(capsys, *args):
    code = main(["check", "--format", "json", "--select", "shared-title", *args, "."])
    assert code == 1
    return sorted((f["path"], f["line"], f["column"], f["end_column"]) for f in json.loads(capsys.readouterr().out)["findings"])


def test_a_repository_rules_pointer_lands_where_the_value_is(tmp_path, monkeypatch, capsys):
    (tmp_path / "rule.py").write_text(RULE, encoding="utf-8")
    (tmp_path / ".newslint.toml").write_text('plugins = ["rule.py"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ndate: 2024-01-02\ntitle: "Seals"\n---\n', encoding="utf-8")
    (tmp_path / "b.md").write_text('---\n# a comment\n\ntitle:   Seals\n---\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    want = [("a.md", 3, 8, 15), ("b.md", 4, 10, 15)]
    assert _findings(capsys, "--no-cache") == want
    assert _findings(capsys) == want  # stored in the cache
    assert _findings(capsys) == want  # read from it
