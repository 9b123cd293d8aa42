"""A title no longer matches the words of its URL's slug.

A news URL usually carries the original headline as its slug
(`/as-use-of-facial-recognition-technology-grows-so-do-security-concerns/600279118/`). Two
things are reported:

- a title pasted onto another item's URL: the same URL appears on another item of the file
  whose title matches the slug better, and this title lacks a word of the slug (confidence 0.9;
  each item is compared with the first 20 items that share its URL, a bound on the work);
- a title that shares almost nothing with its slug: the words they share weigh less than
  `threshold` of the slug's words *and* of the title's words, and the title lacks at least two
  of the slug's telling words. The message names the slug's words the title lacks, most
  specific first.

Words are weighed by the repository's own counts (rules/wordweights.py): a word in 20% or more
of the run's titles, slugs and labels weighs nothing, a rarer one the more the rarer it is. On a
Power Apps news site nearly every title says "Power Apps":

- bad: "Introducing the new search experience in model-driven Power Apps" on
  `.../azure-ad-guests-steal-data-microsoft-power-apps`. They share "power" and "apps", a quarter
  of the slug's words but none of its weight (99% of the files have them): reported, lacking
  guests, steal, ad, azure, data, microsoft.
- good: "Rogue Azure AD guests can steal data via Power Apps" on the same URL: azure, guests,
  steal and data are shared, and they are what the slug weighs.

What title and slug share weighs the lesser of its weights on either side (a title's
"automotive industry" read as the slug's "AI" shares no more than "AI" weighs). A shared word
few files have (one in 12 or fewer) means the same story reworded: nothing is reported. Nor is a
slug that three or more files with different titles lack words of: it names a section of the
site (`/media-audience-and-business-data/`), not a headline. Below 20
files (one file checked alone, a test) every word weighs the same: the rule then counts words.
Confidence falls from 0.9 as the shared weight nears `threshold`; a title or slug with fewer
than three telling words that shares a word is shown at most at 0.7 (info), and so is (at 0.65)
a title whose words the slug has in forms that weigh much less there ("artificial intelligence"
as "ai").

Publishers reword headlines all the time: a shortened title, a slug that adds the author's name,
a keyword slug (`/warehouse-technology-robotics.html`), a word swapped, a translated title. None
of that is reported. Words are compared after lowercasing, dropping stop words and ids
(`-1844168367`, `article66927253.ece`), light stemming (`grows`/`grow`, `mitigation`/
`mitigating`), prefixes of four to 40 letters (`tech`/`technology`), joined words
(`re:Invent`/`reinvent`) and initials (`AI`/`artificial-intelligence`). Only URLs with a word
slug (three or more words) are compared; the URL is the item's `webUrl`, else `originalUrl`,
else `url`, or a `slug` field. Only the first 100 words of a title are compared, so a file's
work is bounded whatever its size.

`threshold` is the weighted share of words (0-1) below which both directions must fall to
report an unrelated title (0.25). `min-slug-words` is the fewest content words a slug needs to
be compared.
"""

from __future__ import annotations

import re

from linter.model import Report
from linter.options import Option
from rules import wordweights
from rules._memo import items
from rules.facts import fingerprint, span_list, to_span
from rules.textfields import shorten
from rules.slugs import Side, content, slug_tokens, slug_url

CODE = "TTL001"
NAME = "title-slug-mismatch"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {"threshold": Option(0.25, low=0.0, high=1.0), "min-slug-words": Option(3, low=1, high=50)}
BAD = """---
title: "Council approves bike lanes on Main Street"
webUrl: "https://news.example.com/2023/05/council-approves-bike-lanes-on-main-street-4821"
related:
  - title: "Storm knocks out power across the valley"
    webUrl: "https://news.example.com/2023/05/storm-knocks-out-power-across-valley-4822"
  - title: "Storm knocks out water across the valley"
    webUrl: "https://news.example.com/2023/05/storm-knocks-out-power-across-valley-4822"
  - title: "Harbour festival draws record crowds"
    webUrl: "https://news.example.com/2023/05/school-board-delays-vote-on-new-budget-4830"
---
"""
GOOD = """---
title: "Council approves bike lanes on Main Street"
webUrl: "https://news.example.com/2023/05/council-approves-bike-lanes-on-main-street-4821"
related:
  - title: "Storm knocks out power across the valley"
    webUrl: "https://news.example.com/2023/05/storm-knocks-out-power-across-valley-4822"
  - title: "School board delays vote on budget"
    webUrl: "https://news.example.com/2023/05/school-board-delays-vote-on-new-budget-4830"
---
"""
MAX_TWINS = 20  # items sharing a URL compared with each other at most (all pairs: quadratic)
SECTION = 3  # a slug this many files with different titles lack words of names a section
TELLING = 0.5  # the weight of a word that tells one story from another (in 12% of the files or fewer)
_NORM_URL = re.compile(r"^https?://(?:www\.)?|[?#].*$|/+$")


def collect(doc, options):
    """[the file's word weights facts, its rows]: a row for each item whose title lacks a word of
    its slug, [pointer, title, URL key, slug words, missing, title words, extra, span, pasted]
    (pasted: [pointer, title] of an item with the same URL whose title matches it better)."""
    words = wordweights.collect(doc)
    if words is None:
        return None
    return [words, _rows(doc, options["min-slug-words"])]


