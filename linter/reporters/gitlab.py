"""`--format gitlab`: GitLab Code Quality (a subset of the Code Climate issue format), for the
`codequality` report of a CI job (see docs/ci.md).

A JSON array of issues: `description` (CODE rule: message), `check_name` (the rule's code),
`fingerprint`, `severity` (error -> major, warning -> minor, info -> info), `location.path` and
`location.lines.begin`/`end`, plus `type`, `categories` and `content` for Code Climate tools
(`content.body`: the rule's one-sentence summary and where its documentation is, not the whole
documentation in every issue).

The fingerprint is what GitLab uses to tell new findings from old ones in a merge request. It is
derived from the path, the rule and the JSON pointer of the offending value (and, for findings
without a pointer, the offending value's identity) - never from line numbers - so adding a
field above a finding does not make it "new". Two findings that would collide get an ordinal.
"""

from __future__ import annotations

import hashlib

from linter.reporters._common import dumps, posix, rules_by_code

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def fingerprint(f) -> str:
    basis = [posix(f.path), f.code]
    basis.append(f.pointer if f.pointer is not None else "\0" + (f.fingerprint or f.message))
    return hashlib.sha256("\0".join(basis).encode("utf-8", "surrogatepass")).hexdigest()


def issues(run) -> list[dict]:
    specs = rules_by_code(run)
    seen: dict[str, int] = {}
    out = []
    for f in run.findings:
        fp = fingerprint(f)
        n = seen.get(fp, 0)
        seen[fp] = n + 1
        if n:
            fp = hashlib.sha256(f"{fp}\0{n}".encode()).hexdigest()
        spec = specs.get(f.code)
        issue = {
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {f.rule}: {f.message}",
            "categories": ["Bug Risk" if f.severity == "error" else "Style"],
            "severity": SEVERITY.get(f.severity, "major"),
            "fingerprint": fp,
            "location": {"path": posix(f.path), "lines": {"begin": f.line, "end": f.end_line}},
        }
        if spec is not None:  # short: the rule's page says the rest (not repeated in every issue)
            issue["content"] = {"body": f"{spec.summary} See [docs/rules/{spec.name}.md](docs/rules/{spec.name}.md)"
                                        f" in newslint's source, or run `newslint rule {spec.name}`."}
        out.append(issue)
    return out


def render(run, out, options) -> None:
    out.write(dumps(issues(run), indent=2))
    out.write("\n")
