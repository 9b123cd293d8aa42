"""A date-time has no timezone, in a repository that writes its dates with one.

`2022-07-07T22:10:00` is a different instant in every timezone: readers, feeds and sitemaps
will each guess. But a site that writes every `date` without a timezone has a convention (Jekyll
and Hugo read such dates in the site's configured timezone): that is not a defect on every file.
This repository-wide rule counts, for each date field (`date`, `lastmod`, `publishedDateTime`,
...), the values with a timezone and those without, over every file of the run, and reports a
value without one only when it is an outlier: at warning severity when at least 80% (and at
least four) of that field's values have a timezone, at `info` (confidence 0.5) when the
repository mixes both and this is the minority. Where values without a timezone are as common
as those with one, or more, nothing is reported. A one-file run (a pre-commit hook with no
project around it) therefore reports nothing; with the project's cache it compares the named
files with the whole project.

A `publishedDateTime` or `updatedDateTime` written as a bare date (`2022-07-07`) counts as
without a timezone (it has neither a time nor a timezone); a bare date in a blog post's `date`,
`lastmod`, `publishDate` or `expiryDate` is a normal Hugo/Jekyll date and is not counted.

The finding names the convention: add `Z` for UTC or an offset (`+02:00`) as the other files
do. No fix: which timezone was meant is not known.
"""

from __future__ import annotations

from collections import Counter

from linter.model import Report
from rules._convention import outlier_confidence
from rules.crossfile._common import fingerprint, span_list, to_span
from rules.dates import _parse

CODE = "DT002"
NAME = "date-naive"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS: dict = {}

_AWARE = '---\ntitle: "{title}"\ndate: 2022-07-0{day}T09:00:00+02:00\n---\n\nText.\n'
BAD = {
    **{f"2022-07-0{d}-post.md": _AWARE.format(title=f"Post {d}", day=d) for d in range(1, 5)},
    "2022-07-07-robots.md": '---\ntitle: "Robots learn to fold laundry"\ndate: 2022-07-07T22:10:00\n---\n\nText.\n',
}
GOOD = {**BAD, "2022-07-07-robots.md": BAD["2022-07-07-robots.md"].replace("22:10:00", "22:10:00+02:00")}

AWARE, NAIVE, BARE = "aware", "naive", "bare"


def collect(doc, options):
    """[[key, style, pointer, shown, ISO date, line, column, end line, end column], ...] or None;
    style is AWARE, NAIVE (a date-time without timezone) or BARE (a bare date in a news-format
    field, whose ISO spelling follows)."""
    out = []
    for v in _parse.values(doc):
        when = v.reading.when
        if when is None:
            continue
        if when.date_only:
            if not _parse.news_format(v.key):
                continue
            style = BARE
        else:
            style = NAIVE if when.naive else AWARE
        day = when.iso() if style == BARE else ""
        out.append([v.key, style, v.pointer, v.shown, day, *(span_list(doc, v.pointer) or [1, 1, 1, 1])])
    return out or None


def _entries(facts):
    if isinstance(facts, list):
        for entry in facts:
            if isinstance(entry, list) and len(entry) == 9 and entry[1] in (AWARE, NAIVE, BARE):
                yield entry


def report(facts_by_path, options):
    aware: Counter = Counter()
    naive: Counter = Counter()
    for facts in facts_by_path.values():
        for entry in _entries(facts):
            (aware if entry[1] == AWARE else naive)[entry[0]] += 1
    confidence = {key: outlier_confidence(aware[key], n) for key, n in naive.items()}
    for path, facts in facts_by_path.items():
        for key, style, pointer, shown, day, *span in _entries(facts):
            if style != AWARE and confidence[key]:
                yield path, _report(key, pointer, shown, day, span, aware[key], aware[key] + naive[key], confidence[key])


def _report(key, pointer, shown, day, span, with_zone, total, confidence):
    convention = f"{with_zone} of the {total} {key} values in this repository have one"
    if day:
        message = (f"{key}: {shown} has no time and no timezone ({convention}); "
                   f"write a date-time such as {day}T00:00:00Z")
    else:
        message = f"{key}: {shown} has no timezone ({convention}); add Z (UTC) or an offset such as +02:00"
    return Report(message, pointer=pointer, span=to_span(span), fingerprint=fingerprint(shown),
                  confidence=None if confidence >= 1 else confidence)
