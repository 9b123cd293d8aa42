"""Values computed once: per document, or per text value.

The rules of a file run one after another on one parsed `Document`; a helper that many of them
call (the text fields, the date values, the URL fields) keeps its result on the document, so the
work is done once per file however many rules ask. Keep only results that depend on nothing but
the document and the key, and never modify a remembered result: return tuples, or lists the
callers only read.

`text_cache` remembers a pure function of a short text across documents, for values that recur
from file to file in real sites (URL path segments such as `blog` or `en-us`). Whole excerpts
and bodies do not: real articles rarely share them, so they are not cached.
"""

from __future__ import annotations

import functools
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


def ordered_subset(keys: tuple, of: tuple) -> bool:
    """Each of `keys` is one of `of`, once, in the order of `of`. Fields of all of `of` sorted by
    position (stably, as `doc.fields` sorts several keys) then kept for `keys` are then exactly the
    fields of `keys` sorted the same way."""
    try:
        positions = [of.index(k) for k in keys]
    except ValueError:
        return False
    return all(a < b for a, b in zip(positions, positions[1:]))


def items(doc) -> list[tuple[str, dict]]:
    """`doc.items()` (the article and each `related` item), once per document: do not modify it."""
    return per_document(doc, "items", doc.items)


def text_cache(maxsize: int = 4096, longest: int = 4096):
    """`functools.lru_cache` for a pure function whose first argument is a text, used only for
    texts of at most `longest` characters: a hostile file's huge values are computed, not kept."""

    def decorate(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(text: str, *args):
            return cached(text, *args) if len(text) <= longest else fn(text, *args)

        return call

    return decorate
