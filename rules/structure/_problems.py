"""Structural rules report what the parser found; this turns a parse Problem into a Report."""

from linter.model import Report


def report_problems(doc, kind: str):
    for p in doc.problems:
        if p.kind == kind:
            yield Report(p.message, pointer=p.pointer, span=p.span)
