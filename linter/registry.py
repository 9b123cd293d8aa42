"""Discover rules: the `newslint.rules` entry-point group (built-ins and plugins alike), plus
rule files named in the configuration. Nothing else is ever imported on behalf of data."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

from linter.entrypoints import entry_points
from linter.errors import RegistryError
from linter.rule import RuleDefinitionError, RuleSpec, spec_from

GROUP = "newslint.rules"


class Registry:
    """Every rule found, sorted by code, and what was loaded to find them."""

    def __init__(self, rules: list[RuleSpec], plugins: list[str]):
        self.rules = rules
        self.plugins = plugins  # "name=value" of every entry point loaded: part of the cache key
        self.by_code = {r.code: r for r in self.rules}
        self.by_name = {r.name: r for r in self.rules}

    def lookup(self, key: str) -> RuleSpec | None:
        return self.by_code.get(key) or self.by_name.get(key)

    def matching(self, selector: str) -> list[RuleSpec]:
        """Rules a selector names: ALL, a code, a name, or a code prefix (e.g. 'DT', 'DT00')."""
        if selector == "ALL":
            return list(self.rules)
        rule = self.lookup(selector)
        if rule is not None:
            return [rule]
        return [r for r in self.rules if selector.isupper() and r.code.startswith(selector)]


def _expand(obj, source: str) -> list[RuleSpec]:
    members = getattr(obj, "RULES", None)
    if members is None:
        return [spec_from(obj, source)]
    return [spec_from(m, f"{source}:{getattr(m, '__name__', m)}") for m in members]


def _load_file(path: Path) -> ModuleType:
    name = f"newslint_local_rule_{abs(hash(str(path)))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RegistryError(f"cannot load rule plugin {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _source_stamp(module_name: str) -> int:
    """Newest modification time of a rule package's source: an edited rule invalidates the cache."""
    spec = importlib.util.find_spec(module_name.split(":")[0])
    origin = getattr(spec, "origin", None) if spec else None
    if not origin:
        return 0
    folder, name = os.path.split(origin)
    if name != "__init__.py":
        return os.stat(origin).st_mtime_ns
    with os.scandir(folder) as entries:  # what Path.glob("*.py") lists, at a third of the cost
        return max((e.stat().st_mtime_ns for e in entries if e.name.endswith(".py")), default=0)


def engine_stamp() -> int:
    return _source_stamp("linter")


def load(extra_paths: list[Path] = ()) -> Registry:
    from linter.directives import UnusedSuppression

    rules: list[RuleSpec] = [spec_from(UnusedSuppression, "newslint engine")]
    plugins: list[str] = []
    for ep in sorted(entry_points(GROUP), key=lambda ep: (ep.name, ep.value)):
        source = f"entry point {ep.name} = {ep.value}"
        try:
            rules.extend(_expand(ep.load(), source))
        except RuleDefinitionError as exc:
            raise RegistryError(str(exc)) from None
        except Exception as exc:  # a broken plugin must be named, not crash the run
            raise RegistryError(f"cannot load rule plugin {source}: {type(exc).__name__}: {exc}") from None
        plugins.append(f"{ep.name}={ep.value}@{ep.version}@{_source_stamp(ep.value)}")
    for path in extra_paths:
        try:
            rules.extend(_expand(_load_file(path), str(path)))
        except RuleDefinitionError as exc:
            raise RegistryError(str(exc)) from None
        except RegistryError:
            raise
        except Exception as exc:
            raise RegistryError(f"cannot load rule plugin {path}: {type(exc).__name__}: {exc}") from None
        plugins.append(f"file:{path}@{path.stat().st_mtime_ns}")
    seen: dict[str, RuleSpec] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen and seen[key] is not rule:
                raise RegistryError(f"rule {key!r} is defined twice: by {seen[key].source} and by {rule.source}")
            seen[key] = rule
    rules.sort(key=lambda r: r.code)
    plugins.append(f"engine@{engine_stamp()}")
    return Registry(rules, plugins)
