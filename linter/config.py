"""Configuration: `[tool.newslint]` in pyproject.toml or a `.newslint.toml`, found upward from the
working folder (or named with --config), validated strictly, then resolved against the registry
into per-rule settings."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from linter import fields as field_roles
from linter.limits import DEFAULT_LIMITS, Limits
from linter.errors import ConfigError
from linter.model import SEVERITIES, SEVERITY_RANK

if TYPE_CHECKING:  # reading a configuration loads no rule machinery (a replayed run needs none)
    from linter.registry import Registry
    from linter.rule import RuleSpec

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_INCLUDE = ["*.md", "*.markdown"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", "node_modules", "_site", ".newslint_cache", "__pycache__",
                   # a repository's own documents are Markdown without front matter, not articles
                   "README.md", "CHANGELOG.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "LICENSE.md", "SECURITY.md"]


class Config:
    """The configuration file's settings, validated (defaults where it says nothing)."""

    def __init__(self, root: Path, source: Path | None = None):
        self.root = root
        self.source = source
        self.select: list[str] | None = None  # None: every rule that is on by default
        self.extend_select: list[str] = []
        self.ignore: list[str] = []
        self.severity: dict[str, str] = {}
        self.per_file_ignores: dict[str, list[str]] = {}
        self.rules: dict[str, dict[str, Any]] = {}
        self.schemas: dict[str, str] = {}
        self.include = list(DEFAULT_INCLUDE)
        self.exclude = list(DEFAULT_EXCLUDE)
        self.extend_exclude: list[str] = []
        self.fail_on = "warning"
        self.limits: Limits = DEFAULT_LIMITS
        self.plugins: list[str] = []
        self.fields: field_roles.FieldMap = field_roles.DEFAULT


_KEYS = {
    "select": list, "extend-select": list, "ignore": list, "severity": dict, "per-file-ignores": dict,
    "rules": dict, "schemas": dict, "include": list, "exclude": list, "extend-exclude": list,
    "fail-on": str, "limits": dict, "plugins": list, "fields": dict,
}


def find_config(start: Path) -> tuple[Path | None, dict]:
    """The nearest .newslint.toml or pyproject.toml with [tool.newslint], walking upward."""
    for folder in [start, *start.parents]:
        dotfile = folder / ".newslint.toml"
        if dotfile.is_file():
            return dotfile, _read_toml(dotfile)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("newslint")
            if table is not None:
                return pyproject, table
    return None, {}


def _read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):  # imported only when there is a file to read (~4 ms)
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load(config_path: Path | None = None, cwd: Path | None = None) -> Config:
    cwd = (cwd or Path.cwd()).resolve()
    if config_path is not None:
        config_path = config_path.resolve()
        data = _read_toml(config_path)
        if config_path.name == "pyproject.toml":
            data = data.get("tool", {}).get("newslint", {})
        source = config_path
    else:
        source, data = find_config(cwd)
    root = source.parent if source else cwd
    return from_dict(data, root, source)


def from_dict(data: dict, root: Path, source: Path | None = None) -> Config:
    where = str(source) if source else "configuration"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    cfg = Config(root=root, source=source)
    for key, value in data.items():
        if key not in _KEYS:
            close = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {close})")
        if not isinstance(value, _KEYS[key]):
            raise ConfigError(f"{where}: '{key}' must be a {_KEYS[key].__name__}, not {type(value).__name__}")
        if _KEYS[key] is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: every item of '{key}' must be a string")
    if "select" in data:
        cfg.select = list(data["select"])
    cfg.extend_select = list(data.get("extend-select", []))
    cfg.ignore = list(data.get("ignore", []))
    for name, sev in data.get("severity", {}).items():
        if sev not in SEVERITIES:
            raise ConfigError(f"{where}: severity of '{name}' must be one of {', '.join(SEVERITIES)}, not {sev!r}")
    cfg.severity = dict(data.get("severity", {}))
    for glob, selectors in data.get("per-file-ignores", {}).items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            raise ConfigError(f"{where}: per-file-ignores['{glob}'] must be a list of rule names or codes")
    cfg.per_file_ignores = dict(data.get("per-file-ignores", {}))
    for name, opts in data.get("rules", {}).items():
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: [rules.{name}] must be a table of options")
    cfg.rules = dict(data.get("rules", {}))
    for glob, schema in data.get("schemas", {}).items():
        if not isinstance(schema, str):
            raise ConfigError(f"{where}: schemas['{glob}'] must be a built-in schema name or a path")
    cfg.schemas = dict(data.get("schemas", {}))
    if "include" in data:
        cfg.include = list(data["include"])
    if "exclude" in data:
        cfg.exclude = list(data["exclude"])
    cfg.extend_exclude = list(data.get("extend-exclude", []))
    fail_on = data.get("fail-on", "warning")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    cfg.fail_on = fail_on
    limits = data.get("limits", {})
    known = {name.replace("_", "-"): name for name in Limits._fields}
    for key, value in limits.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown limit '{key}' (known: {', '.join(sorted(known))})")
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{where}: limit '{key}' must be a positive integer")
    cfg.limits = DEFAULT_LIMITS._replace(**{known[k]: v for k, v in limits.items()})
    cfg.plugins = list(data.get("plugins", []))
    if data.get("fields"):
        try:
            cfg.fields = field_roles.FieldMap(data["fields"])
        except field_roles.FieldsError as exc:
            raise ConfigError(f"{where}: [fields] {exc}") from None
    return cfg


