"""The rule API.

A rule is a module (or any object) with these attributes:

    CODE = "DT001"             # letters then digits; the letters group related rules (Ruff style)
    NAME = "date-invalid"      # kebab-case, stable: configs and other tools reference it
    SEVERITY = "error"         # default: error | warning | info
    SUMMARY = "..."            # one sentence (defaults to the docstring's first paragraph)
    FIX = "never"              # never | sometimes | always ("never": fixes it yields are ignored)
    OPTIONS = {"floor": "1995-01-01"}   # option names (kebab-case) and defaults, or Option(...)
                                        # declarations (linter.options): checked at load
    BAD = "---\n...\n---\n"    # a document the rule reports
    GOOD = "---\n...\n---\n"   # the same document, fixed
    ENABLED = True             # on unless deselected (optional)
    SUPERSEDES = ("schema-violation",)  # rules whose finding at the same pointer this one replaces

and either, for a document rule,

    def check(doc: Document, options: dict) -> Iterable[Report]: ...

or, for a repository-wide rule (KIND = "repository"), which sees every document before it reports,

    def collect(doc: Document, options: dict) -> JSON-compatible facts | None   # per file, in workers
    def report(facts: dict[str, facts], options: dict) -> Iterable[tuple[str, Report]]  # once, at the end

`report` yields `(path, Report(...))`. It has no document, so a Report that gives a `pointer` and
no `span` is placed by the engine: while collecting, it keeps the position of every pointer of the
file that the rule's facts name (any string in them starting with '/', e.g. `{"at": "/title"}`),
and `Report(..., pointer="/title")` lands where that value is in that file (else at 1:1).

`report` may take a third parameter, `only`: the set of paths whose findings are wanted (a
pre-commit run names a few files and compares them with the whole project), or None for all. A
rule can use it to skip work; findings for other paths are dropped either way.

The module docstring is the rule's documentation. Rules only yield; the runner stamps path, code,
name and severity, resolves pointers to positions and applies suppressions.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from linter.model import SEVERITIES
from linter.options import Option, OptionError, declare

CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FIX_KINDS = ("never", "sometimes", "always")


class RuleDefinitionError(Exception):
    pass


@dataclass(slots=True)
class RuleSpec:
    """A rule as the registry knows it: what `spec_from` read and checked of a rule module or object.
    Shown and compared without its functions and option declarations."""

    code: str
    name: str
    severity: str
    summary: str
    description: str
    fix: str
    options: dict[str, Any]
    bad: str
    good: str
    kind: str  # "document" | "repository"
    enabled: bool
    source: str  # where it came from: the entry point or config path
    supersedes: tuple[str, ...] = ()
    check: Callable | None = field(default=None, compare=False, repr=False)
    collect: Callable | None = field(default=None, compare=False, repr=False)
    report: Callable | None = field(default=None, compare=False, repr=False)
    # each option's declaration (type, choices, range, parser); `options` holds the defaults
    declared: dict[str, Option] | None = field(default=None, compare=False, repr=False)
    report_takes_only: bool = False  # report(facts, options, only=...) accepted

    def __post_init__(self):
        if self.declared is None:
            self.declared = {k: declare(v) for k, v in self.options.items()}

    @property
    def fixable(self) -> bool:
        return self.fix != "never"

    def without_fixes(self) -> "RuleSpec":
        """This rule, run as one that never fixes (--unfixable)."""
        return replace(self, fix="never")

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
    doc = inspect.cleandoc(getattr(obj, "__doc__", None) or "")
    # The summary is the docstring's first paragraph (a sentence may wrap onto a second line).
    first, _, rest = doc.partition("\n\n")
    summary = attr("SUMMARY", " ".join(first.split()))
    if not summary:
        raise RuleDefinitionError(f"{where}: needs a SUMMARY or a docstring")
    description = rest.strip()
    declared = {key: declare(value) for key, value in dict(attr("OPTIONS", {})).items()}
    for key, option in declared.items():
        if not NAME_RE.match(key):
            raise RuleDefinitionError(f"{where}: option {key!r} must be kebab-case")
        try:
            option.value(option.default)
        except OptionError as exc:
            raise RuleDefinitionError(f"{where}: option {key}'s default: {exc}") from None
    options = {key: option.default for key, option in declared.items()}
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
        enabled=bool(attr("ENABLED", True)), source=source, supersedes=tuple(attr("SUPERSEDES", ())),
        declared=declared, **fns,
    )


_REQUIRED = object()


def _takes_only(report: Callable) -> bool:
    """Whether `report` has a parameter `only` that can be passed by keyword."""
    try:
        only = inspect.signature(report).parameters.get("only")
    except (TypeError, ValueError):  # a builtin or C callable: no signature to read
        return False
    return only is not None and only.kind in (only.POSITIONAL_OR_KEYWORD, only.KEYWORD_ONLY)
