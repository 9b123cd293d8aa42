"""A copy of the title (`structured_data.headline`, `og:title`…) says something else than the title.

Sites and scrapers copy the headline into structured data and social-media tags; when the title
is edited and the copy is not, search engines and link previews show the old headline. The
copies are the "title-copy" field role (docs/fields.md) of the article and its `related` items.

Not reported: a copy that is the title with HTML entities decoded, mojibake repaired, other
quotes, spacing or letter case; a shortened copy (`…`, `...`, or cut at a word); a copy that
adds the site's name (`Title | Example News`, `Example News: Title`). A copy that differs by a few words only is
reported at `info` (low confidence: a reworded headline is sometimes deliberate).

The fix (unsafe: the copy may be the right one and the title stale) writes the title into the
copy.
"""

from __future__ import annotations

import html
import unicodedata
from functools import lru_cache

from linter.model import Report
from linter.patterns import Lazy
from linter.yamledit import fix, replace_value
from rules._memo import items
from rules.textfields import shorten

CODE = "TTL003"
NAME = "title-copy-mismatch"
SEVERITY = "warning"
FIX = "sometimes"
BAD = """---
title: "Council approves bike lanes on Main Street"
structured_data:
  headline: "Council delays vote on Main Street parking"
---
"""
GOOD = """---
title: "Council approves bike lanes on Main Street"
structured_data:
  headline: "Council approves bike lanes on Main Street"
---
"""

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_ELLIPSIS = Lazy(r"\s*(?:\u2026|\.{2,})\s*\Z")
_SITE_SUFFIX = Lazy(r"\s*[|\-\u2013\u2014:\u00b7\u2022]\s*\S.{0,60}\Z")
_SITE_PREFIX = Lazy(r"\A.{0,60}\S\s*[|\-\u2013\u2014:\u00b7\u2022]\s*")
_WORD = Lazy(r"[^\W_]+")
_MINOR = 0.5  # above this share of shared words, a differing copy is only a rewording (info)
_MOJIBAKE = Lazy("[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a-\u201e\u2018-\u201d\u2022\u2013\u2014\u2122]")


@lru_cache(maxsize=2048)
def _norm(text: str) -> str:
    """The text as a reader sees it: entities decoded, mojibake repaired, quotes, dashes, spacing
    and letter case folded."""
    if "&" in text:
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_text(text)
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).casefold().strip(" .!?:;,")


def _same(title: str, copy: str) -> bool:
    if copy == title:
        return True
    t, c = _norm(title), _norm(copy)
    if c == t:
        return True
    cut = _norm(_ELLIPSIS.sub("", copy))
    if len(cut) >= 12 and t.startswith(cut):  # shortened, with or without an ellipsis
        return True
    if c.startswith(t) and _SITE_SUFFIX.fullmatch(c[len(t):]):  # "Title | Site"
        return True
    return c.endswith(t) and _SITE_PREFIX.fullmatch(c[: len(c) - len(t)]) is not None  # "Site: Title"


def _shared(title: str, copy: str) -> float:
    a, b = set(_WORD.findall(_norm(title))), set(_WORD.findall(_norm(copy)))
    return len(a & b) / len(a | b) if a | b else 1.0


def check(doc, options):
    for item, data in items(doc):
        copies = doc.role("title-copy", item)
        if not copies:
            continue
        title = next((v for _, v in doc.role("title", item) if isinstance(v, str) and v.strip()), None)
        if title is None:
            continue
        for ptr, copy in copies:
            if not isinstance(copy, str) or not copy.strip() or _same(title, copy):
                continue
            shared = _shared(title, copy)
            yield Report(
                f"{ptr.rsplit('/', 1)[-1]}: {shorten(copy.strip())} is not the title {shorten(title.strip())}",
                pointer=ptr,
                confidence=0.6 if shared > _MINOR else None,
                fix=fix("unsafe", "write the title into the copy", replace_value(doc, ptr, title)),
            )
