"""Small helpers the machine-readable reporters share."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def clean(text: str) -> str:
    """Text safe to encode as UTF-8: lone surrogates (undecodable bytes kept by the decoder)
    become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def rules_by_code(run) -> dict:
    """Every rule the registry knows, by code (empty when the run has no registry)."""
    registry = getattr(getattr(run, "settings", None), "registry", None)
    return {r.code: r for r in getattr(registry, "rules", ())}


def posix(path: str) -> str:
    return path.replace("\\", "/")
