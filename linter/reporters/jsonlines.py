"""`--format json-lines`: one JSON object per finding per line, for `jq` and streaming.

Each line is the finding object of the JSON contract (version 1: path, line, column, end_line,
end_column, code, rule, severity, message, pointer, fix) plus `fingerprint`, the baseline
identity of the offending value. No summary line: `wc -l` counts findings.
"""

from __future__ import annotations

from linter.reporters._common import dumps


def render(run, out, options) -> None:
    for result in run.results:
        for f in result.findings:
            record = f.to_dict()
            record["fingerprint"] = f.fingerprint
            out.write(dumps(record, separators=(",", ":")))
            out.write("\n")
