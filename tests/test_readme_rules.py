"""README's rule reference is generated from the rules' own metadata
(`newslint rules --format markdown --update README.md`) and must agree with the code: this test
fails when a rule is added, renamed or re-documented without regenerating it."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import get_registry

from linter.cli import main
from linter.commands.rules import END, START, anchor, markdown, section, updated

README = Path(__file__).resolve().parent.parent / "README.md"
FIX = "run `newslint rules --format markdown --update README.md`"


def normalise(text: str) -> str:
    """Ignore trailing spaces and runs of blank lines: only the content must agree."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def headings(text: str) -> set[str]:
    return set(re.findall(r"^### (.+)$", text, re.M))


def test_readme_rule_reference_matches_the_code():
    current = section(README.read_text(encoding="utf-8"))
    assert current is not None, f"README.md has no {START} ... {END} section: {FIX}"
    expected = markdown(get_registry().rules)
    if normalise(current) != normalise(expected):
        missing = sorted(headings(expected) - headings(current))
        stale = sorted(headings(current) - headings(expected))
        detail = (f" missing: {missing}" if missing else "") + (f" not in the code: {stale}" if stale else "")
        raise AssertionError(f"README.md's rule reference disagrees with the rules' metadata;{detail or ' wording differs'}: {FIX}")


def test_reference_lists_every_rule_with_its_anchor():
    rules = get_registry().rules
    text = markdown(rules)
    for r in rules:
        assert f"### {r.name} ({r.code})" in text
        assert f"[{r.code}](#{anchor(f'{r.name} ({r.code})')})" in text


def test_anchor_matches_github():
    assert anchor("published-not-boolean (PUB001)") == "published-not-boolean-pub001"
    assert anchor("Rule reference") == "rule-reference"


def test_update_replaces_only_the_section(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nIntro.\n\n{START}\nold stuff\n{END}\n\n## After\n", encoding="utf-8")
    assert main(["rules", "--format", "markdown", "--update", str(readme), "--check"]) == 1
    assert "old stuff" in readme.read_text(encoding="utf-8")  # --check changes nothing
    assert main(["rules", "--format", "markdown", "--update", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nIntro.\n\n" + START + "\n| Code | Name |")
    assert text.endswith(END + "\n\n## After\n") and "old stuff" not in text
    assert normalise(section(text)) == normalise(markdown(get_registry().rules))
    assert main(["rules", "--format", "markdown", "--update", str(readme), "--check"]) == 0
    assert updated(text, markdown(get_registry().rules)) == text  # regenerating is idempotent


def test_update_appends_a_section_when_there_is_none(tmp_path):
    text = updated("# Title\n", "| table |\n")
    assert text == f"# Title\n\n## Rule reference\n\n{START}\n| table |\n{END}\n"


def test_markdown_format_prints_the_reference(capsys):
    capsys.readouterr()
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == markdown(get_registry().rules)
