"""A text field holds a placeholder, not content.

Reported: placeholder words (`Placeholder.`, `na`, `N/A`, `TBD`, `TODO`, `null`, `untitled`…),
lorem ipsum, a bare URL as an excerpt or description, and an excerpt or description that merely
repeats the title. These are what a feed writes when the source page had no summary; the site
shows them to readers as if they were text.

Author and byline fields (the "author" field role: `author`, `authors`, `byline`,
`structured_data.author`…; docs/fields.md) are checked too: a CMS writes "Unknown Author",
"admin" or "N/A" where it knew no name, and readers see it as the byline. An author written as a
mark only (`-`, `...`) is not reported: a site's archetype may write it on every post as its way
of saying "no byline" (seen on 40 of 43 posts of a public Hugo blog), and its theme hides it.

`words` lists the placeholder values (compared ignoring case, spacing and final punctuation);
`author-words` adds those that are placeholders only as an author's name; `same-as-title: false`
stops reporting excerpts identical to their title.

A draft (`draft: true`) is not checked: the site shows it to nobody, and a placeholder is what a
draft holds until it is written. A withdrawn news item (`published: false`) is: its text is kept.

In the body: a body whose only text is one of `words` ("TBD", "Coming soon"), and a paragraph,
heading or list item that is an editor's note left in (`TODO`, `TBD: the mayor's reply`, `[TK]`,
`FIXME`, "Insert text here"). Lorem ipsum in the body is template-filler's (CT002).

Anywhere in the file (not in code): a CVE id never filled in (`CVE-2024-XXXXX`), as an advisory
drafted before its id was assigned keeps it (seen on two public project sites).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from linter.model import Report
from rules._memo import items
from rules.facts import is_draft
from rules.text._body import by_line, kinds
from rules.textfields import TEXT_KEYS, is_summary, shorten, text_fields

CODE = "TXT006"
NAME = "placeholder-text"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {
    "words": ["placeholder", "na", "n/a", "n.a.", "tbd", "tba", "tbc", "todo", "to do", "tk", "xxx",
              "none", "null", "nil", "undefined", "nan", "-", "--", "...", "…", "untitled", "no title",
              "no excerpt", "no description", "excerpt", "description", "title", "coming soon", "test"],
    "author-words": ["unknown", "unknown author", "no author", "author", "admin", "administrator", "webmaster"],
    "same-as-title": True,
}
BAD = '---\ntitle: "City council approves the new budget"\nexcerpt: "Placeholder."\n---\n'
GOOD = ('---\ntitle: "City council approves the new budget"\n'
        'excerpt: "The council voted 7-2 for a budget that adds bus routes and trims parking fees."\n---\n')

_LOREM = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b", re.IGNORECASE)
_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*\Z", re.IGNORECASE)


def _norm(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split()).casefold()  # each run of whitespace one space, stripped
    return text.rstrip(".!?…:;, ").strip()


def _lorem(text: str):
    """`_LOREM`'s match, searched only when its words are there (its letters match only ASCII
    ones, whatever the case)."""
    low = text.lower()
    if "lorem" not in low and "dolor" not in low:
        return None
    return _LOREM.search(text)


@lru_cache(maxsize=32)
def _words(words: tuple) -> tuple[frozenset, int]:
    normed = frozenset(_norm(str(w)) for w in words)
    return normed, max((len(w) for w in normed), default=0)


def check(doc, options):
    if is_draft(doc):
        return  # a draft is not on the site: a placeholder is what it holds until it is written
    words, longest = _words(tuple(options.get("words") or ()))
    yield from _authors(doc, words | _words(tuple(options.get("author-words") or ()))[0])
    for ptr, value in text_fields(doc, TEXT_KEYS, item_level=True):
        name = ptr.rsplit("/", 1)[-1]
        if not value.strip():
            continue  # empty: a schema matter
        norm = _norm(value) if len(value) <= 4 * longest + 40 or "lorem" in value.lower() else None
        if norm is not None and (norm in words or not norm):
            yield Report(f"{name}: {shorten(value.strip())} is a placeholder, not content", pointer=ptr)
        elif _lorem(value):
            yield Report(f"{name}: lorem ipsum placeholder text: {shorten(value)}", pointer=ptr)
        elif is_summary(doc, ptr) and _URL.match(value):
            yield Report(f"{name}: a bare URL {shorten(value.strip())} instead of a summary", pointer=ptr)
        elif options.get("same-as-title", True) and is_summary(doc, ptr):
            item = doc.get(ptr.rsplit("/", 1)[0])
            title = item.get("title") if isinstance(item, dict) else None
            if isinstance(title, str) and abs(len(title) - len(value)) < 20 and _norm(title) == _norm(value):
                yield Report(f"{name}: repeats the title {shorten(title)} instead of summarising the article",
                             pointer=ptr)
    yield from _body(doc, words)
    yield from _unfilled_ids(doc)


# A CVE id before it is assigned: "CVE-2024-XXXXX", "CVE-XXXX-XXXX" (an advisory drafted ahead).
_UNFILLED_ID = re.compile(r"\bCVE-(?:\d{4}|X{4}|Y{4})-X{4,}\b")


def _unfilled_ids(doc):
    text = doc.text
    if "CVE-" not in text:
        return
    front: dict[int, re.Match] = {}
    for m in _UNFILLED_ID.finditer(text, 0, doc.body_start):
        front.setdefault(doc.line_of(m.start()), m)
    body = [ms[0] for ms in by_line(doc, _UNFILLED_ID.finditer(text, doc.body_start)).values()]
    for m in [*front.values(), *body]:  # one finding per line
        yield Report(f"{m.group()} is a placeholder for a CVE id not yet filled in", span=doc.offset_span(m.start(), m.end()))


def _authors(doc, words: frozenset):
    for item, _ in items(doc):
        for ptr, value in doc.role("author", item):
            # an author written as a mark ("-", "...") is a site's way of saying "no byline" (an
            # archetype writes it on every post, and the theme hides it): not a name left unfilled
            if isinstance(value, str) and value.strip() and (norm := _norm(value)) in words and any(map(str.isalnum, norm)):
                yield Report(f"{ptr.rsplit('/', 1)[-1]}: {shorten(value.strip())} is a placeholder, not an author's name",
                             pointer=ptr)


# An editor's note: a marker in capitals, alone or before a colon or dash ("TODO: add the quote").
_NOTE = re.compile(r"\[?(?:TODO|TBD|TBC|TBA|FIXME|TK|XXX)\]?(?:\s*[:\-\u2013\u2014]\s+\S.*)?\Z", re.S)
_LONGEST = 200  # characters: a longer paragraph is no note
_FILL_IN = frozenset(("placeholder", "coming soon", "insert text here", "text goes here", "content goes here",
                      "your text here", "your content here", "add text here", "add content here", "body text here"))


def _fill_in(text: str) -> bool:
    """Whether `text` is one of `_FILL_IN`, each of which holds "here", "placeholder" or "coming":
    a text without one of them (nor an HTML entity that could spell one) is not."""
    if "&" not in text:
        folded = text.casefold()
        if "here" not in folded and "placeholder" not in folded and "coming" not in folded:
            return False
    return _norm(text) in _FILL_IN


def _body(doc, words):
    if not doc.blocks:
        return
    prose = kinds()
    blocks = [b for b in doc.blocks if b.kind in prose]
    if not blocks:
        return
    if len(blocks) == len(doc.blocks) and len(blocks) <= 2 and doc.text.find("`", blocks[0].start) < 0:  # a word or two
        shown = " ".join(b.text for b in blocks)
        whole = _norm(shown)
        if len(whole) <= 40 and (whole in words or whole in _FILL_IN or _NOTE.match(whole.upper())):
            yield Report(f"the body is a placeholder, not an article: {shorten(shown)}",
                         span=doc.offset_span(blocks[0].start, blocks[0].start + len(blocks[0].first_line)))
            return
    for b in blocks:
        if b.end - b.start > _LONGEST and b.kind != "list":
            continue  # too long to be a note (and its text need not be computed)
        units = [(t, s, e) for t, s, e, _, _ in b.items] if b.kind == "list" else [(b.text, b.start, b.end)]
        for text, start, end in units:
            if len(text) > _LONGEST or not text or doc.text.find("`", start, end) >= 0:  # code names no placeholder
                continue
            stripped = text.strip()
            if _NOTE.match(stripped) or _fill_in(stripped.strip("[]()")):
                line_end = doc.text.find("\n", start)
                yield Report(f"an editor's note or placeholder left in the body: {shorten(stripped)}",
                             span=doc.offset_span(start, line_end if line_end >= 0 else len(doc.text)))

