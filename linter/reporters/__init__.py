"""Reporters: each module has `render(run, out, options) -> None`. Imported only when chosen."""

from __future__ import annotations

import importlib

REPORTERS = {
    "text": "linter.reporters.text",
    "full": "linter.reporters.text",
    "concise": "linter.reporters.text",
    "json": "linter.reporters.json",
}


def get(name: str):
    return importlib.import_module(REPORTERS[name])
