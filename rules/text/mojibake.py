"""Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`â€™`, `Ã©`).

A scraper that guesses the wrong encoding turns `’` into `â€™` and `é` into `Ã©`. Detection and
repair use [ftfy](https://ftfy.readthedocs.io/), which recognises these sequences with very few
false alarms; the message says how the text was garbled and what it should read.

The fix (safe) writes ftfy's repaired text. Title, excerpt and description fields are checked
(in the article, in `related` items and in image records), and the body's text: headings,
paragraphs, lists, quotes, tables and the text of HTML blocks, not code (code blocks and inline
code spans are left as they are). One finding per body line; its fix rewrites only the garbled
characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.model import Edit, Fix, Report
from linter.yamledit import fix, replace_value
from rules.text._body import by_line, line_bounds, text_runs
from rules.text._fields import shorten, text_fields

CODE = "TXT002"
NAME = "mojibake"
SEVERITY = "warning"
FIX = "sometimes"
BAD = '---\ntitle: "Apple adds â€˜Sensitive Dataâ€™ controls"\nexcerpt: "A cafÃ© review."\n---\n'
GOOD = '---\ntitle: "Apple adds ‘Sensitive Data’ controls"\nexcerpt: "A café review."\n---\n'

# Every UTF-8 multi-byte sequence misread as cp1252/latin-1 starts with one of Â..ô (a lead byte)
# followed by a continuation byte (0x80-0xBF) as cp1252 or latin-1 shows it. Text without such
# a pair cannot be this kind of mojibake, so ftfy is not even imported for it.
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
        "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MAYBE = re.compile(f"[\u00c2-\u00f4][{_CONT}]")


@lru_cache(maxsize=1)
def _ftfy():
    import ftfy

    return ftfy


def _explain(steps) -> str:
    encodings = [step[1] for step in steps or () if step[0] == "encode"]
    decodings = [step[1] for step in steps or () if step[0] == "decode"]
    if encodings and decodings:
        wrong = encodings[0].replace("sloppy-", "")
        return f"{decodings[0].upper()} text read as {wrong}"
    return "garbled characters"


def check(doc, options):
    for ptr, value in text_fields(doc):
        if value.isascii() or not _MAYBE.search(value):  # ASCII text has no lead character
            continue
        fixed, steps = _ftfy().fix_encoding_and_explain(value)
        if fixed == value:
            continue
        yield Report(
            f"{ptr.rsplit('/', 1)[-1]}: {shorten(value)} is mojibake ({_explain(steps)}); "
            f"it should read {shorten(fixed)}",
            pointer=ptr,
            fix=fix("safe", "repair the mojibake (ftfy)", replace_value(doc, ptr, fixed)),
        )
    yield from _body(doc)


def _changed(old: str, new: str) -> tuple[int, int, int]:
    """The part of `old` that differs from `new`: (start, end in old, end in new)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, len(new) - suffix


def _body(doc):
    text = doc.text
    first = _MAYBE.search(text, doc.body_start)
    if first is None:
        return
    for line, _ in by_line(doc, _MAYBE.finditer(text, first.start()), html=True).items():
        start, end = line_bounds(doc, line)
        edits, steps_seen = [], None
        for a, b in text_runs(doc, start, end):
            segment = text[a:b]
            if not _MAYBE.search(segment):
                continue
            fixed, steps = _ftfy().fix_encoding_and_explain(segment)
            if fixed == segment:
                continue
            s, e, new_end = _changed(segment, fixed)
            edits.append(Edit(a + s, a + e, fixed[s:new_end]))
            steps_seen = steps_seen or steps
        if not edits:
            continue
        old = "".join(text[e.start : e.end] for e in edits[:3])
        new = "".join(e.text for e in edits[:3])
        lossy = "\ufffd" in "".join(e.text for e in edits)
        yield Report(
            f"body text {shorten(old, 40)} is mojibake ({_explain(steps_seen)}); it should read {shorten(new, 40)}"
            + (f" ({len(edits)} places on this line)" if len(edits) > 3 else ""),
            span=doc.offset_span(edits[0].start, edits[0].end),
            fix=None if lossy else Fix("safe", "repair the mojibake (ftfy)", tuple(edits)),
        )
