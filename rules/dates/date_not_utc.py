"""A news date-time is not written in UTC.

The scraped-news format writes every `publishedDateTime` and `updatedDateTime` in UTC with `Z`
(`2022-07-07T22:10:00Z`), so that dates sort and compare as text. A value with an offset
(`+06:00`, or even `+00:00`) is reported, and the safe fix writes the same instant in UTC with
`Z`, keeping the precision written (seconds, fractions). A value whose UTC instant falls outside
the years 1 to 9999 (`0001-01-01T00:00:00+01:00`) is reported without a fix.

On only for the `news-article` profile (option `profiles`, default `["news-article"]`): blog
posts usually keep their author's local time. Values that `date-invalid` reports are fixed by it
first.
"""

from linter.model import Report
from linter.yamledit import fix

from rules.dates import _parse

CODE = "DT005"
NAME = "date-not-utc"
SEVERITY = "warning"
FIX = "sometimes"
OPTIONS = {"profiles": ["news-article"]}
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-08T04:10:00+06:00\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'


def check(doc, options):
    profiles = options.get("profiles", OPTIONS["profiles"])
    if doc.profile not in profiles:
        return
    for v in _parse.values(doc):
        when = v.reading.when
        if when is None or when.offset is None:
            continue
        if when.offset == 0 and (v.reading.kind != "iso" or v.source[-1:] in ("Z", "z")):
            continue
        try:
            utc = when.iso(utc=True)
        except OverflowError:  # 0001-01-01T00:00:00+01:00: the same instant in UTC is in year 0
            yield Report(f"{v.key}: {v.shown} is not in UTC, and the same instant in UTC falls outside"
                         " the years 1 to 9999", pointer=v.pointer)
            continue
        report_fix = None
        if v.reading.kind == "iso":
            report_fix = fix("safe", f"write {v.key}: {utc}", _parse.replace(doc, v.pointer, utc))
        if when.offset == 0:
            message = f"{v.key}: {v.shown} writes UTC as an offset; write {utc}"
        else:
            message = f"{v.key}: {v.shown} is not in UTC; write the same instant as {utc}"
        yield Report(message, pointer=v.pointer, fix=report_fix)
