"""`webUrl` and `originalUrl` point at different sites.

`originalUrl` is where the story was found and `webUrl` where readers are sent; they are the
same page, or at least the same site. Hosts compare by brand: their registrable part without
its suffix (`www.example.com`, `news.example.com` and `example.co.uk` are one site), or one's
brand as the label just before the other's registrable part (`m.timesofindia.com` and
`timesofindia.indiatimes.com`). Different sites
usually mean one of the two was copied from another item. Checked for the article and every
`related` item.

No fix: which of the two is right needs a human.

Options:
- `allow`: pairs `"site=site"` of sites known to belong together (e.g. `"youtube.com=youtu.be"`).
"""

from linter.model import Report
from rules._memo import items
from rules.urls._items import item_url, join, same_site
from rules.urls.normalize import host_of, site_of, strip_www

CODE = "URL007"
NAME = "url-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {"allow": ["youtube.com=youtu.be"]}
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\noriginalUrl: "https://example.com/robots-fold-laundry"\n'
    'webUrl: "https://another-site.net/2022/07/other-story"\n---\n'
)
GOOD = (
    '---\ntitle: "Robots learn to fold laundry"\noriginalUrl: "https://example.com/robots-fold-laundry"\n'
    'webUrl: "https://www.example.com/robots-fold-laundry"\n---\n'
)


def _allowed(a, b, options):
    sa, sb = site_of(strip_www(a)), site_of(strip_www(b))
    for entry in options.get("allow") or ():
        x, sep, y = str(entry).lower().partition("=")
        if sep and {x.strip(), y.strip()} == {sa, sb}:
            return True
    return False


def check(doc, options):
    for base, item in items(doc):
        web, orig = item_url(item, "webUrl"), item_url(item, "originalUrl")
        if not web or not orig:
            continue
        wh, oh = host_of(web), host_of(orig)
        if same_site(wh, oh) or _allowed(wh, oh, options):
            continue
        yield Report(
            f"webUrl: host {wh} is on another site than originalUrl ({oh})",
            pointer=join(base, "webUrl"),
        )
