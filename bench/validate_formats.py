"""Produce every report format from the given files/folders and validate each one:
SARIF against the vendored SARIF 2.1.0 schema, JUnit with an XML parser, GitHub lines against the
workflow-command grammar, GitLab JSON (required keys, unique fingerprints), JSON lines, and the
HTML report (well-formed, self-contained). Every format must carry the same number of findings.

    python bench/validate_formats.py PATH... [--report report.html]

Run it from anywhere; paths are checked as given (seed .txt files may be named one by one).
Exit 1 if any format fails validation.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema

from linter.cli import main as newslint

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json"
COMMAND = re.compile(
    r"^::(error|warning|notice) file=[^,:\r\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:\r\n]+::[^\r\n]*$"
)


def run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = newslint(args)
    return rc, out.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--report", default=None, help="also keep the HTML report here")
    ns = ap.parse_args()
    base = ["check", *ns.paths, "--no-cache", "--exit-zero", "--no-progress"]
    rc, out = run([*base, "--format", "json"])
    expected = len(json.loads(out)["findings"])
    rows, ok = [], True

    def record(fmt: str, n: int, problems: list[str]) -> None:
        nonlocal ok
        if n != expected:
            problems.append(f"{n} findings, expected {expected}")
        ok = ok and not problems
        rows.append((fmt, n, "ok" if not problems else "; ".join(problems[:3])))

    # SARIF
    doc = json.loads(run([*base, "--format", "sarif"])[1])
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in jsonschema.Draft4Validator(schema).iter_errors(doc)]
    record("sarif", len(doc["runs"][0]["results"]), errors)
    # GitHub
    lines = run([*base, "--format", "github"])[1].splitlines()
    record("github", len(lines), [f"bad line: {l[:80]}" for l in lines if not COMMAND.match(l)])
    # GitLab
    issues = json.loads(run([*base, "--format", "gitlab"])[1])
    problems = [f"issue without {k}" for i in issues for k in ("description", "check_name", "fingerprint", "severity", "location") if k not in i]
    if len({i["fingerprint"] for i in issues}) != len(issues):
        problems.append("duplicate fingerprints")
    record("gitlab", len(issues), problems)
    # JUnit
    xml = run([*base, "--format", "junit"])[1]
    try:
        root = ET.fromstring(xml.encode("utf-8"))
        record("junit", len(root.findall(".//failure")), [])
    except ET.ParseError as exc:
        record("junit", 0, [f"not XML: {exc}"])
    # JSON lines
    jl = run([*base, "--format", "json-lines"])[1].splitlines()
    bad = []
    for l in jl:
        try:
            json.loads(l)
        except ValueError as exc:
            bad.append(str(exc))
    record("json-lines", len(jl), bad)
    # text formats: one header line per finding
    for fmt in ("concise", "full"):
        text = run([*base, "--format", fmt])[1]
        heads = [l for l in text.splitlines() if re.match(r"^\S.*:\d+:\d+: [A-Z]+\d{3} ", l)]
        record(fmt, len(heads), [])
    # HTML
    html = run([*base, "--format", "html"])[1]
    if ns.report:
        Path(ns.report).write_text(html, encoding="utf-8")
    problems = []
    if "<script" in html or re.search(r"(?:href|src)=\"(?:https?:)?//", html):
        problems.append("not self-contained")
    try:
        HTMLParser().feed(html)
    except Exception as exc:  # noqa: BLE001
        problems.append(str(exc))
    m = re.search(r"<b>([\d,]+)</b>findings</div>", html)
    record("html", int(m.group(1).replace(",", "")) if m else -1, problems)

    print(f"{expected} findings (json) from {' '.join(ns.paths)}")
    for fmt, n, verdict in rows:
        print(f"  {fmt:<11} {n:>6}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
