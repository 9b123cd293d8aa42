"""A specific topic, tag or category label has no support in the article.

Scrapers and auto-taggers file articles under the wrong label: a story about facial recognition
under "Natural Language Processing". This rule compares each label in `topics`, `tags` and
`categories` with a profile of the site's taxonomy: for every label, the words that articles
carrying it use markedly more than the others (learnt from data with `newslint topics learn`).
A label's support is what the title, excerpt/description, the titles and excerpts of `related`
items and the body give it. A label is reported when its support is at most `max-support` and
either the article has enough text to judge (at least `min-words` distinct content words) or
another label of the same taxonomy is strongly supported (at least `min-support`, and `ratio`
times more). An article with less text and no strong alternative (a title and a one-line
excerpt) says too little: nothing is reported.

Words are weighed by the repository's own counts (see rules/wordweights.py): a word in most of
the run's titles, slugs and labels counts for little as support. Generic labels, ones on most
articles ("AI" on an AI news site, as the profile or the run's own labels say), are evidence
neither way: never judged, never offered as the better label. Confidence: 0.9 with a strongly
supported alternative; otherwise from 0.6 at `min-words` words of text to 0.85 at three times as
many (below 0.8 the finding is shown at info).

Bad: "AI in Robotics" on "Artificial intelligence tracks down leukemia" (an excerpt on
diagnostics and therapy): none of the label's words (robot, robotics, automation) appear, and
the text is long enough to say so. Good: "AI in Healthcare" on the same article (therapy,
disease) is supported; "AI" next to it is generic and never judged.

A bundled profile, learnt from a public AI-news site, covers Computer Vision, Natural Language
Processing, Machine Learning, AI in Healthcare, AI in Autos, AI in Robotics, AI Ethics, AI
Hardware and vendor labels (AWS AI, Google AI, Facebook AI, IBM AI, Microsoft AI). Labels that
no profile knows are not judged. Add your own taxonomy with `newslint topics learn PATHS -o
topics.json` and name the file in `profiles` (relative to the working folder). Profiles hold
word statistics only.

Options: `profiles` ([]), `builtin` (true), `fields` (["topics", "tags", "categories"]),
`max-support` (0.5), `min-support` (6.0), `ratio` (4.0), `min-words` (12),
`max-body-bytes` (1048576).
"""

from __future__ import annotations

from linter.model import Report
from rules import wordweights
from rules.content import _profiles, _terms
from rules.crossfile._common import fingerprint, span_list, to_span

CODE = "CT004"
NAME = "topic-mismatch"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {
    "profiles": [],
    "builtin": True,
    "fields": ["topics", "tags", "categories"],
    "max-support": 0.5,
    "min-support": 6.0,
    "ratio": 4.0,
    "min-words": 12,
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


def _support(terms, marks) -> tuple[float, list[str]]:
    hits = [(marks[t], t) for t in terms if t in marks]
    hits.sort(key=lambda h: (-h[0], h[1]))
    total = sum(min(w, 3.0) * min(terms[t], 2.0) ** 0.5 for w, t in hits)
    return total, [t for _, t in hits[:4]]


SHARED_MARK = 0.25  # a word among the marks of this share of a profile's labels (at least 3) marks none
_MARKS: dict[int, tuple[dict, dict[str, dict]]] = {}  # id(profile) -> (profile, label -> its marks)


def _marks(profile: dict, name: str) -> dict[str, float]:
    """The words that mark a label: its profile terms, without the words that mark many labels
    ("artificial", "intelligence", "learning" on an AI site: the generic label's words in other
    clothes, evidence neither way), but always with the words of its own name."""
    hit = _MARKS.get(id(profile))
    if hit is None or hit[0] is not profile:
        specific = [(n, e) for n, e in profile["labels"].items() if not e.get("generic") and e.get("terms")]
        counts: dict[str, int] = {}
        for _, entry in specific:
            for term in entry["terms"]:
                counts[term] = counts.get(term, 0) + 1
        floor = max(3.0, SHARED_MARK * len(specific))
        marks = {}
        for label, entry in specific:
            own = {_terms.stem(w) for w in _terms.words(label)}
            marks[label] = {t: w for t, w in entry["terms"].items() if counts[t] < floor or t in own}
        hit = _MARKS[id(profile)] = (profile, marks)
    return hit[1].get(name, {})


def _known(profiles, label) -> tuple[dict, str] | None:
    """(profile, the label as the profile names it) of the first profile that knows the label,
    if it judges it."""
    folded = label.casefold()
    for profile in profiles:
        names = _folded_names(profile)
        if folded in names:
            entry = profile["labels"][names[folded]]
            return (profile, names[folded]) if not entry.get("generic") and entry.get("terms") else None
    return None


def collect(doc, options):
    """[word weights facts, judged] where judged is None, or {"labels": [[field, index, label,
    span]], "terms": {stem: weight} (the profiles' words only), "words": distinct content words,
    "written": {stem: word as written}, "problem": a profile error or None}."""
    words = wordweights.collect(doc)
    if words is None:
        return None
    fields = tuple(f for f in options.get("fields") or () if isinstance(f, str))
    profiles, problem = _profiles_for(options)
    labels = _profiles.labels_of(doc.data, fields)
    known = [[key, index, label, span_list(doc, _pointer(key, index)) or [1, 1, 1, 1]]
             for key, index, label in labels if _known(profiles, label)]
    if not known and not (problem and labels):
        return [words, None]
    judged = {"labels": known, "terms": {}, "words": 0, "written": {}, "problem": problem}
    if known:
        max_body = int(options.get("max-body-bytes", 1_048_576))
        terms = _profiles.document_terms(doc, max_body)
        vocabulary = _vocabulary(profiles)
        judged["terms"] = {t: round(w, 3) for t, w in terms.items() if t in vocabulary}
        judged["words"] = len(terms)
        if judged["terms"]:
            written = _terms.surfaces(text for text, _ in _profiles.document_texts(doc, max_body))
            judged["written"] = {t: written[t] for t in judged["terms"] if t in written}
    return [words, judged]


_VOCABULARY: dict[tuple, tuple[list, set]] = {}  # ids of the profiles -> (the profiles, their words)


def _vocabulary(profiles) -> set[str]:
    """Every stem some label of the profiles is supported by (once per set of profiles)."""
    key = tuple(map(id, profiles))
    hit = _VOCABULARY.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], profiles)):
        words = {t for profile in profiles for entry in profile["labels"].values() for t in entry.get("terms") or ()}
        hit = _VOCABULARY[key] = (list(profiles), words)
    return hit[1]


