"""The same paragraph appears in many scraped articles, at the head or foot of their bodies (page chrome).

Scrapers pick up text that is not part of any article: an author box, a sponsor line, a sign-off,
a "Stay connected" footer. Such a paragraph shows up word for word in file after file. This
repository-wide rule compares the body paragraphs (and list items and block quotes) of every file
checked in one run, after normalising whitespace, case and quotes, and reports a paragraph that
occurs in `min-files` or more files, in each of them, saying which other files carry it.

Repeated text is not chrome by being repeated: a hand-written blog repeats its own templates on
purpose (a release note's download block, a security advisory's "how to report" paragraph, a code
sample shared by translations). So a repeated paragraph is only reported where it is chrome:
- the files carrying it are scraped copies (their front matter names the page they were copied
  from: a URL of the "source-url" field role, `source_url`, `originalUrl`...; docs/fields.md), and
- in each of the `min-files` it sits at the head or the foot of the body (the first block or
  the last three), or it is mostly link text.
Confidence 0.85. A paragraph that uses three or more of its article's title words is about the article (background
repeated in a follow-up story) and is left out, and so are a paragraph that ends with a colon (it
introduces what follows) and editorial notes and credits ("... contributed to this report", "in
collaboration with ..."). Chrome that says what it is (a newsletter box, an
"Email ... to point out mistakes" footer, a share row, an author box) is reported once per file by
`off-topic-section` and is left out here (one defect, one finding), and so are images' alt texts
and captions (a stock picture a source reuses).

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
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import islice

from linter.model import Report, Span
from rules.content import _chrome, _offtopic, _terms
from rules.content._markdown import body_of, has_body
from rules.scraped import source_url
from rules.content._chrome import normalise
from rules.content.template_filler import _units

CODE = "CT003"
NAME = "boilerplate-paragraph"
SEVERITY = "warning"
KIND = "repository"
FIX = "never"
OPTIONS = {"min-files": 3, "min-words": 8, "allow": [], "allow-patterns": [], "max-body-bytes": 1_048_576,
           "max-paragraphs": 500}

_ARTICLE = """---
title: "{title}"
source_url: "https://news.example.org/{slug}"
---

{first}

The town desk covers the council, the courts and the harbour for readers across the district.
"""
BAD = {
    "2022-07-01-bridge.md": _ARTICLE.format(title="Old bridge reopens", slug="bridge", first="The old stone bridge reopened to traffic on Friday after two years of repairs."),
    "2022-07-02-library.md": _ARTICLE.format(title="Library extends hours", slug="library", first="The central library will stay open until nine on weekdays from next month."),
    "2022-07-03-market.md": _ARTICLE.format(title="Farmers market moves", slug="market", first="The Saturday farmers market moves to the harbour car park for the summer."),
}
GOOD = {
    "2022-07-01-bridge.md": _ARTICLE.format(title="Old bridge reopens", slug="bridge", first="The old stone bridge reopened to traffic on Friday after two years of repairs."),
    "2022-07-02-library.md": _ARTICLE.format(title="Library extends hours", slug="library", first="The central library will stay open until nine on weekdays from next month."),
}

_WORD = re.compile(r"\w+")
_LINK_TEXT = re.compile(r"\[([^\[\]\n]{0,1000})\]\(")
HEAD, FOOT = 1, 3  # blocks at the head and foot of a body where chrome sits
CONFIDENCE = 0.85
# an editorial note or credit belongs to its article, however often the desk repeats it
_NOTE = re.compile(r"contributed to this (?:report|article|story|piece)|additional reporting|in (?:collaboration|partnership) with"
                   r"|the result of a collaboration|this (?:article|story|piece) (?:was|is) (?:published|produced|co-published)")
_CAPTION = re.compile(r"\b(?:picture|photo|image|credit|illustration)s?: ")  # a photo caption names its source


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
    """[[digest, line, col, end_line, end_col, first words]...] of the paragraphs that could be chrome"""
    if not isinstance(doc.data, dict) or not doc.has_front_matter or not has_body(doc):
        return None
    scraped = source_url(doc) is not None
    if not scraped:
        return None  # a hand-written post's repeated text is its author's template
    body = body_of(doc, int(options.get("max-body-bytes", 1_048_576)))
    allow = _allowed(tuple(options.get("allow") or ()), tuple(options.get("allow-patterns") or ()))
    min_words = int(options.get("min-words", 8))
    limit = int(options.get("max-paragraphs", 500))
    out, seen = [], set()
    blocks = body.blocks
    edge = {i for i in range(len(blocks)) if i < HEAD or i >= len(blocks) - FOOT}
    chrome = {k for sp in _offtopic.chrome_spans(doc, blocks) for k in range(sp.first, sp.last + 1)}
    title = doc.data.get("title")
    subject = {_terms.stem(w) for w in _terms.words(title) if _terms.weight(w) > 0} if isinstance(title, str) else set()
    text_of = doc.text
    for i, block in enumerate(blocks):
        if i in chrome:
            continue
        at_edge = i in edge
        if not at_edge and text_of.find("](", block.start, block.end) < 0:
            continue  # chrome in the middle of a body is mostly link text (a row of links)
        for text, start, end, line, end_line, _ in _units([block]):
            if len(out) >= limit:
                break
            if not at_edge and text_of.find("](", start, end) < 0:
                continue  # (an item of a list with links elsewhere)
            stop = end
            while stop > start and text_of[stop - 1] in "\r\n":
                stop -= 1
            n_words = len(text.split())
            if n_words < min_words:
                continue
            if not at_edge:
                linked = sum(len(t.split()) for t in _LINK_TEXT.findall(text_of, start, stop))
                if linked * 2 < n_words:
                    continue
            norm = normalise(text)
            if len(_WORD.findall(norm)) < min_words or (allow is not None and allow.search(norm)) or _chrome.normalised_cue(norm):
                continue
            if norm.endswith(":") or _NOTE.search(norm):
                continue  # it introduces what follows, or credits the article
            if text_of[start:stop].lstrip("*_[ ").startswith("![") or _CAPTION.search(norm):
                continue  # an image's alt text or caption: a stock picture the source reuses, not chrome
            if len(subject.intersection(map(_terms.stem, set(_terms.words(text))))) >= 3:
                continue  # it speaks of the article's subject: background repeated in a follow-up, not chrome
            digest = hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:20]
            if digest in seen:
                continue
            seen.add(digest)
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
            # the first three other files and how many there are, without listing them all for each
            # file (a footer in every one of 10,000 files)
            shown = ", ".join(islice((p for p in paths if p != path), 3))
            n_others = len(paths) - (bisect_right(paths, path) - bisect_left(paths, path))
            shown += f" and {n_others - 3} more" if n_others > 3 else ""
            yield path, Report(
                f'paragraph "{first}" appears in {len(paths)} files (also in {shown}), at the head or foot of '
                "their bodies: page chrome; remove it or allow it in the rule's options",
                span=Span(line, col, end_line, end_col),
                fingerprint=digest,
                confidence=CONFIDENCE,
            )
