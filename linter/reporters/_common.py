"""Small helpers the machine-readable reporters share."""

from __future__ import annotations

import json
import re

_SURROGATE = re.compile("[\ud800-\udfff]")

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def clean(text: str) -> str:
    """Text safe to encode as UTF-8: lone surrogates (undecodable bytes kept by the decoder)
    become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def dumps(value, **options) -> str:
    """JSON text (not ASCII-escaped) that any UTF-8 writer accepts: a lone surrogate (an undecodable
    byte of a file name, `caf\udce9.md`) is written as its JSON escape and reads back the same."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _SURROGATE.search(text) else text


def rules_by_code(run) -> dict:
    """Every rule the registry knows, by code (empty when the run has no registry)."""
    registry = getattr(getattr(run, "settings", None), "registry", None)
    return {r.code: r for r in getattr(registry, "rules", ())}


def posix(path: str) -> str:
    return path.replace("\\", "/")
