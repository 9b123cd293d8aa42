"""A date field holds a value that no site generator reads, or a date that does not exist.

Checks `publishedDateTime` and `updatedDateTime` (the article and each `related` item) and the
blog-post dates `date`, `lastmod`, `publishDate` and `expiryDate`.

A field that neither Jekyll nor Hugo reads, found by its role (Astro's `pubDate`, `updatedDate`;
`published_at`...), is another generator's: JavaScript-based ones read `'Jul 08 2022'` (the Astro
starter's own format) or `2022/07/08` as the one date it names, so a value with one meaning is
clean there; a value with none (`yesterday`, `2022-02-30`) is still reported.

Named dates (MkDocs Material's blog: `date: {created: 2023-12-31, updated: 2024-01-02}`) are
each judged as a date, at their own pointer (`/date/created`).

Blog-post dates are judged by what the site generator that reads them accepts. Jekyll reads
its documented `2016-04-26 12:00:00 +0000` (time, seconds and offset optional) and YAML
timestamps (`2021-3-5`); Hugo reads Go's layouts: RFC 3339, `2006-01-02T15:04:05`,
`2006-01-02 15:04:05 -0700`, `2006-01-02 15:04:05Z07:00`, `02 Jan 2006`, RFC 1123
(`Mon, 05 Mar 2021 10:00:00 GMT`). All of these are clean. A value neither reads is reported:
`2022/07/07`, `07/07/2022`, `March 5, 2021`, `yesterday`, a quoted value with stray spaces.

The scraped-news format's `publishedDateTime` and `updatedDateTime` are ISO 8601 by the format's
own definition, so any other spelling is reported there (`2022-07-07 22:10:00Z`).

Everywhere, a date or time that does not exist is reported (`2021-02-30`, `25:00`, an offset of
`+25:00`). A date without a time (`2021-02-28`) is valid and is left to `date-naive`. Empty
values are left to the schema.

The fix (unsafe: it rewrites a value someone typed) is offered only when the value has exactly
one meaning: a space or a `/` instead of `T` or `-`, single-digit fields, ISO 8601 basic format
(`20220707`), a month written as a word, `UTC`/`GMT` for `Z`, `+0600` for `+06:00`, stray spaces,
or a day-month-year date whose day is over 12 or equals the month (`13/07/2022`, `07/07/2022`).
`03/07/2022` could be March or July and is never fixed. The fix keeps the quoting style; an
unquoted value stays unquoted.
"""

from linter.model import Report
from linter.yamledit import fix

from rules.dates import _parse

CODE = "DT001"
NAME = "date-invalid"
SUPERSEDES = ("schema-violation",)  # one defect, one finding
SEVERITY = "error"
FIX = "sometimes"
OPTIONS: dict = {}
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07 22:10:00Z\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'


def check(doc, options):
    for v in _parse.values(doc):
        r = v.reading
        if r.kind == "iso" or r.generator and not _parse.news_format(v.key):
            continue
        if r.kind == "fixable" and v.key not in _parse.DATE_KEYS:
            continue  # another generator's field (Astro's pubDate: 'Jul 08 2022'): one date, read as such
        if r.kind == "fixable":
            what = "an ISO 8601 date-time" if _parse.news_format(v.key) else "a date Jekyll or Hugo reads"
            yield Report(
                f"{v.key}: {v.shown} is not {what}; write {r.iso}",
                pointer=v.pointer,
                fix=fix("unsafe", f"write {v.key}: {r.iso}", _parse.replace(doc, v.pointer, r.iso)),
            )
        else:
            yield Report(f"{v.key}: {v.shown} {r.reason}", pointer=v.pointer)
