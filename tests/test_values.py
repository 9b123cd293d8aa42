"""The engine's value types and rule descriptions: equality, hash and repr by their fields."""

from __future__ import annotations

import functools

import pytest
from linter.model import Edit, Finding, Fix, Report, Span
from linter.rule import RuleSpec, _takes_only


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
    assert _takes_only(functools.partial(positional, {}))
    assert not _takes_only(lambda facts, options, only, /: None)  # cannot be passed as only=...
    assert not _takes_only(max)  # a builtin without a signature to read
