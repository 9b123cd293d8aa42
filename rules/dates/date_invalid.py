"""A date field is not a real ISO 8601 date-time.

Checks `publishedDateTime` and `updatedDateTime` (the article and each `related` item) and the
blog-post dates `date`, `lastmod`, `publishDate` and `expiryDate`. A value is reported when it
is not ISO 8601 (`07/07/2022`, `March 5, 2021`, `2021-03-15 11:35:57Z`, `yesterday`) or names a
date or time that does not exist (`2021-02-30`, `25:00`, an offset of `+25:00`). A date without
a time (`2021-02-28`) is valid ISO 8601 and is left to `date-naive`. Empty values are left to
the schema.

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
        if r.kind == "iso":
            continue
        if r.kind == "fixable":
            yield Report(
                f"{v.key}: {v.shown} is not an ISO 8601 date-time; write {r.iso}",
                pointer=v.pointer,
                fix=fix("unsafe", f"write {v.key}: {r.iso}", _parse.replace(doc, v.pointer, r.iso)),
            )
        else:
            yield Report(f"{v.key}: {v.shown} {r.reason}", pointer=v.pointer)
