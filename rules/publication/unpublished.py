"""An item is withdrawn (`published: false`) in a folder where drafts do not belong.

Jekyll and Hugo skip a `published: false` file when they build the site, but the file still
sits among the published ones: a withdrawn story (often also `heat: -1`) or a draft left in the
wrong place. A CI gate that must keep withdrawn items out of the content folders uses this rule;
sites that keep them on purpose turn it off or widen `allow`: globs, relative to the
configuration's folder, of the files where `published: false` is fine (by default the `_drafts`
folders). Only a real boolean `false` counts; a quoted `"false"` publishes the item and is
`published-not-boolean`'s business.
"""

import re

from linter.config import glob_match
from linter.model import Report

CODE = "PUB002"
NAME = "unpublished"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"allow": ["_drafts/**", "**/_drafts/**"]}
BAD = '---\ntitle: "A withdrawn story"\nheat: -1\npublished: false\n---\n'
GOOD = '---\ntitle: "A live story"\nheat: 12\npublished: true\n---\n'

_ITEM_FLAG = re.compile(r"^(?:/related/\d+)?/published$")


def check(doc, options):
    found = [(ptr, v) for ptr, v in doc.fields("published") if v is False and _ITEM_FLAG.match(ptr)]
    if not found:
        return
    allow = options.get("allow") or ()
    if isinstance(allow, str):
        allow = [allow]
    path = (doc.path or "").replace("\\", "/")
    if any(glob_match(str(g), path) for g in allow):
        return
    for ptr, _ in found:
        where = "this article" if ptr == "/published" else f"the item {ptr.rsplit('/', 1)[0]}"
        allowed = ", ".join(map(str, allow)) or "none"
        yield Report(
            f"published: false withdraws {where}, outside the drafts folders (allowed: {allowed}); "
            "delete the file or move it to drafts",
            pointer=ptr,
        )
