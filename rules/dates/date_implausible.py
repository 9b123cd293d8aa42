"""A date is implausibly early.

Web news did not exist before the mid-1990s: a date before the floor (option `floor`, default
`1995-01-01`) is almost always a placeholder that leaked out of a scraper, such as the Unix
epoch (`1970-01-01`) or the zero time of Go and .NET (`0001-01-01`), or a mistyped year. Checks
every date field of the article and its `related` items. A value without a timezone is taken
as UTC.
"""

from linter.model import Report
from linter.options import Option

from rules.dates import _parse

CODE = "DT004"
NAME = "date-implausible"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"floor": Option("1995-01-01", parse=_parse.date_option, expect="an ISO 8601 date",
                          doc="the earliest plausible date")}
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 1970-01-01T00:00:00Z\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'

_PLACEHOLDERS = {(1970, 1, 1): "the Unix epoch", (1, 1, 1): "a zero time", (1900, 1, 1): "a default date"}


def check(doc, options):
    found = list(_parse.values(doc))
    if not found:
        return
    text = options["floor"].iso()
    floor = options["floor"].instant()
    # A value written two calendar years or more after the floor's year is after it whatever the
    # offsets (each moves an instant by less than a day): no datetime needed.
    clear = floor.year + 1
    for v in found:
        when = v.reading.when
        if when is None or when.year > clear or when.instant() >= floor:
            continue
        hint = _PLACEHOLDERS.get((when.year, when.month, when.day))
        hint = f" ({hint}: a missing date?)" if hint else ""
        yield Report(f"{v.key}: {v.shown} is before {text}, too early to be right{hint}", pointer=v.pointer)
