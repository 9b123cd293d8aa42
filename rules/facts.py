"""Shared helpers of repository rules (every family): compact facts, finding positions, naming other files."""

from __future__ import annotations

import hashlib
import json

from linter.model import Span

MAX_NAMED = 5  # other files named in one message; the rest are counted ("and 12 more")
MAX_SHOWN = 90  # characters of a value shown in a message


def span_list(doc, pointer: str) -> list[int] | None:
    """The value's position as four plain ints (facts are cached as JSON)."""
    span = doc.span(pointer)
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def to_span(values) -> Span | None:
    try:
        line, column, end_line, end_column = (int(v) for v in values)
    except (TypeError, ValueError):
        return None
    return Span(line, column, end_line, end_column)


def fingerprint(value) -> str:
    """Same basis as the runner's default for document rules: the offending value itself."""
    basis = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def shown(value: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_SHOWN:
        value = value[: MAX_SHOWN - 1] + "…"
    return json.dumps(value, ensure_ascii=False)


def name_others(named: list[str], total: int) -> str:
    """'a.md (line 3), b.md (line 9) and 4 more': the first MAX_NAMED formatted entries of `total`."""
    text = ", ".join(named[:MAX_NAMED])
    rest = total - min(len(named), MAX_NAMED)
    return f"{text} and {rest} more" if rest > 0 else text


def in_folder(path: str | None, name: str) -> bool:
    """Whether a file's path runs through a folder of this name (`_posts`, `_drafts`), at any depth."""
    return f"/{name}/" in "/" + (path or "").replace("\\", "/")


def is_draft(doc) -> bool:
    """Whether the document is a draft being written (`draft: true`, Hugo's and Eleventy's flag):
    not on the site, and not finished."""
    return any(ptr == "/draft" and v is True for ptr, v in doc.role("publication-flag"))


def withdrawn(doc) -> bool:
    """Whether the article is withdrawn (`published: false`, `draft: true`; the "publication-flag"
    role) or a draft in Jekyll's `_drafts` folder: the site shows such a copy to nobody, so it
    duplicates nothing."""
    if in_folder(doc.path, "_drafts"):
        return True
    return any((ptr.endswith("/published") and v is False) or (ptr.endswith("/draft") and v is True)
               for ptr, v in doc.role("publication-flag"))
