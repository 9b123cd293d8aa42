"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and most security dashboards)
read.

One run. The tool driver lists every rule newslint knows (id = code, name, short and full
description, help as text and Markdown, default level); each result points at its rule by id and
index, carries a physical location (1-based region; end column exclusive, as SARIF defines it),
the JSON pointer of the offending value as a logical location, a stable partial fingerprint
(`newslint/v1`, the same identity baselines use: path, rule, pointer and value, never the line)
and, when the rule can fix it, the fix as a text replacement (`charOffset`/`charLength` in
Unicode code points of the file after its byte-order mark, matching `columnKind`).

Upload it with `github/codeql-action/upload-sarif` (see docs/ci.md).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from urllib.parse import quote

from linter import __version__
from linter.reporters._common import SARIF_LEVEL, dumps, posix, rules_by_code

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_FIX_KIND = {"never": "no fix", "sometimes": "fixable in some cases", "always": "fixable"}


def _artifact(path: str) -> dict:
    p = posix(path)
    if PurePosixPath(p).is_absolute() or (len(p) > 1 and p[1] == ":"):
        return {"uri": "file://" + ("" if p.startswith("/") else "/") + quote(p, errors="surrogateescape")}
    return {"uri": quote(p, errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}


def _rule_descriptor(spec) -> dict:
    from linter.commands.rule import render as render_doc

    text = spec.summary + (f"\n\n{spec.description}" if spec.description else "")
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": render_doc(spec)},
        "defaultConfiguration": {"level": SARIF_LEVEL.get(spec.severity, "warning"), "enabled": bool(spec.enabled)},
        "properties": {"tags": ["data-quality", spec.prefix], "fix": spec.fix, "kind": spec.kind},
    }


def _unknown_rule(code: str, name: str, severity: str) -> dict:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": name.replace("-", " ")},
        "defaultConfiguration": {"level": SARIF_LEVEL.get(severity, "error")},
    }


def _fingerprint(f) -> str:
    basis = "\0".join((posix(f.path), f.code, f.pointer or "", f.fingerprint or f.message))
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _result(f, index: int | None) -> dict:
    location = {
        "physicalLocation": {
            "artifactLocation": _artifact(f.path),
            "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column},
        }
    }
    if f.pointer is not None:
        location["logicalLocations"] = [{"fullyQualifiedName": f.pointer or "/", "kind": "member"}]
    result = {
        "ruleId": f.code,
        "level": SARIF_LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {"newslint/v1": _fingerprint(f)},
        "properties": {"rule": f.rule, "severity": f.severity},
    }
    if index is not None:
        result["ruleIndex"] = index
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f.fix.description},
            "artifactChanges": [{
                "artifactLocation": _artifact(f.path),
                "replacements": [
                    {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                     "insertedContent": {"text": e.text}}
                    for e in f.fix.edits
                ],
            }],
        }]
        result["properties"]["fixApplicability"] = f.fix.applicability
    return result


def document(run) -> dict:
    specs = rules_by_code(run)
    rules = [_rule_descriptor(s) for s in specs.values()]
    index = {s.code: i for i, s in enumerate(specs.values())}
    findings = run.findings
    for f in findings:  # e.g. the engine's internal-error finding: still a described rule
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(_unknown_rule(f.code, f.rule, f.severity))
    cwd = getattr(run, "cwd", None)
    sarif_run = {
        "tool": {"driver": {"name": "newslint", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},  # no informationUri: newslint has no public page yet
        "invocations": [{
            "executionSuccessful": not getattr(run, "internal_error", False),
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": note}} for note in getattr(run, "errors", [])
            ],
        }],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index.get(f.code)) for f in findings],
    }
    if cwd is not None:
        base = posix(str(cwd)).rstrip("/") + "/"
        sarif_run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": "file://" + ("" if base.startswith("/") else "/") + quote(base, errors="surrogateescape")}}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}


def render(run, out, options) -> None:
    out.write(dumps(document(run), indent=2))
    out.write("\n")
