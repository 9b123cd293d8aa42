"""The body's prose blocks (headings, paragraphs, lists, block quotes) for the content rules.

The blocks come from the engine's one scan of the body (`doc.blocks`, linter/body.py), shared by
every rule; this module keeps the prose ones within the content rules' size limits. A block's
`text` is the words a reader sees (links' URLs, HTML tags and code fences left out; inline code
kept). Offsets are character offsets into `doc.text`, so rules can report spans and build removal
fixes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"[ \t]*(?:\r\n|\r|\n)")
_NON_SPACE = re.compile(r"\S")

MAX_LINES = 20_000  # at most this many body lines are analysed (news articles have hundreds)
PROSE = ("heading", "paragraph", "list", "quote")


class Body(NamedTuple):
    blocks: list  # top-level prose blocks (linter.body.Block), in order
    truncated: bool  # the body was longer than the limit: only its first part was analysed
    start: int  # offset of the body in doc.text
    end: int  # offset just past the analysed part


def has_body(doc) -> bool:
    """Whether the document has any body text (without copying a body that may be huge)."""
    return _NON_SPACE.search(doc.text, doc.body_start) is not None


def body_of(doc, max_bytes: int) -> Body:
    """The body's prose blocks that end within the first `max_bytes` bytes and MAX_LINES lines."""
    cache = getattr(doc, "_content_body", None)
    if cache is not None and cache[0] == max_bytes:
        return cache[1]
    body = _limited(doc, max_bytes)
    try:
        doc._content_body = (max_bytes, body)
    except AttributeError:  # pragma: no cover - a document type without a __dict__
        pass
    return body


def _limited(doc, max_bytes: int) -> Body:
    base, text = doc.body_start, doc.text
    if not doc.has_front_matter:
        return Body([], False, base, base)
    end = _cut(text, base, max_bytes)
    blocks = doc.blocks
    truncated = end < len(text)
    if blocks and blocks[-1].end_line - blocks[0].line >= MAX_LINES:
        last_line = doc.body_line + MAX_LINES - 1
        truncated = True
        for b in blocks:
            if b.end_line > last_line:
                end = min(end, b.start)
                break
    return Body([b for b in blocks if b.end <= end and b.kind in PROSE], truncated, base, end)


def _cut(text: str, base: int, max_bytes: int) -> int:
    """The end of the part of text[base:] that fits in `max_bytes` UTF-8 bytes, cut after a line
    break (the whole text when it fits)."""
    size = len(text) - base
    if size * 4 <= max_bytes:  # fits whatever its characters
        return len(text)
    body = text[base : base + max_bytes + 1]
    if len(body) <= max_bytes and len(body.encode("utf-8", "surrogatepass")) <= max_bytes and size <= max_bytes:
        return len(text)
    cut = body[:max_bytes]
    while len(cut.encode("utf-8", "surrogatepass")) > max_bytes:  # multi-byte characters
        cut = cut[: max(0, len(cut) - max(1, (len(cut.encode("utf-8", "surrogatepass")) - max_bytes) // 4))]
    nl = max(cut.rfind("\n"), cut.rfind("\r"))
    return base + (nl + 1 if nl > 0 else 0)


def removal_end(doc, end: int, limit: int) -> int:
    """Extend a removal that ends at `end` over the line break and blank lines that follow,
    up to `limit` (the start of the next block, or the end of the analysed text)."""
    text = doc.text
    pos = end
    if pos > 0 and text[pos - 1] not in "\r\n":
        m = _LINE_BREAK.match(text, pos)
        pos = m.end() if m else pos
    while pos < limit:
        m = _BLANK_LINE.match(text, pos)
        if not m:
            break
        pos = m.end()
    return min(pos, max(limit, end))
