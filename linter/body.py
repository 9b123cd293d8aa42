"""A Markdown body -> its blocks: one line-based scan, shared by every rule that reads the body.

The scan places each line in a block the way CommonMark (with GFM tables) would at the top level:
ATX and setext headings, paragraphs, lists (with their items), block quotes, fenced (``` and ~~~)
and indented code, HTML blocks (the seven kinds of the spec: `<div>`/`<p>`/`<table>` blocks as
TypePad and WordPress exports write them end at a blank line; `<script>`, `<pre>`, `<style>` and
comments at their closing tag), tables, thematic breaks and link reference definitions. It does
not parse inline syntax nor the blocks nested inside lists and quotes: it costs about what
splitting the body into words costs, a tenth of a full CommonMark parse (markdown-it-py), which
stays for where a full parse pays.

Every non-blank line of the body is in exactly one block; blocks are in order and do not overlap;
offsets are character offsets into the document's text, so rules report positions and build
edits from them. `code_ranges` adds the inline code spans of the other blocks to the code blocks,
so that text rules can leave code alone.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter

KINDS = ("heading", "paragraph", "list", "quote", "table", "code", "html", "break", "reference")
PROSE = frozenset(("heading", "paragraph", "list", "quote", "table"))  # blocks whose text is read


class Block:
    """One top-level block. `start`..`end` is its source in the document's text: from its first
    line's first character to just past its last line's line break (blank lines around it are not
    in it). `items`: for a list, one (text, start, end, line, end_line) per item."""

    __slots__ = ("kind", "level", "start", "end", "line", "end_line", "_doc_text", "_text", "_items", "_item_lines")

    def __init__(self, kind: str, level: int, start: int, end: int, line: int, end_line: int, doc_text: str,
                 item_lines: tuple = ()):
        self.kind = kind
        self.level = level  # a heading's level (1-6); 0 for other blocks
        self.start = start
        self.end = end
        self.line = line  # 1-based line of the first line
        self.end_line = end_line  # 1-based line of the last line
        self._doc_text = doc_text
        self._text: str | None = None
        self._items: tuple | None = None
        self._item_lines = item_lines  # for a list: (start, end, line, end_line) per item

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, level={self.level}, lines {self.line}-{self.end_line}, {self.start}:{self.end})"

    @property
    def source(self) -> str:
        return self._doc_text[self.start : self.end]

    @property
    def first_line(self) -> str:
        """The block's first line, without its line break."""
        text = self._doc_text
        stop = min(self.end, _line_end(text, self.start))
        return text[self.start : stop]

    @property
    def text(self) -> str:
        """The words a reader sees: for prose blocks, without markers, link URLs, HTML tags and
        emphasis; for code, the code (without its fences); for HTML, the text between the tags;
        nothing for breaks and reference definitions. Computed on first use."""
        if self._text is None:
            self._text = _block_text(self)
        return self._text

    @property
    def items(self) -> tuple:
        if self._items is None:
            text = self._doc_text
            self._items = tuple(
                (inline_text(_item_source(text[s:e])), s, e, l1, l2) for s, e, l1, l2 in self._item_lines
            )
        return self._items


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    cr = text.find("\r", pos, nl if nl >= 0 else len(text))
    if cr >= 0:
        return cr
    return nl if nl >= 0 else len(text)