def _rows(doc, minimum: int) -> list:
    rows = []
    for ptr, item in items(doc):
        title = item.get("title")
        found = slug_url(item)
        if not isinstance(title, str) or found is None:
            continue
        key, url = found
        toks = slug_tokens(url, minimum)
        if toks is None:
            continue
        words = wordweights.title_tokens(title)
        if set(content(toks)).issubset(words):  # the title has every word of the slug (most do)
            rows.append((ptr, title, url, [], None, None, 1.0))
            continue
        slug, head = Side(toks), Side(words)  # toks: a new list, Side's own
        if not slug.words or not head.words:
            continue
        missing = head.missing(slug)  # slug words not in the title
        extra = slug.missing(head) if missing else []  # title words not in the slug
        rows.append((ptr, title, url, missing, [key, slug.words, missing, head.words, extra], None,
                     1 - len(missing) / len(slug.words)))
    if not any(row[3] for row in rows):  # every title has all the words of its slug
        return []
    by_url: dict[str, list] = {}
    for row in rows:
        by_url.setdefault(_norm_url(row[2]), []).append(row)
    out = []
    for ptr, title, url, missing, facts, _, s_cov in rows:
        if not missing:
            continue
        better = [r for r in by_url[_norm_url(url)][:MAX_TWINS + 1] if r[0] != ptr and r[1] != title and r[6] > s_cov]
        pasted = [better[0][0], better[0][1]] if better else None
        out.append([ptr, title, *facts, span_list(doc, f"{ptr}/title") or [1, 1, 1, 1], pasted])
    return out


def _valid(facts) -> bool:
    return isinstance(facts, list) and len(facts) == 2 and isinstance(facts[1], list)


def report(facts_by_path, options, only=None):
    threshold = options["threshold"]
    weights = wordweights.Weights(facts[0] for facts in facts_by_path.values() if _valid(facts))
    sections = _sections(facts_by_path)
    for path, facts in facts_by_path.items():
        if only is not None and path not in only or not _valid(facts):
            continue
        for row in facts[1]:
            if not row[8] and " ".join(row[3]) in sections:
                continue  # a section's name, not a headline
            found = _judge(row, weights, threshold)
            if found is not None:
                yield path, found


def _sections(facts_by_path) -> set[str]:
    """Slugs that SECTION or more files with different titles lack words of: the name of a
    section of the site (`/media-audience-and-business-data/`), not a headline."""
    titles: dict[str, set[str]] = {}
    for facts in facts_by_path.values():
        if _valid(facts):
            for row in facts[1]:
                titles.setdefault(" ".join(row[3]), set()).add(row[1])
    return {slug for slug, seen in titles.items() if len(seen) >= SECTION}


def _judge(row, weights, threshold) -> Report | None:
    ptr, title, key, slug_words, missing, title_words, extra, span, pasted = row
    where = dict(pointer=f"{ptr}/title", span=to_span(span), fingerprint=fingerprint(title))
    if pasted:
        return Report(
            f"title: {_shown(title, key)}: the slug says {', '.join(missing)}, not {', '.join(extra) or 'this'}; "
            f"{pasted[0] or 'the article'} has the same URL with the title {shorten(pasted[1], 70)}",
            confidence=0.9, **where,
        )
    s_cov, t_cov, t_more = _coverage(slug_words, missing, title_words, extra, weights)
    lacks = sorted(dict.fromkeys(missing), key=lambda w: -weights.weight(w))
    if s_cov >= threshold or t_cov >= threshold or _telling(lacks, weights) < 2:
        return None
    shared = [w for w in dict.fromkeys(slug_words) if w not in set(missing)]
    if any(map(weights.specific, shared)):  # a word few titles have: the same story, reworded
        return None
    confidence = 0.9 - max(s_cov, t_cov)
    if shared and min(_telling(lacks, weights), _telling(dict.fromkeys(extra), weights)) < 3:
        confidence = min(confidence, 0.7)  # a short title or slug sharing a word: little to go on
    if t_more >= TELLING:  # title words matched to slug words that weigh little ("artificial intelligence"/"ai")
        confidence = min(confidence, 0.65)
    if weights.fallback or not shared:
        share = f"they share {round(100 * s_cov)}% of the slug's words"
    else:
        most = max(map(weights.share, shared))
        share = f"they share only {', '.join(shared[:4])}, words {round(100 * most)}% of this repository's files have"
    return Report(
        f"title: {_shown(title, key)}: the title lacks the slug's words {', '.join(lacks[:6])}; {share}",
        confidence=round(confidence, 2), **where,
    )


def _telling(words, weights) -> int:
    """How many of the words tell one story from another here (weight at least TELLING)."""
    return sum(weights.weight(w) >= TELLING for w in words)


def _coverage(slug_words, missing, title_words, extra, weights) -> tuple[float, float, float]:
    """The weight of the words title and slug share, as a share of the slug's and of the title's
    words' weight; and how much more the title's words the slug has weigh on the title's side.
    What they share weighs the lesser of its weights on either side: a title's "automotive
    industry" read as the slug's "ai" shares no more than "ai" weighs."""
    slug_total, title_total = sum(map(weights.weight, slug_words)), sum(map(weights.weight, title_words))
    in_slug = slug_total - sum(map(weights.weight, missing))
    in_title = title_total - sum(map(weights.weight, extra))
    shared = min(in_slug, in_title)
    if not slug_total or not title_total:
        return 1.0, 1.0, 1.0
    return shared / slug_total, shared / title_total, in_title - shared


def _norm_url(url: str) -> str:
    """The URL without scheme, `www.`, query, fragment and trailing slashes: items that share it share a slug."""
    return _NORM_URL.sub("", url.strip().lower())


def _shown(title: str, key: str) -> str:
    return f"{shorten(title, 70)} does not match the slug of its {key}"

