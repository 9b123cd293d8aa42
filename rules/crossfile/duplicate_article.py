"""Two or more files hold the same story (the same canonical URL).

The article's own canonical and source URLs (field roles "canonical-url" and "source-url":
`webUrl`, `canonical_url`, `url`, `originalUrl`, `source_url`…; see docs/fields.md) are compared
across every file of the run after canonicalisation: scheme and host case, `www.`, default ports, trailing slashes, fragments,
tracking parameters (`utm_*`, `fbclid`, ...) and AMP variants (`/amp`, `?amp=1`, AMP-cache
hosts) do not make two URLs different. A scraper that saved the same story twice, under two
dates or two slugs, gives such a pair.

Each file of a group gets one finding, on its first field holding the shared URL, naming the
other files (and the line of their URL). A file whose canonical and source URLs are equal does
not duplicate itself. `related` items are not compared here (see `related-duplicate`), nor are
withdrawn copies (`published: false`, `draft: true`, a file in Jekyll's `_drafts`): the site
shows them to nobody.

When only some files are named on the command line (pre-commit), they are compared with the
whole project through the cache, and only the named files get findings. Delete or merge the
extra copies; keep the file whose date and slug are right.
"""

from __future__ import annotations

from collections import Counter

from linter.model import Report
from rules.facts import MAX_NAMED, fingerprint, name_others, shown, span_list, to_span, withdrawn

CODE = "DUP001"
NAME = "duplicate-article"
SEVERITY = "error"
FIX = "never"
KIND = "repository"
OPTIONS: dict = {}

_A = """---
title: "Ministry opens a public register of city algorithms"
publishedDateTime: 2022-03-01T09:00:00Z
webUrl: "https://news.example.org/2022/03/city-algorithm-register"
---
"""
_B = """---
title: "City algorithm register goes live"
publishedDateTime: 2022-03-02T08:30:00Z
webUrl: "https://www.news.example.org/2022/03/city-algorithm-register/?utm_source=feed"
---
"""
BAD = {"2022-03-01-city-algorithm-register.md": _A, "2022-03-02-register-goes-live.md": _B}
GOOD = {
    "2022-03-01-city-algorithm-register.md": _A,
    "2022-03-02-register-goes-live.md": _B.replace("2022/03/city-algorithm-register/?utm_source=feed", "2022/03/register-live"),
}

_ROLES = ("canonical-url", "source-url")
_canonical = None


def _canonical_url(url: str) -> str | None:
    global _canonical
    if _canonical is None:
        from rules.urls.normalize import canonical_url

        _canonical = canonical_url
    try:
        return _canonical(url)
    except Exception:  # a URL the normaliser cannot read is another rule's business
        return None


def collect(doc, options):
    """[[canonical URL, pointer, value, line, column, end line, end column], ...] or None."""
    data = doc.data
    if not isinstance(data, dict) or withdrawn(doc):
        return None
    out = []
    seen = canon = None
    for role in _ROLES:
        for pointer, value in doc.role(role):
            if not isinstance(value, str) or not value.strip():
                continue
            if value != seen:  # the source URL is mostly the canonical one again: its canonical form is known
                seen, canon = value, _canonical_url(value.strip())
            if not canon:
                continue
            span = span_list(doc, pointer) or [1, 1, 1, 1]
            out.append([canon, pointer, value, *span])
    return out or None


def _entries(facts):
    if not isinstance(facts, list):
        return
    for entry in facts:
        if isinstance(entry, list) and len(entry) == 7 and isinstance(entry[0], str) and isinstance(entry[1], str):
            yield entry


def report(facts_by_path, options, only=None):
    # Two linear passes, no pairs: count the files per canonical URL, then group only the URLs
    # that more than one file has (few long-lived objects: cheap for the garbage collector).
    # With `only` (a pre-commit run), only the URLs of the named files are counted.
    wanted = None if only is None else {entry[0] for path in only for entry in _entries(facts_by_path.get(path))}
    counts: Counter = Counter()
    for facts in facts_by_path.values():
        urls = {entry[0] for entry in _entries(facts)}
        counts.update(urls if wanted is None else urls & wanted)
    shared = {url for url, n in counts.items() if n > 1}
    if not shared:
        return
    groups: dict[str, dict[str, list]] = {}  # canonical URL -> path -> that file's first entry
    for path, facts in facts_by_path.items():
        for entry in _entries(facts):
            if entry[0] not in shared:
                continue
            group = groups.setdefault(entry[0], {})
            seen = group.get(path)
            if seen is None or (entry[3], entry[4]) < (seen[3], seen[4]):
                group[path] = entry
    for group in groups.values():
        paths = sorted(group)
        head = paths[: MAX_NAMED + 1]
        for path in paths:
            if only is not None and path not in only:
                continue
            _, pointer, value, *span = group[path]
            named = [f"{p} (line {group[p][3]})" for p in head if p != path]
            yield path, Report(
                f"{pointer[pointer.rfind('/') + 1:]}: {shown(value)} is the same article as "
                f"{name_others(named, len(paths) - 1)}",
                pointer=pointer,
                span=to_span(span),
                fingerprint=fingerprint(value),
            )
