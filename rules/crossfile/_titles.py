"""Title keys for near-duplicate detection: repair, unescape, fold, tokenise.

`title_key("Microsoft makes changes after â€˜Sensitive Dataâ€™ exposure")` and
`title_key("Microsoft makes changes after ‘Sensitive Data’ exposure")` are both
"microsoft makes changes after sensitive data exposure".
"""

from __future__ import annotations

import html
import re
import unicodedata

from rules.titles._slug import ascii_words

# A character that can start a UTF-8 sequence read as cp1252/latin-1 (Â..ô) followed by one that
# can continue it (0x80-0xBF as cp1252 or latin-1). Only then is ftfy (slow) asked to repair.
_MAYBE_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Quotes and apostrophes vanish ("Apple's" == "Apples" == "Apple’s"); other punctuation separates.
_QUOTES = re.compile("['\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a]")
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile("[\u00a9\u00ae\u2120\u2122]")  # © ® ℠ ™: NFKC would glue "TM" to the word

_fix_text = None


def repair(text: str) -> str:
    """Undo mojibake with ftfy, but only if a cheap look says there may be some."""
    global _fix_text
    if text.isascii() or not _MAYBE_MOJIBAKE.search(text):  # ASCII has no lead character
        return text
    if _fix_text is None:
        import ftfy

        _fix_text = ftfy.fix_text
    try:
        return _fix_text(text)
    except Exception:
        return text


def title_key(title: str) -> str:
    """Space-separated lower-case word tokens of a title, after Unicode repair and unescaping."""
    text = repair(title)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if text.isascii():  # the steps below, for ASCII: NFKC, case folding and the marks change nothing
        return " ".join(ascii_words(text, b"'\"`"))
    text = unicodedata.normalize("NFKC", _MARKS.sub(" ", text)).casefold()
    text = _QUOTES.sub("", text)
    return " ".join(_WORD.findall(text))
