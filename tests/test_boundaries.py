"""Data and dependencies flow one way: the engine (linter/) never imports a rule; a reporter never
imports a command; commands do not import the command line; no rule imports another family's
private (underscore) module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# wordweights (shared) still reads the content family's labels and stems; those modules move to
# public names once the branches that edit them have merged.
KNOWN: set = set()


def imports(path: Path) -> list[str]:
    """Every module a file imports (`from a import b` counts as a and a.b: b may be a module)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append(node.module)
            out += [f"{node.module}.{alias.name}" for alias in node.names]
    return out


def sources(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_engine_never_imports_a_rule():
    bad = [f"{p.relative_to(ROOT)} imports {m}" for p in sources("linter") for m in imports(p)
           if m == "rules" or m.startswith("rules.")]
    assert not bad, "\n".join(bad)


def test_reporters_do_not_import_commands_and_commands_do_not_import_the_command_line():
    bad = [f"{p.relative_to(ROOT)} imports {m}" for p in sources("linter/reporters") for m in imports(p)
           if m.startswith("linter.commands")]
    bad += [f"{p.relative_to(ROOT)} imports {m}" for p in sources("linter/commands") for m in imports(p)
            if m == "linter.cli"]
    assert not bad, "\n".join(bad)


def test_no_rule_imports_another_familys_private_module():
    bad = []
    for path in sources("rules"):
        rel = path.relative_to(ROOT).as_posix()
        parts = rel[: -len(".py")].split("/")
        family = parts[1] if len(parts) > 2 else None  # None: a shared module at the top of rules/
        for module in imports(path):
            target = module.split(".")
            if target[0] != "rules" or len(target) < 3:
                continue  # not a rule module, or a shared one (rules._memo is every family's)
            private = any(t.startswith("_") and t != "__init__" for t in target[2:])
            known = any(rel == k_rel and (module + ".").startswith(k_mod + ".") for k_rel, k_mod in KNOWN)
            if private and target[1] != family and not known:
                bad.append(f"{rel} imports {module}")
    assert not bad, "\n".join(bad)


def test_the_checks_see_imports():
    """The walker finds both spellings of an import (guards the tests above against passing vacuously)."""
    found = imports(ROOT / "rules" / "titles" / "title_slug_mismatch.py")
    assert "rules.slugs" in found and "rules.facts.span_list" in found