# ---- line classification ---------------------------------------------------------------------
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_BREAK = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_DASHES = re.compile(r" {0,3}-+[ \t]*$")  # a setext underline, or a break: never a lazy line
_LIST = re.compile(r"( {0,3})([-+*]|[0-9]{1,9}[.)])([ \t]+|$)")
_DELIMITER_ROW = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_REFERENCE = re.compile(r""" {0,3}\[(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*(?:<[^<>\n]*>|[^\s<]\S*)(?:[ \t]*$|[ \t]+["'(])""")
_HTML_1 = re.compile(r" {0,3}<(script|pre|style|textarea)(?:[ \t>]|$)", re.I)
_HTML_1_END = re.compile(r"</(?:script|pre|style|textarea)>", re.I)
_HTML_6 = re.compile(
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|"
    r"dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|"
    r"menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|"
    r"track|ul)(?:[ \t>]|/>|$)",
    re.I,
)
_ATTRIBUTE = r"""(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_HTML_7 = re.compile(rf" {{0,3}}(?:<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$")
_HTML_OTHER = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))


def _indent(line: str) -> int:
    """Columns of leading whitespace (a tab to the next multiple of 4)."""
    col = 0
    for ch in line:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _html_start(line: str, interrupts: bool):
    """(kind 1-7, end marker or None) if `line` opens an HTML block, else None. `interrupts`: the
    line follows paragraph text, which only kinds 1 to 6 can interrupt."""
    s = line.lstrip(" ")
    if len(line) - len(s) > 3 or not s.startswith("<"):
        return None
    if _HTML_1.match(line):
        return 1, _HTML_1_END
    for opener, closer in _HTML_OTHER:
        if s.startswith(opener):
            return 2, closer
    if len(s) > 2 and s[1] == "!" and s[2].isalpha():
        return 4, ">"
    if _HTML_6.match(line):
        return 6, None
    if not interrupts and _HTML_7.match(line):
        return 7, None
    return None


def _list_marker(line: str, interrupts: bool):
    """(marker key, content indent) if `line` starts a list item, else None. After paragraph text
    an item must not be empty and an ordered one must start at 1."""
    m = _LIST.match(line)
    if m is None:
        return None
    marker = m.group(2)
    rest_empty = m.end() == len(line) or not line[m.end() :].strip()
    if interrupts and (rest_empty or (marker[0].isdigit() and marker[:-1].lstrip("0") != "1")):
        return None
    if marker[0] in "-*" and _BREAK.match(line):
        return None
    width = len(m.group(1)) + len(marker)
    spaces = _indent(line[width:]) if not rest_empty else 1
    if spaces > 4 or rest_empty:
        spaces = 1
    key = marker if not marker[0].isdigit() else marker[-1]
    return key, width + spaces


def _interrupts_paragraph(line: str) -> bool:
    """Whether a non-blank line after paragraph text starts a new block (rather than continuing it)."""
    s = line.lstrip(" ")
    if len(line) - len(s) > 3 or not s:
        return False
    c = s[0]
    if c == "#":
        return _ATX.match(line) is not None
    if c in "`~":
        return _fence(line) is not None
    if c == ">":
        return True
    if c in "-*_" and _BREAK.match(line):
        return True
    if c in "-*+" or c.isdigit():
        return _list_marker(line, True) is not None
    if c == "<":
        return _html_start(line, True) is not None
    return False


def _fence(line: str):
    m = _FENCE.match(line)
    if m is None:
        return None
    fence = m.group(1)
    if fence[0] == "`" and "`" in m.group(2):
        return None
    return fence


def _closes(line: str, fence: str) -> bool:
    s = line.lstrip(" ")
    if len(line) - len(s) > 3 or not s.startswith(fence):
        return False
    return not s.rstrip(" \t").strip(fence[0])


def _blank(line: str) -> bool:
    return not line or line.isspace()


# ---- the scan --------------------------------------------------------------------------------
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str, base: int) -> tuple[list[str], list[int]]:
    """The lines of text[base:] without their line breaks, and each line's start offset (one more
    start: the end of the text)."""
    if "\r" not in text[base:]:
        lines = text[base:].split("\n")
        starts, pos = [], base
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        if lines and lines[-1] == "" and len(lines) > 1:  # the text ends with a line break
            lines.pop()
            starts[-1] = len(text)
        else:
            starts.append(len(text))
        return lines, starts
    lines, starts, pos = [], [], base
    for m in _LINE_BREAK.finditer(text, base):
        lines.append(text[pos : m.start()])
        starts.append(pos)
        pos = m.end()
    if pos < len(text) or not lines:
        lines.append(text[pos:])
        starts.append(pos)
    starts.append(len(text))
    return lines, starts


def scan(text: str, base: int = 0, first_line: int = 1) -> list[Block]:
    """The blocks of text[base:] (the body), whose first line is line `first_line` of the file."""
    lines, starts = _lines(text, base)
    blocks: list[Block] = []
    n = len(lines)
    i = 0

    def add(kind: str, first: int, stop: int, level: int = 0, items: tuple = ()) -> None:
        """A block of lines [first, stop), less its trailing blank lines."""
        while stop - 1 > first and _blank(lines[stop - 1]):
            stop -= 1
        if items:
            items = tuple((starts[f], starts[s], first_line + f, first_line + s - 1) for f, s in items)
        blocks.append(Block(kind, level, starts[first], starts[stop], first_line + first, first_line + stop - 1, text, items))

    while i < n:
        line = lines[i]
        if not line or line.isspace():
            i += 1
            continue
        c = line[0]
        if c == " " or c == "\t":
            indent = _indent(line)
            if indent >= 4:  # indented code: up to the next line indented less (blank lines inside)
                j = i + 1
                while j < n and (_blank(lines[j]) or _indent(lines[j]) >= 4):
                    j += 1
                add("code", i, j)
                i = j
                continue
            c = line.lstrip(" \t")[0]
        if c.isalpha() and c != "_":  # the commonest line: paragraph text
            i = _paragraph(lines, i, n, add)
            continue
        if c == "#":
            m = _ATX.match(line)
            if m:
                add("heading", i, i + 1, len(m.group(1)))
                i += 1
                continue
        elif c in "`~":
            fence = _fence(line)
            if fence:
                j = i + 1
                while j < n and not _closes(lines[j], fence):
                    j += 1
                add("code", i, min(j + 1, n))
                i = j + 1
                continue
        elif c == ">":
            i = _quote(lines, i, n, add)
            continue
        elif c == "<":
            html = _html_start(line, False)
            if html:
                i = _html(lines, i, n, add, html)
                continue
        elif c == "[" and _REFERENCE.match(line):
            add("reference", i, i + 1)
            i += 1
            continue
        if c in "-*_" and _BREAK.match(line):
            add("break", i, i + 1)
            i += 1
            continue
        if c in "-*+" or c.isdigit():
            marker = _list_marker(line, False)
            if marker:
                i = _list(lines, i, n, add, marker)
                continue
        i = _paragraph(lines, i, n, add)
    return blocks


def _paragraph(lines, i, n, add) -> int:
    """A paragraph from line i, or a setext heading, or a table whose header is its last line."""
    j = i + 1
    while j < n:
        line = lines[j]
        if not line or line.isspace():
            break
        c = line.lstrip(" ")[:1]
        if c in ("=", "-") and _SETEXT.match(line):
            add("heading", i, j + 1, 1 if c == "=" else 2)
            return j + 1
        if c and not c.isalpha() and _interrupts_paragraph(line):
            break
        if "|" in line and "-" in line and _DELIMITER_ROW.match(line) and _cells(lines[j - 1]) == _cells(line):
            if j - 1 > i:
                add("paragraph", i, j - 1)
            return _table(lines, j - 1, n, add)
        j += 1
    add("paragraph", i, j)
    return j


def _cells(row: str) -> int:
    """The number of cells of a table row (0 for a line without a pipe)."""
    row = row.strip(" \t")
    if "|" not in row or not row.strip("|"):
        return 0  # no pipe, or nothing but pipes: no cells
    count = row.count("|") - row.count("\\|") + 1
    return count - row.startswith("|") - (row.endswith("|") and not row.endswith("\\|") and len(row) > 1)


def _table(lines, i, n, add) -> int:
    """A GFM table from its header line i: up to a blank line or the start of another block."""
    j = i + 2
    while j < n and not _blank(lines[j]) and not _interrupts_paragraph(lines[j]) and not _list_marker(lines[j], False):
        j += 1
    add("table", i, j)
    return j


def _quote(lines, i, n, add) -> int:
    """A block quote: lines that start with '>' and the lazy paragraph lines that follow them."""
    j = i
    fence = None
    open_paragraph = False  # whether the quote's last line is paragraph text (lazy lines may follow)
    while j < n:
        line = lines[j]
        if _blank(line):
            break
        s = line.lstrip(" ")
        if len(line) - len(s) <= 3 and s.startswith(">"):
            inner = s[2:] if s[1:2] == " " else s[1:]
            if fence:
                if _closes(inner, fence):
                    fence = None
                open_paragraph = False
            else:
                fence = _fence(inner)
                open_paragraph = not fence and _opens_paragraph(inner)
            j += 1
            continue
        if not open_paragraph or _interrupts_paragraph(line) or _DASHES.match(line) or _list_marker(line, False):
            break
        j += 1
    add("quote", i, j)
    return j


def _html(lines, i, n, add, html) -> int:
    kind, end = html
    if end is None:  # kinds 6 and 7: up to a blank line
        j = i + 1
        while j < n and not _blank(lines[j]):
            j += 1
        add("html", i, j)
        return j
    j = i
    while j < n:
        line = lines[j]
        after = line.index("<") + 2 if j == i else 0  # the end marker after the opener
        if end.search(line, after) if kind == 1 else line.find(end, after) >= 0:
            break
        j += 1
    add("html", i, min(j + 1, n))
    return j + 1


def _list(lines, i, n, add, marker) -> int:
    """A list from line i: its items, the lines indented under them (blank lines included when the
    list goes on after them), and lazy continuation lines."""
    key, width = marker
    items = []
    item_first = i
    j = i + 1
    fence = None
    open_paragraph = _item_opens_paragraph(lines[i], width)
    closed = False  # an item that starts with a blank line and another one is empty: over
    while j < n:
        line = lines[j]
        blank = _blank(line)
        indent = 0 if blank else _indent(line)
        if fence is not None:
            if blank or indent >= width:  # code inside the item
                if not blank and _closes(line.lstrip(" \t"), fence):
                    fence = None
                j += 1
                continue
            fence = None  # a line indented less ends the item, and its code
        if blank:
            closed = closed or (j == item_first + 1 and _blank(lines[item_first][width:]))
            open_paragraph = False
            j += 1
            continue
        if indent >= width and not closed:
            content = " " * (indent - width) + line.lstrip(" \t")
            fence = _fence(content) if content.lstrip(" ")[:1] in "`~" else None
            if fence is not None:
                open_paragraph = False
            elif open_paragraph and _SETEXT.match(content):
                open_paragraph = False  # the underline of a heading
            elif not open_paragraph or _interrupts_paragraph(content):
                open_paragraph = _opens_paragraph(content)
            j += 1
            continue
        other = _list_marker(line, False) if indent <= 3 else None
        if other is not None and other[0] == key:
            items.append(_item(lines, item_first, j))
            item_first, width = j, other[1]
            open_paragraph = _item_opens_paragraph(line, width)
            closed = False
            j += 1
            continue
        if not open_paragraph or other is not None or _interrupts_paragraph(line) or _DASHES.match(line):
            break
        j += 1  # a lazy continuation line
    items.append(_item(lines, item_first, j))
    add("list", i, j, 0, tuple(items))
    return j


def _item_opens_paragraph(line: str, width: int) -> bool:
    """Whether a list item's first line starts a paragraph (that lazy lines may continue)."""
    return _opens_paragraph(line[width:] if len(line) > width else "")


