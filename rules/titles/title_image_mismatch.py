"""An image record's `title` differs from the title of the item it illustrates.

Feeds copy the headline into `images[].title` when they cache the image. When the two differ,
one of them was edited (or the image belongs to another story). Spacing, letter case and HTML
entities are ignored in the comparison. Only the images of the article and of its `related`
items are compared, not the provider's logo.
"""

from __future__ import annotations

import html
import re

from linter.model import Report
from rules._memo import items
from rules.textfields import shorten

CODE = "TTL002"
NAME = "title-image-mismatch"
SEVERITY = "info"
FIX = "never"
BAD = """---
title: "Harbour festival draws record crowds"
images:
  - url: "https://img.example.com/festival.jpg"
    title: "Harbour festival cancelled after storm"
---
"""
GOOD = """---
title: "Harbour festival draws record crowds"
images:
  - url: "https://img.example.com/festival.jpg"
    title: "Harbour festival draws record crowds"
---
"""

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(text)).strip().casefold()


def check(doc, options):
    for ptr, item in items(doc):
        images = item.get("images")
        title = item.get("title")
        if not isinstance(images, list) or not isinstance(title, str):
            continue
        for i, image in enumerate(images):
            if not isinstance(image, dict):
                continue
            caption = image.get("title")
            if not isinstance(caption, str) or not caption.strip() or _norm(caption) == _norm(title):
                continue
            yield Report(
                f"images[{i}].title: {shorten(caption, 70)} differs from the item's title {shorten(title, 70)}",
                pointer=f"{ptr}/images/{i}/title",
            )
