"""Private helpers: the URLs and provider of each article-like item (the article, related items)."""

from __future__ import annotations

from rules.urls.normalize import host_of, site_of, strip_www


def item_url(item: dict, key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) and host_of(value) else None


def same_site(a: str, b: str) -> bool:
    """Hosts of one site: the same brand, i.e. the same rough registrable domain but for its
    suffix (`bbc.com`, `news.bbc.co.uk`; see normalize.site_of), or one's brand is the label just
    before the other's registrable domain (`m.timesofindia.com`, `timesofindia.indiatimes.com`)."""
    a, b = strip_www(a), strip_www(b)
    sa, sb = site_of(a), site_of(b)
    brand_a, brand_b = sa.split(".", 1)[0], sb.split(".", 1)[0]
    if brand_a == brand_b:
        return True
    return brand_a == _label_before(b, sb) or brand_b == _label_before(a, sa)


def _label_before(host: str, site: str) -> str | None:
    rest = host[: -len(site)].rstrip(".")
    return rest.rsplit(".", 1)[-1] if rest else None


def join(base: str, key: str) -> str:
    return f"{base}/{key}"
