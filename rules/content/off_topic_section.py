"""A body section or run of blocks is unrelated to the article.

Scraped and reposted articles pick up stray text: a theme's demo section, a list from another
post, an advert. This rule scores each section of the body (a heading to the next heading) and,
inside the remaining sections, each run of paragraphs, lists and block quotes, against the rest
of the article: its title, its description or excerpt, its tags/topics/categories and the other
parts of the body. A span whose distinctive words the rest of the article never uses is
reported, once per contiguous span, with its line range, its score and the article's key terms
it lacks.

Words are weighted by their rarity in general English (the `wordfreq` package), so "the" or
"time" count for nothing and "bootcamp" or "facial" count a lot. Short blocks (a one-line aside)
carry too little evidence to be judged alone: they are only reported as part of a run with an
off-topic neighbour. Code blocks, HTML, tables and link URLs are ignored. Bodies with fewer than
`min-blocks` paragraphs/lists are not judged.

Options:
- `threshold` (0.25) and `key-terms` (10): a span is off-topic when less than this share of its
  word weight occurs in the rest of the article and it uses none of the article's `key-terms`
  heaviest words (those of the title, description and labels weigh most).
- `min-evidence` (8.0): the least word weight a span needs to be judged (about three rare words).
- `min-block-evidence` (5.0): below this a block is "short" and is decided with its neighbours.
- `min-blocks` (3): bodies with fewer paragraphs/lists are skipped.
- `max-body-bytes` (1048576): only the first part of a longer body is analysed.
- `method` ("terms"): "semantic" scores with sentence embeddings instead; it needs the optional
  extra (`pip install 'newslint[semantic]'`): a span is then off-topic when the cosine similarity
  of its embedding with the rest of the article's is below `semantic-threshold` (0.22), or below
  it plus 0.15 when the word statistics above also say so.

Fix (unsafe: it deletes text, which a person should confirm): remove the span.
"""

from __future__ import annotations

import hashlib

from linter.model import Edit, Fix, Report
from rules.content import _offtopic
from rules.content._markdown import has_body, removal_end

CODE = "CT001"
NAME = "off-topic-section"
SEVERITY = "warning"
FIX = "always"
OPTIONS = {
    "threshold": 0.25,
    "key-terms": 10,
    "min-evidence": 8.0,
    "min-block-evidence": 5.0,
    "min-blocks": 3,
    "max-body-bytes": 1_048_576,
    "method": "terms",
    "semantic-threshold": 0.22,
}

BAD = """---
title: "Harbour seals tell each other apart by their whiskers"
description: "Marine biologists found that harbour seals recognise individual pups by the vibration patterns of their whiskers."
tags: ["Marine biology", "Seals"]
---

Marine biologists at a coastal research station spent two seasons filming harbour seals and their pups on a tidal sandbank.

## Whiskers as fingerprints

Each seal's whiskers vibrate in a distinctive pattern when the animal swims, and the biologists found that mothers follow these vibration patterns to find their own pups in murky water.

## What comes next

The team now wants to test whether grey seals and sea lions use their whiskers in the same way, and whether pups learn the patterns of their mothers.

## Our favourite sourdough starter

Feed the starter with equal weights of rye flour and lukewarm water every morning, keep the jar covered in a warm kitchen, and bake once the dough doubles within six hours.
"""

GOOD = """---
title: "Harbour seals tell each other apart by their whiskers"
description: "Marine biologists found that harbour seals recognise individual pups by the vibration patterns of their whiskers."
tags: ["Marine biology", "Seals"]
---

Marine biologists at a coastal research station spent two seasons filming harbour seals and their pups on a tidal sandbank.

## Whiskers as fingerprints

Each seal's whiskers vibrate in a distinctive pattern when the animal swims, and the biologists found that mothers follow these vibration patterns to find their own pups in murky water.

## What comes next

The team now wants to test whether grey seals and sea lions use their whiskers in the same way, and whether pups learn the patterns of their mothers.
"""


def _first_words(text: str, n: int = 8) -> str:
    words = text.split()
    out = " ".join(words[:n])
    return out + ("..." if len(words) > n else "")


def _fingerprint(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _scorer(options):
    if options.get("method", "terms") == "semantic":
        from rules.content import _semantic

        return _semantic.SemanticScorer
    return None


def check(doc, options):
    if not isinstance(doc.data, dict) or not doc.has_front_matter or not has_body(doc):
        return
    method = options.get("method", "terms")
    if method not in ("terms", "semantic"):
        yield Report(f'option method = "{method}" is unknown; use "terms" or "semantic"', span=doc.offset_span(doc.body_start, doc.body_start))
        return
    opts = dict(options)
    if method == "semantic":
        from rules.content import _semantic

        problem = _semantic.unavailable()
        if problem:
            yield Report(problem, span=doc.offset_span(doc.body_start, doc.body_start))
            return
        opts["semantic-threshold"] = options.get("semantic-threshold", 0.22)
    spans, blocks, _ = _offtopic.find(doc, opts, _scorer(options))
    for sp in spans:
        first, last = blocks[sp.first], blocks[sp.last]
        limit = blocks[sp.last + 1].start if sp.last + 1 < len(blocks) else len(doc.text)
        end = removal_end(doc, last.end, limit)
        what = "section" if sp.whole_section else ("block" if sp.first == sp.last else "blocks")
        lines = f"line {first.line}" if first.line == last.end_line else f"lines {first.line}-{last.end_line}"
        if method == "semantic":
            t = float(opts["semantic-threshold"])
            if sp.score < t:
                why = f"similarity {sp.score:.2f} to the rest of the article (threshold {t:.2f})"
            else:
                why = (f"similarity {sp.score:.2f} to the rest of the article (under {t + 0.15:.2f}) "
                       "and few of its words recur in it")
        else:
            why = f"only {sp.score:.0%} of its key words occur elsewhere in the article (threshold {float(opts['threshold']):.0%})"
            why += ", and none of the article's key terms"
        if sp.missing:
            why += ("; it lacks the article's key terms: " if method == "semantic" else ": ") + ", ".join(sp.missing)
        span = doc.offset_span(first.start, last.end)
        # end the highlighted range at the end of the span's last line, not at the next line
        text = doc.text
        stop = last.end
        while stop > first.start and text[stop - 1] in "\r\n":
            stop -= 1
        span = doc.offset_span(first.start, stop)
        yield Report(
            f'{what} "{_first_words(first.text)}" ({lines}) looks unrelated to the article: {why}',
            span=span,
            fix=Fix("unsafe", f"remove {lines}", (Edit(first.start, end, ""),)),
            # baselines: identify the span by its text, not by its lines or score
            fingerprint=_fingerprint(" ".join(b.text for b in blocks[sp.first : sp.last + 1])),
        )