def _opens_paragraph(content: str) -> bool:
    """Whether the first line of a container's content (a list item's, a quote's) leaves paragraph
    text open, however deep it is nested in quotes and list items."""
    for _ in range(100):
        if _blank(content) or _indent(content) >= 4:
            return False
        s = content.lstrip(" ")
        if s[0] == ">":
            content = s[2:] if s[1:2] == " " else s[1:]
            continue
        m = _list_marker(content, False) if s[0] in "-*+" or s[0].isdigit() else None
        if m is None:
            return _paragraph_start(content)
        content = content[m[1]:] if len(content) > m[1] else ""
    return False


def _paragraph_start(line: str) -> bool:
    """Whether a non-blank line that does not follow paragraph text starts a paragraph."""
    if _indent(line) >= 4:
        return False
    s = line.lstrip(" ")
    c = s[:1]
    if c.isalpha():
        return True
    if c == "<" and _html_start(line, False):
        return False
    if c == "[" and _REFERENCE.match(line):
        return False
    if c in "-*+" or c.isdigit():
        if _list_marker(line, False):
            return False
    return not _interrupts_paragraph(line)


def _item(lines, first, stop):
    """An item's lines [first, stop), less its trailing blank lines."""
    while stop - 1 > first and _blank(lines[stop - 1]):
        stop -= 1
    return first, stop


