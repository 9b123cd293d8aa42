"""HTML entities (`&amp;`, `&#8217;`, `&nbsp;`…) left in plain-text fields or URLs.

Titles, excerpts and descriptions are plain text: the site's templates escape them again, so a
scraped `&#8217;` is shown to readers as `&amp;#8217;` or as the literal entity. In URLs, an
`&#038;` or `&amp;` copied from an HTML attribute breaks the query string.

The fix (safe) unescapes the entities (none is offered when one of them stands for a control
character or an invalid code point, such as `&#0;`) (`&nbsp;` becomes an ordinary space in plain text) and, in
URLs, turns `&#038;`/`&amp;` back into `&`. The value keeps its quoting style.
"""

from __future__ import annotations

import html
import re

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules.text._fields import around, text_fields

CODE = "TXT001"
NAME = "html-entity"
SEVERITY = "warning"
FIX = "sometimes"
BAD = ('---\ntitle: "Tom &amp; Jerry&#8217;s new show"\n'
       'webUrl: "https://example.com/story?id=1&#038;ref=feed"\n---\n')
GOOD = ('---\ntitle: "Tom & Jerry’s new show"\n'
        'webUrl: "https://example.com/story?id=1&ref=feed"\n---\n')

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL_ENTITY = re.compile(r"&(?:#0*38|#[xX]0*26|amp);")


def _plain(entity: str) -> str:
    text = html.unescape(entity)
    return " " if text == "\xa0" else text


def _real(matches):
    return [m for m in matches if html.unescape(m.group()) != m.group()]


def _no_ampersand(doc) -> bool:
    """Whether no front-matter value can hold an '&': the YAML text has none, nor a backslash
    (a double-quoted "\\x26" is one). True of most files, which are then done at once."""
    text, start, end = doc.text, doc.fm_start, doc.fm_end
    return text.find("&", start, end) < 0 and text.find("\\", start, end) < 0


def check(doc, options):
    if _no_ampersand(doc):
        return
    for ptr, value in text_fields(doc):
        if "&" not in value:
            continue
        found = _real(_ENTITY.finditer(value))
        if not found:
            continue
        fixed = _ENTITY.sub(lambda m: _plain(m.group()), value)
        broken = any(_plain(m.group()) in ("\ufffd", "") or _plain(m.group()) < " " for m in found)
        names = list(dict.fromkeys(m.group() for m in found))
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        first = found[0]
        yield Report(
            f"{ptr.rsplit('/', 1)[-1]}: HTML {'entity' if len(names) == 1 else 'entities'} {shown} in plain text: "
            f"{around(value, first.start(), first.end())}",
            pointer=ptr,
            fix=None if broken else fix("safe", "unescape the HTML entities", replace_value(doc, ptr, fixed)),
        )
    from rules.urls._common import url_fields  # here: importing the text rules loads no URL library

    for ptr, _, value in url_fields(doc):
        if "&" not in value:
            continue
        found = list(_URL_ENTITY.finditer(value))
        if not found:
            continue
        fixed = _URL_ENTITY.sub("&", value)
        yield Report(
            f"{ptr.rsplit('/', 1)[-1]}: HTML entity {found[0].group()} in a URL; write &: "
            f"{around(value, found[0].start(), found[0].end())}",
            pointer=ptr,
            fix=fix("safe", "write & for the escaped ampersand", replace_value(doc, ptr, fixed)),
        )
