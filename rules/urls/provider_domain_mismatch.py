"""`provider.domain` is not the host of the item's URL, nor a parent domain of it.

The provider says who published the item; its `domain` must be the host of `webUrl` or
`originalUrl` (either one), or a parent domain of it: `police.uk` for
`news.met.police.uk`, `ept.ca` or `www.ept.ca` for `www.ept.ca` are fine. A leading `www.` is
ignored on both sides. Checked for the article and every `related` item.

A mismatch usually means the provider was attached to the wrong item, or the URL points at an
aggregator or a redirect instead of the publisher. No fix: which side is wrong needs a human.

Items hosted on a platform that carries many publishers' content (a YouTube video whose
provider is the channel's owner, `microsoft.com`) are not reported: see `platforms`.

Options:
- `platforms`: hosts (and their subdomains) whose items may name any provider. Default: video,
  audio, slide and blog platforms (`youtube.com`, `youtu.be`, `vimeo.com`, `medium.com`...).
- `allow`: pairs `"domain=host-suffix"` accepted as matching, for publishers whose articles live
  on another domain (e.g. `"wsj.com=dowjones.io"`).
"""

from linter.model import Report
from rules._memo import items
from rules.urlfields import show
from rules.urls._items import join
from rules.urls.normalize import _ascii_host, host_of, strip_www, valid_host

CODE = "URL005"
NAME = "provider-domain-mismatch"
SEVERITY = "warning"
FIX = "never"
OPTIONS = {
    "platforms": ["youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "twitch.tv", "soundcloud.com",
                  "spotify.com", "podcasts.apple.com", "anchor.fm", "slideshare.net", "medium.com",
                  "substack.com", "linkedin.com"],
    "allow": [],
}
BAD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://news.example.com/robots-fold-laundry"\n'
    'provider:\n  name: Example News\n  domain: example.org\n---\n'
)
GOOD = (
    '---\ntitle: "Robots learn to fold laundry"\nwebUrl: "https://news.example.com/robots-fold-laundry"\n'
    'provider:\n  name: Example News\n  domain: example.com\n---\n'
)


def _matches(domain, host, allow):
    host = strip_www(host)
    if host == domain or host.endswith("." + domain):
        return True
    return any(d == domain and (host == h or host.endswith("." + h)) for d, h in allow)


def _allow_pairs(options):
    out = []
    for entry in options.get("allow") or ():
        d, sep, h = str(entry).partition("=")
        if sep:
            out.append((strip_www(d.strip().lower().strip(".")), h.strip().lower().strip(".")))
    return out


def _url_hosts(item) -> list[tuple[str, str, str]]:
    """(key, URL, host) of the item's webUrl and originalUrl that are absolute http(s) URLs."""
    out = []
    for key in ("webUrl", "originalUrl"):
        url = item.get(key)
        host = host_of(url)  # None for anything but an absolute http(s) URL
        if host:
            out.append((key, url, host))
    return out


def check(doc, options):
    allow = platforms = None
    for base, item in items(doc):
        provider = item.get("provider")
        if not isinstance(provider, dict):
            continue
        domain = provider.get("domain")
        if not isinstance(domain, str) or not domain.strip():
            continue
        urls = _url_hosts(item)
        if not urls:
            continue
        d = strip_www(_ascii_host(domain.strip().lower().rstrip(".")))
        if not valid_host(d):
            yield Report(f"provider.domain: {show(domain)} is not a domain name", pointer=_pointer(base))
            continue
        if allow is None:
            allow = _allow_pairs(options)
        if any(_matches(d, host, allow) for _, _, host in urls):
            continue
        if platforms is None:
            platforms = [(strip_www(str(p).lower().strip(".")), "") for p in options.get("platforms") or ()]
        if any(_matches(p, host, ()) for _, _, host in urls for p, _ in platforms):
            continue
        key, url, host = urls[0]
        others = "" if len(urls) == 1 else f" or {urls[1][0]} ({urls[1][2]})"
        yield Report(
            f"provider.domain: {show(domain)} is not the host of {key} ({host}){others} or a parent domain of it",
            pointer=_pointer(base),
        )


def _pointer(base: str) -> str:
    return join(join(base, "provider"), "domain")
