"""Two or more files have the same or a near-identical title, and hold the same story.

Titles are compared after repairing mojibake (`â€™` -> `’`), unescaping HTML entities
(`&#8217;`), Unicode compatibility normalisation (NFKC), case folding, dropping quotes and
apostrophes (`Apple's`, `Apple’s` and `Apples` are the same word) and reading any other
punctuation as a word break (`Power Apps | Overview` equals `Power Apps: Overview`). Equal
results are duplicates. Titles that differ a little more are near-duplicates when their
similarity (rapidfuzz's normalised Indel ratio, 0-100) reaches `threshold` (default 92; `100`
reports only exact duplicates).

A near-duplicate may misspell or inflect a word (`ITSM`/`ISTM`, `expose`/`exposes`) and add
words at its start or end when punctuation sets them off (a site name after ` – ` or ` | `, a
label such as `RE-TRANSMISSION:`), but these are different stories:
- a word replaced by a different one: "... on Android" / "... on iOS", "March feature update" /
  "May feature update";
- words added inside the title, or run on at its start or end: "Power Apps overview" / "Power
  Apps Portals overview", "named a leader" / "again named a leader", "wrap for Power Apps" /
  "wrap for Power Apps wizard";
- a number, version or date that differs, in value or order: "Node v12.22.7" / "Node v12.22.1",
  "Ruby 2.3.6 released" / "Ruby 2.6.3 released", "iOS 17" / "iOS 18";
- a negation one title has and the other has not: "... may require ..." / "... do not require ...".
Near-duplicates need at least three words; shorter titles are only reported when they are equal.

A withdrawn copy (`published: false`, `draft: true`, a file in `_drafts`) is not compared: the
site shows one copy, and withdrawing the others is how a site owner settles a duplicate.

Translations are not duplicates: two files whose language differs (a `lang`, `language` or
`locale` field, else a language folder such as `en/` or `ja/`, or a file-name suffix such as
`post.ja.md`), that share a `translationKey`, or that have the same path apart from a language
folder or suffix.

When both files have a body (three lines of four words or more), equal or near-identical
titles are reported only if the bodies are the same story too: more than half of their lines
the same (estimated from a sketch of each body's lines, emphasis and code marks left out), or the
same slug at the end of their source URL (`webUrl`, `originalUrl`, `source_url`, `canonical_url`,
`url`, `link`). So a monthly post with the same title ("Upcoming Speaking Engagements") and a new
body is not reported, nor a generated release post whose only own line, the version, differs
from the last one's; a story scraped twice, from an old and a new domain, is. Without bodies the
titles decide.

Typical causes: a re-scrape whose title came out as mojibake, the same story saved under two
dates or from two domains, a blog post that copies a news article's headline. Only the
article's own top-level `title` is compared, in news articles and blog posts alike; `related`
items are not. Each file of a group gets one finding naming the other files.

Scale: titles are never compared all against all. Each title is filed under every pair of its
four rarest words (among words some other title also has), and only titles filed together are
compared; a pair of words shared by more than 20 titles (common words) is not searched. Titles
that differ in at most two such words each always meet, unless the two rarest words they share
are filed together for more than 20 titles. 100,000 titles take about one and a half seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, combinations

from linter.model import Report
from linter.patterns import Lazy
from rules.facts import MAX_NAMED, fingerprint, name_others, shown, span_list, to_span, withdrawn
from rules.crossfile._titles import (
    NEGATIONS,
    body_sketch,
    language_tag,
    path_language,
    resemblance,
    title_key,
)

CODE = "DUP002"
NAME = "duplicate-title"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {"threshold": 92}

_NEWS = """---
category: news
title: "Harbour seals told apart by a face-matching neural network"
publishedDateTime: 2022-07-08T12:00:00Z
webUrl: "https://science.example.com/harbour-seal-faces"
---
"""
_BLOG = """---
title: "Harbour seals told apart by a face&#8209;matching neural network"
date: "2021-03-15T11:35:57+06:00"
author: "A. Writer"
---

