"""Stray whitespace in a one-line text field: leading or trailing spaces (including no-break
spaces), doubled spaces, line breaks, control characters or zero-width characters.

Titles, excerpts and descriptions are shown on one line. Scraped values often keep the source
page's layout: a trailing `\\xa0`, runs of spaces, `\\r\\n` between paragraphs, a zero-width space.

The fix (safe) removes leading and trailing whitespace, control and zero-width characters, and
replaces each run of spaces and line breaks inside the value with one space. Values written as
block scalars (`|`, `>`) are reported but not rewritten, and the line break such a value ends with
(`description: >` then the text: YAML's own, which `>-` would leave out) is not reported.

Zero-width joiners and non-joiners (U+200C, U+200D) are left alone: emoji and several scripts
need them.

In the body, Markdown gives whitespace a meaning (two trailing spaces break a line, indentation
makes code), so only characters that are defects wherever they are reported: control characters
(other than tab and line breaks: invalid in the HTML and XML feeds built from the text), line and
paragraph separators (U+2028, U+2029) and byte-order marks inside the text, in the text of every
block but code. One finding per line; the fix (safe) removes them (a space where one stood between
two words).
"""

from __future__ import annotations

import re

from linter.model import Edit, Fix, Report
from linter.patterns import Lazy
from linter.yamledit import fix, replace_value
from rules.text._body import by_line, line_bounds
from rules.textfields import around, text_fields

CODE = "TXT003"
NAME = "whitespace"
SEVERITY = "warning"
FIX = "sometimes"
BAD = '---\ntitle: "Markets rally after the vote  "\nexcerpt: "Stocks rose.\\r\\n\\r\\nBonds  fell."\n---\n'
GOOD = '---\ntitle: "Markets rally after the vote"\nexcerpt: "Stocks rose. Bonds fell."\n---\n'

_SPACE = " \t\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_BREAK = "\n\r\x0b\x0c\x85\u2028\u2029"
_ZERO_WIDTH = "\u200b\u2060\ufeff\u180e"
_CONTROL = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"

class _Trailing:
    """`[chars]+$` found in linear time: a regex search for it tries every offset of a long run of
    spaces followed by a letter (quadratic: 30 s on 100,000 spaces); this matches only where
    `rstrip` says the run starts."""

    def __init__(self, chars: str):
        self.chars = chars
        self.rx = re.compile(f"[{chars}]+\\Z")

    def search(self, value: str):
        return self.rx.match(value, len(value.rstrip(self.chars)))


_SUSPECT = Lazy(f"^[{_SPACE}{_BREAK}]|[{_SPACE}{_BREAK}]$|[{_SPACE}]{{2}}|[{_BREAK}{_ZERO_WIDTH}{_CONTROL}]")
_PROBLEMS = (
    ("leading whitespace", re.compile(f"^[{_SPACE}{_BREAK}{_ZERO_WIDTH}]+")),
    ("trailing whitespace", _Trailing(f"{_SPACE}{_BREAK}{_ZERO_WIDTH}")),
    ("a line break", re.compile(f"[{_BREAK}]+")),
    ("doubled spaces", re.compile(f"[{_SPACE}]{{2,}}")),
    ("a control character", re.compile(f"[{_CONTROL}]+")),
    ("a zero-width character", re.compile(f"[{_ZERO_WIDTH}]+")),
)
_DROP = re.compile(f"[{_ZERO_WIDTH}{_CONTROL}]+")
_RUN = re.compile(f"[{_SPACE}{_BREAK}]*[{_BREAK}][{_SPACE}{_BREAK}]*|[{_SPACE}]{{2,}}")


def clean(value: str) -> str:
    value = _DROP.sub("", value)
    value = _RUN.sub(" ", value)
    return value.strip(_SPACE + _BREAK)


def _suspect(value: str) -> bool:
    """Whether `value` may have a problem (`_SUSPECT` matches), for a non-empty value."""
    if value.isprintable():  # of the characters above only " " is printable: no regex needed
        return value[0] == " " or value[-1] == " " or "  " in value
    return _SUSPECT.search(value) is not None


def check(doc, options):
    for ptr, value in text_fields(doc):
        if not value or not _suspect(value):
            continue
        if value.endswith("\n") and _block_style(doc, ptr):
            value = value[:-1]  # the line break a block scalar ends with (`>`, `|`) is YAML's, not the text's
            if not value or not _suspect(value):
                continue
        found = []
        for name, rx in _PROBLEMS:
            m = rx.search(value)
            if m:
                found.append((name, m))
        if not found:
            continue
        cleaned = clean(value)
        if cleaned == value:
            continue
        names = [name for name, _ in found]
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        m = found[0][1]
        yield Report(
            f"{ptr.rsplit('/', 1)[-1]}: {what} in a one-line field: {around(value, m.start(), m.end())}",
            pointer=ptr,
            fix=fix("safe", "normalise the whitespace", replace_value(doc, ptr, cleaned)),
        )
    yield from _body(doc)


def _block_style(doc, ptr: str) -> bool:
    scalar = doc.scalar(ptr)
    return scalar is not None and scalar.style in ("|", ">")


_BODY_DEFECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]+")
_ANY_DEFECT = re.compile(_BODY_DEFECT.pattern[:-1])  # one character: three times quicker to search for
_NAMES = {"\u2028": "a line separator (U+2028)", "\u2029": "a paragraph separator (U+2029)",
          "\ufeff": "a byte-order mark (U+FEFF)"}


def _body(doc):
    text = doc.text
    first = _ANY_DEFECT.search(text, doc.body_start)
    if first is None:
        return
    for line, matches in by_line(doc, _BODY_DEFECT.finditer(text, first.start()), html=True).items():
        start, end = line_bounds(doc, line)
        edits = []
        for m in matches:
            before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
            between_words = before.strip() and after.strip() and m.group().strip("\ufeff")
            edits.append(Edit(m.start(), m.end(), " " if between_words else ""))
        chars = list(dict.fromkeys(ch for m in matches for ch in m.group()))
        controls = [f"U+{ord(ch):04X}" for ch in chars if ch not in _NAMES]
        names = [f"a control character ({controls[0]})" if len(controls) == 1 else
                 f"control characters ({', '.join(controls)})"] if controls else []
        names += [_NAMES[ch] for ch in chars if ch in _NAMES]
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        m = matches[0]
        yield Report(
            f"{what} in the body text: {around(text[start:end], m.start() - start, m.end() - start)}",
            span=doc.offset_span(m.start(), m.end()),
            fix=Fix("safe", "remove the invisible characters", tuple(edits)),
        )
