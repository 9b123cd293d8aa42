"""Content words and their weights: how much a word says about what a text is about.

A word's weight is its rarity in general English, from the `wordfreq` package's Zipf frequency
(log10 of occurrences per billion words): "the" (7.7) weighs nothing, "time" (6.1) next to
nothing, "facial" (4.1) a lot, "bootcamp" (2.9) more. wordfreq's table (the 29,000 English words with Zipf >= 3) is
loaded lazily, once per process (about 10 ms), the first time a text needs weighing. Words are folded to a crude
stem (plural, -ing, -ed) so "expressions" meets "expression".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import filterfalse

from rules.words import stem

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['\-][^\W\d_][^\W_]*)*")
# _WORD for lower-cased ASCII text, where it finds the same words a third faster
_ASCII_WORD = re.compile(r"[a-z][a-z0-9]*(?:['\-][a-z][a-z0-9]*)*")
# Punctuation and spaces outside ASCII that English prose is full of (curly quotes, dashes, no-break
# spaces, bullets): none is a word character nor an apostrophe or hyphen, so a word never holds
# one and a space in its place ends a word just as it does; text without other non-ASCII
# characters is then ASCII, and _ASCII_WORD reads it.
_NON_ASCII_SEPARATORS = "“”‘–—…•\xa0·©®™«»€£°′″‐‑‒―†‡→←\u200b\u2009\u202f\u2002\u2003"
_POSSESSIVE = re.compile(r"['’](?:s|d|ll|re|ve|m|t)$")

STEMMER = 2  # bump when stem() or the weights change: profiles record it
COMMON = 5.6  # Zipf frequency at and above which a word carries no weight
UNKNOWN = 2.9  # Zipf frequency assumed for words below the list's floor (names, jargon, typos)

_FREQ: dict | None = None
_WEIGHTS: dict[str, float] = {}
_SURFACE: dict[str, str] = {}


def _load_table() -> dict:
    """word -> Zipf frequency from wordfreq's small English list (29,000 words, Zipf >= 3).

    The list is read from the wordfreq package's own data file (its documented "cBpack" format:
    gzipped msgpack, a header, then one bucket of words per centibel), without importing the
    package: `import wordfreq` costs about 100 ms (ftfy, langcodes, its tokenizers), more than
    half of a one-file pre-commit run. The values are those `wordfreq.get_frequency_dict` gives
    (a test compares them); a file of another layout or format falls back to that public API."""
    try:
        return _read_pack()
    except Exception:  # not the layout or format read here: the public API, at its import cost
        from wordfreq import get_frequency_dict

        return {w: math.log10(f) + 9.0 for w, f in get_frequency_dict("en", wordlist="small").items() if f > 0}


def _read_pack() -> dict:
    import gzip
    import importlib.util
    import os

    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # a top-level package: found, not imported
    folder = next(iter(spec.submodule_search_locations or ()))
    with open(os.path.join(folder, "data", "small_en.msgpack.gz"), "rb") as fh:
        pack = msgpack.unpackb(gzip.decompress(fh.read()), raw=False)
    header = pack[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"unknown wordfreq data header {header!r}")
    table = {}
    for index, bucket in enumerate(pack[1:]):
        zipf = math.log10(10 ** (-index / 100)) + 9.0  # as cB_to_freq(-index), then as above
        for word in bucket:
            table[word] = zipf
    return table


def _freq() -> dict:
    global _FREQ
    if _FREQ is None:
        _FREQ = _load_table()
    return _FREQ


def zipf(word: str) -> float:
    return _freq().get(word, UNKNOWN)


def weight(word: str) -> float:
    w = _WEIGHTS.get(word)
    if w is None:
        w = max(0.0, COMMON - max(zipf(word), UNKNOWN))
        if len(word) < 3 and word not in ("ai", "ml", "ar", "vr", "ev"):
            w = min(w, 0.5)
        if len(_WEIGHTS) < 500_000:
            _WEIGHTS[word] = w
    return w


def plain(text: str) -> str:
    """`text` with a straight apostrophe for each curly one and a space for each of the separators
    above: the same words (once lower-cased), the same letters, mostly ASCII."""
    if "’" in text:
        text = text.replace("’", "'")
    if not text.isascii():
        for ch in _NON_ASCII_SEPARATORS:
            if ch in text:
                text = text.replace(ch, " ")
    return text


def words(text: str) -> list[str]:
    text = plain(text.lower())
    out = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    if "'" in text:
        out = [_POSSESSIVE.sub("", w) if "'" in w else w for w in out]
    return out


_FOLD: dict[str, tuple[str, float]] = {}
_WEIGHTLESS: set[str] = set()  # words met that weigh nothing ("the", "time"): about half of a text's words


def vector(text: str, scale: float = 1.0) -> Counter:
    """stem -> summed weight of its occurrences (each occurrence's weight, times `scale`)."""
    totals: dict[str, float] = {}  # summed in a dict: a Counter's += calls __missing__ for each new stem
    total_of = totals.get
    fold = _FOLD
    # the words known to weigh nothing are dropped by one C-level pass, not a Python loop
    for w in filterfalse(_WEIGHTLESS.__contains__, words(text)):
        hit = fold.get(w)
        if hit is None:
            st = stem(w)
            hit = (st, weight(w))
            if len(fold) < 500_000:
                fold[w] = hit
                if hit[1] <= 0:
                    _WEIGHTLESS.add(w)
            if st not in _SURFACE and len(_SURFACE) < 500_000:
                _SURFACE[st] = w
        if hit[1] > 0:
            totals[hit[0]] = total_of(hit[0], 0) + hit[1] * scale
    return Counter(totals)


def mass(vec: Counter) -> float:
    return sum(vec.values())


def coverage(span: Counter, whole) -> float:
    """How much of the span's distinctive vocabulary the rest of the text uses: the share of the
    span's term weight (square-rooted, so one word repeated does not dominate) whose stems the
    `whole` text the span is part of (its weights, the span's included) has outside the span."""
    total = hit = 0.0
    whole_of = whole.get
    for term, w in span.items():
        root = math.sqrt(w)
        total += root
        if whole_of(term, 0.0) - w > 1e-6:
            hit += root
    return hit / total if total else 0.0


def surfaces(texts) -> dict[str, str]:
    """stem -> the word these texts write it as: the most frequent, then the shortest, then the
    first alphabetically. Messages use it, so they depend only on the document, not on which
    documents this process happened to read before."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(words(text))
    best: dict[str, tuple] = {}
    for word, n in counts.items():
        key = (-n, len(word), word)
        st = stem(word)
        if st not in best or key < best[st]:
            best[st] = key
    return {st: key[2] for st, key in best.items()}


def surface(term: str) -> str:
    """A word as written for a stem (for messages)."""
    return _SURFACE.get(term, term)


