"""Shared by the date rules: which fields are dates, reading their values, and a strict ISO 8601
parser that also recognises the common non-ISO spellings whose meaning is unambiguous.

`read(text)` returns a `Reading`:

- kind "iso": the text is an ISO 8601 (RFC 3339 profile) date or date-time, and a real one;
- kind "fixable": not ISO 8601, but it means exactly one date(-time); `iso` is that date-time
  written in ISO 8601 (`2021-03-15 11:35:57Z`, `2022/07/07`, `13/07/2022`, `Mar 5, 2021`);
- kind "ambiguous": a date whose day/month order cannot be known (`03/07/2022`);
- kind "invalid": not a date at all, or an impossible one (`2021-02-30`, `25:00`).

`generator` says whether the site generators read the value as written: Jekyll (its documented
`YYYY-MM-DD HH:MM:SS +/-TTTT`, time and offset optional, and YAML timestamps) or Hugo (Go's
layouts: RFC 3339, `2006-01-02T15:04:05`, `2006-01-02 15:04:05 -0700`, `2006-01-02 15:04:05Z07:00`,
`02 Jan 2006`, RFC 1123 ...). ISO 8601 values are read by both.

For "iso" and "fixable" readings `when` is a `Moment`: the calendar fields as written, plus the
UTC offset (None when the value has no timezone). Parsing is cached: the eight date rules read
the same few values of each file.
"""

from __future__ import annotations

import calendar
import json
import os
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterator, NamedTuple

import yaml
from yaml.resolver import Resolver

from linter import pointer as jsonpointer
from linter.model import Edit
from linter.patterns import Lazy
from linter.yamledit import replace_value
from rules._memo import items, ordered_subset, per_document

DATE_KEYS = ("publishedDateTime", "updatedDateTime", "date", "lastmod", "publishDate", "expiryDate")
DATE_ROLES = ("published", "updated")  # linter.fields roles whose values are dates too (`published_at`...)
_NULL_TAG = "tag:yaml.org,2002:null"
_ITEM = Lazy(r"/related/\d+", re.A)


class Moment(NamedTuple):
    year: int
    month: int
    day: int
    hour: int | None = None  # None: a date without a time
    minute: int = 0
    second: int | None = None  # None: written without seconds (HH:MM)
    fraction: str = ""  # the digits after the decimal point, as written
    offset: int | None = None  # minutes east of UTC; None: no timezone (naive)

    @property
    def date_only(self) -> bool:
        return self.hour is None

    @property
    def naive(self) -> bool:
        return self.hour is not None and self.offset is None

    def day_of(self) -> date:
        """The calendar date as written (in the value's own offset)."""
        return date(self.year, self.month, self.day)

    def instant(self) -> datetime:
        """An aware datetime: a naive value is taken as UTC, a date as its midnight UTC."""
        return _instant(self)

    def iso(self, utc: bool = False) -> str:
        """ISO 8601 text, keeping the precision written; `utc=True`: the same instant with `Z`."""
        if self.hour is None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        m = self
        if utc and self.offset:
            i = self.instant().astimezone(timezone.utc)
            m = self._replace(year=i.year, month=i.month, day=i.day, hour=i.hour, minute=i.minute,
                              second=None if self.second is None else i.second, offset=0)
        text = f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}"
        if m.second is not None:
            text += f":{m.second:02d}"
            if m.fraction:
                text += "." + m.fraction
        if utc or m.offset == 0:
            return text + ("Z" if utc or m.offset is not None else "")
        if m.offset is None:
            return text
        sign = "+" if m.offset > 0 else "-"
        hours, minutes = divmod(abs(m.offset), 60)
        return f"{text}{sign}{hours:02d}:{minutes:02d}"


def _instant(m: Moment) -> datetime:
    micro = int((m.fraction + "000000")[:6]) if m.fraction else 0
    tz = _zone_of(m.offset or 0)
    return datetime(m.year, m.month, m.day, m.hour or 0, m.minute, m.second or 0, micro, tz)


@lru_cache(maxsize=256)
def _zone_of(minutes: int) -> timezone:
    return timezone.utc if minutes == 0 else timezone(timedelta(minutes=minutes))


