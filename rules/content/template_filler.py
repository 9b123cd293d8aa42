"""Text is theme or template filler (lorem ipsum, demo posts), not the article.

A site built from a theme, or an article scraped from one, can carry the theme's demo content:
lorem ipsum, a static-site generator's "welcome" post, or a theme's sample sections. This rule
looks for known fingerprints of such text in each block of the body (a paragraph, a heading, a
list item, a block quote) and in the `title`, `description`, `excerpt` and `summary` fields.

The bundled fingerprints (`rules/content/filler_fingerprints.txt`, documented there) cover lorem
ipsum and its parodies, the starter posts of Jekyll, Hugo and WordPress, and demo sections of Hugo
blog themes seen inside scraped reposts. Matching ignores case, runs of whitespace and the
difference between curly and straight quotes.

Options:
- `phrases` ([]): more fingerprints, matched like the bundled ones.
- `patterns` ([]): more fingerprints as Python regular expressions (matched against the
  lower-cased, whitespace-normalised text).
- `builtin` (true): use the bundled fingerprints.
- `max-body-bytes` (1048576): only the first part of a longer body is searched.
- `delete` (false): offer a fix that deletes the block. Deleting article text is never done by
  `--unsafe-fixes` alone: only with `delete = true` under `[tool.newslint.rules.template-filler]`
  (see what would go with `newslint check --unsafe-fixes --diff` first).

Fix (unsafe, with `delete = true` only): remove the block (for a list, the list item), nothing
more. Front-matter fields are reported without a fix.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from functools import cached_property, lru_cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick

from linter.model import Edit, Fix, Report
from linter.options import Option
from rules.content import _terms
from rules.content._chrome import normalise
from rules.content._markdown import body_of, has_body, removal_end

CODE = "CT002"
NAME = "template-filler"
SUPERSEDES = ("placeholder-text",)  # lorem ipsum in a field: one defect, one finding
SEVERITY = "warning"
FIX = "sometimes"


def _regexes(patterns: list[str]) -> list[str]:
    """The `patterns` option, each compiled once to refuse a bad one when the configuration loads."""
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{p!r}: {exc}") from None
    return patterns


OPTIONS = {"phrases": [], "patterns": Option([], parse=_regexes, expect="a list of regular expressions"),
           "builtin": True, "max-body-bytes": 1_048_576, "delete": False}

BAD = """---
title: "Town council approves new cycle lanes"
description: "The council voted to add protected cycle lanes on three main roads."
---

The town council voted on Tuesday to add protected cycle lanes on three main roads.

Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.

Work starts in the spring and should take about four months.
"""

GOOD = """---
title: "Town council approves new cycle lanes"
description: "The council voted to add protected cycle lanes on three main roads."
---

The town council voted on Tuesday to add protected cycle lanes on three main roads.

Work starts in the spring and should take about four months.
"""

FINGERPRINTS = Path(__file__).with_name("filler_fingerprints.txt")
FIELDS = ("title", "description", "excerpt", "summary")


def _phrase_regex(phrase: str) -> str:
    p = re.escape(normalise(phrase))
    return (r"(?<!\w)" if phrase[:1].isalnum() else "") + p + (r"(?!\w)" if phrase[-1:].isalnum() else "")


@lru_cache(maxsize=1)
def builtin_fingerprints() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(phrases, patterns) from the bundled file."""
    phrases, patterns = [], []
    try:
        lines = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
    except OSError:  # pragma: no cover - a broken installation
        lines = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("re:"):
            patterns.append(line[3:])
        else:
            phrases.append(line)
    return tuple(phrases), tuple(patterns)


_ANCHOR_WORD = re.compile(r"\w{4,}")


