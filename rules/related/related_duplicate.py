"""A `related` item repeats an earlier one.

Two related items are the same story when their `webUrl` (or `originalUrl`) is the same URL
after normalisation (scheme, host case, `www.`, trailing slash, tracking parameters, AMP
variants: see `rules/urls/normalize.py`), or when they have the same title (ignoring case,
spacing and punctuation) from the same provider (`provider.domain`, else `provider.name`).

The fix deletes one of the two items, and the finding is on the item it deletes:
- safe when the two items are identical data: the later one (the repeat) is deleted;
- unsafe otherwise: the better item is kept, the other deleted, which may be the earlier one.
  Better = its title matches its own URL's slug better (a scraper that reused a URL under
  another story's title gets this wrong), then the higher `quality`; on a tie the earlier
  item is kept.

Items that point at the article itself are left to `related-self`.
"""

from linter.model import Report
from linter.yamledit import delete_item, fix
from rules.related._common import (
    article_urls,
    item_urls,
    provider_key,
    quality,
    related_items,
    slug_match,
    title_key,
)
from rules.urls._common import show

CODE = "REL001"
NAME = "related-duplicate"
SEVERITY = "error"
FIX = "always"

_ITEM_A = (
    '  - title: "Robots learn to fold laundry"\n'
    '    webUrl: "https://www.example.com/tech/robots-learn-to-fold-laundry/"\n'
    '    provider:\n      name: Example News\n      domain: example.com\n    quality: 50\n'
)
_ITEM_B = (
    '  - title: "A chess engine plays itself"\n'
    '    webUrl: "https://chess.example.org/engine-plays-itself"\n'
    '    provider:\n      name: Chess Daily\n      domain: example.org\n    quality: 40\n'
)
_ITEM_A2 = (
    '  - title: "Robots learn to fold towels"\n'
    '    webUrl: "http://example.com/tech/robots-learn-to-fold-laundry?utm_source=feed"\n'
    '    provider:\n      name: Example News\n      domain: example.com\n    quality: 30\n'
)
_HEAD = '---\ntitle: "Household robots are coming"\nwebUrl: "https://news.example.net/household-robots"\nrelated:\n'
BAD = _HEAD + _ITEM_A + _ITEM_B + _ITEM_A2 + "---\n"
GOOD = _HEAD + _ITEM_A + _ITEM_B + "---\n"


def _better(a: dict, b: dict) -> bool:
    """True if item `a` is strictly better than item `b`."""
    return (slug_match(a), quality(a)) > (slug_match(b), quality(b))


def check(doc, options):
    items = related_items(doc)
    if len(items) < 2:
        return
    own = article_urls(doc)
    by_url: dict[str, int] = {}
    by_title: dict[tuple, int] = {}
    data = {i: item for i, item in items}
    for i, item in items:
        urls = item_urls(doc, f"/related/{i}")
        if own and any(u in own for u in urls):
            continue
        title = title_key(item)
        tkey = (title, provider_key(item)) if title else None
        earlier, why = None, ""
        for u in urls:
            if u in by_url:
                earlier, why = by_url[u], f"the same URL after normalisation ({u})"
                break
        if earlier is None and tkey is not None and tkey in by_title:
            earlier, why = by_title[tkey], f"the same title {show(item.get('title', ''))} from the same provider"
        if earlier is None:
            for u in urls:
                by_url.setdefault(u, i)
            if tkey is not None:
                by_title.setdefault(tkey, i)
            continue
        first = data[earlier]
        if item == first:
            edit = fix("safe", f"delete related[{i}] (identical to related[{earlier}])",
                       delete_item(doc, f"/related/{i}"))
        elif _better(item, first):
            edit = fix("unsafe", f"delete related[{earlier}] and keep related[{i}] (its title matches its URL better"
                       " or it has the higher quality)", delete_item(doc, f"/related/{earlier}"))
            yield Report(f"related[{earlier}]: repeated by the better related[{i}]: {why}",
                         pointer=f"/related/{earlier}", fix=edit)
            continue
        else:
            edit = fix("unsafe", f"delete related[{i}] and keep related[{earlier}]", delete_item(doc, f"/related/{i}"))
        yield Report(f"related[{i}]: repeats related[{earlier}]: {why}", pointer=f"/related/{i}", fix=edit)
