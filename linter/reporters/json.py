"""The JSON contract, version 1 (documented in README; other tools parse it: keep it stable).

{"version": 1,
 "findings": [{"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
               "message", "pointer", "fix": null | {"applicability", "description", "edits"}}],
 "summary": {"files", "files_with_findings", "findings", "fixed", "by_rule": {name: count}}}
"""

from __future__ import annotations

from linter.reporters._common import dumps


def document(run) -> dict:
    return {"version": 1, "findings": [f.to_dict() for f in run.findings], "summary": run.summary()}


def render(run, out, options) -> None:
    out.write(dumps(document(run), indent=2))
    out.write("\n")
