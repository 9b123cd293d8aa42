"""Declared rule options: checked once when the configuration loads (one line, exit 2, before any
file is read); rules receive parsed, typed values."""

from __future__ import annotations

import json

import pytest
from helpers import get_registry
from linter import files
from linter.cli import main
from linter.options import Option, OptionError

# a value of the wrong type for each kind of option
_WRONG = {"bool": "yes", "int": "many", "float": "many", "str": 5, "list of str": [5], "list": "x", "dict": "x"}

OPTIONS = [(rule.name, key, option) for rule in get_registry().rules for key, option in rule.declared.items()]

# values of the right type that an option's choices, range or parser refuse
REFUSED = [
    ("date-future", "now", "yesterday", "expected an ISO 8601 date-time or 'now', got 'yesterday'"),
    ("date-implausible", "floor", "1995", "expected an ISO 8601 date, got '1995'"),
    ("title-slug-mismatch", "threshold", 2, "expected a number from 0.0 to 1.0, got 2"),
    ("title-slug-mismatch", "min-slug-words", 0, "expected an integer from 1 to 50, got 0"),
    ("template-filler", "patterns", ["(unclosed"], "expected a list of regular expressions, got ['(unclosed']"),
    ("off-topic-section", "method", "magic", "expected one of 'terms', 'semantic', got 'magic'"),
]


def _run(tmp_path, monkeypatch, capsys, rule: str, key: str, value) -> tuple[int, str, str]:
    (tmp_path / "post.md").write_text('---\ntitle: "Seals"\n---\n\nText.\n', encoding="utf-8")
    (tmp_path / ".newslint.toml").write_text(f"[rules.{rule}]\n{json.dumps(key)} = {_toml(value)}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def no_files(*args, **kwargs):
        raise AssertionError("files were looked for before the options were checked")

    monkeypatch.setattr(files.Discovery, "find", no_files)
    code = main(["check", "--no-cache", "."])
    out, err = capsys.readouterr()
    return code, out, err


def _toml(value) -> str:
    return json.dumps(value)  # the values used here are written the same in TOML and JSON


@pytest.mark.parametrize("rule,key,option", OPTIONS, ids=[f"{r}.{k}" for r, k, _ in OPTIONS])
def test_a_value_of_the_wrong_type_exits_2_with_one_line_before_any_file_is_read(rule, key, option, tmp_path,
                                                                                  monkeypatch, capsys):
    if option.kind == "any":
        pytest.skip("accepts any value")
    code, out, err = _run(tmp_path, monkeypatch, capsys, rule, key, _WRONG[option.kind])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"rule {rule} option {key}: expected " in err


@pytest.mark.parametrize("rule,key,value,message", REFUSED, ids=[f"{r}.{k}" for r, k, _, _ in REFUSED])
def test_a_value_the_option_refuses_exits_2_with_one_line(rule, key, value, message, tmp_path, monkeypatch, capsys):
    code, out, err = _run(tmp_path, monkeypatch, capsys, rule, key, value)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"rule {rule} option {key}: {message}" in err


def test_the_issues_message():
    with pytest.raises(OptionError) as exc:
        get_registry().lookup("date-future").declared["now"].value("yesterday")
    assert str(exc.value) == "expected an ISO 8601 date-time or 'now', got 'yesterday'"


def test_plain_defaults_declare_their_type():
    assert [Option(v).kind for v in (True, 3, 0.5, "x", ["a"], [], {}, None, [1])] == [
        "bool", "int", "float", "str", "list of str", "list of str", "dict", "any", "list"]
    assert Option(0.5).value(1) == 1.0 and isinstance(Option(0.5).value(1), float)
    with pytest.raises(OptionError, match="expected an integer, got True"):
        Option(3).value(True)
    with pytest.raises(OptionError, match="expected one of 'terms', 'semantic', got 'words'"):
        Option("terms", choices=("terms", "semantic")).value("words")


def test_rules_receive_parsed_values():
    from helpers import settings

    active = {a.spec.name: a for a in settings(["date-future", "date-implausible"], {"date-future": {"now": "2026-01-02"}}).active}
    assert active["date-future"].options["now"].isoformat() == "2026-01-02T00:00:00+00:00"
    assert active["date-implausible"].options["floor"].iso() == "1995-01-01"


def test_rule_page_shows_each_options_type_and_choices(capsys):
    assert main(["rule", "title-slug-mismatch"]) == 0
    page = capsys.readouterr().out
    assert "| `threshold` | float (0.0-1.0) | `0.25` |" in page
    assert "| `min-slug-words` | int (1-50) | `3` |" in page


def test_settings_show_and_key_options_as_written(tmp_path, monkeypatch, capsys):
    (tmp_path / ".newslint.toml").write_text('[rules.date-future]\nnow = "2026-01-02"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--show-settings", "."]) == 0
    assert "date-future                error  {'now': '2026-01-02'}" in capsys.readouterr().out
    from helpers import settings

    key = settings(["date-future"], {"date-future": {"now": "2026-01-02"}}).fingerprint()
    assert '"now", "2026-01-02"' in key  # the cache key holds what is written, not the parsed instant