def _pointer(key: str, index: int) -> str:
    return f"/{key}" if index < 0 else f"/{key}/{index}"


def _valid(facts) -> bool:
    return isinstance(facts, list) and len(facts) == 2 and (facts[1] is None or isinstance(facts[1], dict))


def report(facts_by_path, options, only=None):
    weights = wordweights.Weights(facts[0] for facts in facts_by_path.values() if _valid(facts))
    profiles, _ = _profiles_for(options)
    settings = (float(options.get("max-support", 0.5)), float(options.get("min-support", 6.0)),
                float(options.get("ratio", 4.0)), int(options.get("min-words", 12)))
    for path, facts in facts_by_path.items():
        if only is not None and path not in only or not _valid(facts) or facts[1] is None:
            continue
        judged = facts[1]
        if judged.get("problem"):
            yield path, Report(f"option profiles: {judged['problem']}", pointer="")
        for found in _judge(judged, profiles, weights, settings):
            yield path, found


def _judge(judged, profiles, weights, settings):
    max_support, min_support, ratio, min_words = settings
    spec = weights.specificity
    terms = {t: w * spec(t) for t, w in judged["terms"].items()}  # words in most files count for little
    written = judged["written"]
    labels = [row[2] for row in judged["labels"]]
    for key, index, label, span in judged["labels"]:
        known = _known(profiles, label)
        if known is None or weights.generic(label):
            continue
        profile, name = known
        support, _ = _support(terms, _marks(profile, name))
        if support > max_support:
            continue
        best = next((r for r in _ranked(terms, profile, weights) if r[1].casefold() != label.casefold()), None)
        strong = best is not None and best[0] >= min_support and best[0] >= ratio * max(support, 0.1)
        if not strong and judged["words"] < min_words:
            continue  # too little text to say a label has no support
        if strong:
            on_doc = any(best[1].casefold() == lab.casefold() for lab in labels)
            also = " (also on this article)" if on_doc else ""
            why = f', while "{best[1]}"{also} is strongly supported ({", ".join(written.get(t, t) for t in best[2])})'
            confidence = 0.9
        else:
            why = f" ({judged['words']} distinct words, none of those that mark this label)"
            confidence = 0.6 + 0.25 * min(1.0, (judged["words"] - min_words) / (2 * max(min_words, 1)))
        yield Report(f'{key}: "{label}" has no support in the title, excerpt or body{why}',
                     pointer=_pointer(key, index), span=to_span(span), fingerprint=fingerprint(label),
                     confidence=round(confidence, 2))


def _ranked(terms, profile, weights) -> list[tuple[float, str, list[str]]]:
    """(support, label, its best words) of the profile's labels that can be the better one, best first."""
    ranked = []
    for name, other in profile["labels"].items():
        if other.get("generic") or not other.get("terms") or weights.generic(name):
            continue
        s, words = _support(terms, _marks(profile, name))
        ranked.append((s, name, words))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return ranked
