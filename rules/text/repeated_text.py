"""A sentence or long phrase is repeated inside one field.

Scrapers that join a page's text blocks often paste the same block twice: an author bio at the
top and bottom of the page ends up twice in the excerpt. The rule compares words (ignoring case
and punctuation) and reports a run of at least `min-words` words that occurs twice without
overlapping.

The fix (unsafe: it deletes text) keeps the first occurrence and removes the second one.

`min-words` is the shortest repeated run that is reported: below 8, product names and stock
phrases repeated in ordinary excerpts start to count.
"""

from __future__ import annotations

import re

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules.textfields import TEXT_KEYS, shorten, text_fields

CODE = "TXT004"
NAME = "repeated-text"
SEVERITY = "warning"
FIX = "sometimes"
OPTIONS = {"min-words": 8}
BAD = ('---\ntitle: "Robots learn to fold laundry"\n'
       'excerpt: "Jane writes about robots and loves long walks by the sea. Jane writes about robots and '
       'loves long walks by the sea. A new robot folds towels."\n---\n')
GOOD = ('---\ntitle: "Robots learn to fold laundry"\n'
        'excerpt: "Jane writes about robots and loves long walks by the sea. A new robot folds towels."\n---\n')

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_PUNCT = re.compile("[" + re.escape(".,;:!?\"“”‘()[]{}—–-…") + "]")  # a regex: str.translate is slow on non-ASCII
_ASCII_PUNCT = b".,;:!?\"()[]{}-"  # the ASCII characters of _PUNCT: all it can delete from ASCII text


def _bare_words(text: str) -> list[str]:
    """The whitespace-separated words of `text`, lower-cased, without the characters of `_PUNCT`
    (for ASCII text by a byte translation, a few times quicker than the regex)."""
    low = text.lower()
    if low.isascii():
        return low.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii").split()
    return _PUNCT.sub("", low).split()


def _maybe_repeats(text: str, n: int) -> bool:
    """A fast necessary condition: some run of n whitespace-separated words occurs twice."""
    words = _bare_words(text)
    if len(words) < 2 * n:
        return False
    if len(set(words)) == len(words):  # no word twice, so no run twice: cheaper, and true of half the texts
        return False
    runs = set(zip(*[words[i:] for i in range(n)]))  # every run of n consecutive words, once
    return len(runs) < len(words) - n + 1  # fewer distinct runs than runs


def find_repeat(text: str, n: int):
    """The first run of at least `n` words that occurs again later without overlapping, extended
    as far as it keeps repeating: ((start, end) of the first occurrence, (start, end) of the
    second, its length in words, offset of the word after the second or None), or None."""
    words = list(_WORD.finditer(text))
    if len(words) < 2 * n:
        return None
    norm = [w.group().lower().replace("’", "'") for w in words]
    seen: dict[tuple, list[int]] = {}
    for j in range(len(norm) - n + 1):
        gram = tuple(norm[j : j + n])
        for i in seen.get(gram, ()):
            if j - i >= n:
                k = n
                while j + k < len(norm) and i + k < j and norm[i + k] == norm[j + k]:
                    k += 1
                first = (words[i].start(), words[i + k - 1].end())
                second = (words[j].start(), words[j + k - 1].end())
                return first, second, k, words[j + k].start() if j + k < len(words) else None
        seen.setdefault(gram, []).append(j)
    return None


def check(doc, options):
    try:
        n = max(2, int(options.get("min-words", 8)))
    except (TypeError, ValueError):
        n = 8
    for ptr, value in text_fields(doc, TEXT_KEYS, item_level=True):
        if len(value) < 2 * n * 2:
            continue
        found = find_repeat(value, n) if _maybe_repeats(value, max(2, n // 2)) else None
        if found is None:
            continue
        (a, b), (c, d), k, next_word = found
        if next_word is not None:
            kept = value[:c] + value[next_word:]
        else:
            kept = value[:c].rstrip(" \t\xa0—–-,;:")
        yield Report(
            f"{ptr.rsplit('/', 1)[-1]}: the {k}-word passage {shorten(value[a:b], 80)} appears twice",
            pointer=ptr,
            fix=fix("unsafe", "remove the second occurrence", replace_value(doc, ptr, kept)),
        )
