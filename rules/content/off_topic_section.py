"""A body section or run of blocks is not the article: page chrome, promotion or stray text.

Scraped and reposted articles pick up what was around them on the page and stray text from
elsewhere. This rule finds three kinds, each with a confidence (below 0.8 it is shown at `info`
severity and does not fail a CI run):

- **chrome** (confidence 0.9): skip links, breadcrumbs, share-button rows, newsletter, follow,
  donation, subscription and cookie boxes, "Read more:" teasers for other posts, "Email ... to point out
  mistakes" footers, tag toggles and "Posted in:" lines, banners, a media player's fallback text
  ("Your browser does not support the audio element."; 0.7 as the text of a link to the media
  file), a screen reader's "Opens in a new tab" on its own line, and a heading such as "Share" or "Support us"
  with such blocks right under it. Author boxes ("About the author") are chrome to a news
  site but the source's own text: 0.7; so is chrome in a post that is not a scraped copy (its
  front matter names no `source_url`, `original_url`...): a sign-off its author wrote. A
  "Read more:" line is a teaser only when it links to the article's own site (not to a paper
  it cites), and a quotation is never chrome.
- **promo** (0.85 with two promotional words or a bootcamp or webinar, else 0.7): a span unrelated
  to the article (below) that sells a course, a bootcamp, a webinar, a sponsor, a discount.
- **stray** (0.6): a section, or a run of paragraphs inside one, whose distinctive words
  the rest of the article never uses: it is reported with its score and the article's key terms
  it lacks. Words are weighted by their rarity in general English (the `wordfreq` package), so
  "the" counts for nothing and "bootcamp" a lot.

What an article is made of is never judged by its words: code, tables, HTML, quotations (block
quotes and paragraphs that open with a quotation mark), paragraphs that continue what came before
(opening with a pronoun, a parenthesis, or a connective such as "And", "Also", "Well,", "Some
other", unless they sell something), credits (a paragraph opening or ending with thanks), lists of
names (bylines), text in another language (judged not at all rather than with English
statistics; an article in another language is not judged for stray text at all, even its lines
too short to tell a language by), and the standard sections
of release notes, advisories and papers (headings such as "Notable changes", "Downloads",
"Checksums", "Affected versions", "CVEs", "Credits", "Acknowledgements", "References"). Short
blocks (a one-line aside) are only reported with an unrelated neighbour. In a body of more than
12 blocks, where a real article brings new words paragraph after paragraph, only whole sections are
judged, and a list together with the paragraph that introduces it (a box of tips, ending with a
colon), as strictly as a section. Bodies with fewer than
`min-blocks` paragraphs/lists, or with too few words to show their subject (under 100 of word weight
with the title and description: about thirty rare words, a short release note), are not judged for
stray text (only for promotion), and an article with more than two
unrelated spans is a digest of unrelated items (a news diary): its stray spans are not reported,
nor are those of a post whose title says it is one ("Weekly update", "This week in ...", "May
roundup", "links", "recap", "newsletter").
Nor are they in a scraped copy (its front matter names the page it came from): its body is the
source's article, and what differs from it is chrome or promotion, which the cues find; word
statistics alone mostly flag the article's own asides there.

Options:
- `threshold` (0.25) and `key-terms` (10): a span is unrelated when less than this share of its
  word weight occurs in the rest of the article and it uses none of the article's `key-terms`
  heaviest words (those of the title, description and labels weigh most).
- `min-evidence` (8.0): the least word weight a span needs to be judged (about three rare words).
- `min-block-evidence` (5.0): below this a block is "short" and is decided with its neighbours.
- `min-blocks` (3): bodies with fewer paragraphs/lists are not judged for stray text.
- `max-body-bytes` (1048576): only the first part of a longer body is analysed.
- `method` ("terms"): "semantic" scores with sentence embeddings instead; it needs the optional
  extra (`pip install 'newslint[semantic]'`): a span is then unrelated when the cosine similarity
  of its embedding with the rest of the article's is below `semantic-threshold` (0.22), or below
  it plus 0.15 when the word statistics above also say so.
- `delete` (false): offer a fix that deletes the span. Deleting article text is never done by
  `--unsafe-fixes` alone: only with `delete = true` under `[tool.newslint.rules.off-topic-section]`,
  and only for chrome and promotion found with confidence 0.8 or more (never stray text). Run
  `newslint check --unsafe-fixes --diff` first to see what would go.

Fix (unsafe, with `delete = true` only): remove the span, nothing more.
"""

from __future__ import annotations

import hashlib

from linter.model import CONFIDENT, Edit, Fix, Report
from linter.options import Option
from rules.content import _offtopic
from rules.content._markdown import has_body, removal_end

CODE = "CT001"
NAME = "off-topic-section"
SEVERITY = "warning"
FIX = "sometimes"
OPTIONS = {
    "threshold": 0.25,
    "key-terms": 10,
    "min-evidence": 8.0,
    "min-block-evidence": 5.0,
    "min-blocks": 3,
    "max-body-bytes": 1_048_576,
    "method": Option("terms", choices=("terms", "semantic")),
    "semantic-threshold": 0.22,
    "delete": False,
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
    method = options["method"]
    opts = dict(options)
    if method == "semantic":
        from rules.content import _semantic

        problem = _semantic.unavailable()
        if problem:
            yield Report(problem, span=doc.offset_span(doc.body_start, doc.body_start))
            return
        opts["semantic-threshold"] = options.get("semantic-threshold", 0.22)
    spans, blocks = _offtopic.find(doc, opts, _scorer(options))
    delete = options.get("delete") is True
    text = doc.text
    for sp in spans:
        first, last = blocks[sp.first], blocks[sp.last]
        what = "section" if sp.whole_section else ("block" if sp.first == sp.last else "blocks")
        lines = f"line {first.line}" if first.line == last.end_line else f"lines {first.line}-{last.end_line}"
        if sp.kind == "chrome":
            message = f'{what} "{_first_words(first.text)}" ({lines}) is page chrome ({sp.cue}), not the article'
        else:
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
            if sp.kind == "promo":
                message = f'{what} "{_first_words(first.text)}" ({lines}) is promotion ({sp.cue}) unrelated to the article: {why}'
            else:
                message = f'{what} "{_first_words(first.text)}" ({lines}) looks unrelated to the article: {why}'
        # end the highlighted range at the end of the span's last line, not at the next line
        stop = last.end
        while stop > first.start and text[stop - 1] in "\r\n":
            stop -= 1
        fix = None
        if delete and sp.kind != "stray" and sp.confidence >= CONFIDENT:
            limit = blocks[sp.last + 1].start if sp.last + 1 < len(blocks) else len(text)
            fix = Fix("unsafe", f"remove {lines}", (Edit(first.start, removal_end(doc, last.end, limit), ""),))
        yield Report(
            message,
            span=doc.offset_span(first.start, stop),
            fix=fix,
            # baselines: identify the span by its text, not by its lines or score
            fingerprint=_fingerprint(" ".join(b.text for b in blocks[sp.first : sp.last + 1])),
            confidence=sp.confidence,
        )
