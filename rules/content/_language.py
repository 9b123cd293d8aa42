"""Is a text English? A cheap script and function-word test, enough to keep English word
statistics away from text in another language.

The content rules weigh words by their rarity in general English: a Korean, Japanese or German
paragraph has none of the article's English words and would look unrelated to it. They judge
such text not at all rather than with the wrong statistics. Telling English from the rest needs
no language model: text mostly in a non-Latin script (Hangul, kana, Han, Cyrillic, Arabic...)
is not English, and Latin-script prose in English is about a third function words ("the", "of",
"and", "is"...), where French, German or Spanish prose has almost none of them. A pure test on
the words, costing about what splitting them costs (a language identifier such as pycld2 would
add a dependency and a C extension for no better answer to this one question).
"""

from __future__ import annotations

import re

_FUNCTION = frozenset(
    "the of and to a in is that for it as was with be by on not he i this are or his from at which but have an they "
    "you were their has its we can will all there would been one if more when also she who what so our about into "
    "than them these may any some out then only up other how do could new should after over said".split()
)
_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in _FUNCTION)
# the words of `[a-z]+` in lower-cased text, found on its UTF-8 bytes (twice as fast as the pattern):
# every byte but a-z becomes a space, and a character outside ASCII is only bytes above 127
_NOT_A_TO_Z = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")  # a letter outside _LATIN

MIN_WORDS = 8  # below this a Latin-script text is too short to tell: taken as English


def is_english(text: str) -> bool:
    """Whether `text` reads as English (or is too short to tell and is in Latin script)."""
    if _LETTERS.search(text) is None:
        return True
    if not text.isascii() and _OTHER_SCRIPT.search(text) is not None:  # else every letter is Latin
        if _count(_LATIN, text) < 0.7 * _count(_LETTERS, text):
            return False  # mostly another script
    words = text.lower().encode("utf-8", "surrogatepass").translate(_NOT_A_TO_Z).split()
    if len(words) < MIN_WORDS:
        return True
    hits = sum(map(_FUNCTION_BYTES.__contains__, words))
    return hits >= 0.12 * len(words)


def _count(pattern: re.Pattern, text: str) -> int:
    """How many characters of `text` the runs `pattern` finds cover (runs, not single characters:
    a list of one string per letter costs three times as much)."""
    return sum(map(len, pattern.findall(text)))
