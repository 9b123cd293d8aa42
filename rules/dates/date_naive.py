"""A date-time has no timezone.

`2022-07-07T22:10:00` is a different instant in every timezone: readers, feeds and sitemaps
will each guess. Write `Z` for UTC or an offset (`+02:00`). A `publishedDateTime` or
`updatedDateTime` written as a bare date (`2022-07-07`) is reported too (it has neither a time
nor a timezone); a bare date in a blog post's `date`, `lastmod`, `publishDate` or `expiryDate`
is a normal Hugo/Jekyll date and is not reported.

Option `assume-utc` (default false): offer an unsafe fix that appends `Z`, declaring the
written time to be UTC. Values that `date-invalid` reports are fixed by it first.
"""

from linter.model import Report
from linter.yamledit import fix

from rules.dates import _parse

CODE = "DT002"
NAME = "date-naive"
SEVERITY = "warning"
FIX = "sometimes"
OPTIONS = {"assume-utc": False}
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'


def check(doc, options):
    assume_utc = bool(options.get("assume-utc", False))
    for v in _parse.values(doc):
        when = v.reading.when
        if when is None:
            continue
        if when.date_only:
            if v.key.endswith("DateTime"):
                yield Report(f"{v.key}: {v.shown} has no time and no timezone; write a date-time "
                             f"such as {when.iso()}T00:00:00Z", pointer=v.pointer)
            continue
        if not when.naive:
            continue
        report_fix = None
        if assume_utc and v.reading.kind == "iso":
            text = when.iso(utc=True)
            report_fix = fix("unsafe", f"assume UTC: write {v.key}: {text}", _parse.replace(doc, v.pointer, text))
        yield Report(f"{v.key}: {v.shown} has no timezone; add Z (UTC) or an offset such as +02:00",
                     pointer=v.pointer, fix=report_fix)
