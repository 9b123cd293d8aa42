"""Test helpers: lint or fix a document given as text, with a given rule selection and options."""

from __future__ import annotations

from pathlib import Path

from linter import config as cfg
from linter import fixer, registry
from linter.engine import Linter, lint_text

_REGISTRY = None


def get_registry():
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = registry.load()
    return _REGISTRY


def settings(select=None, options=None, extra=None, root: Path | None = None):
    """Settings from a config dict. `select`: rule names/codes; `options`: {rule: {option: value}}."""
    data = dict(extra or {})
    if select is not None:
        data["select"] = list(select)
    if options:
        data["rules"] = options
    config = cfg.from_dict(data, root or Path.cwd())
    return cfg.resolve(config, get_registry())


def lint(text, select=None, options=None, path="post.md", extra=None):
    if isinstance(text, bytes):
        linter = Linter(settings(select, options, extra))
        _, result = linter.lint_bytes(text, path, path)
        linter.finish([result])
        return result.findings
    return lint_text(text, settings(select, options, extra), path)


def rules_hit(text, select=None, options=None, path="post.md", extra=None):
    return sorted({f.rule for f in lint(text, select, options, path, extra)})


def fix(text, select=None, options=None, unsafe=False, path="post.md", extra=None) -> str:
    """The text after fixing to a fixed point."""
    linter = Linter(settings(select, options, extra))
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    outcome = fixer.fix_document(linter, raw, path, path, unsafe)
    return outcome.text


def at(findings, rule):
    """(line, column, pointer) of each finding of `rule`."""
    return [(f.line, f.column, f.pointer) for f in findings if f.rule == rule]


def lint_files(files, select=None, options=None, report_on=None):
    """Lint several documents together as one run (repository rules see them all); {path: findings}."""
    linter = Linter(settings(select, options))
    results = []
    for path, text in files.items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        results.append(linter.lint_bytes(raw, path, path)[1])
    linter.finish(results, report_on=report_on)
    return {r.path: r.findings for r in results}