# ---- globs -----------------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern:
    return re.compile(_glob_source(pattern))


_GLOB_TOKEN = re.compile(r"\*\*/|\*\*|\*|[^*]+")
_ATOMIC = count()  # names of the groups that make a star's match atomic, unique across patterns


def _glob_source(pattern: str) -> str:
    """The regex of a glob. Matching takes time linear in the path: a `*` followed by a run of
    characters and then another `*` in the same component matches up to the run's first
    occurrence, never backtracking (the leftmost occurrence is always a right choice there);
    otherwise `*-*-*-*-*-draft.md` tried every way to split a 244-dash name (43 s)."""
    out = []
    tokens = _GLOB_TOKEN.findall(pattern)
    for i, token in enumerate(tokens):
        if token == "**/":
            out.append("(?:.*/)?")
        elif token == "**":
            run = tokens[i + 1] if i + 1 < len(tokens) else ""
            if run[:1] not in ("", "*") and i + 2 < len(tokens) and tokens[i + 2] == "**":  # `**a**` likewise
                name = f"g{next(_ATOMIC)}"
                out.append(f"(?=(?P<{name}>.*?{_literal(run)}))(?P={name})")
                tokens[i + 1] = ""
            else:
                out.append(".*")
        elif token == "*":
            run = tokens[i + 1] if i + 1 < len(tokens) else ""
            if run[:1] not in ("", "*") and "/" not in run and i + 2 < len(tokens) and tokens[i + 2] == "*":
                # An atomic lazy match up to the run (lookahead and backreference: no (?>...) on 3.10).
                name = f"g{next(_ATOMIC)}"
                out.append(f"(?=(?P<{name}>[^/]*?{_literal(run)}))(?P={name})")
                tokens[i + 1] = ""  # taken
            else:
                out.append("[^/]*")
        else:
            out.append(_literal(token))
    return "".join(out) + r"(?:/.*)?\Z"


def _literal(run: str) -> str:
    return "".join("[^/]" if c == "?" else re.escape(c) for c in run)


def glob_match(pattern: str, relpath: str) -> bool:
    """gitignore-like: a pattern without '/' matches any path component (and what is below it);
    one with '/' matches the path from the configuration's folder; '**' spans folders."""
    pattern = pattern.strip("/") if pattern not in ("/", "") else pattern
    if "/" not in pattern:
        rx = _glob_regex(pattern)
        parts = relpath.split("/")
        return any(rx.match(part) for part in parts)
    return _glob_regex(pattern).match(relpath) is not None


class GlobSet:
    """Many globs compiled into two regexes (component patterns, path patterns): one match per path."""

    def __init__(self, patterns: list[str]):
        names, paths = [], []
        for pattern in patterns:
            p = pattern.strip("/") if pattern not in ("/", "") else pattern
            (paths if "/" in p else names).append(_glob_source(p))
        self._names = re.compile("|".join(f"(?:{n})" for n in names)) if names else None
        self._paths = re.compile("|".join(f"(?:{p})" for p in paths)) if paths else None

    def match_name(self, name: str) -> bool:
        """Whether a single path component matches a component pattern."""
        return self._names is not None and self._names.match(name) is not None

    def match_path(self, relpath: str) -> bool:
        """Whether the whole path matches a path pattern (component patterns not tried)."""
        return self._paths is not None and self._paths.match(relpath) is not None

    def match(self, relpath: str) -> bool:
        if self.match_path(relpath):
            return True
        return self._names is not None and any(self._names.match(part) for part in relpath.split("/"))


