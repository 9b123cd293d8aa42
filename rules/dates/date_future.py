"""A date is in the future.

A news item cannot have been published or updated tomorrow: a future date is a scraper or time
zone bug, and Jekyll and Hugo silently leave future posts out of the site. Checks
`publishedDateTime`, `updatedDateTime`, `date` and `lastmod` (option `fields`); Hugo's
`publishDate` and `expiryDate` are meant to be in the future and are not checked by default.

A post scheduled ahead is not a bug: a hand-written blog post (the blog-post schema, no source URL)
dated up to 90 days ahead is shown at info severity (confidence 0.5: Jekyll and Hugo publish it
on that day), and a draft or withdrawn item (`draft: true`, `published: false`) is not checked: the
site shows it to nobody. A news item, a scraped copy or a post dated further ahead is an error.

Options: `tolerance-days` (default 1: clocks and time zones differ), and `now`, an ISO 8601
date-time to compare with instead of the clock, for reproducible runs (CI, tests). When `now` is
empty or `now` the `SOURCE_DATE_EPOCH` environment variable is used if set, else the system
clock. A value without a timezone is taken as UTC.
"""

from datetime import timedelta

from linter.model import Report
from linter.options import Option

from rules.dates import _parse
from rules.facts import withdrawn
from rules.scraped import source_url

CODE = "DT003"
NAME = "date-future"
SEVERITY = "error"
FIX = "never"
OPTIONS = {
    "now": Option("", parse=_parse.now_option, expect="an ISO 8601 date-time or 'now'",
                  doc="the instant to compare with ('' or 'now': SOURCE_DATE_EPOCH, else the clock)"),
    "tolerance-days": 1,
    "fields": ["publishedDateTime", "updatedDateTime", "date", "lastmod"],
}
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2099-07-07T22:10:00Z\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'


SCHEDULE_DAYS = 90  # how far ahead a hand-written post may be scheduled before its date looks like a typo
SCHEDULED_CONFIDENCE = 0.5


def check(doc, options):
    found = list(_parse.values(doc, tuple(options["fields"])))
    if not found or withdrawn(doc):
        return
    try:
        now = _parse.now_from(options["now"])
    except _parse.OptionError as exc:  # SOURCE_DATE_EPOCH is not a number
        yield Report(f"{NAME}: {exc}; the rule cannot run")
        return
    tolerance = float(options["tolerance-days"])
    limit = now + timedelta(days=tolerance)
    # A value written two calendar years or more before the limit's year is before it whatever
    # the offsets (each moves an instant by less than a day): no datetime needed.
    past = limit.year - 1
    for v in found:
        when = v.reading.when
        if when is None or when.year < past:
            continue
        if when.instant() > limit:
            days = (when.instant() - now).total_seconds() / 86400
            ahead = f"{days:.0f} days" if days >= 2 else f"{days * 24:.0f} hours"
            message = f"{v.key}: {v.shown} is in the future ({ahead} after now, {now.strftime('%Y-%m-%dT%H:%M:%SZ')})"
            if days <= SCHEDULE_DAYS and doc.profile == "blog-post" and source_url(doc) is None:
                yield Report(f"{message}: a scheduled post, left out of the site until then", pointer=v.pointer,
                             confidence=SCHEDULED_CONFIDENCE)
            else:
                yield Report(message, pointer=v.pointer)
