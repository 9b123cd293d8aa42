"""An item is withdrawn (`published: false`) in a folder where drafts do not belong.

Jekyll and Hugo skip a `published: false` file when they build the site, but the file still
sits among the published ones: a withdrawn story (often also `heat: -1`) or a draft left in the
wrong place. A CI gate that must keep withdrawn items out of the content folders uses this rule;
sites that keep them on purpose turn it off or widen `allow`: globs, relative to the
configuration's folder, of the files where `published: false` is fine (by default the `_drafts`
folders). Only a real boolean `false` counts; a quoted `"false"` publishes the item and is
`published-not-boolean`'s business.

In a Jekyll `_posts` folder `published: false` is the documented way to hold a post back (Jekyll
builds it only with `--unpublished`): there the finding is shown at `info` (confidence 0.5).

A repository that withdraws items this way as a matter of course (at least 3 files, and at least
5% of the files of the run) has a convention, not a defect on each of them: there the findings
are shown at `info` (confidence 0.5) and say how many files share the convention; a stray
`published: false` among published files is a warning.
"""

import re

from linter.config import GlobSet
from linter.model import Report
from rules.facts import fingerprint, in_folder, span_list, to_span

CODE = "PUB002"
NAME = "unpublished"
SEVERITY = "warning"
FIX = "never"
KIND = "repository"
OPTIONS = {"allow": ["_drafts/**", "**/_drafts/**"]}
BAD = '---\ntitle: "A withdrawn story"\nheat: -1\npublished: false\n---\n'
GOOD = '---\ntitle: "A live story"\nheat: 12\npublished: true\n---\n'

CONVENTION_FILES = 3  # at least this many withdrawn files ...
CONVENTION_SHARE = 0.05  # ... and this share of the run's files make withdrawing a convention
UNSURE = 0.5

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


def collect(doc, options):
    """[[pointer, line, column, end line, end column], ...] of the withdrawn items outside the
    allowed folders; [] for any other file with front matter (it counts towards the share)."""
    if not isinstance(doc.data, dict):
        return None
    found = [ptr for ptr, v in doc.fields("published") if v is False and _ITEM_FLAG.match(ptr)]
    if not found or _allow_set(_allow(options)).match((doc.path or "").replace("\\", "/")):
        return []
    return [[ptr, *(span_list(doc, ptr) or [1, 1, 1, 1])] for ptr in found]


def _allow(options) -> list:
    allow = options.get("allow") or ()
    return [allow] if isinstance(allow, str) else list(allow)


def _entries(facts):
    if isinstance(facts, list):
        for entry in facts:
            if isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], str):
                yield entry


def report(facts_by_path, options):
    withdrawn = sum(1 for facts in facts_by_path.values() if any(True for _ in _entries(facts)))
    total = len(facts_by_path)
    convention = withdrawn >= max(CONVENTION_FILES, CONVENTION_SHARE * total)
    allowed = ", ".join(map(str, _allow(options))) or "none"
    for path, facts in facts_by_path.items():
        for ptr, *span in _entries(facts):
            where = "this article" if ptr == "/published" else f"the item {ptr.rsplit('/', 1)[0]}"
            if in_folder(path, "_posts"):
                yield path, Report(f"published: false holds {where} back (Jekyll builds it only with --unpublished); "
                                   f"move it to _drafts, or delete it, if it should not be kept",
                                   pointer=ptr, span=to_span(span), fingerprint=fingerprint(False), confidence=UNSURE)
                continue
            if convention:
                message = (f"published: false withdraws {where}, as in {withdrawn} of the {total} files of this "
                           f"repository (its way of withdrawing items); delete the file or move it to drafts "
                           f"(allowed: {allowed}) if it should not be kept")
            else:
                message = (f"published: false withdraws {where}, outside the drafts folders (allowed: {allowed}); "
                           "delete the file or move it to drafts")
            yield path, Report(message, pointer=ptr, span=to_span(span), fingerprint=fingerprint(False),
                               confidence=UNSURE if convention else None)
