"""Run rules over documents: per file (document rules, repository facts, suppressions), then once
over the whole run (repository rules, unused suppressions). Knows no particular rule."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any, Callable, Iterable

import yaml

from linter import directives as dirs
from linter import packing
from linter import document
from linter.config import Active, Settings
from linter.model import CONFIDENT, Finding, Fix, Report, Span
from linter.schema import SchemaSet

INTERNAL_ERROR = ("NL999", "internal-error")
_ScalarNode = yaml.ScalarNode
_STR = "tag:yaml.org,2002:str"


class FileResult:
    """Everything a run needs to know about one file (JSON-serialisable: it is what the cache keeps)."""

    __slots__ = ("path", "relpath", "findings", "facts", "directives", "internal_error", "spans")

    def __init__(self, path: str, relpath: str, findings: list[Finding] | None = None, facts: dict[str, Any] | None = None,
                 directives: list[dict] | None = None, internal_error: bool = False, spans: dict[str, list[int]] | None = None):
        self.path = path  # as displayed (relative to the working folder)
        self.relpath = relpath  # relative to the configuration's folder (for globs)
        self.findings = [] if findings is None else findings
        self.facts = {} if facts is None else facts  # repository rule code -> facts
        self.directives = [] if directives is None else directives
        self.internal_error = internal_error
        self.spans = {} if spans is None else spans  # pointer named in facts -> [line, column, end line, end column]

    def to_json(self) -> dict:
        return {
            "findings": [f.to_row() for f in self.findings],
            "facts": self.facts,
            "directives": self.directives,
            "internal_error": self.internal_error,
            "spans": self.spans,
        }

    @classmethod
    def from_json(cls, path: str, relpath: str, data: dict) -> "FileResult":
        findings = [Finding.from_row(path, row) for row in data["findings"]]
        return cls(path, relpath, findings, data.get("facts") or {}, data["directives"], data["internal_error"],
                   as_spans(data.get("spans") or {}))


# json.dumps(value, sort_keys=True, default=str, ensure_ascii=False), with its encoder made once.
_FINGERPRINT_JSON = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False).encode


def fingerprint_of(doc, pointer: str | None, message: str) -> str:
    """Identifies the offending value, not its line: baselines survive edits elsewhere."""
    if pointer is not None and doc is not None and pointer in doc.nodes:
        basis = _FINGERPRINT_JSON(doc.get(pointer))
    else:
        basis = message
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _clamp(doc, span: Span) -> Span:
    last = max(1, doc.line_count) if doc is not None and doc.text else max(span.line, span.end_line, 1)
    line = min(max(1, span.line), last)
    end_line = min(max(line, span.end_line), last)
    column = max(1, span.column)
    end_column = max(1, span.end_column) if end_line > line else max(column, span.end_column)
    return Span(line, column, end_line, end_column)


_EMPTY_SCALARS = ("", '""', "''")


def _empties_a_value(doc, fix: Fix) -> bool:
    """Whether the fix rewrites a non-empty string value as an empty one (`"?utm_source=b"` -> `""`,
    `"&#8203;"` -> `""`): a fix that leaves nothing of a field is not safe, whatever the rule says."""
    if doc is None or not any(e.text.strip() in _EMPTY_SCALARS for e in fix.edits):
        return False
    starts = {doc.fm_start + n.start_mark.index: n for n in doc.nodes.values() if isinstance(n, _ScalarNode)}
    for e in fix.edits:
        if e.text.strip() not in _EMPTY_SCALARS:
            continue
        node = starts.get(e.start) or _node_after_properties(doc, e.start, starts)
        if node is not None and doc.fm_start + node.end_mark.index == e.end and node.value and node.tag == _STR:
            return True
    return False


def _node_after_properties(doc, offset: int, starts: dict):
    """The scalar whose text (anchor and tag included) ends where its value starts at `offset`."""
    for start, node in starts.items():
        if start < offset <= doc.fm_start + node.end_mark.index and doc.text[start] in "&!":
            return node
    return None


def make_finding(doc, path: str, active: Active, report: Report) -> Finding:
    span = report.span or (doc.span(report.pointer, report.at_key) if doc is not None else None) or Span(1, 1, 1, 1)
    fix = report.fix if active.spec.fixable else None  # FIX = "never" is binding: --fix skips such rules
    if fix is not None and fix.applicability == "safe" and _empties_a_value(doc, fix):
        fix = Fix("unsafe", fix.description, fix.edits)
    return Finding(
        path,
        *_clamp(doc, span),
        code=active.spec.code,
        rule=active.spec.name,
        severity=active.severity if report.confidence is None or report.confidence >= CONFIDENT else "info",
        message=report.message,
        pointer=report.pointer,
        fix=fix,
        fingerprint=report.fingerprint or fingerprint_of(doc, report.pointer, report.message),
        confidence=report.confidence,
    )


def keep_spans(doc, facts: Any, spans: dict[str, list[int]]) -> None:
    """Keep the position of every pointer of `doc` that a repository rule's facts name (any
    string in them starting with '/'), so that its `report` can point at a value of a file it
    no longer has: `(path, Report(..., pointer="/title"))` lands where the value is."""
    stack = [[facts]]
    while stack:
        values = stack.pop()
        if type(values) is dict:
            values = [*values, *values.values()]
        for v in values:  # facts can be long lists of words or hashes: a plain loop over them
            kind = type(v)
            if kind is str:
                if v[:1] == "/" and v not in spans:
                    span = doc.span(v)
                    if span is not None:
                        spans[v] = [span.line, span.column, span.end_line, span.end_column]
            elif kind is list or kind is dict or kind is tuple:
                stack.append(v)


def as_spans(spans):
    """A result's spans as kept (a dict), or packed (bytes, read back from the cache)."""
    return packing.Packed(spans) if type(spans) is bytes else spans


