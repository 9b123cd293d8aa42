"""Words of a URL's slug and of a headline, and how much of one the other covers."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache
from urllib.parse import unquote, urlsplit

from linter.patterns import Lazy
from rules._memo import text_cache

STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that "
    "these those how why what whats when where who whom which will would can could should may might do does "
    "did has have had not no nor so than too very just into over about after before during up down out off via vs "
    "i me my we us our you your he him his she her they them their here heres there own all some more most "
    "amp html htm php aspx ece www com index story article news blog post".split()
)
MAX_TRUNCATION = 40  # letters: longer words are matched whole, stemmed or joined, not as truncations
_EXT = Lazy(r"\.(?:s?html?|php|aspx?|ece|cms|jsp|cfm|md)$", re.IGNORECASE)
# ids, not words: "1844168367", "article66927253", "b1078623", "a20230519pd206", hex hashes, "2023-1"
_ID = Lazy(r"^(?:[a-z]{0,8}\d{3,}[a-z0-9]*|[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*|\d{1,2})$")
# The suffixes `stem` removes ("ies", "es", "s", "ing", "ed", "ion", the first that fits), by last letter.
_SUFFIXES = {"s": ("ies", "es", "s"), "g": ("ing",), "d": ("ed",), "n": ("ion",)}
_APOS = Lazy(r"['’‘`´]")
# The path of an http(s) URL whose host part is ASCII without brackets, with no tab or line break
# up to the end of its path: exactly `urlsplit(url).path` for it (urlsplit removes those
# characters, rejects bracketed or some non-ASCII hosts, and ends the path at the first '?' or
# '#'). Possessive, so that a tab or line break makes it fail rather than match a shorter path.
# The host's class is ASCII but / ? # [ ] tab CR LF, spelt as ranges: as [^/?#\[\]\t\r\n\x80-\U0010ffff]
# it took 2.8 ms to compile, a hundredth of a one-file run.
_HTTP_PATH = Lazy(r"https?://[\x00-\x08\x0b\x0c\x0e-\x22\x24-\x2e\x30-\x3e\x40-\x5a\x5c\x5e-\x7f]*+(?=[/?#]|\Z)"
                        r"([^?#\t\r\n]*+)(?![\t\r\n])")
# For `ascii_words`: ASCII letters (lower-cased) and digits kept, every other byte a word break.
_WORD_BYTES = bytes(
    c if chr(c).isdigit() or chr(c).islower() else c + 32 if chr(c).isupper() else 32 for c in range(128)
) + b" " * 128


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stem: enough to match "grows"/"grow", "concerns"/"concern", "using"/"use",
    "mitigation"/"mitigating"."""
    for suffix in _SUFFIXES.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 4 else word


def tokens(text: str) -> list[str]:
    """The runs of ASCII letters and digits of `text`, lower-cased, apostrophes dropped ("Apple's"
    -> "apples"): what `re.findall("[a-z0-9]+", _APOS.sub("", text.lower()))` gives."""
    if not text.isascii():  # lowering can make ASCII letters ("\u212a" -> "k"), so lower first
        text = _APOS.sub("", text.lower())
    return ascii_words(text, b"'`")


def ascii_words(text: str, drop: bytes = b"") -> list[str]:
    """The runs of ASCII letters (lower-cased) and digits of `text`, after deleting the ASCII
    characters of `drop` (so they join words); any other character, non-ASCII ones included,
    breaks words. A byte translation: four times faster than a regular expression."""
    return text.encode("ascii", "replace").translate(_WORD_BYTES, drop).decode("ascii").split()


@lru_cache(maxsize=16384)
def is_content(word: str) -> bool:
    """A word that carries meaning: not a stop word, an id or a single character."""
    return word not in STOP and len(word) > 1 and not _ID.match(word)


def content(toks: list[str]) -> list[str]:
    return list(filter(is_content, toks))


