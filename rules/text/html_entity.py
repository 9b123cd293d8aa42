"""HTML entities (`&amp;`, `&#8217;`, `&nbsp;`…) left in plain-text fields, URLs or the body's text.

Titles, excerpts and descriptions are plain text: the site's templates escape them again, so a
scraped `&#8217;` is shown to readers as `&amp;#8217;` or as the literal entity. In URLs, an
`&#038;` or `&amp;` copied from an HTML attribute breaks the query string.

The fix (safe) unescapes the entities (none is offered when one of them stands for a control
character or an invalid code point, such as `&#0;`) (`&nbsp;` becomes an ordinary space in plain text) and, in
URLs, turns `&#038;`/`&amp;` back into `&`. The value keeps its quoting style.

In the body, Markdown itself decodes entities, so only what a scraper left behind is reported:
in a scraped copy (its front matter names the page it came from: a `source_url`, `originalUrl`...),
entities for typographic characters (`&#8217;`, `&rsquo;`, `&nbsp;`, `&#039;`, `&quot;`) in the
text of headings, paragraphs, lists, quotes and tables; in any body, double-escaped ones
(`&amp;#8217;`, which readers see as `&#8217;`). A hand-written post's `&mdash;` is its author's
way of writing a dash, which the page shows as one. Left alone: `&lt;`, `&gt;`, `&amp;` (Markdown text needs them),
entities for other characters Markdown gives a meaning to (`&#42;` for `*`) and for letters and
digits (addresses hidden from harvesters), and entities in code, in HTML blocks and tags, and in
URLs. One finding per line; the fix (safe) writes the characters (a no-break space for `&nbsp;`,
as the page showed it; a double-escaped `&lt;` becomes `&lt;`).
"""

from __future__ import annotations

import html
import re

from linter.model import Edit, Fix, Report
from linter.yamledit import fix, replace_value
from rules.scraped import source_url
from rules.text._body import by_line, line_bounds
from rules.textfields import around, text_fields

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
    yield from _fields(doc)
    yield from _body(doc)


def _fields(doc):
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
    from rules.urlfields import url_fields  # here: importing the text rules loads no URL library

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


# ---- the body ------------------------------------------------------------------------------------
_BODY_ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKDOWN = frozenset("\\`*_{}[]()#+-.!|<>&~")  # Markdown syntax: an entity for one may be an escape
_TAG_START = re.compile(r"</?[A-Za-z]")
_LOOK_BACK = 2000  # characters before an entity searched for the URL or tag it may be in


def _in_markup(text: str, line_start: int, pos: int) -> bool:
    """Whether `pos` is inside a URL (a link's destination, an autolink, a bare URL) or an HTML tag."""
    before = text[max(line_start, pos - _LOOK_BACK) : pos]
    word = before[max(before.rfind(" "), before.rfind("\t")) + 1 :]
    if "://" in word or "](" in word or "www." in word or word.startswith("<"):
        return True
    lt = before.rfind("<")
    return lt > before.rfind(">") and _TAG_START.match(before, lt) is not None


def _decoded(entity: str):
    """(escaped levels, the entity under the `&amp;`s, the character it stands for), or None when
    it is no scraping artefact."""
    inner, levels = entity[1:-1], 0
    while inner.startswith("amp;") and len(inner) > 4:
        inner, levels = inner[4:], levels + 1
    inner = f"&{inner};"
    char = html.unescape(inner)
    if char == inner:
        return None  # not an entity (an unknown name)
    if not levels and (char in _MARKDOWN or (char.isascii() and char.isalnum())):
        return None
    return levels, inner, char


def _body(doc):
    text = doc.text
    first = text.find("&", doc.body_start)
    if first < 0:
        return
    scraped = source_url(doc) is not None
    for line, matches in by_line(doc, _BODY_ENTITY.finditer(text, first)).items():
        start, end = line_bounds(doc, line)
        found = []
        for m in matches:
            decoded = _decoded(m.group())
            if decoded is not None and (scraped or decoded[0]) and not _in_markup(text, start, m.start()):
                found.append((m, *decoded))
        if not found:
            continue
        edits, broken = [], False
        for m, levels, inner, char in found:
            if char in ("\ufffd", "") or char < " ":
                broken = True
            edits.append(Edit(m.start(), m.end(), inner if levels and char in _MARKDOWN else char))
        names = list(dict.fromkeys(m.group() for m, *_ in found))
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        twice = next((m.group() for m, levels, _, _ in found if levels), None)
        first_match = found[0][0]
        yield Report(
            f"HTML {'entity' if len(names) == 1 else 'entities'} {shown} in the body text: "
            f"{around(text[start:end], first_match.start() - start, first_match.end() - start)}"
            + (f"; {twice} is escaped twice (readers see {html.unescape(twice)})" if twice else ""),
            span=doc.offset_span(first_match.start(), first_match.end()),
            fix=None if broken else Fix("safe", "write the characters the entities stand for", tuple(edits)),
        )
