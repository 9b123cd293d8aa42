"""A topic, tag or category label is not supported by the article, while another label is.

Scrapers and auto-taggers file articles under the wrong label: a story about facial recognition
under "Natural Language Processing". This rule compares each label in `topics`, `tags` and
`categories` with a profile of the site's taxonomy: for every label, the words that articles
carrying it use markedly more than the others (learnt from data with `newslint topics learn`).
A label is reported when the title, excerpt/description, the titles and excerpts of `related`
items and the body give it no support (at most `max-support`) while another label of the same
taxonomy is strongly supported (at least `min-support`, and `ratio` times more).

A bundled profile, learnt from a public AI-news site, covers Computer Vision, Natural Language
Processing, Machine Learning, AI in Healthcare, AI in Autos, AI in Robotics, AI Ethics, AI
Hardware and vendor labels (AWS AI, Google AI, Facebook AI, IBM AI, Microsoft AI). Labels that
no profile knows are not judged, nor are generic labels (ones on most articles, like "AI").
Add your own taxonomy with `newslint topics learn PATHS -o topics.json` and name the file in
`profiles` (relative to the working folder). Profiles hold word statistics only.

Options: `profiles` ([]), `builtin` (true), `fields` (["topics", "tags", "categories"]),
`max-support` (0.5), `min-support` (6.0), `ratio` (4.0), `max-body-bytes` (1048576).
"""

from __future__ import annotations

from linter.model import Report
from rules.content import _profiles, _terms

CODE = "CT004"
NAME = "topic-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {
    "profiles": [],
    "builtin": True,
    "fields": ["topics", "tags", "categories"],
    "max-support": 0.5,
    "min-support": 6.0,
    "ratio": 4.0,
    "max-body-bytes": 1_048_576,
}

BAD = """---
title: "Police drop face scanning cameras after privacy complaints"
excerpt: "The city's police will stop using facial recognition cameras that matched faces in crowds against a watch list, after a review found the biometric system was inaccurate."
topics:
  - Natural Language Processing
  - AI
---
"""

GOOD = """---
title: "Police drop face scanning cameras after privacy complaints"
excerpt: "The city's police will stop using facial recognition cameras that matched faces in crowds against a watch list, after a review found the biometric system was inaccurate."
topics:
  - Computer Vision
  - AI
---
"""


def _profiles_for(options) -> tuple[list[dict], str | None]:
    out = []
    if options.get("builtin", True):
        try:
            out.append(_profiles.load(_profiles.BUNDLED))
        except _profiles.ProfileError as exc:  # pragma: no cover - a broken installation
            return [], str(exc)
    for path in options.get("profiles") or ():
        if not isinstance(path, str):
            continue
        try:
            out.append(_profiles.load(path))
        except _profiles.ProfileError as exc:
            return out, str(exc)
    return out, None


_FOLDED: dict[int, tuple[dict, dict[str, str]]] = {}  # id(profile) -> (profile, its folded label names)


def _folded_names(profile: dict) -> dict[str, str]:
    """casefolded label -> label, once per profile (profiles are loaded once per process)."""
    hit = _FOLDED.get(id(profile))
    if hit is None or hit[0] is not profile:
        hit = _FOLDED[id(profile)] = (profile, {n.casefold(): n for n in profile["labels"]})
    return hit[1]


def _support(terms, entry) -> tuple[float, list[str]]:
    profile = entry.get("terms") or {}
    hits = [(profile[t], t) for t in terms if t in profile]
    hits.sort(key=lambda h: (-h[0], h[1]))
    total = sum(min(w, 3.0) * min(terms[t], 2.0) ** 0.5 for w, t in hits)
    return total, [t for _, t in hits[:4]]


def check(doc, options):
    if not isinstance(doc.data, dict):
        return
    fields = tuple(f for f in options.get("fields") or () if isinstance(f, str))
    labels = _profiles.labels_of(doc.data, fields)
    if not labels:
        return
    profiles, problem = _profiles_for(options)
    if problem:
        yield Report(f"option profiles: {problem}", pointer="")
    known = []
    for key, index, label in labels:
        folded = label.casefold()
        for profile in profiles:
            names = _folded_names(profile)
            if folded in names:
                entry = profile["labels"][names[folded]]
                if not entry.get("generic") and entry.get("terms"):
                    known.append((key, index, label, profile, entry))
                break
    if not known:
        return
    max_body = int(options.get("max-body-bytes", 1_048_576))
    terms = _profiles.document_terms(doc, max_body)
    if not terms:
        return
    max_support = float(options.get("max-support", 0.5))
    min_support = float(options.get("min-support", 6.0))
    ratio = float(options.get("ratio", 4.0))
    cache: dict[int, list] = {}
    written = None  # stem -> the word as this document writes it, for messages
    for key, index, label, profile, entry in known:
        support, _ = _support(terms, entry)
        if support > max_support:
            continue
        ranked = cache.get(id(profile))
        if ranked is None:
            ranked = []
            for name, other in profile["labels"].items():
                if other.get("generic") or not other.get("terms"):
                    continue
                s, words = _support(terms, other)
                ranked.append((s, name, words))
            ranked.sort(key=lambda r: (-r[0], r[1]))
            cache[id(profile)] = ranked
        best = next((r for r in ranked if r[1].casefold() != label.casefold()), None)
        if best is None or best[0] < min_support or best[0] < ratio * max(support, 0.1):
            continue
        ptr = f"/{key}" if index < 0 else f"/{key}/{index}"
        on_doc = any(best[1].casefold() == lab.casefold() for _, _, lab in labels)
        also = " (also on this article)" if on_doc else ""
        if written is None:
            written = _terms.surfaces(text for text, _ in _profiles.document_texts(doc, max_body))
        yield Report(
            f'{key}: "{label}" has no support in the title, excerpt or body, while "{best[1]}"{also} is strongly '
            f"supported ({', '.join(written.get(t, t) for t in best[2])})",
            pointer=ptr,
        )
