"""The value types that flow from rules to reporters: positions, edits, fixes, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from sys import intern
from typing import NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
# A report whose confidence is below this is shown at `info` severity: it does not fail a CI run
# by default (--fail-on warning or error), whatever the rule's configured severity.
CONFIDENT = 0.8
APPLICABILITIES = ("safe", "unsafe")


class Span(NamedTuple):
    """A region of the file: 1-based lines and columns, end exclusive (like LSP ranges, but 1-based)."""

    line: int
    column: int
    end_line: int
    end_column: int


class Edit(NamedTuple):
    """Replace text[start:end] of the decoded document with `text` (offsets in characters)."""

    start: int
    end: int
    text: str


# Values compared and hashed by their fields, not to be changed once made. Not frozen: a frozen
# dataclass's __init__ takes 1.2 µs instead of 0.2, paid per finding and per cached row.
@dataclass(slots=True, unsafe_hash=True)
class Fix:
    """Edits that repair a finding, safe (applied by --fix) or unsafe (only with --unsafe-fixes)."""

    applicability: str  # "safe" | "unsafe"
    description: str
    edits: tuple[Edit, ...]

    def __post_init__(self):
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"fix applicability must be safe or unsafe, not {self.applicability!r}")


@dataclass(slots=True, unsafe_hash=True)
class Report:
    """What a rule yields. The runner turns it into a Finding: it adds the path, the rule's code,
    name and effective severity, and resolves `pointer` to a position unless `span` is given."""

    message: str
    pointer: str | None = None
    span: Span | None = None
    fix: Fix | None = None
    at_key: bool = False  # point at the key rather than its value
    fingerprint: str | None = None  # identifies the offending value for baselines; default: the value
    # How sure the rule is, from 0 to 1; None: certain (a rule that only reports what it can prove).
    # Below CONFIDENT the finding is shown at info severity.
    confidence: float | None = None


@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """One problem in one file, as reporters, the cache and baselines see it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    pointer: str | None = None
    fix: Fix | None = None
    fingerprint: str = field(default="", compare=False)  # baselines match by it; two findings compare without it
    confidence: float | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        """The JSON contract (version 1) for one finding; `confidence` only where the rule gave one."""
        d = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "pointer": self.pointer,
            "fix": None
            if self.fix is None
            else {
                "applicability": self.fix.applicability,
                "description": self.fix.description,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            },
        }
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d

    def to_row(self) -> list:
        """Compact form for the cache and worker processes (no path: the file is known)."""
        fix = self.fix
        return [
            self.line, self.column, self.end_line, self.end_column, self.code, self.rule, self.severity,
            self.message, self.pointer, self.fingerprint, self.confidence,
            None if fix is None else [fix.applicability, fix.description, [list(e) for e in fix.edits]],
        ]

    @staticmethod
    def row_applicability(row: list) -> str | None:
        """The applicability of a row's fix ("safe", "unsafe"), or None without one."""
        return None if row[-1] is None else row[-1][0]

    @classmethod
    def from_row(cls, path: str, row: list) -> "Finding":
        line, column, end_line, end_column, code, rule, severity, message, pointer, fingerprint, confidence, fix = row
        if fix is not None:
            fix = Fix(fix[0], fix[1], tuple(Edit(*e) for e in fix[2]))
        # The rule's code and name and the severity, one string each for all the findings read back
        # (a large run's findings held 3 copies of them apiece).
        return cls(path, line, column, end_line, end_column, _shared(code), _shared(rule), _shared(severity), message,
                   pointer, fix, fingerprint, confidence)

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        fix = d.get("fix")
        return cls(
            path=d["path"], line=d["line"], column=d["column"], end_line=d["end_line"],
            end_column=d["end_column"], code=d["code"], rule=d["rule"], severity=d["severity"],
            message=d["message"], pointer=d.get("pointer"),
            fix=None if fix is None else Fix(
                fix["applicability"], fix["description"],
                tuple(Edit(e["start"], e["end"], e["text"]) for e in fix.get("edits", ())),
            ),
            fingerprint=d.get("fingerprint", ""), confidence=d.get("confidence"),
        )


def _shared(value):
    """A string as the one copy of it the interpreter keeps (sys.intern); anything else as it is."""
    return intern(value) if type(value) is str else value
