"""Which front-matter values are plain text, and small helpers shared by the text rules."""

from __future__ import annotations

import re
from functools import lru_cache

from rules._memo import items, ordered_subset, per_document

# Plain-text fields wherever they occur: an article's, each `related` item's, the blog-post
# shape's (`description`), image records' (`images[].title`)...
TEXT_KEYS = ("title", "excerpt", "description")
# ... and the values of these field roles (linter.fields) of the article and its `related` items:
# the title, its copies (`structured_data.headline`, `og:title`), the summary (`summary`...).
TEXT_ROLES = ("title", "title-copy", "description")

_ITEM_PARENT = re.compile(r"^(?:/related/\d+)?$")


def field_name(ptr: str) -> str:
    return ptr.rsplit("/", 1)[-1]


def item_of(ptr: str) -> str | None:
    """The item pointer ("" or "/related/N") a field belongs to directly, or None if it is nested
    deeper (an image's title, say)."""
    parent = ptr.rsplit("/", 1)[0]
    return parent if _ITEM_PARENT.match(parent) else None


def text_fields(doc, keys=TEXT_KEYS, item_level: bool = False) -> list[tuple[str, str]]:
    """(pointer, value) of every string value under one of `keys`, in document order; with
    `item_level`, only the fields of the article itself and of its `related` items. Computed once
    per document (six text rules ask): do not modify the list."""
    keys = tuple(keys)
    return per_document(doc, ("text_fields", keys, item_level), lambda: _text_fields(doc, keys, item_level))


def _text_fields(doc, keys: tuple[str, ...], item_level: bool) -> list[tuple[str, str]]:
    if _picked_from_all(keys):  # doc.fields sorts these: picked out of all the text fields, in order
        return [(ptr, value) for ptr, value in text_fields(doc, TEXT_KEYS, item_level) if field_name(ptr) in keys]
    if item_level:  # some of the fields at every level
        return [(ptr, value) for ptr, value in text_fields(doc, keys) if _item_level(ptr)]
    found = [(ptr, value) for ptr, value in doc.fields(*keys) if isinstance(value, str)]
    return _with_roles(doc, found) if keys == TEXT_KEYS else found


def _with_roles(doc, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`found` and the string values of TEXT_ROLES it lacks, in document order."""
    known = {ptr for ptr, _ in found}
    extra = [(ptr, value) for item, _ in items(doc) for role in TEXT_ROLES for ptr, value in doc.role(role, item)
             if isinstance(value, str) and ptr not in known]
    if not extra:  # most files: their text fields are all under TEXT_KEYS
        return found
    nodes = doc.nodes
    extra = list(dict(extra).items())  # a value of two roles counts once
    return sorted(found + extra, key=lambda pv: nodes[pv[0]].start_mark.index if pv[0] in nodes else 0)


def is_summary(doc, ptr: str) -> bool:
    """Whether the field at `ptr` summarises its item (the "description" role: `excerpt`,
    `description`, `summary`...)."""
    item = ptr[: ptr.rfind("/")]
    return any(p == ptr for p, _ in doc.role("description", item))


@lru_cache(maxsize=32)
def _picked_from_all(keys: tuple[str, ...]) -> bool:
    """Whether the fields of `keys` are best picked out of the fields of all TEXT_KEYS: several
    of them, not all, in TEXT_KEYS order. Decided once per set of keys."""
    return len(keys) > 1 and keys != TEXT_KEYS and ordered_subset(keys, TEXT_KEYS)


def _item_level(ptr: str) -> bool:
    """`item_of(ptr) is not None`, without the regex for the article's own fields ("/title")."""
    return ptr.count("/") == 1 or item_of(ptr) is not None


def shorten(text: str, width: int = 60) -> str:
    """A value shortened for a message, with control characters and line breaks made visible."""
    if len(text) > width:
        text = text[: width - 1] + "…"
    return quote(text)


_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\xa0": "\\u00a0", '"': '\\"', "\\": "\\\\"}
# Every character `_shown` changes: those of _VISIBLE, control characters (C0, DEL, C1) and
# invisible ones. One regex pass leaves all others alone, instead of a Python loop over each.
_HIDDEN = re.compile('[\x00-\x1f"\\\\\x7f-\xa0\u200b\u200c\u200d\u2060\ufeff\u2028\u2029]')


def _shown(m) -> str:
    ch = m.group()
    return _VISIBLE.get(ch) or f"\\u{ord(ch):04x}"


def quote(text: str) -> str:
    return '"' + _HIDDEN.sub(_shown, text) + '"'


def around(text: str, start: int, end: int, width: int = 24) -> str:
    """The part of `text` around [start, end), quoted (so that edge spaces show), with ellipses
    where it was cut."""
    a, b = max(0, start - width), min(len(text), end + width)
    return '"' + ("…" if a else "") + quote(text[a:b])[1:-1] + ("…" if b < len(text) else "") + '"'
