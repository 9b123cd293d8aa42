"""Repository word weights: how specific a word is among the titles, slugs and labels of the run.

A word that stands in most of a repository's titles ("power" and "apps" on a Power Apps news
site, "AI" on an AI news site) says nothing about whether one title fits one slug or one label
fits one article; a word that few titles have says much. The weight of a word is log(CAP /
share), where share is the share of the files the run sees whose article's title, URL slug or
topic labels have the word: 0 for a word in 20% of the files or more, 0.5 at 12%, 4.5 for one
file in 674. docs/word-weights.md shows the weights at work.

For repository rules (see linter/rule.py): collect each file's words with the rule's own facts,
combine them once in `report`, then ask.

    from rules import wordweights

    def collect(doc, options):
        return {"words": wordweights.collect(doc), ...}

    def report(facts_by_path, options):
        weights = wordweights.Weights(facts["words"] for facts in facts_by_path.values())
        weights.weight("apps")        # 0 where nearly every title has it, 4.5 where one in 674 does
        weights.share("apps")         # the share of files with the word (smoothed), 0-1
        weights.label_share("AI")     # the share of labelled files carrying the label, 0-1
        weights.generic("AI")         # carried by most labelled files: evidence neither way

Words are matched by `key` (lower-case, a light stem cut at six letters: "apps" and "app",
"robotics" and "robotic" meet). Shares are smoothed with PSEUDO files holding each word at PRIOR,
so a word seen once in 25 files is not taken for certain.

Fixed fallback: a run of fewer than MIN_FILES files (one file named without a cache, a test
fixture) says nothing about the repository's words; every word then weighs the same (FALLBACK)
and no label is generic, so rules behave as plain word counts. Only the first MAX_WORDS words of
a title are read: a file's work is bounded whatever its size.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

from rules._memo import per_document
from rules.words import LABEL_FIELDS, labels_of, stem
from rules.slugs import is_content, slug_url, slug_tokens, tokens

MIN_FILES = 20  # fewer files than this: the fixed fallback
PSEUDO, PRIOR = 10.0, 0.05  # smoothing: PSEUDO files holding each word at a share of PRIOR
FALLBACK = 1.0  # every word's weight in the fallback
MAX_WORDS = 100  # words of a title read (a hostile 10,000-word title costs no more)
GENERIC = 0.5  # a label on more than this share of labelled files is generic
CAP = 0.2  # a word in this share of the files or more weighs nothing
SPECIFIC = 0.08  # a word in at most this share of the files (one in 12) is specific to the few that have it


def key(word: str) -> str:
    """The form words are counted and looked up under."""
    return stem(word.lower())


def title_tokens(title: str) -> list[str]:
    """The first MAX_WORDS tokens of a title, as `tokens` reads them (linear in MAX_WORDS, not in
    the title's length)."""
    return tokens(title[: MAX_WORDS * 40])[:MAX_WORDS]


def title_words(title: str) -> list[str]:
    """The content words of a title's first MAX_WORDS tokens."""
    return list(filter(is_content, title_tokens(title)))


def collect(doc) -> list | None:
    """A file's facts for the weights: [sorted word keys of its title, slug and labels, sorted
    folded labels], or None for a file without front matter. Computed once per document."""
    if not isinstance(doc.data, dict):
        return None
    return per_document(doc, "wordweights", lambda: _collect(doc.data))


def _collect(data: dict) -> list:
    words = []
    title = data.get("title")
    if isinstance(title, str):
        words += title_words(title)
    found = slug_url(data)
    if found is not None:
        words += [w for w in slug_tokens(found[1]) or () if is_content(w)]
    labels = sorted({label.casefold() for _, _, label in labels_of(data, LABEL_FIELDS)})
    for label in labels:
        words += [w for w in tokens(label) if is_content(w)]
    return [sorted(set(map(key, words))), labels]


class Weights:
    """Word and label shares over the facts of every file of the run (`collect`'s values; None
    and malformed values are skipped)."""

    def __init__(self, facts: Iterable):
        self.df: Counter = Counter()
        self.label_df: Counter = Counter()
        self.files = self.labelled = 0
        for value in facts:
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], list)
                    and isinstance(value[1], list)):
                continue
            self.files += 1
            self.df.update(k for k in value[0] if isinstance(k, str))
            labels = [lab for lab in value[1] if isinstance(lab, str)]
            self.labelled += bool(labels)
            self.label_df.update(labels)
        self.fallback = self.files < MIN_FILES

    def share(self, word: str) -> float:
        """The smoothed share of files whose title, slug or labels have the word."""
        return self.share_of_key(key(word))

    def share_of_key(self, k: str) -> float:
        if self.fallback:
            return PRIOR
        return (self.df.get(k, 0) + PSEUDO * PRIOR) / (self.files + PSEUDO)

    def weight(self, word: str) -> float:
        """How specific the word is here: log(CAP / share), 0 for a word in CAP of the files or
        more; FALLBACK for every word in the fallback."""
        if self.fallback:
            return FALLBACK
        return max(0.0, math.log(CAP / self.share(word)))

    def specific(self, word: str) -> bool:
        """In at most SPECIFIC of the files (never in the fallback, where nothing is known)."""
        return not self.fallback and self.share(word) <= SPECIFIC

    def specificity(self, k: str) -> float:
        """1 - share of a word key: near 0 for a word in nearly every file, 1 in the fallback."""
        return 1.0 if self.fallback else max(0.0, 1.0 - self.share_of_key(k))

    def label_share(self, label: str) -> float:
        return self.label_df.get(label.casefold(), 0) / self.labelled if self.labelled else 0.0

    def generic(self, label: str) -> bool:
        """Carried by most labelled files (never in the fallback)."""
        return not self.fallback and self.labelled >= MIN_FILES and self.label_share(label) > GENERIC
