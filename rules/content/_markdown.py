"""Markdown body -> blocks (headings, paragraphs, lists, block quotes) with their text and lines.

Uses markdown-it-py (CommonMark), imported lazily and only for bodies that need it: a body of
plain paragraphs (no line that could start any other block) is split at its blank lines here, as
markdown-it would split it, without importing it (a third of a one-file run's start-up).
Code blocks, HTML blocks, tables, front matter and link URLs are left out (inline code is kept): a block's `text` is the
words a reader sees. Offsets are character offsets into `doc.text`, so rules can report spans and
build removal fixes. The result is cached on the document: the content rules share one parse.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_MD = None
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # Hugo shortcodes, Liquid tags
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"[ \t]*(?:\r\n|\r|\n)")


MAX_LINES = 20_000  # at most this many body lines are analysed (news articles have hundreds)


class Block(NamedTuple):
    kind: str  # "heading" | "paragraph" | "list" | "quote"
    level: int  # heading level (1-6); 0 for other blocks
    text: str  # the visible words, links' URLs and code left out
    start: int  # offset in doc.text of the block's first line
    end: int  # offset just past the block's last line (before the blank lines that follow it)
    line: int  # 1-based line of the first line
    end_line: int  # 1-based line of the last line
    items: tuple  # for a list: one (text, start, end, line, end_line) per item; else ()


class Body(NamedTuple):
    blocks: list  # top-level blocks, in order
    truncated: bool  # the body was longer than the limit: only its first part was analysed
    start: int  # offset of the body in doc.text
    end: int  # offset just past the analysed part


def _parser():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        # Block structure only: markdown-it's inline pass costs up to 10 microseconds a character
        # on hostile input ("[[[[..."); the visible words of a paragraph are recovered below with
        # a few linear regular expressions instead.
        _MD = MarkdownIt("commonmark").disable("inline")
    return _MD


_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\((?:[^()\s]{0,2000}|<[^<>\n]{0,2000}>)(?:\s+[^()\n]{0,500})?\)")
_REF_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\[[^\[\]\n]{0,200}\]")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>")
_MARKUP = re.compile(r"[*`~]+|\\(?=[^\w\s])|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _inline_text(text: str) -> str:
    """The words a reader sees in an inline run: link texts without their URLs, no HTML tags,
    no emphasis or code markers."""
    if "[" in text:
        text = _REF_LINK.sub(r"\1", _LINK.sub(r"\1", text))
    if "<" in text:
        text = _AUTOLINK.sub(" ", text)
    return _URL.sub(" ", _MARKUP.sub("", text))


_NON_SPACE = re.compile(r"\S")

# A line that may start a block other than a paragraph, or that needs the full parser to place:
# up to 3 spaces, then a marker of a heading, block quote, list, thematic break, setext underline,
# code fence, HTML block or link reference definition, or a fourth space (indented code) or a tab.
_NOT_PLAIN = re.compile(r"^(?: {4}| {0,3}(?:[#>*+\-=_`~<\[\t]|\d{1,9}[.)]))", re.M)


def _plain_paragraphs(src: str) -> list[tuple[tuple[int, int], str]] | None:
    """The paragraphs of a body made of nothing else, as markdown-it gives them: (first line, line
    after the last) and the text (lines joined, whitespace trimmed at both ends). None when any line
    could be more than paragraph text, or the text would start or end with a character the
    CommonMark trim treats differently from Python (each markdown-it-py version has its own set)."""
    if "\0" in src or _NOT_PLAIN.search(src):
        return None
    lines = src.split("\n")
    if src.endswith("\n"):
        lines.pop()  # no line after the last line break
    paragraphs, first = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip(" \t"):
            if first is None:
                first = i
            continue
        if first is not None:
            text = "\n".join(lines[first:i]).strip(" \t\n")
            if text[0].isspace() or text[-1].isspace() or "\ufeff" in (text[0], text[-1]):
                return None
            paragraphs.append(((first, i), text))
            first = None
    return paragraphs


def has_body(doc) -> bool:
    """Whether the document has any body text (without copying a body that may be huge)."""
    return _NON_SPACE.search(doc.text, doc.body_start) is not None


def body_of(doc, max_bytes: int) -> Body:
    """The body's blocks, parsed once per document and limit."""
    cache = getattr(doc, "_content_body", None)
    if cache is not None and cache[0] == max_bytes:
        return cache[1]
    body = _parse(doc, max_bytes)
    try:
        doc._content_body = (max_bytes, body)
    except AttributeError:  # pragma: no cover - a document type without a __dict__
        pass
    return body