class Reading(NamedTuple):
    kind: str  # "iso" | "fixable" | "ambiguous" | "invalid"
    when: Moment | None = None
    iso: str = ""  # for "fixable": the ISO 8601 spelling
    reason: str = ""  # for "invalid"/"ambiguous": what is wrong, as a predicate ("is not a real date (...)")
    generator: bool = False  # Jekyll or Hugo reads it as written (every "iso" reading; some "fixable" ones)

    @property
    def usable(self) -> bool:
        """Its instant is known (ISO, or a non-ISO spelling with one meaning)."""
        return self.when is not None


# ---- the parser ----------------------------------------------------------------------------
_ISO = Lazy(
    r"(\d{4})-(\d\d)-(\d\d)"
    r"(?:[Tt](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?([Zz]|[+-]\d\d:\d\d)?)?",
    re.A,
)
_TIME = (
    r"(?:(?:[Tt]|[ \t]+|,[ \t]*|[ \t]+at[ \t]+)(\d{1,2}):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?"
    r"(?:[ \t]*([AaPp]\.?[Mm]\.?))?"
    r"(?:[ \t]*(Z|z|UTC|GMT|UT|(?:(?:UTC|GMT)[ \t]*)?[+-]\d{1,2}(?::?\d\d)?))?)?"
)
# Year first: 2021-3-5, 2021/03/05, 2021.03.05, with any time (YAML's own timestamp form included).
_YMD = Lazy(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME, re.A)
# Year last: 13/07/2022, 07-07-2022, 15.03.2021.
_DMY = Lazy(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME, re.A)
# ISO 8601 basic format: 20220707, 20220707T221000Z.
_BASIC = Lazy(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(?:[.,](\d+))?(Z|[+-]\d\d(?::?\d\d)?)?)?", re.A)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
_NAMED = Lazy(
    _WEEKDAY
    + r"(?:(\d{1,2})(?:st|nd|rd|th)?[ \t]+([a-z]+)\.?,?|([a-z]+)\.?[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?)[ \t]+(\d{4})"
    + _TIME,
    re.I | re.A,
)
# What Jekyll or Hugo read besides ISO 8601 (`_YMD` and `_NAMED` have already matched): a YAML
# timestamp or Jekyll's `2016-04-26 12:00:00 +0000` (time, seconds and offset optional), Go's
# `2006-01-02 15:04:05Z07:00` and `-0700` layouts; `02 Jan 2006` and RFC 1123/822 dates.
_GENERATOR_YMD = Lazy(
    r"\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?"
    r"(?:[ \t]*(?:Z|z|UTC|GMT|[+-]\d\d(?::?\d\d)?))?)?",
    re.A,
)
_RFC1123 = Lazy(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
    r"(?: \d\d:\d\d(?::\d\d)? (?:[A-Z]{2,4}|[+-]\d{4}))?",
    re.A,
)
_RELATIVE = Lazy(r"(?:now|today|yesterday|tomorrow|last\b.*|next\b.*|.*\bago)", re.I | re.A)


def _zone(text: str | None) -> int | None | str:
    """Minutes east of UTC, None for no zone, or a reason string when it is impossible."""
    if not text:
        return None
    if text == "Z" or text == "z":  # nearly every value: what the general path below gives too
        return 0
    t = text.strip().upper()
    for prefix in ("UTC", "GMT"):
        if t.startswith(prefix) and len(t) > 3:
            t = t[3:].strip()
    if t in ("Z", "UTC", "GMT", "UT"):
        return 0
    sign = -1 if t[0] == "-" else 1
    digits = t[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 23 or minutes > 59:
        return f"has an impossible UTC offset ({text.strip()})"
    return sign * (hours * 60 + minutes)


def _month(name: str) -> int | None:
    n = name.lower()
    if n in _MONTH_NAMES:
        return _MONTH_NAMES[n]
    if n in _MONTHS or (n == "sept"):
        return _MONTHS.get(n, 9)
    return None


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1] (month 1-12), without working out the weekday."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month]


