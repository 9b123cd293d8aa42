"""`--format junit`: JUnit XML, for CI systems that show test reports (GitLab `junit` reports,
Jenkins, Azure Pipelines, ...).

One `<testsuite name="newslint">` with one `<testcase>` per file checked (`name` and `file` = the
path, `classname` = the path with `/` as `.`); a clean file is a passing test case, a file with
findings has one `<failure>` per finding (`type` = code and rule, `message` = line:column and the
message, the text repeats it with the JSON pointer). `failures` counts failing files, `tests`
counts files; a file newslint could not read or write gets an `<error>`. Characters XML 1.0 cannot carry (control characters from scraped data) are written
as `\\xNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from linter.reporters._common import clean

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    text = clean(text)
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _NOT_XML.search(text) else text


def tree(run) -> ET.ElementTree:
    results = list(run.results)
    notes: dict[str, list[str]] = {}
    for note in getattr(run, "errors", []):  # files that could not be read or written
        path = next((r.path for r in results if note.startswith(r.path + ": ")), "")
        notes.setdefault(path, []).append(note)
    cases: list[tuple[str, list, list[str]]] = [(r.path, r.findings, notes.pop(r.path, [])) for r in results]
    cases += [(path or "newslint", [], extra) for path, extra in notes.items()]
    failing = sum(1 for _, findings, _ in cases if findings)
    erring = sum(1 for _, _, extra in cases if extra)
    nfindings = sum(len(findings) for _, findings, _ in cases)
    counts = {"tests": str(len(cases)), "failures": str(failing), "errors": str(erring)}
    root = ET.Element("testsuites", name="newslint", **counts)
    suite = ET.SubElement(root, "testsuite", name="newslint", skipped="0", **counts)
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="findings", value=str(nfindings))
    for raw_path, findings, extra in cases:
        path = _x(raw_path)
        classname = path.replace("/", ".").rsplit(".", 1)[0] or path
        case = ET.SubElement(suite, "testcase", name=path, classname=classname, file=path)
        for f in findings:
            failure = ET.SubElement(case, "failure", message=_x(f"{f.line}:{f.column}: {f.message}"),
                                    type=_x(f"{f.code} {f.rule}"))
            text = f"{path}:{f.line}:{f.column}: {f.code} {f.rule} [{f.severity}] {f.message}"
            if f.pointer is not None:
                text += f"\npointer: {f.pointer or '/'}"
            failure.text = _x(text)
        for note in extra:
            ET.SubElement(case, "error", message=_x(note), type="newslint")
    ET.indent(root)
    return ET.ElementTree(root)


def render(run, out, options) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree(run).getroot(), encoding="unicode"))
    out.write("\n")
