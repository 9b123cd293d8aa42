"""An item was updated (or expires) before it was published.

Within one item (the article, or one `related` item) `updatedDateTime` must not be earlier than
`publishedDateTime`. For blog posts, `lastmod` must not be earlier than `date`, and `expiryDate`
not earlier than `publishDate` (or `date`): Hugo would never show the page. Dates are compared
as instants (a value without a timezone taken as UTC), or as calendar days when either value is
a bare date. Related items are not compared with the article: related lists grow after
publication, so their dates are independent.
"""

from linter.model import Report

from rules.dates import _parse

CODE = "DT007"
NAME = "date-order"
SEVERITY = "warning"
FIX = "never"
OPTIONS: dict = {}
BAD = ('---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n'
       'updatedDateTime: 2022-07-06T09:00:00Z\n---\n')
GOOD = ('---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n'
        'updatedDateTime: 2022-07-08T09:00:00Z\n---\n')

# (earlier field(s), later field, what it means when reversed)
_PAIRS = (
    (("publishedDateTime",), "updatedDateTime", "updated before it was published"),
    (("date",), "lastmod", "modified before it was published"),
    (("publishDate", "date"), "expiryDate", "expires before it is published"),
)
_KEYS = ("publishedDateTime", "updatedDateTime", "date", "lastmod", "publishDate", "expiryDate")


def _before(a, b) -> bool:
    if a.date_only or b.date_only:
        return a.day_of() < b.day_of()
    return a.instant() < b.instant()


def check(doc, options):
    by_key = doc.by_key
    if "updatedDateTime" not in by_key and "lastmod" not in by_key and "expiryDate" not in by_key:
        return
    for item, fields in _parse.by_item(doc, _KEYS).items():
        for firsts, later, meaning in _PAIRS:
            last = fields.get(later)
            first = next((fields[k] for k in firsts if k in fields), None)
            if last is None or first is None:
                continue
            if _before(last.reading.when, first.reading.when):
                yield Report(
                    f"{later}: {last.shown} is earlier than {first.key} {first.shown}: {meaning}",
                    pointer=last.pointer,
                )
