"""`published` is not a real boolean.

Jekyll treats any non-empty string as true, so `published: "false"` publishes the item. Write
`true` or `false` without quotes. YAML 1.1 words (`no`, `off`, `yes`, `on`) are booleans to some
loaders and strings to others, and numbers (`0`, `1`) are not booleans at all.

A date (`published: 2020-08-03T13:30:22Z`, as exported advisories and Hugo sites write it) is not
reported: Hugo reads `published` as the publication date, and Jekyll publishes the page.
"""

import re

from linter.model import Report
from linter.yamledit import fix, replace_value

CODE = "PUB001"
NAME = "published-not-boolean"
SUPERSEDES = ("schema-violation",)  # one defect, one finding
SEVERITY = "error"
FIX = "sometimes"
BAD = '---\ntitle: "A withdrawn story"\npublished: "false"\n---\n'
GOOD = '---\ntitle: "A withdrawn story"\npublished: false\n---\n'

_WORDS = {"true": True, "yes": True, "on": True, "y": True, "1": True,
          "false": False, "no": False, "off": False, "n": False, "0": False}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_DATE = re.compile(r"\s*\d{4}-\d{2}-\d{2}(?!\d)")


def check(doc, options):
    for ptr, value in doc.fields("published"):
        scalar = doc.scalar(ptr)
        if scalar is None:
            yield Report(f"published: expected true or false, found a {type(value).__name__}", pointer=ptr)
            continue
        source = scalar.source
        if scalar.tag == _BOOL_TAG and not scalar.style and source.lower() in ("true", "false"):
            continue
        meaning = _WORDS.get(source.strip().lower())
        shown = f'"{source}"' if scalar.style else source
        if meaning is None and _DATE.match(source):
            continue  # a publication date: Hugo's alias of publishDate
        if meaning is None:
            yield Report(f"published: {shown} is not a boolean; write true or false", pointer=ptr)
            continue
        word = "true" if meaning else "false"
        yield Report(
            f"published: {shown} is not a boolean; write {word}",
            pointer=ptr,
            fix=fix("safe", f"write published: {word}", replace_value(doc, ptr, meaning)),
        )
