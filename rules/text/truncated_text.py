"""An excerpt or description starts mid-word or mid-sentence.

Scrapers that cut a fixed window out of a page sometimes lose the first letter of a word
(`acial recognition technology…`), split the first word (`L ife sciences…`) or start in the
middle of a sentence (`which noticed that…`, `, and then…`). An excerpt cut at its *end* is normal
for this format (it is a teaser) and is not reported; neither is one that marks a cut start
with an ellipsis (`... where`).

A hand-written post (the blog-post schema, no source URL) may start its description with a
lowercase word on purpose ("how we cut build times in half"): there only a split or cut word and
a start at a comma or bracket are reported; a whole lowercase word only in a news item or a
scraped copy.

Excerpts that start with a lowercase brand or name (`iPhone`, `eBay`, `macOS`), a digit, a
quote, a bracket or a domain name (`example.com says…`) are fine, and so are the lowercase words listed in `allow-lowercase` (a few
names and particles such as `npm`, `van`, `de` by default).
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.model import Report
from rules.scraped import source_url
from rules.textfields import TEXT_KEYS, is_summary, shorten, text_fields

CODE = "TXT005"
NAME = "truncated-text"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"allow-lowercase": ["npm", "pip", "pandas", "numpy", "van", "von", "de", "da", "di", "du", "le", "la"]}
BAD = ('---\ntitle: "Police trial facial recognition at the parade"\n'
       'excerpt: "acial recognition cameras will scan the crowds at Saturday\'s parade, police said."\n---\n')
GOOD = ('---\ntitle: "Police trial facial recognition at the parade"\n'
        'excerpt: "Facial recognition cameras will scan the crowds at Saturday\'s parade, police said."\n---\n')

_SPLIT = re.compile(r"([B-HJ-Z]) ([a-z]{2,})\b")  # "L ife": a capital torn off its word (not "A", "I")
_FIRST = re.compile(r"[^\W\d_][\w'’-]*")
_MID = re.compile(r"[,;:)\]}]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_DOMAIN = re.compile(r"\w\.[a-z]{2,}")


def _mid_word(first: str, value: str, title: str) -> str | None:
    """A longer word of the title or the text that ends with `first` ("acial" -> "facial")."""
    if len(first) < 3:
        return None
    low = first.lower()
    for word in _WORD.findall(title + " " + value[len(first):]):
        w = word.lower()
        if len(w) > len(low) and len(w) - len(low) <= 3 and w.endswith(low):
            return word
    return None


@lru_cache(maxsize=32)
def _allowed(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def check(doc, options):
    allow = _allowed(tuple(map(str, options.get("allow-lowercase") or ())))
    for ptr, value in text_fields(doc, TEXT_KEYS, item_level=True):
        if not is_summary(doc, ptr):
            continue
        text = value.lstrip()
        head = text.split(" ", 1)[0]
        if not text or text.count(" ") < 2 or "://" in head or _DOMAIN.search(head):
            continue  # empty, a word or two, a URL or domain name (placeholder-text's business)
        name = ptr.rsplit("/", 1)[-1]
        m = _SPLIT.match(text)
        if m:
            yield Report(f'{name}: starts with a split word {shorten(m.group(), 30)}: {shorten(text, 50)}', pointer=ptr)
            continue
        if _MID.match(text):
            yield Report(f"{name}: starts mid-sentence with {text[0]!r}: {shorten(text, 50)}", pointer=ptr)
            continue
        m = _FIRST.match(text)
        if not m:
            continue
        first = m.group()
        if not first.islower() or first.lower() in allow:
            continue
        item = doc.get(ptr.rsplit("/", 1)[0] or "")
        title = item.get("title") if isinstance(item, dict) else None
        whole = _mid_word(first, text, title if isinstance(title, str) else "")
        if whole:
            yield Report(f"{name}: starts mid-word: {shorten(first, 30)} looks like the end of "
                         f"{shorten(whole, 30)}: {shorten(text, 50)}", pointer=ptr)
        elif _copied(doc):  # an author may write in lower case; a scraper's window cuts
            yield Report(f"{name}: starts mid-sentence, with the lowercase word {shorten(first, 30)}: "
                         f"{shorten(text, 50)}", pointer=ptr)


def _copied(doc) -> bool:
    """Whether the document's summaries were cut out of another page: a news item, a scraped copy."""
    return doc.profile == "news-article" or source_url(doc) is not None