def _build(y, mo, d, h=None, mi=None, s=None, frac=None, ampm=None, zone=None) -> Moment | str:
    """A Moment from matched parts, or the reason it is not a real date-time."""
    y, mo, d = int(y), int(mo), int(d)
    if y == 0:
        return "is not a real date (there is no year 0000)"
    if not 1 <= mo <= 12:
        return f"is not a real date (there is no month {mo:02d})"
    last = _last_day(y, mo)
    if not 1 <= d <= last:
        return f"is not a real date ({calendar.month_name[mo]} {y} has no day {d})"
    if h is None:
        return Moment(y, mo, d)
    hour, minute = int(h), int(mi)
    if ampm:
        if not 1 <= hour <= 12:
            return f"is not a real time (there is no hour {hour} on a 12-hour clock)"
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    second = None if s is None else int(s)
    if hour > 23 or minute > 59 or (second or 0) > 59:
        shown = f"{int(h):02d}:{minute:02d}" + ("" if second is None else f":{second:02d}")
        return f"is not a real time ({shown} is not a time of day)"
    offset = _zone(zone)
    if isinstance(offset, str):
        return offset
    return Moment(y, mo, d, hour, minute, second, frac or "", offset)


def real_date(year: str, month: str, day: str) -> Moment | None:
    """The date of these digits, or None when there is no such day: what `read` makes of them
    written as YYYY-MM-DD, without writing them."""
    got = _build(year, month, day)
    return got if isinstance(got, Moment) else None


def _fixable(m: Moment | str, generator=False) -> Reading:
    if isinstance(m, str):
        return Reading("invalid", reason=m)
    return Reading("fixable", m, m.iso(), generator=bool(generator))


