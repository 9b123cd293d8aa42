"""A title no longer matches the words of its URL's slug.

A news URL usually carries the original headline as its slug
(`/as-use-of-facial-recognition-technology-grows-so-do-security-concerns/600279118/`). Two
things are reported:

- a title pasted onto another item's URL: the same URL appears on another item of the file
  whose title matches the slug better, and this title lacks a word of the slug (each item is
  compared with the first 20 items that share its URL: a bound on the work);
- a title that shares almost nothing with its slug: less than `threshold` of the slug's words are
  in the title *and* less than `threshold` of the title's words are in the slug.

Publishers reword headlines all the time: a shortened title, a slug that adds the author's name,
a keyword slug (`/warehouse-technology-robotics.html`), a word swapped. None of that is
reported. Words are compared after lowercasing, dropping stop words and ids
(`-1844168367`, `article66927253.ece`), light stemming (`grows`/`grow`), prefixes of four to
40 letters (`tech`/`technology`), joined words (`re:Invent`/`reinvent`) and initials
(`AI`/`artificial-intelligence`). Only URLs with a word slug (three or more words) are compared;
the URL is the item's `webUrl`, else `originalUrl`, else `url`, or a `slug` field.

`threshold` is the share of words (0-1) below which both directions must fall to report an
unrelated title (0.25, tuned on real feeds: at 0.5 it starts to report keyword slugs and
rewritten headlines). `min-slug-words` is the fewest content words a slug needs to be compared.
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.model import Report
from rules._memo import items
from rules.text._fields import shorten
from rules.titles._slug import Side, content, slug_tokens, tokens

CODE = "TTL001"
NAME = "title-slug-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"threshold": 0.25, "min-slug-words": 3}
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
_URL_KEYS = ("webUrl", "originalUrl", "url", "slug")
_NORM_URL = re.compile(r"^https?://(?:www\.)?|[?#].*$|/+$")


def _url(item: dict) -> tuple[str, str] | None:
    for key in _URL_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return key, value
    return None


def _number(value, default, low, high):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return default
    return min(max(value, low), high)


@lru_cache(maxsize=32)
def _settings(threshold, minimum) -> tuple[float, int]:
    """The options as numbers, worked out once per configuration (see `_options`)."""
    return _number(threshold, 0.25, 0.0, 1.0), int(_number(minimum, 3, 1, 50))


def _options(options) -> tuple[float, int]:
    threshold, minimum = options.get("threshold", 0.25), options.get("min-slug-words", 3)
    try:
        return _settings(threshold, minimum)
    except TypeError:  # an unhashable value (a list, say): nothing to remember it by
        return _settings.__wrapped__(threshold, minimum)


def check(doc, options):
    threshold, minimum = _options(options)
    rows = []
    for ptr, item in items(doc):
        title = item.get("title")
        found = _url(item)
        if not isinstance(title, str) or found is None:
            continue
        key, url = found
        toks = slug_tokens(url, minimum)
        if toks is None:
            continue
        words = tokens(title)
        if set(content(toks)).issubset(words):  # the title has every word of the slug (most do)
            rows.append((ptr, title, key, url, [], [], 1.0, 1.0, None))
            continue
        slug, head = Side(toks), Side(words)  # toks: a new list, Side's own
        if not slug.words or not head.words:
            continue
        missing = head.missing(slug)  # slug words not in the title
        extra = slug.missing(head) if missing else []  # title words not in the slug
        s_cov = 1 - len(missing) / len(slug.words)
        t_cov = 1 - len(extra) / len(head.words)
        rows.append((ptr, title, key, url, missing, extra, s_cov, t_cov, slug.words))
    if not any(row[4] for row in rows):  # every title has all the words of its slug
        return
    by_url: dict[str, list] = {}
    for row in rows:
        by_url.setdefault(_norm_url(row[3]), []).append(row)
    for ptr, title, key, url, missing, extra, s_cov, t_cov, slug_words in rows:
        if not missing:
            continue
        twins = [r for r in by_url[_norm_url(url)][:MAX_TWINS + 1] if r[0] != ptr and r[1] != title]
        better = [r for r in twins if r[6] > s_cov]
        if missing and better:
            yield Report(
                f"title: {_shown(title, key)}: the slug says {', '.join(missing)}, not {', '.join(extra) or 'this'}; "
                f"{better[0][0] or 'the article'} has the same URL with the title {shorten(better[0][1], 70)}",
                pointer=f"{ptr}/title",
            )
        elif s_cov < threshold and t_cov < threshold:
            yield Report(
                f"title: {_shown(title, key)}: they share {round(100 * s_cov)}% of the slug's words "
                f"(slug: {' '.join(slug_words[:12])})",
                pointer=f"{ptr}/title",
            )


def _norm_url(url: str) -> str:
    """The URL without scheme, `www.`, query, fragment and trailing slashes: items that share it share a slug."""
    return _NORM_URL.sub("", url.strip().lower())


def _shown(title: str, key: str) -> str:
    return f"{shorten(title, 70)} does not match the slug of its {key}"