def slug_tokens(url: str, minimum: int = 3) -> list[str] | None:
    """The tokens of the URL path segment that looks most like a headline, or None if the URL has
    no word slug (a segment of at least `minimum` content words joined by '-' or '_')."""
    try:
        path = _path(url.strip()) if "/" in url else url.strip()
    except ValueError:
        return None
    best: tuple[str, ...] = ()
    best_n = 0
    for segment in unquote(path).split("/"):
        if segment.count("-") + segment.count("_") < 2:  # the extension holds neither
            continue
        toks, n = _segment_words(segment)
        if n > best_n:
            best, best_n = toks, n
    return list(best) if best_n >= minimum else None


def _path(url: str) -> str:
    """`urlsplit(url).path` (raising ValueError where it does), without urlsplit for an everyday
    http(s) URL: nearly every call, and urlsplit's own cache rarely holds the URL."""
    m = _HTTP_PATH.match(url)
    return m.group(1) if m else urlsplit(url).path


@text_cache(maxsize=8192)
def _segment_words(segment: str) -> tuple[tuple[str, ...], int]:
    """The tokens of one path segment (without its file extension) and how many are content words."""
    toks = tokens(_EXT.sub("", segment))
    return tuple(toks), len(content(toks))


class Side:
    """One side of the comparison: its content words and every form that can match them."""

    def __init__(self, toks: list[str]):
        self.tokens = toks
        self.words = content(toks)
        self.stems = list(map(stem, self.words))
        self.forms = set(self.stems)
        self._more: set[str] | None = None

    @cached_property
    def initials(self) -> str:
        """The first letter of each content word (never empty: one letter each), so that the
        initials of any run of words are a slice of it."""
        return "".join([w[0] for w in self.words])

    @property
    def more(self) -> set[str]:
        """Joined neighbours ("re" + "invent" = "reinvent") and initials ("nyc"), built on demand."""
        if self._more is None:
            toks = self.tokens
            more = {stem(toks[i] + toks[i + 1]) for i in range(len(toks) - 1)}
            initials = self.initials
            more.update(initials[i : i + n] for n in (2, 3, 4) for i in range(len(initials) - n + 1))
            self._more = more
        return self._more

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(set(self.words))

    def _truncation(self, word: str) -> bool:
        """Whether `word` is a truncation of one of the words or one of them a truncation of it
        ("tech"/"technology"): the shorter one at least four letters and at most MAX_TRUNCATION
        (a bound on the work for a very long word). A sorted list and a set, not a loop over the
        words: that made `missing` quadratic (20 s on a 10,000-word title)."""
        words, n = self._sorted, len(word)
        if 4 <= n <= MAX_TRUNCATION:
            i = bisect_right(words, word)  # words that start with `word` sort right after it
            if i < len(words) and words[i].startswith(word):
                return True
        plain = self._plain
        return any(word[:k] in plain for k in range(4, min(n, MAX_TRUNCATION + 1)))

    @cached_property
    def _plain(self) -> frozenset[str]:
        return frozenset(self.words)

    def has(self, word: str) -> bool:
        if stem(word) in self.forms or self._truncation(word):
            return True
        return stem(word) in self.more or word in self.more  # the costlier forms last

    def missing(self, other: "Side") -> list[str]:
        """Content words of `other` that this side does not have."""
        words = other.words
        uncovered = [i for i, s in enumerate(other.stems) if s not in self.forms]
        if not uncovered:
            return []
        uncovered = [i for i in uncovered if not self.has(words[i])]
        if not uncovered:
            return []
        left = set(uncovered)
        plain = set(self.words)
        initials = other.initials
        for size in (2, 3, 4):  # "AI" = "artificial intelligence", "chat gpt" = "ChatGPT"
            for i in range(max(0, min(left) - size + 1), min(len(words) - size, max(left)) + 1):
                if initials[i : i + size] in plain or stem("".join(words[i : i + size])) in self.forms:
                    left.difference_update(range(i, i + size))
                    if not left:
                        return []
        return [words[i] for i in sorted(left)]


URL_KEYS = ("webUrl", "originalUrl", "url", "slug")  # where an item's slug is read, first found first


def slug_url(item: dict) -> tuple[str, str] | None:
    """(key, value) of the item's URL whose slug its title should match, or None."""
    for key in URL_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return key, value
    return None
