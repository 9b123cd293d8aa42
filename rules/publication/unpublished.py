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

from linter.config import GlobSet
from linter.model import Report

CODE = "PUB002"
NAME = "unpublished"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"allow": ["_drafts/**", "**/_drafts/**"]}
BAD = '---\ntitle: "A withdrawn story"\nheat: -1\npublished: false\n---\n'
GOOD = '---\ntitle: "A live story"\nheat: 12\npublished: true\n---\n'

_ITEM_FLAG = re.compile(r"^(?:/related/\d+)?/published$")
_ALLOW_SETS: dict[tuple[str, ...], GlobSet] = {}


def _allow_set(allow) -> GlobSet:
    """The `allow` globs as one GlobSet (a match of any of them, as `glob_match` reads each),
    built once per option value: every file of a run has the same."""
    key = tuple(str(g) for g in allow)
    globs = _ALLOW_SETS.get(key)
    if globs is None:
        globs = _ALLOW_SETS[key] = GlobSet(list(key))
    return globs


def check(doc, options):
    found = [(ptr, v) for ptr, v in doc.fields("published") if v is False and _ITEM_FLAG.match(ptr)]
    if not found:
        return
    allow = options.get("allow") or ()
    if isinstance(allow, str):
        allow = [allow]
    path = (doc.path or "").replace("\\", "/")
    if _allow_set(allow).match(path):
        return
    for ptr, _ in found:
        where = "this article" if ptr == "/published" else f"the item {ptr.rsplit('/', 1)[0]}"
        allowed = ", ".join(map(str, allow)) or "none"
        yield Report(
            f"published: false withdraws {where}, outside the drafts folders (allowed: {allowed}); "
            "delete the file or move it to drafts",
            pointer=ptr,
        )
