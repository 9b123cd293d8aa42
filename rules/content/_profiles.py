"""Topic profiles: per-label term weights learnt from a labelled corpus (`newslint topics learn`).

A profile holds only word statistics: for each label, the stems that are markedly more frequent
in documents carrying that label than in the others (a smoothed log-odds ratio of document
frequencies, times the word's rarity in general English), the top `top` of them, and the label
name's own words. Labels on more than half of the documents ("AI" on an AI-news site) are marked
generic: they are never judged and never offered as the better label. No article text is kept.

The text of a document is its title, excerpt/description/summary, the titles and excerpts of its
`related` items (which a news site picks by topic) and the first part of its body.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from rules.content import _terms
from rules.words import LABEL_FIELDS, labels_of  # noqa: F401 (the family reads them here too)
from rules.content._markdown import body_of, has_body

FORMAT = "newslint-topic-profile"
VERSION = 1
TEXT_FIELDS = ("title", "excerpt", "description", "summary")


class ProfileError(Exception):
    pass


def document_texts(doc, max_body_bytes: int = 1_048_576, body: bool = True):
    """(text, weight) for each piece of a document that says what it is about."""
    data = doc.data if isinstance(doc.data, dict) else {}
    for key in TEXT_FIELDS:
        value = data.get(key)
        if isinstance(value, str):
            yield value, 2.0 if key == "title" else 1.0
    related = data.get("related")
    if isinstance(related, list):
        for item in related[:50]:
            if isinstance(item, dict):
                for key in ("title", "excerpt"):
                    value = item.get(key)
                    if isinstance(value, str):
                        yield value[:2000], 0.5
    if body and doc.has_front_matter and has_body(doc):
        for block in body_of(doc, max_body_bytes).blocks:
            yield block.text, 1.0


def document_terms(doc, max_body_bytes: int = 1_048_576, body: bool = True) -> Counter:
    """stem -> weight of the words that say what a document is about."""
    vec: Counter = Counter()
    for text, scale in document_texts(doc, max_body_bytes, body):
        vec.update(_terms.vector(text, scale))
    return vec


def learn(docs, fields=LABEL_FIELDS, top: int = 60, min_docs: int = 2, source: str = "") -> dict:
    """A profile from parsed documents (any iterable of Document)."""
    n = 0
    df: Counter = Counter()
    label_docs: Counter = Counter()
    label_df: dict[str, Counter] = {}
    names: dict[str, str] = {}
    seen_titles: set[str] = set()
    for doc in docs:
        if not isinstance(doc.data, dict):
            continue
        title = doc.data.get("title")
        if isinstance(title, str) and title.strip():  # a re-published copy would count twice
            folded = " ".join(_terms.words(title))
            if folded in seen_titles:
                continue
            seen_titles.add(folded)
        labels = {lab.casefold(): lab for _, _, lab in labels_of(doc.data, fields)}
        if not labels:
            continue
        terms = set(document_terms(doc))
        n += 1
        df.update(terms)
        for key, lab in labels.items():
            names.setdefault(key, lab)
            label_docs[key] += 1
            label_df.setdefault(key, Counter()).update(terms)
    profile = {"format": FORMAT, "version": VERSION, "stemmer": _terms.STEMMER, "source": source, "documents": n,
               "fields": list(fields), "labels": {}}
    alpha = 0.5
    generic_words = {_terms.stem(w) for key, count in label_docs.items() if count > n / 2 for w in _terms.words(names[key])}
    for key, count in sorted(label_docs.items()):
        name = names[key]
        generic = count > n / 2
        entry = {"documents": count, "generic": generic, "terms": {}}
        if not generic:
            scored = {}
            rest_n = n - count
            for term, k in label_df[key].items():
                if k < min(min_docs, count) or term in generic_words:
                    continue
                rest = df[term] - k
                lift = math.log((k + alpha) / (count + 2 * alpha)) - math.log((rest + alpha) / (rest_n + 2 * alpha))
                if lift <= 0:
                    continue
                w = lift * _terms.weight(_terms.surface(term))
                if w > 0:
                    scored[term] = w
            best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            strongest = best[0][1] if best else 3.0
            terms = {t: round(w, 3) for t, w in best}
            for word in _terms.words(name):  # the label's own words are evidence for it
                st = _terms.stem(word)
                if _terms.weight(word) > 0 and df[st] <= n / 2 and st not in generic_words:
                    terms[st] = round(max(terms.get(st, 0.0), strongest), 3)
            entry["terms"] = dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])))
        profile["labels"][name] = entry
    return profile


def validate(profile, where: str) -> dict:
    if not isinstance(profile, dict) or profile.get("format") != FORMAT or not isinstance(profile.get("labels"), dict):
        raise ProfileError(f"{where}: not a newslint topic profile (make one with `newslint topics learn`)")
    if profile.get("version") != VERSION:
        raise ProfileError(f"{where}: topic profile version {profile.get('version')!r} is not supported (expected {VERSION})")
    if profile.get("stemmer") != _terms.STEMMER:
        raise ProfileError(f"{where}: made by another version of newslint's word folding; "
                           "learn it again with `newslint topics learn`")
    for name, entry in profile["labels"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("terms", {}), dict):
            raise ProfileError(f"{where}: label {name!r} is malformed")
    return profile


_CACHE: dict[str, dict | str] = {}  # path -> profile, or the error it gave (a run reads each once)
BUNDLED = Path(__file__).with_name("topics_ai_news.json")


def load(path) -> dict:
    """A validated profile from a file, read once per process."""
    key = str(path)
    hit = _CACHE.get(key)
    if hit is None:
        try:
            hit = validate(json.loads(Path(path).read_text(encoding="utf-8")), f"topic profile {path}")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            hit = f"topic profile {path}: cannot be read ({getattr(exc, 'strerror', None) or exc})"
        except ProfileError as exc:
            hit = str(exc)
        _CACHE[key] = hit
    if isinstance(hit, str):
        raise ProfileError(hit)
    return hit
