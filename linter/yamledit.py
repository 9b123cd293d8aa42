"""Minimal, byte-faithful edits to front matter for rules' fixes.

Every helper returns an `Edit` (offsets into `doc.text`) that touches only the text of the value
it changes, keeping quoting style, comments, indentation and line endings everywhere else; or
None when no such edit can be made safely (the rule then offers no fix).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.resolver import Resolver

from linter import pointer as jp
from linter.model import Edit, Fix

_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Only what a double-quoted scalar cannot hold literally is escaped: a value written back unchanged
# keeps its bytes (a literal no-break space stays one). Those characters: the quote, the backslash,
# control characters but the tab, C1 controls, line and paragraph separators, surrogates and the
# non-characters U+FFFE and U+FFFF.
_MUST_ESCAPE = re.compile(r'[\\"\x00-\x08\n-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\0": "\\0", "\x1b": "\\e",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _resolved_tag(text: str) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


def _escape(match: re.Match) -> str:
    ch = match.group()
    named = _ESCAPES.get(ch)
    if named is not None:
        return named
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def double_quoted(value: str) -> str:
    return '"' + _MUST_ESCAPE.sub(_escape, value) + '"'


def _plain_ok(value: str, tag: str) -> bool:
    if not value or value != value.strip() or value[0] in _INDICATORS or "\n" in value or "\r" in value:
        return False
    if ": " in value or " #" in value or value.endswith(":") or any(c < " " for c in value):
        return False
    return _resolved_tag(value) == tag


def render(value: Any, style: str | None = None, tag: str = _STR) -> str:
    """YAML text for a scalar, in `style` where that style can hold it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    value = str(value)
    if style == "'" and all(c >= " " for c in value) and value == value.strip("\u2028\u2029\x85"):
        return "'" + value.replace("'", "''") + "'"
    if style in (None, "") and _plain_ok(value, tag):
        return value
    return double_quoted(value)


def _skip_properties(text: str, start: int, end: int) -> int:
    """A node's text starts with its anchor (`&a`) and tag (`!t`), if any: keep them."""
    while start < end and text[start] in "&!":
        while start < end and text[start] not in " \t\r\n":
            start += 1
        while start < end and text[start] in " \t\r\n":
            start += 1
    return start


def replace_value(doc, pointer: str, value: Any) -> Edit | None:
    """Replace the scalar at `pointer` with `value`, written in the same style as before."""
    node = doc.nodes.get(pointer)
    if not isinstance(node, yaml.ScalarNode):
        return None
    start, end = doc.fm_start + node.start_mark.index, doc.fm_start + node.end_mark.index
    begin, start = start, _skip_properties(doc.text, start, end)
    if not isinstance(value, str) and "!" in doc.text[begin:start]:
        return None  # `!!str "false"`: under its tag, any text stays a string; an edit cannot fix it
    if node.style in ("|", ">"):
        return None  # block scalars: rewriting them faithfully is not worth the risk
    style = node.style or None
    tag = node.tag if isinstance(value, str) else _STR
    if isinstance(value, str) and node.end_mark.line > node.start_mark.line:
        folded = render_folded(value, style, doc.text, start, end)
        if folded is not None:
            return Edit(start, end, folded)
    return Edit(start, end, render(value, style, tag))


def render_folded(value: str, style: str | None, text: str, start: int, end: int) -> str | None:
    """`value` written in `style` and wrapped over lines as the scalar at text[start:end] was (a
    long description an emitter folded at 80 columns stays folded rather than becoming one line
    of 600): ruamel.yaml's emitter folds it at about the original's width, continuation lines
    take the original's indentation. None when the value cannot be folded in that style, or
    when the text would not read back as `value`."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    old_lines = text[start:end].splitlines()
    continuation = old_lines[1][: len(old_lines[1]) - len(old_lines[1].lstrip(" "))] if len(old_lines) > 1 else ""
    if not continuation:
        return None
    column = start - _line_start(text, start)  # where the value starts on its first line
    width = max(len(line) for line in [" " * column + old_lines[0], *old_lines[1:]])
    key = "k" * max(1, column - 2)  # a key that puts the value where it starts in the file
    wrapped = {None: str, "'": SingleQuotedScalarString, '"': DoubleQuotedScalarString}.get(style)
    if wrapped is None:
        return None
    emitter = YAML(typ="rt")
    emitter.width = max(40, width - 1)
    emitter.indent(mapping=len(continuation))
    out = io.StringIO()
    emitter.dump({key: wrapped(value)}, out)
    lines = out.getvalue().rstrip("\n").split("\n")
    first = lines[0][len(key) + 2 :]
    rest = [continuation + line.strip(" ") for line in lines[1:]]
    folded = "\n".join([first.rstrip(" "), *(line.rstrip(" ") for line in rest)])
    try:  # a line break YAML knows and Python's split does not (U+0085) can make it unreadable
        if "\n" not in folded or yaml.safe_load(f"{key}: {folded}") != {key: value}:
            return None
    except yaml.YAMLError:
        return None
    newline = "\r\n" if "\r\n" in text[start:end] else "\n"
    return folded.replace("\n", newline)


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _next_line_start(text: str, offset: int) -> int:
    i = offset
    n = len(text)
    while i < n and text[i] not in "\r\n":
        i += 1
    if text.startswith("\r\n", i):
        return i + 2
    return min(i + 1, n)


def delete_item(doc, pointer: str) -> Edit | None:
    """Remove one item of a block sequence, with its lines (and the blank lines that follow it)."""
    parent = doc.nodes.get(jp.parent(pointer))
    index = jp.last(pointer)
    if not isinstance(parent, yaml.SequenceNode) or not index.isdigit() or parent.flow_style:
        return None
    items = parent.value
    i = int(index)
    if i >= len(items) or len(items) < 2:
        return None
    text, base = doc.text, doc.fm_start
    node = items[i]
    start = _line_start(text, base + node.start_mark.index)
    if text[start : base + node.start_mark.index].strip() != "-":
        return None  # not a plain "- item" line (compact nesting, comments...): leave it
    if i + 1 < len(items):
        nxt = base + items[i + 1].start_mark.index
        end = _line_start(text, nxt)
        if text[end:nxt].strip() != "-":
            return None
    else:
        end_offset = base + node.end_mark.index
        end = end_offset if end_offset == _line_start(text, end_offset) else _next_line_start(text, end_offset)
        prev_end = base + items[i - 1].end_mark.index
        # A block mapping item ends where the next "- " begins: the previous item may end inside
        # this item's "  - " prefix, not after it.
        if end_offset > base + parent.end_mark.index or prev_end > base + node.start_mark.index:
            return None
    return Edit(start, end, "")


def fix(applicability: str, description: str, *edits: Edit | None) -> Fix | None:
    """A Fix from edits, or None if any edit could not be made."""
    if not edits or any(e is None for e in edits):
        return None
    return Fix(applicability, description, tuple(edits))
