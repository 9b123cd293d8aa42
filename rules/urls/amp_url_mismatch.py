"""`cdnAmpWebUrl` is not the AMP-cache form of `ampWebUrl`, or `ampWebUrl` is on another site.

The Google AMP-cache URL of an AMP page is fixed by the page's URL:
`https://<host with "-" doubled and "." as "-">.cdn.ampproject.org/c/s/<host><path and query>`
(`/c/` without `s/` for an `http://` page). So `ampWebUrl: https://www.example.com/a/amp` must
go with `cdnAmpWebUrl: https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a/amp`.
And the AMP page belongs to the article's site: an `ampWebUrl` on another site than `webUrl`
was copied from another item. Checked for the article and every `related` item.

The fix (safe) recomputes `cdnAmpWebUrl` from `ampWebUrl`. None for the other-site case, and
none for hosts the cache encodes differently (internationalised names, encodings over 63
characters): those are not checked.
"""

from linter.model import Report
from linter.yamledit import fix, replace_value
from rules._memo import items
from rules.urlfields import show
from rules.urls._items import item_url, join, same_site
from rules.urls.normalize import amp_cache_url, host_of

CODE = "URL006"
NAME = "amp-url-mismatch"
SEVERITY = "warning"
FIX = "sometimes"
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://www.example.com/robots-fold-laundry"\n'
    'ampWebUrl: "https://www.example.com/robots-fold-laundry/amp"\n'
    'cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/robots-fold-laundry"\n---\n'
)
GOOD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://www.example.com/robots-fold-laundry"\n'
    'ampWebUrl: "https://www.example.com/robots-fold-laundry/amp"\n'
    'cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/robots-fold-laundry/amp"\n---\n'
)


def check(doc, options):
    for base, item in items(doc):
        amp = item_url(item, "ampWebUrl")
        if amp is None:
            continue
        web = item_url(item, "webUrl")
        if web is not None and not same_site(host_of(web), host_of(amp)):
            yield Report(
                f"ampWebUrl: host {host_of(amp)} is on another site than webUrl ({host_of(web)})",
                pointer=join(base, "ampWebUrl"),
            )
        cdn = item.get("cdnAmpWebUrl")
        if not isinstance(cdn, str):
            continue
        expected = amp_cache_url(amp)
        if expected is None or cdn.strip() == expected:
            continue
        ptr = join(base, "cdnAmpWebUrl")
        yield Report(
            f"cdnAmpWebUrl: {show(cdn)} is not the AMP-cache URL of ampWebUrl; expected {show(expected)}",
            pointer=ptr,
            fix=fix("safe", f"write {show(expected)}", replace_value(doc, ptr, expected)),
        )