# ---- text ------------------------------------------------------------------------------------
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # Hugo shortcodes, Liquid tags
_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\((?:[^()\s]{0,2000}|<[^<>\n]{0,2000}>)(?:\s+[^()\n]{0,500})?\)")
_REF_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\[[^\[\]\n]{0,200}\]")
_TAG = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,500})?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>")
_LINK_TEXT = itemgetter(1)  # a link's text, in place of the link: a C call per match (a "\\1" template is a Python one in 3.11)
_ESCAPE = re.compile(r"\\(?=[^\w\s])")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_ATX_MARKS = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$")
_ITEM_MARKER = re.compile(r"^[ \t]*(?:[-+*]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_MARKS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_CELL_BARS = re.compile(r"[ \t]*\|[ \t]*")


def inline_text(text: str) -> str:
    """The words a reader sees in an inline run: link texts without their URLs, no HTML tags,
    no emphasis or code markers, no template tags."""
    if "{" in text:
        text = _TEMPLATE.sub(" ", text)
    if "[" in text:
        text = _LINK.sub(_LINK_TEXT, text)
        if "][" in text:
            text = _REF_LINK.sub(_LINK_TEXT, text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    for mark in "*`~":
        if mark in text:
            text = text.replace(mark, "")
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    if "&" in text:
        text = _ENTITY.sub("", text)
    if "://" in text or (("w." in text or "W." in text) and "ww." in text.lower()):
        text = _URL.sub(" ", text)
    return text.strip()


def _joined(lines) -> str:
    return "\n".join(filter(None, map(str.strip, lines)))


def _without_code(lines):
    """The lines that are not in a fenced code block (inside a list item or a quote)."""
    fence = None
    for line in lines:
        s = line.lstrip(" \t")
        if fence is not None:
            if _closes(s, fence):
                fence = None
            continue
        if s[:1] in "`~":
            fence = _fence(s)
            if fence:
                continue
        yield line


def _item_source(source: str) -> str:
    lines = source.splitlines()
    out = [_ITEM_MARKER.sub("", lines[0], count=1)] if lines else []
    out += [_ITEM_MARKER.sub("", line, count=1) for line in _without_code(lines[1:])]
    return _joined(out)


def _block_text(block: Block) -> str:
    source = block.source
    kind = block.kind
    if kind == "paragraph":
        return inline_text(_joined(source.splitlines()))
    if kind == "heading":
        lines = source.splitlines()
        if block.level and _ATX.match(lines[0]):
            return inline_text(_ATX_MARKS.sub("", lines[0].strip(" \t")))
        return inline_text(_joined(lines[:-1]))  # setext: the underline is not text
    if kind == "list":
        return " ".join(text for text, *_ in block.items)
    if kind == "quote":
        lines = [_QUOTE_MARKS.sub("", line) for line in source.splitlines()]
        return inline_text(_joined(_without_code(lines)))
    if kind == "table":
        lines = source.splitlines()
        del lines[1:2]  # the delimiter row
        return inline_text(_joined(_CELL_BARS.sub(" ", line) for line in lines))
    if kind == "code":
        lines = source.splitlines()
        if lines and _fence(lines[0]):
            fence = _fence(lines[0])
            lines = lines[1:-1] if len(lines) > 1 and _closes(lines[-1], fence) else lines[1:]
            return "\n".join(lines)
        return "\n".join(line[4:] if line.startswith("    ") else line.lstrip("\t") for line in lines)
    if kind == "html":
        return " ".join(_TAG.sub(" ", source).split())
    return ""


# ---- code ------------------------------------------------------------------------------------
_BACKTICKS = re.compile(r"`+")


def code_ranges(blocks: list[Block], text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint [start, end) ranges of code: code blocks, fenced code inside lists and
    quotes, and inline code spans (a backtick string up to the next backtick string of the same
    length in the same block)."""
    out: list[tuple[int, int]] = []
    for b in blocks:
        kind = b.kind
        if kind == "code":
            out.append((b.start, b.end))
            continue
        if kind in ("html", "break", "reference"):
            continue
        if text.find("`", b.start, b.end) < 0 and text.find("~~~", b.start, b.end) < 0:
            continue
        if kind in ("list", "quote"):
            _nested_fences(text, b, out)
        _code_spans(text, b.start, b.end, out)
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _nested_fences(text: str, block: Block, out: list) -> None:
    pos = block.start
    fence, opened = None, 0
    for line in text[block.start : block.end].splitlines(keepends=True):
        s = _QUOTE_MARKS.sub("", line).lstrip(" \t").rstrip("\r\n") if block.kind == "quote" else line.lstrip(" \t").rstrip("\r\n")
        if block.kind == "list" and fence is None:
            s = _ITEM_MARKER.sub("", s, count=1)
        if fence is None:
            f = _fence(s) if s[:1] in "`~" else None
            if f:
                fence, opened = f, pos
        elif _closes(s, fence):
            out.append((opened, pos + len(line)))
            fence = None
        pos += len(line)
    if fence is not None:
        out.append((opened, block.end))


def _code_spans(text: str, start: int, end: int, out: list) -> None:
    runs = list(_BACKTICKS.finditer(text, start, end))
    k = 0
    while k < len(runs):
        opener = runs[k]
        size = len(opener.group())
        for m in range(k + 1, len(runs)):
            if len(runs[m].group()) == size:
                out.append((opener.start(), runs[m].end()))
                k = m
                break
        k += 1


def in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of the sorted, disjoint `ranges`."""
    k = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= offset < ranges[k][1]
