"""Reporters: each module has `render(run, out, options) -> None`. Imported only when chosen."""

from __future__ import annotations

import importlib

REPORTERS = {
    "text": "linter.reporters.text",
    "full": "linter.reporters.text",
    "concise": "linter.reporters.text",
    "grouped": "linter.reporters.text",
    "json": "linter.reporters.json",
    "json-lines": "linter.reporters.jsonlines",
    "sarif": "linter.reporters.sarif",
    "github": "linter.reporters.github",
    "gitlab": "linter.reporters.gitlab",
    "junit": "linter.reporters.junit",
    "html": "linter.reporters.html",
}


def get(name: str):
    return importlib.import_module(REPORTERS[name])
