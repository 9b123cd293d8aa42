"""Where in the body the text rules look: the text of its blocks, never code.

The blocks come from the engine's one scan of the body (`doc.blocks`). The rules find candidate
characters with one regular-expression pass over the body, then keep those in a block of the kinds
they read and not in code (code blocks and inline code spans are left alone), and group them by
line: one finding per line, at the line and column of the first.
"""

from __future__ import annotations

import bisect

from rules._memo import per_document


def kinds(html: bool = False) -> frozenset:
    """The kinds of blocks whose text a reader reads (linter.body.PROSE); with `html`, also HTML
    blocks, whose text between the tags is shown. (linter.body is imported only for a body.)"""
    from linter.body import PROSE

    return PROSE | {"html"} if html else PROSE


def _starts(doc) -> list[int]:
    return per_document(doc, "block_starts", lambda: [b.start for b in doc.blocks])


def block_at(doc, offset: int):
    """The block of the body that holds `offset`, or None (a blank line, the front matter)."""
    blocks = doc.blocks
    k = bisect.bisect_right(_starts(doc), offset) - 1
    if k < 0 or offset >= blocks[k].end:
        return None
    return blocks[k]


def by_line(doc, matches, html: bool = False) -> dict[int, list]:
    """The matches (re.Match over doc.text) that are in the text of a block (see `kinds`) and not
    in code, by 1-based line."""
    wanted = kinds(html)
    out: dict[int, list] = {}
    for m in matches:
        block = block_at(doc, m.start())
        if block is not None and block.kind in wanted and not doc.in_code(m.start()):
            out.setdefault(doc.line_of(m.start()), []).append(m)
    return out


def line_bounds(doc, line: int) -> tuple[int, int]:
    """Start and end (before its line break) of a 1-based line."""
    starts = doc.line_starts
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(doc.text)
    text = doc.text
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return start, end


def text_runs(doc, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end) that are not code."""
    ranges = doc.code_ranges
    k = bisect.bisect_right(ranges, (start, float("inf"))) - 1
    runs, pos = [], start
    for code_start, code_end in ranges[max(k, 0) :]:
        if code_start >= end:
            break
        if code_end <= pos:
            continue
        if code_start > pos:
            runs.append((pos, code_start))
        pos = max(pos, code_end)
    if pos < end:
        runs.append((pos, end))
    return runs
