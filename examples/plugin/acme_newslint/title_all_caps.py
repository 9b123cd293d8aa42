"""Titles must not be written in capitals.

Shouting headlines are usually a scraper reading the site's CSS-transformed text rather than the
headline as written.

`min-letters`: titles with fewer letters (an acronym, a short label) are not judged.
"""

from linter.model import Report
from linter.options import Option

CODE = "ACME001"
NAME = "title-all-caps"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"min-letters": Option(8, low=1, doc="the fewest letters a title needs to be judged")}
BAD = '---\ntitle: "BREAKING: MAYOR RESIGNS"\n---\n'
GOOD = '---\ntitle: "Breaking: mayor resigns"\n---\n'


def check(doc, options):
    for pointer, value in doc.fields("title"):  # every `title` key: the article's, related[], images[]
        letters = [c for c in str(value) if c.isalpha()]
        if len(letters) >= options["min-letters"] and all(c.isupper() for c in letters):
            yield Report(f"title: {value!r} is all capitals", pointer=pointer)
