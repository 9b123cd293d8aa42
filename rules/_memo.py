"""Values that several rules derive from the same document, computed once per document.

The rules of a file run one after another on one parsed `Document`; a helper that many of them
call (the text fields, the date values, the URL fields) keeps its result on the document, so the
work is done once per file however many rules ask. Keep only results that depend on nothing but
the document and the key, and never modify a remembered result: return tuples, or lists the
callers only read.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable

_ATTRIBUTE = "_rules_memo"
_MISSING = object()


def per_document(doc, key: Hashable, compute: Callable[[], Any]) -> Any:
    """`compute()`, remembered on `doc` under `key` (computed each time for an object that cannot
    carry attributes)."""
    memo = getattr(doc, _ATTRIBUTE, None)
    if memo is None:
        memo = {}
        try:
            setattr(doc, _ATTRIBUTE, memo)
        except AttributeError:  # a document type without a __dict__: nowhere to keep it
            return compute()
    value = memo.get(key, _MISSING)
    if value is _MISSING:
        value = memo[key] = compute()
    return value


def items(doc) -> list[tuple[str, dict]]:
    """`doc.items()` (the article and each `related` item), once per document: do not modify it."""
    return per_document(doc, "items", doc.items)
