"""The rule reference (docs/rules/: an index and one page per rule) is generated from the rules'
docstrings and metadata (`newslint rules --docs docs/rules`): this test fails when a rule is added,
renamed or re-documented without regenerating it. Each page has Ruff's sections."""

from __future__ import annotations

from pathlib import Path

from helpers import get_registry

from linter.cli import main
from linter.commands.rule import render, sections
from linter.commands.rules import markdown, pages

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"
FIX = "run `newslint rules --docs docs/rules`"


def test_rule_reference_is_current():
    wanted = pages(get_registry().rules)
    stale = [name for name, text in wanted.items()
             if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != text]
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in wanted)
    assert not stale and not extra, f"docs/rules is out of date (stale: {stale}, not a rule: {extra}): {FIX}"


def test_every_page_has_ruffs_sections_and_says_options_once():
    for r in get_registry().rules:
        page = render(r)
        assert page.startswith(f"# {r.name} ({r.code})\n")
        for heading in ("## What it does", "## Options", "## Fix safety"):
            assert page.count(heading) == 1, (r.name, heading)
        assert page.count("Options:") == 0, r.name
        if r.bad:
            assert "## Example" in page
        assert f"[`{r.name}`]({r.name}.md)" in markdown(get_registry().rules)


def test_paragraphs_go_to_their_section():
    r = get_registry().lookup("url-tracking-params")
    parts = sections(r)
    assert parts["fix"][0].startswith("The fix (safe) removes only")
    assert parts["options"][0].startswith("- `params`:")
    assert parts["why"][0].startswith("Parameters such as `utm_source`")


def test_docs_check_and_write(tmp_path, capsys):
    assert main(["rules", "--docs", str(tmp_path), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err and not list(tmp_path.iterdir())
    (tmp_path / "no-such-rule.md").write_text("old\n")
    assert main(["rules", "--docs", str(tmp_path)]) == 0
    assert not (tmp_path / "no-such-rule.md").exists()
    assert (tmp_path / "whitespace.md").read_text() == render(get_registry().lookup("whitespace"))
    assert main(["rules", "--docs", str(tmp_path), "--check"]) == 0


def test_markdown_format_prints_the_index(capsys):
    capsys.readouterr()
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == markdown(get_registry().rules)
