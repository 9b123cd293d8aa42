"""The same paragraph appears in many files (scraped boilerplate).

Scrapers pick up text that is not part of any article: a newsletter pitch, an author box, a
cookie notice, "Read more" footers. Such a paragraph shows up word for word in file after file.
This repository-wide rule compares the body paragraphs (and list items and block quotes) of every
file checked in one run, after normalising whitespace, case and quotes, and reports a paragraph
that occurs in `min-files` or more files, in each of them.

Paragraphs shorter than `min-words` words are ignored (a "Thanks for reading." is not worth a
warning), and so are those that contain one of the `allow` phrases (or match one of the
`allow-patterns` regular expressions): list the standard disclaimer your site adds on purpose.

Options: `min-files` (3), `min-words` (8), `allow` ([]), `allow-patterns` ([]),
`max-body-bytes` (1048576: only the first part of a longer body is compared),
`max-paragraphs` (500: at most this many paragraphs of one file are compared).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from linter.model import Report, Span
from rules.content._markdown import body_of, has_body
from rules.content.template_filler import _units, normalise

CODE = "CT003"
NAME = "boilerplate-paragraph"
SEVERITY = "warning"
KIND = "repository"
FIX = "never"
OPTIONS = {"min-files": 3, "min-words": 8, "allow": [], "allow-patterns": [], "max-body-bytes": 1_048_576,
           "max-paragraphs": 500}

_ARTICLE = """---
title: "{title}"
---

{first}

Enjoyed this story? Sign up for our weekly newsletter and get the best local reporting in your inbox.
"""
BAD = {
    "2022-07-01-bridge.md": _ARTICLE.format(title="Old bridge reopens", first="The old stone bridge reopened to traffic on Friday after two years of repairs."),
    "2022-07-02-library.md": _ARTICLE.format(title="Library extends hours", first="The central library will stay open until nine on weekdays from next month."),
    "2022-07-03-market.md": _ARTICLE.format(title="Farmers market moves", first="The Saturday farmers market moves to the harbour car park for the summer."),
}
GOOD = {
    "2022-07-01-bridge.md": _ARTICLE.format(title="Old bridge reopens", first="The old stone bridge reopened to traffic on Friday after two years of repairs."),
    "2022-07-02-library.md": _ARTICLE.format(title="Library extends hours", first="The central library will stay open until nine on weekdays from next month."),
}

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=32)
def _allowed(phrases: tuple, patterns: tuple):
    parts = [re.escape(normalise(p)) for p in phrases if isinstance(p, str) and p.strip()]
    for p in patterns:
        try:
            re.compile(p)
        except (re.error, TypeError):
            continue  # a bad pattern allows nothing (the rule cannot report on configuration)
        parts.append(f"(?:{p})")
    return re.compile("|".join(parts)) if parts else None


def collect(doc, options):
    if not isinstance(doc.data, dict) or not doc.has_front_matter or not has_body(doc):
        return None
    body = body_of(doc, int(options.get("max-body-bytes", 1_048_576)))
    allow = _allowed(tuple(options.get("allow") or ()), tuple(options.get("allow-patterns") or ()))
    min_words = int(options.get("min-words", 8))
    limit = int(options.get("max-paragraphs", 500))
    out, seen = [], set()
    for text, start, end, line, end_line, _ in _units(body.blocks):
        if len(out) >= limit:
            break
        norm = normalise(text)
        if len(_WORD.findall(norm)) < min_words or (allow is not None and allow.search(norm)):
            continue
        digest = hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:20]
        if digest in seen:
            continue
        seen.add(digest)
        stop = end
        while stop > start and doc.text[stop - 1] in "\r\n":
            stop -= 1
        span = doc.offset_span(start, stop)
        words = text.split()
        out.append([digest, *span, " ".join(words[:8]) + ("..." if len(words) > 8 else "")])
    return out or None


def report(facts, options):
    min_files = max(2, int(options.get("min-files", 3)))
    where: dict[str, list] = {}
    for path, paragraphs in facts.items():
        for item in paragraphs or ():
            where.setdefault(item[0], []).append((path, item))
    for digest, places in where.items():
        if len(places) < min_files:
            continue
        paths = sorted(p for p, _ in places)
        for path, (_, line, col, end_line, end_col, first) in places:
            others = [p for p in paths if p != path]
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            yield path, Report(
                f'paragraph "{first}" appears in {len(paths)} files (also in {shown}); '
                "remove the boilerplate or allow it in the rule's options",
                span=Span(line, col, end_line, end_col),
                fingerprint=digest,
            )