# The usual spelling (`2022-07-07T22:10:00Z`), read without the general parser below.
_ISO_UTC = Lazy(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z", re.A)


def _iso_utc(text: str) -> Moment | None:
    """The Moment `read` finds in a real date-time written as YYYY-MM-DDTHH:MM:SSZ, else None
    (then the general path reads it and says what is wrong)."""
    m = _ISO_UTC.fullmatch(text)
    if m is None:
        return None
    y, mo, d, h, mi, s = map(int, m.groups())
    if y == 0 or not 1 <= mo <= 12 or not 1 <= d <= _last_day(y, mo) or h > 23 or mi > 59 or s > 59:
        return None
    return Moment(y, mo, d, h, mi, s, "", 0)


def read(text: str) -> Reading:
    """Classify one date value (its source text)."""
    when = _iso_utc(text)
    if when is not None:
        return Reading("iso", when, generator=True)
    s = text.strip()
    m = _ISO.fullmatch(s)
    if m:
        got = _build(*m.groups()[:7], zone=m.group(8))
        if isinstance(got, str):
            return Reading("invalid", reason=got)
        if s != text:
            return Reading("fixable", got, s)
        return Reading("iso", got, generator=True)
    m = _YMD.fullmatch(s)
    if m:
        y, _, mo, d, h, mi, sec, frac, ampm, zone = m.groups()
        return _fixable(_build(y, mo, d, h, mi, sec, frac, ampm, zone), s == text and _GENERATOR_YMD.fullmatch(s))
    m = _DMY.fullmatch(s)
    if m:
        a, sep, b, y, h, mi, sec, frac, ampm, zone = m.groups()
        a, b = int(a), int(b)
        if a <= 12 and b <= 12 and a != b:
            return Reading(
                "ambiguous",
                reason=f"is not an ISO 8601 date, and its day and month order is ambiguous ({y}-{a:02d}-{b:02d} or {y}-{b:02d}-{a:02d})",
            )
        day, month = (a, b) if a > 12 else (b, a)
        return _fixable(_build(y, month, day, h, mi, sec, frac, ampm, zone))
    m = _BASIC.fullmatch(s)
    if m:
        y, mo, d, h, mi, sec, frac, zone = m.groups()
        return _fixable(_build(y, mo, d, h, mi if h else None, sec if h else None, frac, None, zone))
    m = _NAMED.fullmatch(s)
    if m:
        d1, name1, name2, d2, y, h, mi, sec, frac, ampm, zone = m.groups()
        month = _month(name1 or name2)
        if month is not None:
            return _fixable(_build(y, month, d1 or d2, h, mi, sec, frac, ampm, zone), s == text and _RFC1123.fullmatch(s))
    if _RELATIVE.fullmatch(s):
        return Reading("invalid", reason="is a relative date, not a date-time; write the actual date as YYYY-MM-DDTHH:MM:SSZ")
    return Reading("invalid", reason="is not an ISO 8601 date-time (expected YYYY-MM-DDTHH:MM:SSZ)")


# ---- reading fields ------------------------------------------------------------------------
class Value(NamedTuple):
    pointer: str
    key: str
    item: str  # "" for the article, "/related/N" for a related item
    source: str | None  # the scalar's text; None for a non-scalar
    shown: str  # how to quote it in a message
    reading: Reading


def _shown(source: str) -> str:
    # json.dumps(ensure_ascii=False) escapes only '"', '\\' and characters below U+0020 (none
    # of which is printable): without them it just adds the quotes.
    if source.isprintable() and '"' not in source and "\\" not in source:
        return '"' + source + '"'
    return json.dumps(source, ensure_ascii=False)


def values(doc, keys: tuple[str, ...] | list[str] = DATE_KEYS) -> tuple[Value, ...]:
    """Each date field of the article and of each `related` item, in file order: under `keys`,
    and by default the values of the DATE_ROLES too. Empty values
    (`date:`, `null`) are skipped: a missing date is the schema's business. Read once per
    document and set of keys (the eight date rules ask for the same few)."""
    keys = tuple(keys)
    return per_document(doc, ("date_values", keys), lambda: _values_of(doc, keys))


def _values_of(doc, keys: tuple[str, ...]) -> tuple[Value, ...]:
    if _picked_from_all(keys):
        # Picked out of the values of all DATE_KEYS: the same values in the same order.
        return tuple(v for v in values(doc) if v.key in keys)
    found = tuple(_values(doc, keys))
    return _with_roles(doc, found) if keys == DATE_KEYS else found


def _with_roles(doc, found: tuple[Value, ...]) -> tuple[Value, ...]:
    """`found` and the values of the DATE_ROLES under other keys (`published_at`…), in file order."""
    known = {v.pointer for v in found}
    extra = [v for role in DATE_ROLES for v in role_values(doc, role) if v.pointer not in known]
    if not extra:  # most files: their dates are all under DATE_KEYS
        return found
    nodes = doc.nodes
    extra = list({v.pointer: v for v in extra}.values())
    return tuple(sorted(found + tuple(extra), key=lambda v: nodes[v.pointer].start_mark.index))


@lru_cache(maxsize=32)
def _picked_from_all(keys: tuple[str, ...]) -> bool:
    """Whether the values of `keys` can be picked out of those of all DATE_KEYS (a subset, in
    DATE_KEYS order). Decided once per set of keys (the rules' options)."""
    return keys != DATE_KEYS and ordered_subset(keys, DATE_KEYS)


def _values(doc, keys: tuple[str, ...]) -> Iterator[Value]:
    by_key = doc.by_key
    found = [(k, p) for k in keys for p in by_key.get(k, ())]
    if not found:
        return
    nodes = doc.nodes
    if len(found) > 1:
        found.sort(key=lambda kp: nodes[kp[1]].start_mark.index if kp[1] in nodes else 0)
    for key, ptr in found:
        item = ptr[: ptr.rfind("/")]
        if item and not _ITEM.fullmatch(item):
            continue
        yield from _node_values(nodes.get(ptr), ptr, key, item)


def _node_values(node, ptr: str, key: str, item: str) -> Iterator[Value]:
    """The date a field holds; for named dates (MkDocs Material's `date: {created: ..., updated:
    ...}`, a mapping of scalars), each of them."""
    if isinstance(node, yaml.MappingNode) and node.value and all(isinstance(v, yaml.ScalarNode) for _, v in node.value):
        for name, child in node.value:
            value = _value(child, jsonpointer.join(ptr, name.value), key, item)
            if value is not None:
                yield value
        return
    value = _value(node, ptr, key, item)
    if value is not None:
        yield value


def _value(node, ptr: str, key: str, item: str) -> Value | None:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG or (node.value == "" and not node.style):
            return None
        if node.value.strip() == "":
            return None
        return Value(ptr, key, item, node.value, _shown(node.value), read(node.value))
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
    return Value(ptr, key, item, None, kind, Reading("invalid", reason="is not a date"))


def role_values(doc, role: str) -> tuple[Value, ...]:
    """Each value of a date role (linter.fields: "published", "updated"...) of the article and of
    each `related` item, each item's preferred key first; `key` is the field's own key. Read
    once per document and role."""
    return per_document(doc, ("date_role", role), lambda: tuple(_role_values(doc, role)))


def _role_values(doc, role: str) -> Iterator[Value]:
    for item, _ in items(doc):
        for ptr, _ in doc.role(role, item):
            yield from _node_values(doc.nodes.get(ptr), ptr, ptr[ptr.rfind("/") + 1 :], item)


def news_format(key: str) -> bool:
    """Whether the field is one of the scraped-news format's `...DateTime` fields, which that
    format writes in ISO 8601 with a time and a timezone; other date fields (`date`, `lastmod`,
    ...) are read by the site generator, and judged by what it accepts."""
    return key.endswith("DateTime")


def by_item(doc, keys) -> dict[str, dict[str, Value]]:
    """item pointer -> key -> Value, for usable values only."""
    out: dict[str, dict[str, Value]] = {}
    for v in values(doc, keys):
        if v.reading.usable:
            out.setdefault(v.item, {})[v.key] = v
    return out


# ---- fixes -----------------------------------------------------------------------------------
_RESOLVER = Resolver()
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def replace(doc, pointer: str, text: str):
    """An edit writing `text` as the value at `pointer`. A plain (unquoted) value stays plain when
    the new text is a YAML timestamp, as dates are written in this format; otherwise
    `yamledit.replace_value` keeps the quoting style (and quotes where plain would change type)."""
    node = doc.nodes.get(pointer)
    if not isinstance(node, yaml.ScalarNode):
        return None
    start = doc.fm_start + node.start_mark.index
    if doc.text[start : start + 1] in ("&", "!", "*"):
        return None  # an anchor (maybe aliased elsewhere) or an explicit tag: not a plain value edit
    if (not node.style
            and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _TIMESTAMP):
        return Edit(doc.fm_start + node.start_mark.index, doc.fm_start + node.end_mark.index, text)
    return replace_value(doc, pointer, text)


# ---- options (parsed once, when the configuration loads: see linter.options) ------------------
class OptionError(ValueError):
    pass


def now_option(text: str) -> datetime | None:
    """date-future's `now`: an ISO 8601 date-time's instant, or None for '' or 'now' (the clock)."""
    if text.strip() in ("", "now"):
        return None
    r = read(text)
    if not r.usable:
        raise ValueError
    return r.when.instant()


def date_option(text: str) -> Moment:
    """An option's ISO 8601 date (date-implausible's `floor`)."""
    r = read(text)
    if not r.usable:
        raise ValueError
    return r.when


def now_from(instant: datetime | None) -> datetime:
    """The `now` option's instant, else SOURCE_DATE_EPOCH, else the clock (aware, UTC). Read once
    per process for each SOURCE_DATE_EPOCH: a run compares every file with the same now."""
    if instant is not None:
        return instant
    key = os.environ.get("SOURCE_DATE_EPOCH", "")
    got = _NOW.get(key)
    if got is None:
        got = _NOW[key] = _clock(key.strip())
    return got


_NOW: dict[str, datetime] = {}


def _clock(epoch: str) -> datetime:
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise OptionError(f'SOURCE_DATE_EPOCH="{epoch}" is not a number of seconds') from None
    return datetime.now(timezone.utc)


def days_between(a: Moment, b: Moment) -> float:
    """Absolute distance in days: by calendar date when either is a bare date, else by instant."""
    if a.date_only or b.date_only:
        return abs((a.day_of() - b.day_of()).days)
    return abs((a.instant() - b.instant()).total_seconds()) / 86400
