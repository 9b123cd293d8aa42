"""The rule API.

A rule is a module (or any object) with these attributes:

    CODE = "DT001"             # letters then digits; the letters group related rules (Ruff style)
    NAME = "date-invalid"      # kebab-case, stable: configs and other tools reference it
    SEVERITY = "error"         # default: error | warning | info
    SUMMARY = "..."            # one sentence (defaults to the docstring's first paragraph)
    FIX = "never"              # never | sometimes | always ("never": fixes it yields are ignored)
    OPTIONS = {"floor": "1995-01-01"}   # option names (kebab-case) and defaults
    BAD = "---\n...\n---\n"    # a document the rule reports
    GOOD = "---\n...\n---\n"   # the same document, fixed
    ENABLED = True             # on unless deselected (optional)
    SUPERSEDES = ("schema-violation",)  # rules whose finding at the same pointer this one replaces

and either, for a document rule,

    def check(doc: Document, options: dict) -> Iterable[Report]: ...

or, for a repository-wide rule (KIND = "repository"), which sees every document before it reports,

    def collect(doc: Document, options: dict) -> JSON-compatible facts | None   # per file, in workers
    def report(facts: dict[str, facts], options: dict) -> Iterable[tuple[str, Report]]  # once, at the end

`report` may take a third parameter, `only`: the set of paths whose findings are wanted (a
pre-commit run names a few files and compares them with the whole project), or None for all. A
rule can use it to skip work; findings for other paths are dropped either way.

The module docstring is the rule's documentation. Rules only yield; the runner stamps path, code,
name and severity, resolves pointers to positions and applies suppressions.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from linter.model import SEVERITIES, Value

CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FIX_KINDS = ("never", "sometimes", "always")


class RuleDefinitionError(Exception):
    pass


class RuleSpec(Value):
    """A rule as the registry knows it: what `spec_from` read and checked of a rule module or object."""

    __slots__ = ("code", "name", "severity", "summary", "description", "fix", "options", "bad", "good", "kind",
                 "enabled", "source", "supersedes", "check", "collect", "report", "report_takes_only")
    FIELDS = __slots__[:13] + __slots__[-1:]  # shown and compared: not the functions

    def __init__(self, code: str, name: str, severity: str, summary: str, description: str, fix: str,
                 options: dict[str, Any], bad: str, good: str, kind: str, enabled: bool, source: str,
                 supersedes: tuple[str, ...] = (), check: Callable | None = None, collect: Callable | None = None,
                 report: Callable | None = None, report_takes_only: bool = False):
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.description = description
        self.fix = fix
        self.options = options
        self.bad = bad
        self.good = good
        self.kind = kind  # "document" | "repository"
        self.enabled = enabled
        self.source = source  # where it came from: the entry point or config path
        self.supersedes = supersedes
        self.check = check
        self.collect = collect
        self.report = report
        self.report_takes_only = report_takes_only  # report(facts, options, only=...) accepted

    @property
    def fixable(self) -> bool:
        return self.fix != "never"

    def without_fixes(self) -> "RuleSpec":
        """This rule, run as one that never fixes (--unfixable)."""
        return RuleSpec(**{**{name: getattr(self, name) for name in self.__slots__}, "fix": "never"})

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")


def spec_from(obj: Any, source: str) -> RuleSpec:
    """Validate a rule module/object and describe it."""

    def attr(name, default=_REQUIRED):
        value = getattr(obj, name, default)
        if value is _REQUIRED:
            raise RuleDefinitionError(f"rule from {source} has no {name}")
        return value

    code, name = attr("CODE"), attr("NAME")
    where = f"rule {name!r} from {source}"
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise RuleDefinitionError(f"{where}: CODE {code!r} must be 1-4 capital letters then 3 digits")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise RuleDefinitionError(f"{where}: NAME must be kebab-case")
    severity = attr("SEVERITY", "warning")
    if severity not in SEVERITIES:
        raise RuleDefinitionError(f"{where}: SEVERITY must be one of {', '.join(SEVERITIES)}")
    fix = attr("FIX", "never")
    if fix not in FIX_KINDS:
        raise RuleDefinitionError(f"{where}: FIX must be one of {', '.join(FIX_KINDS)}")
    kind = attr("KIND", "document")
    doc = _cleandoc(getattr(obj, "__doc__", None) or "")
    # The summary is the docstring's first paragraph (a sentence may wrap onto a second line).
    first, _, rest = doc.partition("\n\n")
    summary = attr("SUMMARY", " ".join(first.split()))
    if not summary:
        raise RuleDefinitionError(f"{where}: needs a SUMMARY or a docstring")
    description = rest.strip()
    options = dict(attr("OPTIONS", {}))
    for key in options:
        if not NAME_RE.match(key):
            raise RuleDefinitionError(f"{where}: option {key!r} must be kebab-case")
    fns: dict[str, Any] = {"check": None, "collect": None, "report": None}
    if kind == "document":
        fns["check"] = attr("check")
    elif kind == "repository":
        fns["collect"], fns["report"] = attr("collect"), attr("report")
        fns["report_takes_only"] = _takes_only(fns["report"])
    else:
        raise RuleDefinitionError(f"{where}: KIND must be 'document' or 'repository'")
    return RuleSpec(
        code=code, name=name, severity=severity, summary=summary, description=description, fix=fix,
        options=options, bad=attr("BAD", ""), good=attr("GOOD", ""), kind=kind,
        enabled=bool(attr("ENABLED", True)), source=source, supersedes=tuple(attr("SUPERSEDES", ())), **fns,
    )


_REQUIRED = object()


def _takes_only(report: Callable) -> bool:
    """Whether `report` has a parameter named `only`. A function's (or method's) parameters are
    read from its code, without importing inspect (5 ms of start-up)."""
    code = getattr(report, "__code__", None)
    if code is not None:
        return "only" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    import inspect

    try:
        return "only" in inspect.signature(report).parameters
    except (TypeError, ValueError):  # a builtin or C callable: no signature to read
        return False


def _cleandoc(doc: str) -> str:
    """inspect.cleandoc (without importing inspect): the first line stripped, the others' common
    indentation removed, blank lines at either end dropped."""
    lines = doc.expandtabs().split("\n")
    margins = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(margins, default=0)
    lines = [lines[0].lstrip()] + [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
