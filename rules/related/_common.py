"""Private helpers of the related-entry rules: identity keys and quality of `related` items."""

from __future__ import annotations

import re

from rules.urls.normalize import canonical_url, strip_www

_URL_ROLES = ("canonical-url", "source-url")

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_EXT = re.compile(r"\.(?:s?html?|php|aspx?|ece|cms|jsp)$", re.I)


def related_items(doc) -> list[tuple[int, dict]]:
    related = doc.data.get("related") if isinstance(doc.data, dict) else None
    if not isinstance(related, list):
        return []
    return [(i, item) for i, item in enumerate(related) if isinstance(item, dict)]


def item_urls(doc, item: str) -> list[str]:
    """Canonical forms of the item's canonical and source URLs (field roles "canonical-url" and
    "source-url": `webUrl`, `originalUrl`…) that are absolute URLs."""
    out = []
    for role in _URL_ROLES:
        for _, value in doc.role(role, item):
            if isinstance(value, str):
                c = canonical_url(value)
                if c and c not in out:
                    out.append(c)
    return out


def article_urls(doc) -> set[str]:
    return set(item_urls(doc, "")) if isinstance(doc.data, dict) else set()


def title_key(item: dict) -> str | None:
    title = item.get("title")
    if not isinstance(title, str):
        return None
    words = _WORD.findall(title.casefold())
    return " ".join(words) or None


def provider_key(item: dict) -> str | None:
    provider = item.get("provider")
    if not isinstance(provider, dict):
        return None
    domain = provider.get("domain")
    if isinstance(domain, str) and domain.strip():
        return "d:" + strip_www(domain.strip().lower().rstrip("."))
    name = provider.get("name")
    if isinstance(name, str) and name.strip():
        return "n:" + " ".join(_WORD.findall(name.casefold()))
    return None


def slug_match(item: dict) -> float:
    """How well the title matches the URL's slug: shared words over all words (0..1)."""
    title = item.get("title")
    url = item.get("webUrl") or item.get("originalUrl")
    if not isinstance(title, str) or not isinstance(url, str):
        return 0.0
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].split("/", 1)[-1] if "://" in path else path
    best: set[str] = set()
    for segment in path.split("/"):
        words = {w for w in _WORD.findall(_EXT.sub("", segment).lower()) if not w.isdigit()}
        if len(words) > len(best):
            best = words
    words = {w for w in _WORD.findall(title.casefold()) if not w.isdigit()}
    if not best or not words:
        return 0.0
    return len(words & best) / len(words | best)


def quality(item: dict) -> float:
    q = item.get("quality")
    return float(q) if isinstance(q, (int, float)) and not isinstance(q, bool) else float("-inf")
