"""An article has an empty or near-empty body where its kind of page has bodies.

A scraper that fails to extract a page's text still writes the file: front matter and nothing
else, or a word or two. Whether that is a defect depends on the repository: a news feed kept as
front matter only (the item links out) has no bodies at all, and a section's list page
(`_index.md`) or a category page is front matter by design. So this repository-wide rule judges
each file against the files of its own kind: the same folder (for a page bundle
`<section>/<slug>/index.md`, the section), the same `layout` and `type` values, and list pages
(`_index.md`) apart from pages. It reports an empty body only when at least `min-files` other
files of that kind have a body and at least `min-share` of them do; it says nothing in a
repository, folder or layout without bodies.

A near-empty body (fewer than `min-words` words of text, no code, image, embed or shortcode) is
reported with a lower confidence (shown at `info`): a short note can be the whole article. Drafts
(`draft: true`) and withdrawn items (`published: false`) are left out: `hugo new` writes a draft
with no body.

Options: `min-words` (5), `min-files` (5), `min-share` (0.8).
"""

from __future__ import annotations

import posixpath
import re

from linter.model import Report, Span
from rules.facts import withdrawn

CODE = "CT006"
NAME = "body-empty"
SEVERITY = "warning"
KIND = "repository"
FIX = "never"
OPTIONS = {"min-words": 5, "min-files": 5, "min-share": 0.8}

_STORY = """---
title: "{title}"
---

{body}
"""
_BODIES = {
    "news/2024-03-01-bridge.md": ("Old bridge reopens", "The old stone bridge reopened to traffic on Friday after two years of repairs."),
    "news/2024-03-02-library.md": ("Library extends hours", "The central library will stay open until nine on weekdays from next month."),
    "news/2024-03-03-market.md": ("Farmers market moves", "The Saturday farmers market moves to the harbour car park for the summer."),
    "news/2024-03-04-school.md": ("School roof repaired", "Builders finished the new roof of the primary school a week ahead of schedule."),
    "news/2024-03-05-ferry.md": ("Ferry timetable changes", "The harbour ferry will run every twenty minutes on weekdays from Monday."),
}
GOOD = {path: _STORY.format(title=title, body=body) for path, (title, body) in _BODIES.items()}
BAD = {**GOOD, "news/2024-03-06-park.md": _STORY.format(title="New park opens by the river", body="")}

# Content that is not words: code, images, embeds, shortcodes.
_MEDIA = re.compile(r"!\[|<(?:img|iframe|video|audio|embed|object|picture|svg|script)\b|\{\{[<%]|\{%", re.I)
_WORD = re.compile(r"\w+")
_WORDS_KEPT = 50  # a body's word count is kept up to this many: enough to tell near-empty


def collect(doc, options):
    """[layout and type, words of text (capped; -1: code or media), line to report at] for each file."""
    data = doc.data
    if not doc.has_front_matter or not isinstance(data, dict):
        return None
    if withdrawn(doc):
        return None  # a draft or withdrawn item: an empty body is no defect yet
    kind = [str(data.get(key)) if isinstance(data.get(key), str) else None for key in ("layout", "type")]
    words = 0
    for block in doc.blocks:
        if block.kind == "code":
            words = -1
            break
        words += len(_WORD.findall(block.text, 0))
        if words >= _WORDS_KEPT:
            break
    if 0 <= words < _WORDS_KEPT and _MEDIA.search(doc.text, doc.body_start):
        words = -1
    line = doc.blocks[0].line if doc.blocks else doc.body_line  # where the body is, or would be
    return [kind, words, line]


def _group(path: str, kind) -> tuple:
    folder, name = posixpath.split(path.replace("\\", "/"))
    if name.startswith("index."):  # a page bundle: <section>/<slug>/index.md
        folder = posixpath.dirname(folder)
    return (folder, name.startswith("_index."), *kind)


def report(facts, options):
    min_words = int(options.get("min-words", 5))
    min_files = int(options.get("min-files", 5))
    min_share = float(options.get("min-share", 0.8))
    groups: dict[tuple, list] = {}
    for path, fact in facts.items():
        if fact:
            groups.setdefault(_group(path, fact[0]), []).append((path, fact))
    for members in groups.values():
        with_body = sum(1 for _, (_, words, _) in members if words < 0 or words >= min_words)
        for path, (_, words, line) in members:
            if words < 0 or words >= min_words:
                continue
            others = len(members) - 1
            if with_body < min_files or with_body < min_share * others:
                continue
            share = (f"all {others} other files of its kind have one" if with_body == others
                     else f"{with_body} of the {others} other files of its kind have one")
            span = Span(line, 1, line, 1)
            if words == 0:
                yield path, Report(f"the body is empty, while {share}", span=span, confidence=0.9)
            else:
                yield path, Report(f"the body has only {words} word{'s' if words > 1 else ''} of text, while {share}",
                                   span=span, confidence=0.6)
