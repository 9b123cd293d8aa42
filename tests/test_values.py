"""The engine's value types and rule descriptions: plain classes that keep the semantics the
dataclasses they replaced had (equality, hash, repr), and the start-up they no longer cost."""

from __future__ import annotations

import functools
import inspect
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linter.model import Edit, Finding, Fix, Report, Span
from linter.rule import RuleSpec, _cleandoc, _takes_only


def _finding(**changes) -> Finding:
    fields = dict(path="a.md", line=2, column=3, end_line=2, end_column=9, code="TXT001", rule="html-entity",
                  severity="warning", message="entity", pointer="/title",
                  fix=Fix("safe", "unescape", (Edit(10, 16, "&"),)), fingerprint="f1")
    fields.update(changes)
    return Finding(**fields)


def test_findings_are_equal_by_value_but_not_by_fingerprint():
    assert _finding() == _finding(fingerprint="other")
    assert hash(_finding()) == hash(_finding(fingerprint="other"))
    assert _finding() != _finding(line=3)
    assert _finding() != _finding(fix=None)
    assert len({_finding(), _finding(fingerprint="x"), _finding(message="other")}) == 2


def test_a_value_is_not_equal_to_another_type_with_the_same_fields():
    report = Report("m", "/title")
    assert report != ("m", "/title", None, None, False, None)
    assert Report("m", "/title") == report and Report("m") != report


def test_repr_names_every_field_in_order():
    assert repr(Report("m", span=Span(1, 2, 1, 3))) == (
        "Report(message='m', pointer=None, span=Span(line=1, column=2, end_line=1, end_column=3), fix=None, "
        "at_key=False, fingerprint=None, confidence=None)"
    )


def test_a_fix_needs_a_known_applicability():
    with pytest.raises(ValueError, match="safe or unsafe"):
        Fix("maybe", "d", ())


def test_finding_rows_round_trip():
    for finding in (_finding(), _finding(fix=None, pointer=None), _finding(confidence=0.5)):
        back = Finding.from_row(finding.path, finding.to_row())
        assert back == finding and back.fingerprint == finding.fingerprint
        assert Finding.from_dict(finding.to_dict()) == finding


def test_confidence_is_in_the_json_contract_only_when_given():
    assert "confidence" not in _finding().to_dict()
    assert _finding(confidence=0.6).to_dict()["confidence"] == 0.6
    assert _finding(confidence=0.6) != _finding(confidence=0.9)


def test_a_report_below_the_confidence_bar_is_shown_as_info():
    from linter.model import CONFIDENT
    from linter.engine import make_finding
    from linter.config import Active

    spec = RuleSpec("ZZ001", "zz-rule", "error", "s", "", "never", {}, "", "", "document", True, "test")
    active = Active(spec, "error", {})
    sure = make_finding(None, "a.md", active, Report("m", confidence=CONFIDENT))
    unsure = make_finding(None, "a.md", active, Report("m", confidence=CONFIDENT - 0.01))
    plain = make_finding(None, "a.md", active, Report("m"))
    assert (sure.severity, unsure.severity, plain.severity) == ("error", "info", "error")
    assert unsure.confidence == CONFIDENT - 0.01 and plain.confidence is None


def test_rule_specs_compare_without_their_functions():
    def spec(check):
        return RuleSpec("X001", "x", "warning", "s", "", "never", {}, "", "", "document", True, "t", check=check)

    assert spec(len) == spec(print)
    assert "check" not in repr(spec(len)) and "code='X001'" in repr(spec(len))


def test_report_takes_only_is_read_from_the_parameters():
    def plain(facts, options):
        pass

    def positional(facts, options, only):
        pass

    def keyword(facts, options, *, only=None):
        pass

    class Rule:
        def report(self, facts, options, only=None):
            pass

    assert not _takes_only(plain)
    assert _takes_only(positional) and _takes_only(keyword) and _takes_only(Rule().report)
    assert not _takes_only(lambda facts, options, *only: None)  # *only is not a parameter named only
    assert _takes_only(functools.partial(positional, {}))  # no code of its own: read by inspect
    assert not _takes_only(max)  # a builtin without a signature to read


@given(st.lists(st.sampled_from(["", " ", "  ", "\t", "a", "b c", "\n", "  x", "    y", " \t z"]), max_size=12))
def test_docstrings_are_cleaned_as_inspect_cleans_them(parts):
    doc = "".join(parts)
    assert _cleandoc(doc) == inspect.cleandoc(doc)


def test_a_one_file_check_imports_neither_dataclasses_nor_inspect(tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: "A headline"\n---\nOne paragraph.\n', encoding="utf-8")
    code = (
        "import sys\n"
        "from linter.cli import main\n"
        "main(['check', '-q', '--no-cache', 'a.md'])\n"
        "print(sorted(m for m in ('dataclasses', 'inspect') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
