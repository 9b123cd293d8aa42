"""Every rule's documented examples are specifications: BAD is reported, GOOD is not, and a
fixable BAD is clean of that rule after fixing (and fixing again changes nothing)."""

import pytest
from helpers import fix, get_registry, lint

RULES = [r for r in get_registry().rules if r.bad]


def _docs(example):
    return example if isinstance(example, dict) else {"2022-07-07-example.md": example}


def _lint_many(example, select):
    from helpers import settings
    from linter.engine import Linter

    linter = Linter(settings(select))
    results = []
    for path, text in _docs(example).items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        results.append(linter.lint_bytes(raw, path, path)[1])
    linter.finish(results)
    return [f for r in results for f in r.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_bad_example_is_reported(rule):
    select = None if rule.name == "unused-suppression" else [rule.code]
    hits = [f for f in _lint_many(rule.bad, select) if f.rule == rule.name]
    assert hits, f"{rule.name}: its BAD example is not reported"


@pytest.mark.parametrize("rule", [r for r in RULES if r.good], ids=lambda r: r.name)
def test_good_example_is_clean(rule):
    hits = [f for f in _lint_many(rule.good, None) if f.rule == rule.name]
    assert not hits, f"{rule.name}: its GOOD example is reported: {hits[0].message}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fix != "never" and isinstance(r.bad, str)], ids=lambda r: r.name)
def test_fixable_bad_example_round_trips(rule):
    findings = lint(rule.bad, [rule.code], path="2022-07-07-example.md")
    if not any(f.fix for f in findings if f.rule == rule.name):
        pytest.skip("its BAD example is one of the cases it cannot fix")
    fixed = fix(rule.bad, [rule.code], unsafe=True, path="2022-07-07-example.md")
    assert fixed != rule.bad
    assert not [f for f in lint(fixed, [rule.code], path="2022-07-07-example.md") if f.rule == rule.name]
    assert fix(fixed, [rule.code], unsafe=True, path="2022-07-07-example.md") == fixed
