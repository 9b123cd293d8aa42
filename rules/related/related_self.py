"""A `related` item points at the article itself.

An article is not related to itself: the item's `webUrl` or `originalUrl` is the article's own
`webUrl` or `originalUrl` after normalisation (scheme, host case, `www.`, trailing slash,
tracking parameters, AMP variants).

The fix (safe) deletes the item, unless every item points at the article: deleting them all would
leave `related:` empty (null), so then the list is left for you to remove.
"""

from linter.model import Report
from linter.yamledit import delete_item, fix
from rules.related._common import article_urls, item_urls, related_items

CODE = "REL002"
NAME = "related-self"
SEVERITY = "error"
FIX = "sometimes"

_HEAD = (
    '---\ntitle: "Household robots are coming"\nwebUrl: "https://news.example.net/household-robots"\n'
    'related:\n'
    '  - title: "A chess engine plays itself"\n'
    '    webUrl: "https://chess.example.org/engine-plays-itself"\n'
)
BAD = _HEAD + '  - title: "Household robots are coming"\n    webUrl: "http://news.example.net/household-robots/"\n---\n'
GOOD = _HEAD + "---\n"


def check(doc, options):
    items = related_items(doc)
    if not items:
        return
    own = article_urls(doc)
    if not own:
        return
    selfish = [(i, same) for i, item in items if (same := [u for u in item_urls(doc, f"/related/{i}") if u in own])]
    keeps_some = len(selfish) < len(doc.data["related"])
    for i, same in selfish:
        yield Report(
            f"related[{i}]: points at the article itself ({same[0]})",
            pointer=f"/related/{i}",
            fix=fix("safe", f"delete related[{i}]", delete_item(doc, f"/related/{i}")) if keeps_some else None,
        )
