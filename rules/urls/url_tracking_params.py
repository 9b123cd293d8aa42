"""A URL carries click-tracking parameters.

Parameters such as `utm_source`, `fbclid`, `gclid`, `mc_cid` or referral tags (`?ref=...`) say
where a click came from, not which page it is: they make the same article look like different
URLs (duplicates slip through), leak campaign data and break caching.

The fix (safe) removes only the offending `name=value` pairs and the separator that goes with
them, keeping the rest of the URL byte-identical; the `?` goes too when nothing remains. An
`&amp;`/`&#038;` separator is understood (and removed with its pair), but the entity itself is
the `html-entity` rule's business, not this one's.

Options:
- `params`: the parameter names that count as tracking (case-insensitive; a trailing `*` matches
  a prefix, as in `utm_*`). The default covers ad and social click ids, e-mail campaign ids
  (Mailchimp, HubSpot, Marketo, Eloqua) and referral tags.
- `extra-params`: names added to `params` (to extend the default without repeating it).
- `keep-params`: names never reported, even if `params` matches them (e.g. `["ref"]`).
"""

import re

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules.urlfields import field_name, show, url_fields
from rules.urls.normalize import DEFAULT_TRACKING_PATTERNS, is_tracking_param

CODE = "URL004"
NAME = "url-tracking-params"
SEVERITY = "warning"
FIX = "always"
OPTIONS = {"params": list(DEFAULT_TRACKING_PATTERNS), "extra-params": [], "keep-params": []}
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\n'
    'webUrl: "https://example.com/robots-fold-laundry?id=42&utm_source=newsletter&utm_medium=email"\n---\n'
)
GOOD = '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://example.com/robots-fold-laundry?id=42"\n---\n'

_SEP = re.compile(r"&(?:amp;|#0*38;|#x0*26;)?", re.I)
_ENTITY_AFTER_AMP = re.compile(r"(?:0*38|x0*26);", re.I)


def _fragment_start(url, start=0):
    """Offset of the fragment's '#' (an `&#038;` entity is not one), or len(url)."""
    i = url.find("#", start)
    while i >= 0:
        if not (i > 0 and url[i - 1] == "&" and _ENTITY_AFTER_AMP.match(url, i + 1)):
            return i
        i = url.find("#", i + 1)
    return len(url)


def _query_bounds(url):
    """(start, end) of the query text (after '?', before the fragment), or None."""
    q = url.find("?")
    if q < 0 or q > _fragment_start(url):
        return None
    return q + 1, _fragment_start(url, q + 1)


def strip_tracking(url, is_tracking):
    """(new url, removed names), the rest of `url` byte-identical; (url, []) if nothing to remove."""
    bounds = _query_bounds(url)
    if bounds is None:
        return url, []
    start, end = bounds
    query = url[start:end]
    pieces, pos, sep = [], 0, ""
    for m in _SEP.finditer(query):
        pieces.append((sep, query[pos : m.start()]))
        sep, pos = m.group(), m.end()
    pieces.append((sep, query[pos:]))
    kept, removed = [], []
    for sep, pair in pieces:
        name = pair.split("=", 1)[0]
        if pair and is_tracking(name):
            removed.append(name)
        else:
            kept.append((sep, pair))
    if not removed:
        return url, []
    new_query = "".join((sep if i else "") + pair for i, (sep, pair) in enumerate(kept))
    head = url[: start - 1] if not kept else url[:start]
    return head + new_query + url[end:], removed


def check(doc, options):
    with_query = [field for field in url_fields(doc) if "?" in field[2]]
    if not with_query:  # most files: no URL has a query, so nothing to strip
        return
    patterns = tuple(options.get("params") or ()) + tuple(options.get("extra-params") or ())
    keep = {str(k).strip().lower() for k in options.get("keep-params") or ()}

    def is_tracking(name):
        return name.strip().lower() not in keep and is_tracking_param(name, patterns)

    for ptr, key, value in with_query:
        new, removed = strip_tracking(value, is_tracking)
        if not removed:
            continue
        names = ", ".join(dict.fromkeys(removed))
        plural = "s" if len(removed) > 1 else ""
        yield Report(
            f"{field_name(ptr)}: {show(value)} has tracking parameter{plural} {names}",
            pointer=ptr,
            fix=fix("safe", f"remove {names}", replace_value(doc, ptr, new)),
        )