def placed(report: Report, spans: dict[str, list[int]] | packing.Packed) -> Report:
    """A repository rule's report, with the position `keep_spans` kept for its pointer (`spans`
    may be packed: a batch run keeps them so until a report needs them)."""
    if report.span is not None:
        return report
    spans = packing.value(spans)
    if report.pointer not in spans:
        return report
    return dataclasses.replace(report, span=Span(*spans[report.pointer]))


def _internal_error(path: str, rule_name: str, exc: BaseException) -> Finding:
    code, name = INTERNAL_ERROR
    return Finding(
        path, 1, 1, 1, 1, code, name, "error",
        f"rule '{rule_name}' crashed on this file ({type(exc).__name__}: {exc}); please report this bug",
    )


class Linter:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.limits = settings.config.limits
        self.schemas = SchemaSet(settings.config)
        self.unused = next((a for a in settings.active if a.spec.name == dirs.UnusedSuppression.NAME), None)
        self.repository_rules = [a for a in settings.active if a.spec.kind == "repository"]
        self.repository_codes = [a.spec.code for a in self.repository_rules]
        self._supersedes = {a.spec.name: a.spec.supersedes for a in settings.active if a.spec.supersedes}
        
    def _drop_superseded(self, findings: list[Finding]) -> list[Finding]:
        """A specific rule's finding replaces a general one's at the same pointer (one defect, one finding)."""
        covered = {(name, f.pointer) for f in findings for name in self._supersedes.get(f.rule, ())}
        if not covered:
            return findings
        return [f for f in findings if (f.rule, f.pointer) not in covered and (f.code, f.pointer) not in covered]

    # ---- per file ----------------------------------------------------------------------
    def parse(self, raw: bytes, relpath: str) -> document.Document:
        doc = document.parse(raw, relpath, self.limits)
        doc.field_map = self.settings.config.fields
        if isinstance(doc.data, dict):
            schema = self.schemas.select(relpath, doc)
            doc.schema = schema
            doc.profile = schema.name if schema else None
        else:
            doc.schema = None
        return doc

    def collect_facts(self, doc) -> dict[str, Any]:
        """Only the repository rules' facts (for files that give context but get no report)."""
        facts = {}
        for active in self.repository_rules:
            try:
                value = active.spec.collect(doc, active.options)
            except Exception:
                continue  # reported when that file itself is linted
            if value is not None:
                facts[active.spec.code] = value
        return facts

    def lint_document(self, doc, path: str, relpath: str) -> FileResult:
        result = FileResult(path, relpath)
        return self.settle(doc, result, self.check(doc, path, self.settings.rules_for(relpath), result))

    def check(self, doc, path: str, rules: list[Active], result: FileResult) -> list[Finding]:
        """`rules`' findings on `doc`, unfiltered; repository rules' facts go into `result`."""
        findings: list[Finding] = []
        for active in rules:
            spec = active.spec
            try:
                if spec.kind == "document":
                    for report in spec.check(doc, active.options) or ():
                        findings.append(make_finding(doc, path, active, report))
                else:
                    facts = spec.collect(doc, active.options)
                    if facts is not None:
                        result.facts[spec.code] = facts
                        keep_spans(doc, facts, result.spans)
            except Exception as exc:  # a buggy rule must not stop the run
                findings.append(_internal_error(path, spec.name, exc))
                result.internal_error = True
        return findings

    def settle(self, doc, result: FileResult, findings: list[Finding]) -> FileResult:
        """Superseded and suppressed findings dropped, the rest in order."""
        if self._supersedes and findings:
            findings = self._drop_superseded(findings)
        directives = dirs.parse(doc)
        if directives:
            findings = dirs.apply(directives, findings)
            result.directives = [
                {"line": d.line, "column": d.column, "end_column": d.end_column, "selectors": d.selectors,
                 "pointer": d.pointer, "used": sorted(d.used)}
                for d in directives
            ]
        findings.sort(key=Finding.sort_key)
        result.findings = findings
        return result

    def lint_bytes(self, raw: bytes, path: str, relpath: str) -> tuple[document.Document, FileResult]:
        doc = self.parse(raw, relpath)
        return doc, self.lint_document(doc, path, relpath)

    # ---- once per run --------------------------------------------------------------------
    def repository_findings(self, files: dict[str, str], spans_of: Callable[[str], Any],
                            facts_of: Callable[[str], dict[str, Any]], report_on: set[str] | None = None,
                            codes: Iterable[str] | None = None) -> tuple[dict[str, list[Finding]], dict[str, Finding | None]]:
        """The repository rules' findings over every file's facts (`facts_of`: a rule's facts by
        path, given its code), per path (only the paths in `report_on`, if given), before
        suppressions; and for each rule that crashed, its internal error on the first file
        reported on (None if there is none). `files`: every file's relpath by path, in the run's
        order; `spans_of`: the spans a file kept (keep_spans), given its path. `codes`: only these
        rules."""
        found: dict[str, list[Finding]] = {}
        crashed: dict[str, Finding | None] = {}
        wanted = None if codes is None else set(codes)
        rules = [a for a in self.repository_rules if wanted is None or a.spec.code in wanted]
        for active in rules:
            spec = active.spec
            facts = facts_of(spec.code)  # one rule's at a time
            try:
                if spec.report_takes_only:
                    reports = spec.report(facts, active.options, only=report_on)
                else:
                    reports = spec.report(facts, active.options)
                for path, report in reports or ():
                    relpath = files.get(path)
                    if relpath is None or (report_on is not None and path not in report_on):
                        continue
                    if spec.code in self.settings.ignored_codes(relpath):
                        continue
                    found.setdefault(path, []).append(make_finding(None, path, active, placed(report, spans_of(path))))
            except Exception as exc:
                for path in files:
                    if report_on is None or path in report_on:
                        crashed[spec.code] = _internal_error(path, spec.name, exc)
                        break
                else:
                    crashed[spec.code] = None
            facts = reports = None  # freed before the next rule's are read
        return found, crashed

    def finish(self, results: list[FileResult], report_on: set[str] | None = None,
               found: dict[str, list[Finding]] | None = None, crashed: Iterable[Finding | None] = ()) -> None:
        """Add the repository rules' findings (`found`, and the internal errors of those that
        crashed; else computed now) and unused suppressions to the results. `report_on`: only
        these paths get findings (the files passed on the command line)."""
        by_path = {r.path: r for r in results}
        if found is None:
            found, errors = self.repository_findings(
                {r.path: r.relpath for r in results}, lambda path: by_path[path].spans,
                lambda code: {r.path: packing.value(r.facts[code]) for r in results if code in r.facts}, report_on)
            crashed = errors.values()
        for error in crashed:
            if error is not None:
                by_path[error.path].findings.append(error)
                by_path[error.path].internal_error = True
        for r in results:
            if report_on is not None and r.path not in report_on:
                continue
            extra = list(found.get(r.path, ()))
            directives = [dirs.Directive(d["line"], d["column"], d["end_column"], d["selectors"], d["pointer"], set(d["used"]))
                          for d in r.directives]
            if directives and extra:
                extra = dirs.apply(directives, extra)
            if directives and self.unused is not None and self.unused.spec.code not in self.settings.ignored_codes(r.relpath):
                extra.extend(self._unused(r, directives))
            if extra:
                r.findings = sorted(r.findings + extra, key=Finding.sort_key)

    def _unused(self, result: FileResult, directives: list[dirs.Directive]) -> Iterable[Finding]:
        active_keys = set()
        for a in self.settings.rules_for(result.relpath):
            active_keys.update((a.spec.code, a.spec.name))
        for d in directives:
            for sel in d.selectors:
                if sel in d.used:
                    continue
                if sel != "all" and sel not in active_keys:
                    if self.settings.registry.lookup(sel) is not None:
                        continue  # that rule is not running here: nothing to judge
                    message = f"suppression names unknown rule '{sel}'"
                else:
                    message = f"suppression of '{sel}' matched no finding; remove it"
                yield make_finding(None, result.path, self.unused, Report(message, span=Span(d.line, d.column, d.line, d.end_column)))


def lint_text(text: str, settings: Settings, path: str = "<string>") -> list[Finding]:
    """Lint one document given as text (tests, fuzzing, editors). Repository rules see only it."""
    linter = Linter(settings)
    _, result = linter.lint_bytes(text.encode("utf-8", "surrogatepass"), path, path)
    linter.finish([result])
    return result.findings
