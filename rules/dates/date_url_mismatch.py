"""The date in an item's URL is far from its publication date.

Many news sites put the publication date in the URL path (`/2021/09/15/slug`, `/2010/03/slug`,
`/2019-12-slug`, `/20211202/`). When that date is far from the item's publication date (its
"published" field role: `publishedDateTime`, else `date`, `published_at`…, see docs/fields.md),
one of them is wrong: a scraper that dated an old story by when it found it, or a day and month
swapped (the message says so when swapping them makes the dates agree). Checks the item's
canonical and source URLs (field roles "canonical-url" and "source-url": `webUrl`, `url`,
`originalUrl`, `source_url`…; option `url-fields` names the keys instead) of the article and of
each `related` item against that item's own date; a URL is reported once even when several
fields hold it.

Only the path is read (not the host, query or fragment), and only a year from 1990 to 2099
followed by a month (and maybe a day), as whole path segments or at the start of one: ids
(`/1844168367`) and years inside slugs (`/2019-release-wave-2`) are not dates. Option
`tolerance-days` (default 31): how far apart the dates may be; a URL with only a month matches
any day of that month.
"""

import re
from datetime import date

from linter.model import Report
from linter.patterns import Lazy

from rules._memo import items
from rules.dates import _parse

CODE = "DT008"
NAME = "date-url-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"tolerance-days": 31, "url-fields": []}
BAD = ('---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n'
       'webUrl: "https://news.example.com/2012/03/robots-fold-laundry.html"\n---\n')
GOOD = ('---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n'
        'webUrl: "https://news.example.com/2022/07/robots-fold-laundry.html"\n---\n')

_PREFIX = Lazy(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?://[^/?#]*)?")
_YEAR = r"(199\d|20\d\d)"
_PATTERNS = (
    # /2021/09/15/ or /2021/09/ or /2021/9/5/ (whole segments)
    Lazy(r"/" + _YEAR + r"/(0?[1-9]|1[0-2])(?:/(0?[1-9]|[12]\d|3[01]))?(?=/|\Z)", re.A),
    # /2021-09-15-slug or /2019-12-slug (at the start of a segment)
    Lazy(r"/" + _YEAR + r"-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?=[-_./]|\Z)", re.A),
    # /20210915/ or /20210915-slug
    Lazy(r"/" + _YEAR + r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[-_./]|\Z)", re.A),
)


def url_date(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of the first date in the URL's path."""
    if "/20" not in url and "/199" not in url:  # every pattern starts so; most URLs have neither
        return None
    path = _PREFIX.sub("", url, count=1)
    path = path.split("?", 1)[0].split("#", 1)[0]
    best = None
    for pattern in _PATTERNS:
        m = pattern.search(path)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    y, mo, d = best.groups()
    y, mo, d = int(y), int(mo), (int(d) if d else None)
    if d is not None:
        try:
            date(y, mo, d)
        except ValueError:
            return None
    return y, mo, d


def _distance(url: tuple[int, int, int | None], day: date) -> int | None:
    """Days between a calendar day and the URL's date (its whole month when it has no day)."""
    y, mo, d = url
    try:
        if d is not None:
            return abs((date(y, mo, d) - day).days)
        first = date(y, mo, 1)
        last = date(y + (mo == 12), mo % 12 + 1, 1)
    except ValueError:
        return None
    if day < first:
        return (first - day).days
    return max(0, (day - last).days + 1)


def _shown(url) -> str:
    y, mo, d = url
    return f"{y:04d}-{mo:02d}" + ("" if d is None else f"-{d:02d}")


def check(doc, options):
    keys = tuple(options.get("url-fields") or ())
    tolerance = float(options.get("tolerance-days", 31))
    dated = None  # the items' dates, read once some URL has a date (most have none)
    for item, data in items(doc):
        in_urls = _url_dates(_urls(doc, item, data, keys))
        if not in_urls:
            continue
        if dated is None:
            dated = {}
            for v in _parse.role_values(doc, "published"):
                if v.reading.usable:
                    dated.setdefault(v.item, v)  # the item's preferred date
        v = dated.get(item)
        if v is None:
            continue
        day = v.reading.when.day_of()
        for ptr, found in in_urls:
            distance = _distance(found, day)
            if distance is None or distance <= tolerance:
                continue
            message = (f"{ptr[ptr.rfind('/') + 1:]}: the URL's date {_shown(found)} is {distance} "
                       f"day{'s' if distance != 1 else ''} "
                       f"{'before' if (found[0], found[1], found[2] or 1) < (day.year, day.month, day.day) else 'after'} "
                       f"{v.key} {v.shown}")
            swap = _swap_hint(found, day)
            if swap:
                message += f"; {swap}"
            yield Report(message, pointer=ptr)


def _urls(doc, item: str, data: dict, keys: tuple) -> list[tuple[str, object]]:
    """(pointer, value) of the item's URL fields: the `url-fields` keys if set, else the values
    of its canonical-URL and source-URL roles."""
    if keys:
        return [(f"{item}/{key}", data.get(key)) for key in keys]
    return [*doc.role("canonical-url", item), *doc.role("source-url", item)]


def _url_dates(urls: list[tuple[str, object]]) -> list[tuple[str, tuple[int, int, int | None]]]:
    """(pointer, date) of each URL whose path has a date; a URL that several fields hold counts
    once (for the first)."""
    out, seen = [], set()
    for ptr, url in urls:
        if not isinstance(url, str) or url in seen:
            continue
        seen.add(url)
        found = url_date(url)
        if found is not None:
            out.append((ptr, found))
    return out


def _swap_hint(url, day: date) -> str:
    y, mo, d = url
    if d is not None and d <= 12 and d != mo:
        swapped = _distance((y, d, mo), day)
        if swapped is not None and swapped <= 1:
            return f"with day and month swapped the URL's date ({_shown((y, d, mo))}) matches: one of them is swapped"
    if day.day <= 12 and day.day != day.month:
        try:
            other = date(day.year, day.day, day.month)
        except ValueError:
            return ""
        swapped = _distance(url, other)
        if swapped is not None and swapped <= 1:
            return f"with day and month swapped ({other.isoformat()}) the date matches the URL: one of them is swapped"
    return ""