Seals, again.
"""
BAD = {"_news/2022-07-08-harbour-seals.md": _NEWS, "_posts/2021-03-15-seals.md": _BLOG}
GOOD = {
    "_news/2022-07-08-harbour-seals.md": _NEWS,
    "_posts/2021-03-15-seals.md": _BLOG.replace(
        "Harbour seals told apart by a face&#8209;matching neural network", "What a seal's face tells a neural network"
    ),
}

RAREST = 4  # each title is blocked under every pair of this many of its rarest shared words
MAX_BLOCK = 20  # a block (a pair of words) holding more titles than this is not searched
MIN_WORDS = 3  # shorter titles are only compared exactly
_DIGIT = re.compile(r"\d")
WORD_SIMILARITY = 70  # two words this similar (0-100) are one word misspelt or inflected
SKETCH = 64  # line hashes kept of each body
MIN_LINES = 3  # a body with fewer lines of four words tells nothing
SAME_BODY = 0.5  # bodies sharing more than this share of their lines are the same story
MAX_BODY = 1_000_000  # characters of a body read for its sketch
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", re.A)  # three words or more: a story's own slug


def collect(doc, options):
    """[title, key, line, column, end line, end column, language, translationKey, body sketch,
    URL slug] or None. The language, translation key, publication flag and URLs are read through
    the field roles (linter.fields), so a layout mapped in `[tool.newslint.fields]` is understood."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    if withdrawn(doc):
        return None
    key = title_key(title)
    if not key:
        return None
    span = span_list(doc, "/title") or [1, 1, 1, 1]
    language = next(filter(None, (language_tag(v) for _, v in doc.role("language"))), "")
    translation = next((v.strip() for _, v in doc.role("translation-key") if isinstance(v, str)), "")
    sketch = body_sketch(doc.text[doc.body_start : doc.body_start + MAX_BODY], SKETCH) if doc.has_front_matter else []
    urls = [v for role in ("source-url", "canonical-url") for _, v in doc.role(role)]
    return [title, key, *span, language, translation, sketch, _slug(urls)]


def _slug(urls) -> str:
    """The last path segment of the first absolute URL, when it is a story's slug (three words)."""
    for url in urls:
        if isinstance(url, str) and "://" in url:
            path = url.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0].rstrip("/")
            last = path.rsplit("/", 1)[-1].lower() if "/" in path else ""
            last = last.rsplit(".", 1)[0] if last.endswith((".html", ".htm", ".php")) else last
            return last if _SLUG.fullmatch(last) else ""
    return ""


def _valid(facts) -> bool:
    return (isinstance(facts, list) and len(facts) == 10 and isinstance(facts[0], str) and isinstance(facts[1], str)
            and facts[1] != "" and isinstance(facts[6], str) and isinstance(facts[7], str)
            and isinstance(facts[8], list) and isinstance(facts[9], str))


def _numbers(key: str) -> tuple[str, ...]:
    """The words of `key` that hold a digit, in title order ("2 3 6" is not "2 6 3")."""
    if not _DIGIT.search(key):  # most titles: no need to look at each word
        return ()
    return tuple(t for t in key.split() if not t.isalpha() and _DIGIT.search(t))  # (a digit is not a letter)


_SEPARATOR = Lazy(r"\s+[-|\u2013\u2014\u00b7\u2022]\s+|\s*[|:,\u2013\u2014]\s+")


def additions_set_off(a: str, b: str) -> bool:
    """Whether the words one title (raw text) adds to the other stand at its start or end, set off
    by punctuation as a site name or a label is ("... with low-code apps – Contoso",
    "RE-TRANSMISSION: ..."). Words added inside a title ("Power Apps overview" / "Power Apps
    Portals overview") or run on at an end ("wrap for the app builder" / "... wizard") change
    what it is about. Replaced words (typos, inflections) are `same_words`' business."""
    from difflib import SequenceMatcher

    ka, kb = title_key(a).split(), title_key(b).split()
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal" or op == "replace" and i2 - i1 == j2 - j1:
            continue
        start, end = i1 == 0 and j1 == 0, i2 == len(ka) and j2 == len(kb)
        if not (start or end):
            return False
        longer, added = (b, kb[j1:j2]) if j2 - j1 > i2 - i1 else (a, ka[i1:i2])
        parts = _SEPARATOR.split(longer)
        pieces = [" ".join(parts[:k]) if start else " ".join(parts[k:]) for k in range(1, len(parts))]
        if " ".join(added) not in {title_key(piece) for piece in pieces}:
            return False
    return True


