"""The date in a Jekyll-style file name differs from the article's date.

Jekyll names posts `YYYY-MM-DD-slug.md` and uses the file-name date for the post's URL and
order unless the front matter says otherwise; the two should agree. The file-name date (a
calendar day) is compared with the calendar day written in the article's publication date (its
"published" field role: `publishedDateTime`, else `date`, `published_at`…; docs/fields.md). Scrapers name files in local time and write UTC dates, so near
midnight the two are a day apart: option `tolerance-days` (default 1) sets how many days apart
they may be. A page bundle (`2022-07-07-slug/index.md`) is checked against its folder's name.
"""

import re

from linter.model import Report

from rules.dates import _parse

CODE = "DT006"
NAME = "date-filename-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"tolerance-days": 1}
# The spec tests lint examples as "2022-07-07-example.md".
BAD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2021-07-07T22:10:00Z\n---\n'
GOOD = '---\ntitle: "Robots learn to fold laundry"\npublishedDateTime: 2022-07-07T22:10:00Z\n---\n'

_NAME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-.", re.A)
_BUNDLE_INDEX = ("index.md", "index.markdown", "_index.md")


def file_date(path: str):
    path = (path or "").replace("\\", "/")
    name = path[path.rfind("/") + 1 :]
    if name in _BUNDLE_INDEX:
        folder = path[: -len(name) - 1]
        name = folder[folder.rfind("/") + 1 :] + "-"
    m = _NAME.match(name)
    if not m:
        return None
    return _parse.real_date(*m.groups())


def check(doc, options):
    named = file_date(doc.path)
    if named is None:
        return
    v = next((v for v in _parse.role_values(doc, "published") if v.item == ""), None)  # the preferred one
    if v is None or v.reading.when is None:
        return
    when = v.reading.when
    same_day = (when.year, when.month, when.day) == (named.year, named.month, named.day)  # most files
    days = 0 if same_day else abs((when.day_of() - named.day_of()).days)
    if days > float(options.get("tolerance-days", 1)):
        yield Report(
            f"{v.key}: {v.shown} is {days} day{'s' if days != 1 else ''} from the date in the file name ({named.iso()})",
            pointer=v.pointer,
        )