# ---- resolution against the registry ------------------------------------------------------------
class Active(NamedTuple):
    """A rule as this run uses it."""

    spec: RuleSpec
    severity: str
    options: dict[str, Any]  # parsed: what the rule receives
    given: dict[str, Any] = {}  # as the configuration writes them (only those it sets)

    @property
    def written(self) -> dict[str, Any]:
        """Every option as written: the defaults and what the configuration sets."""
        return {**self.spec.options, **self.given}


def _option_values(where: str, rule: RuleSpec, given: dict[str, Any]) -> dict[str, Any]:
    """The values the rule receives: each declared option's given value (else its default),
    checked and parsed (linter.options)."""
    for key in given:
        if key not in rule.declared:
            known = ", ".join(sorted(rule.declared)) or "none"
            raise ConfigError(f"{where}: rule '{rule.name}' has no option '{key}' (its options: {known})")
    from linter.options import OptionError

    out = {}
    for key, option in rule.declared.items():
        try:
            out[key] = option.value(given.get(key, option.default))
        except OptionError as exc:
            raise ConfigError(f"{where}: rule {rule.name} option {key}: {exc}") from None
    return out


def _resolve_selectors(where: str, registry: Registry, selectors: list[str], what: str) -> set[str]:
    out: set[str] = set()
    for sel in selectors:
        matched = registry.matching(sel)
        if not matched:
            raise ConfigError(f"{where}: {what} names no known rule: '{sel}' (see `newslint rules`)")
        out.update(r.code for r in matched)
    return out


class Settings:
    """The configuration resolved against the rules: what runs, how, and where."""

    def __init__(self, config: Config, registry: Registry, active: list[Active],
                 per_file_ignores: list[tuple[str, frozenset[str]]]):
        self.config = config
        self.registry = registry
        self.active = active
        self.per_file_ignores = per_file_ignores

    def rules_for(self, relpath: str) -> list[Active]:
        ignored = self.ignored_codes(relpath)
        if not ignored:
            return self.active
        return [a for a in self.active if a.spec.code not in ignored]

    def ignored_codes(self, relpath: str) -> frozenset[str]:
        out: set[str] = set()
        for glob, codes in self.per_file_ignores:
            if glob_match(glob, relpath):
                out |= codes
        return frozenset(out)

    def fails(self, severity: str) -> bool:
        fail_on = self.config.fail_on
        return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]

    def fingerprint(self) -> str:
        """Everything about the configuration that changes findings (part of the cache key)."""
        import json

        parts = {
            "active": [(a.spec.code, a.severity, sorted(a.written.items(), key=str), a.spec.fix) for a in self.active],
            "pfi": [(g, sorted(c)) for g, c in self.per_file_ignores],
            "schemas": sorted(self.config.schemas.items()),
            "limits": repr(self.config.limits),
            "fields": sorted(self.config.fields.keys.items()),
        }
        return json.dumps(parts, sort_keys=True, default=str)


def resolve(config: Config, registry: Registry, select: list[str] | None = None, ignore: list[str] | None = None) -> Settings:
    """Apply select/ignore/severity/options to the registry. CLI selectors replace config ones."""
    where = str(config.source) if config.source else "configuration"
    if select is not None:
        chosen = _resolve_selectors("--select", registry, select, "--select")
    elif config.select is not None:
        chosen = _resolve_selectors(where, registry, config.select, "select")
    else:
        chosen = {r.code for r in registry.rules if r.enabled}
    chosen |= _resolve_selectors(where, registry, config.extend_select, "extend-select")
    chosen -= _resolve_selectors(where, registry, config.ignore, "ignore")
    if ignore:
        chosen -= _resolve_selectors("--ignore", registry, ignore, "--ignore")
    severity: dict[str, str] = {}
    for key, sev in config.severity.items():
        for rule in _resolve_selectors(where, registry, [key], "severity"):
            severity[rule] = sev
    options: dict[str, dict] = {}
    for key, opts in config.rules.items():
        rule = registry.lookup(key)
        if rule is None:
            raise ConfigError(f"{where}: [rules.{key}] names no known rule (see `newslint rules`)")
        _option_values(where, rule, opts)  # checked even when the rule is not selected
        options[rule.code] = opts
    active = [
        Active(r, severity.get(r.code, r.severity), _option_values(where, r, options.get(r.code, {})),
               options.get(r.code, {}))
        for r in registry.rules
        if r.code in chosen
    ]
    pfi = [
        (glob, frozenset(_resolve_selectors(where, registry, sels, f"per-file-ignores['{glob}']")))
        for glob, sels in config.per_file_ignores.items()
    ]
    return Settings(config, registry, active, pfi)