def same_words(a: list[str], b: list[str], fuzz) -> bool:
    """True unless a word of one title was replaced by a different word in the other.

    Words only one title has are paired off when they are near-identical (a typo, an
    inflection: "ITSM"/"ISTM", "expose"/"exposes"); what remains may be extra words on one side
    ("... with Power Apps – Microsoft") but not on both ("on Android"/"on iOS", "January"/"March").
    """
    a_only = list((Counter(a) - Counter(b)).elements())
    b_only = list((Counter(b) - Counter(a)).elements())
    if not a_only or not b_only:
        return True
    for word in a_only:
        best, best_score = None, WORD_SIMILARITY
        for other in b_only:
            score = fuzz.ratio(word, other)
            if score >= best_score:
                best, best_score = other, score
        if best is None:
            return False
        b_only.remove(best)
    return True


def near_pairs(keys: list[str], threshold: float, focus: set[int] | None = None):
    """(i, j, score) for i < j whose keys are near-identical (but not equal), without an all-pairs pass;
    with `focus`, only the pairs that involve one of those keys.

    Words are ranked rarest first over the whole run (ties by the word itself, so every title
    ranks alike); words only one key has are left out, as they can pair nothing. Each key is put
    in one block per pair of its RAREST rarest words, and only keys sharing a block are compared.
    Two keys that each have at most RAREST - 2 ranked words the other lacks always share a block:
    both hold the two rarest words they have in common. Blocks larger than MAX_BLOCK (pairs of
    very common words) are skipped, which bounds the work per key. With `focus`, only the blocks
    of the focus keys are filled, from the keys that have two of their words.
    """
    df = Counter(chain.from_iterable(set(key.split()) for key in keys))
    ranked = sorted((t for t, n in df.items() if n > 1), key=lambda t: (df[t], t))
    rank = {t: r for r, t in enumerate(ranked)}
    size = len(ranked)
    del ranked

    def block_names(key: str) -> list[int]:
        """The blocks of `key`, each pair (a, b) of its word ranks (a < b) numbered a * size + b."""
        toks = key.split()
        if len(toks) < MIN_WORDS:
            return []
        ranks = set(map(rank.get, toks))
        ranks.discard(None)
        return [a * size + b for a, b in combinations(sorted(ranks)[:RAREST], 2)]

    wanted: set[int] | None = None  # with focus: the blocks the focus keys are in
    if focus is not None:
        wanted = {name for i in focus for name in block_names(keys[i])}
        ranks = {r for name in wanted for r in divmod(name, size)}
        words = {t for i in focus for t in keys[i].split() if rank.get(t) in ranks}  # those blocks' words
    signatures: list[list[int]] = []  # per key, its blocks
    for key in keys:
        if wanted is not None and len(words.intersection(key.split())) < 2:
            signatures.append([])  # in no wanted block: it has not two of their words
            continue
        signatures.append(block_names(key))
    sizes = Counter(chain.from_iterable(signatures))
    blocks: dict[int, list[int]] = {}
    for i, names in enumerate(signatures):
        for name in names:
            if 2 <= sizes[name] <= MAX_BLOCK and (wanted is None or name in wanted):
                blocks.setdefault(name, []).append(i)
    # Only keys with the same numbers can be near-duplicates: pair block members within those groups.
    numbers: dict[int, tuple[str, ...]] = {}  # of the keys in blocks
    candidates: dict[int, set[int]] = {}
    for members in blocks.values():
        groups: dict[tuple[str, ...], list[int]] = {}
        for i in members:  # members are in increasing order, and so is each group
            found = numbers.get(i)
            if found is None:
                found = numbers[i] = _numbers(keys[i])
            groups.setdefault(found, []).append(i)
        for group in groups.values():
            for n, i in enumerate(group[:-1]):
                later = group[n + 1 :]
                if focus is not None and i not in focus:
                    later = [j for j in later if j in focus]
                if later:
                    candidates.setdefault(i, set()).update(later)

    if not candidates:
        return  # (a pre-commit run on a title like no other: no need to import rapidfuzz)
    from rapidfuzz import fuzz, process

    for i in sorted(candidates):
        others = sorted(candidates[i])
        choices = [keys[j] for j in others]
        for _, score, n in process.extract(keys[i], choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            j = others[n]
            a, b = keys[i].split(), keys[j].split()
            if same_words(a, b, fuzz) and not NEGATIONS.intersection(set(a) ^ set(b)):
                yield i, j, score


def _translations(p: str, q: str, a: list, b: list) -> bool:
    """Whether two files are translations of one post (not duplicates)."""
    if a[7] and a[7] == b[7]:  # the same translationKey
        return True
    (lang_p, rest_p), (lang_q, rest_q) = path_language(p), path_language(q)
    lang_a, lang_b = a[6] or lang_p, b[6] or lang_q
    if lang_a and lang_b and lang_a != lang_b:
        return True
    return bool(lang_p or lang_q) and rest_p == rest_q  # the same path under another language


def _same_story(p: str, q: str, a: list, b: list) -> bool:
    """Whether two files with equal or near-identical titles hold one story."""
    if _translations(p, q, a, b):
        return False
    if len(a[8]) < MIN_LINES or len(b[8]) < MIN_LINES:
        return True  # without bodies the titles decide
    return resemblance(a[8], b[8], SKETCH) > SAME_BODY or (a[9] != "" and a[9] == b[9])


def report(facts_by_path, options, only=None):
    threshold = float(options.get("threshold", 92))
    first: dict[str, str] = {}  # normalised title -> its first path (a string: cheap to keep)
    more: dict[str, list[str]] = {}  # normalised title -> its other paths, for the few repeated ones
    for path, facts in facts_by_path.items():
        if _valid(facts):
            key = facts[1]
            if key in first:
                more.setdefault(key, []).append(path)
            else:
                first[key] = path
    keys = list(first)

    def paths_of(key):
        return [first[key], *more.get(key, ())]

    focus = None  # a pre-commit run: only pairs with a named file can give a finding
    if only is not None:
        named = {facts_by_path[p][1] for p in only if p in facts_by_path and _valid(facts_by_path[p])}
        focus = {i for i, key in enumerate(keys) if key in named}
    near: dict[int, list[tuple[int, float]]] = {}
    if threshold < 100 and focus != set() and len(keys) > 1:  # (a lone title: no need to import rapidfuzz)
        for i, j, score in near_pairs(keys, threshold, focus):
            near.setdefault(i, []).append((j, score))
            near.setdefault(j, []).append((i, score))
    for i, key in enumerate(keys):
        if key not in more and i not in near or focus is not None and i not in focus:
            continue
        same = sorted(paths_of(key))
        similar = sorted(((p, score) for j, score in near.get(i, ()) for p in paths_of(keys[j])), key=lambda ps: ps[0])
        for path in same:
            if only is not None and path not in only:
                continue
            facts = facts_by_path[path]
            equal = [p for p in same if p != path and _same_story(path, p, facts, facts_by_path[p])]
            close = [(p, s) for p, s in similar
                     if additions_set_off(facts[0], facts_by_path[p][0]) and _same_story(path, p, facts, facts_by_path[p])]
            total = len(equal) + len(close)
            if total == 0:
                continue
            named = [f"{p} (line {facts_by_path[p][2]})" for p in equal[:MAX_NAMED]]
            named += [f"{p} (line {facts_by_path[p][2]}, {int(s)}% similar)" for p, s in close[: MAX_NAMED - len(named)]]
            title = facts[0]
            yield path, Report(
                f"title: {shown(title)} duplicates the title of {name_others(named, total)}",
                pointer="/title",
                span=to_span(facts[2:6]),
                fingerprint=fingerprint(title),
            )