def _anchored(phrases) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases grouped under anchors: (anchor, phrases that contain it). A text that lacks an
    anchor contains none of its phrases, so most texts are ruled out by a dozen substring searches
    instead of one per phrase. Each phrase's anchor is its word (of 4 or more characters) found in
    the most phrases, the longer on ties (`ipsum` anchors 13 of the bundled phrases); a phrase
    without such a word is its own anchor."""
    counts = Counter(w for p in phrases for w in set(_ANCHOR_WORD.findall(p)))
    groups: dict[str, list[str]] = {}
    for phrase in sorted(set(phrases)):
        words = _ANCHOR_WORD.findall(phrase)
        anchor = max(words, key=lambda w: (counts[w], len(w))) if words else phrase
        groups.setdefault(anchor, []).append(phrase)
    return tuple((anchor, tuple(group)) for anchor, group in groups.items())


class _Matcher:
    """Phrases are found with substring search (fast, anchors first), then confirmed at word
    boundaries by one compiled regex; patterns are regexes run on every text."""

    def __init__(self, phrases: list[str], patterns: list[str]):
        self.phrases = tuple({normalise(p) for p in phrases if p.strip()})
        self.anchored = _anchored(self.phrases)
        self.phrase_rx = re.compile("|".join(_phrase_regex(p) for p in phrases if p.strip())) if self.phrases else None
        self.pattern_rx = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    def _has_phrase(self, text: str) -> bool:
        """Whether some phrase is a substring of `text`."""
        for anchor, group in self.anchored:
            if anchor in text:
                for phrase in group:
                    if phrase in text:
                        return True
        return False

    @cached_property
    def _body_test(self):
        """(each phrase's words, all of them in order, their Aho-Corasick automaton), or None. A text
        that holds a phrase holds each of its words of 4 or more characters (they survive
        normalising): a body that lacks a word of every phrase is ruled out, whole, by one pass over
        its lower-cased text. The words so common that they weigh nothing (`_terms.weight`: "this",
        "from") are left out unless a phrase has no other: found in every body, they would only slow
        the pass. Built on first use: a run without bodies does not load the word weights."""
        needs = []
        for phrase in self.phrases:
            words = set(_ANCHOR_WORD.findall(phrase))
            needs.append(frozenset({w for w in words if _terms.weight(w) > 0} or words))
        words = sorted(frozenset().union(*needs))
        return (needs, words, AhoCorasick(words)) if words and all(needs) else None

    def may_match(self, texts: list[str]) -> bool:
        """Whether one of `texts` may match (False: none can)."""
        if self.pattern_rx is not None or self._body_test is None:
            return True
        needs, words, automaton = self._body_test
        found = {words[i] for i, _, _ in automaton.find_matches_as_indexes("\n".join(texts).lower(), overlapping=True)}
        return any(need <= found for need in needs)

    def search(self, text: str):
        if self.phrase_rx is not None and self._has_phrase(text):
            m = self.phrase_rx.search(text)
            if m:
                return m
        if self.pattern_rx is not None:
            return self.pattern_rx.search(text)
        return None


@lru_cache(maxsize=32)
def _matcher(builtin: bool, phrases: tuple, patterns: tuple):
    """The matcher of the fingerprints, or None when there are none."""
    all_phrases, all_patterns = [], []
    if builtin:
        b_phrases, b_patterns = builtin_fingerprints()
        all_phrases += b_phrases
        all_patterns += b_patterns
    all_phrases += [p for p in phrases if p.strip()]
    all_patterns += patterns
    if not all_phrases and not all_patterns:
        return None
    return _Matcher(all_phrases, all_patterns)


def _units(blocks):
    """(text, start, end, line, end_line, limit) of each paragraph, heading, list item, quote."""
    for i, b in enumerate(blocks):
        after = blocks[i + 1].start if i + 1 < len(blocks) else None
        if b.kind == "list" and b.items:
            for j, (text, s, e, l1, l2) in enumerate(b.items):
                nxt = b.items[j + 1][1] if j + 1 < len(b.items) else after
                yield text, s, e, l1, l2, nxt
        else:
            yield b.text, b.start, b.end, b.line, b.end_line, after


def _shorten(text: str, n: int = 8) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("..." if len(words) > n else "")


def check(doc, options):
    if not isinstance(doc.data, dict):
        return
    matcher = _matcher(options["builtin"], tuple(options["phrases"]), tuple(options["patterns"]))
    if matcher is None:
        return
    for ptr, value in doc.fields(*FIELDS):
        if ptr.count("/") != 1 or not isinstance(value, str):
            continue
        m = matcher.search(normalise(value))
        if m:
            yield Report(f'{ptr[1:]}: "{_shorten(value)}" is template filler (it contains "{m.group()}")', pointer=ptr)
    if not doc.has_front_matter or not has_body(doc):
        return
    body = body_of(doc, int(options.get("max-body-bytes", 1_048_576)))
    delete = options.get("delete") is True
    if not matcher.may_match([b.text for b in body.blocks]):  # a list's text holds its items'
        return
    for text, start, end, line, end_line, limit in _units(body.blocks):
        m = matcher.search(normalise(text))
        if not m:
            continue
        stop = end
        while stop > start and doc.text[stop - 1] in "\r\n":
            stop -= 1
        lines = f"line {line}" if line == end_line else f"lines {line}-{end_line}"
        cut = removal_end(doc, end, limit if limit is not None else body.end)
        yield Report(
            f'"{_shorten(text)}" ({lines}) is template filler: it contains "{m.group()}"',
            span=doc.offset_span(start, stop),
            fix=Fix("unsafe", f"remove {lines}", (Edit(start, cut, ""),)) if delete else None,
            fingerprint=hashlib.sha1(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()[:16],
        )