def _parse(doc, max_bytes: int) -> Body:
    base = doc.body_start
    text = doc.text[base : base + max_bytes + 1] if doc.has_front_matter else ""
    truncated = False
    lines = 0
    for m in _LINE_BREAK.finditer(text):
        lines += 1
        if lines >= MAX_LINES:  # a line cap too: block parsing costs a few microseconds a line
            text = text[: m.end()]
            truncated = True
            break
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        truncated = True
        cut = text[:max_bytes]
        while len(cut.encode("utf-8", "surrogatepass")) > max_bytes:  # multi-byte characters
            cut = cut[: max(0, len(cut) - max(1, (len(cut.encode("utf-8", "surrogatepass")) - max_bytes) // 4))]
        nl = max(cut.rfind("\n"), cut.rfind("\r"))
        text = cut[: nl + 1] if nl > 0 else ""
    if not text.strip():
        return Body([], truncated, base, base + len(text))
    text = _TEMPLATE.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)
    # markdown-it numbers lines by "\n" only: "\r\n" -> " \n" and a lone "\r" -> "\n" keep every offset.
    src = text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text
    starts = [0] + [m.end() for m in re.finditer("\n", src)]
    first_line = 1 + sum(1 for _ in _LINE_BREAK.finditer(doc.text, 0, base))  # not doc.line_of: it indexes the whole file
    n = len(text)

    def offset(line: int) -> int:
        return base + (starts[line] if line < len(starts) else n)

    def trimmed_end(line_end: int, line_start: int) -> int:
        """End offset of the last non-blank line of [line_start, line_end)."""
        while line_end - 1 > line_start and not src[starts[line_end - 1] : (starts[line_end] if line_end < len(starts) else n)].strip():
            line_end -= 1
        return line_end

    def geometry(m):
        a, b = m[0], trimmed_end(m[1], m[0])
        return offset(a), offset(b), first_line + a, first_line + b - 1

    plain = _plain_paragraphs(src)
    if plain is not None:
        blocks = [Block("paragraph", 0, _inline_text(text), *geometry(lines), ()) for lines, text in plain]
        return Body(blocks, truncated, base, base + n)
    tokens = _parser().parse(src)
    blocks = []
    i, count = 0, len(tokens)
    while i < count:
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        kind = tok.type
        if kind in ("heading_open", "paragraph_open"):
            inline = tokens[i + 1]
            words = _inline_text(inline.content)
            level = int(tok.tag[1:]) if kind == "heading_open" else 0
            s, e, l1, l2 = geometry(tok.map)
            blocks.append(Block("heading" if level else "paragraph", level, words, s, e, l1, l2, ()))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            close = kind.replace("_open", "_close")
            j = i + 1
            parts, items = [], []
            item_map, item_parts = None, []
            while j < count and not (tokens[j].type == close and tokens[j].level == 0):
                t = tokens[j]
                if t.type == "list_item_open" and t.level == 1:
                    item_map, item_parts = t.map, []
                elif t.type == "list_item_close" and t.level == 1 and item_map is not None:
                    s, e, l1, l2 = geometry(item_map)
                    items.append((" ".join(item_parts), s, e, l1, l2))
                    item_map = None
                elif t.type == "inline":
                    words = _inline_text(t.content)
                    parts.append(words)
                    item_parts.append(words)
                j += 1
            s, e, l1, l2 = geometry(tok.map)
            blocks.append(Block("quote" if kind == "blockquote_open" else "list", 0, " ".join(parts), s, e, l1, l2, tuple(items)))
            i = j + 1
            continue
        i += 1  # code, html, hr, tables: not prose
    return Body(blocks, truncated, base, base + n)


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
