"""Field roles: which front-matter keys hold the title, the dates, the URLs… of an article.

Sites name the same things differently (`publishedDateTime`, `date`, `published_at`; `webUrl`,
`source_url`, `originalUrl`). Rules ask for a *role* (`doc.role("source-url")`) and get the
values found under the keys this map gives for it, in the map's order (the first is the
preferred one), so they run on any layout that has the role.

A role's keys are paths from the item that holds the fields (the article, or one of its
`related` items): a key (`source_url`), dotted keys for nested mappings
(`structured_data.headline`), `*` for every item of a list or mapping (`images.*.url`).
`[tool.newslint.fields]` replaces the built-in keys of the roles it names:

    [tool.newslint.fields]
    source-url = ["source_url", "structured_data.original_source"]
    published = "pub_date"

The engine knows no rule: this is a lookup service over the parsed front matter.
"""

from __future__ import annotations

from typing import Any, Iterator

from linter import pointer as jp

# role -> the keys that hold it, preferred first. Chosen from real layouts: the scraped-news
# shape (publishedDateTime, webUrl, originalUrl…), Jekyll and Hugo posts (date, lastmod, draft,
# tags…), aggregators and CMS exports (published_at, source_url, structured_data.*…).
BUILTIN: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    # Copies, not SEO titles: `seo.title`, `meta_title` are often written to differ on purpose.
    "title-copy": ("structured_data.headline", "og:title", "og_title", "ogTitle", "twitter:title",
                   "twitter_title"),
    "description": ("excerpt", "description", "summary", "subtitle", "structured_data.description",
                    "og:description", "og_description", "twitter:description"),
    "published": ("publishedDateTime", "date", "published_at", "publishedAt", "publishDate", "pubDate",
                  "datePublished", "published_date", "structured_data.datePublished"),
    "updated": ("updatedDateTime", "lastmod", "updated_at", "updatedAt", "dateModified", "modified",
                "last_modified_at", "structured_data.dateModified"),
    "scraped": ("exported_at", "scraped_at", "crawled_at", "fetched_at", "retrieved_at"),
    "canonical-url": ("webUrl", "canonical_url", "canonicalUrl", "canonical", "url", "permalink"),
    "source-url": ("originalUrl", "source_url", "original_url", "sourceUrl", "source_link",
                   "structured_data.original_source"),
    "amp-url": ("ampWebUrl", "cdnAmpWebUrl", "amp_url", "ampUrl"),
    "image-url": ("image", "images.*", "images.*.url", "featured_image", "cover_image", "thumbnail", "main_image",
                  "structured_data.main_image", "og:image"),
    "author": ("author", "authors", "byline", "creator", "author.name", "authors.*", "authors.*.name",
               "structured_data.author", "structured_data.author.name"),
    "language": ("lang", "language", "locale", "inLanguage", "structured_data.inLanguage"),
    "topics": ("topics", "tags", "categories", "category", "keywords"),
    "publication-flag": ("published", "draft"),
    "related": ("related", "related_posts", "relatedArticles"),
    "translation-key": ("translationKey", "translation_key"),
}
ROLES = tuple(BUILTIN)
_WILD = "*"


class FieldsError(ValueError):
    pass


def parse_path(path: str) -> tuple[str, ...]:
    """`structured_data.headline` -> ("structured_data", "headline"); a JSON Pointer
    (`/og.title`, for a key holding a dot) is read as one."""
    if path.startswith("/"):
        return tuple(jp.split(path))
    return tuple(path.split("."))


class FieldMap:
    """Role -> key paths: the built-in map with a configuration's replacements."""

    def __init__(self, overrides: dict[str, Any] | None = None):
        keys = dict(BUILTIN)
        for role, value in (overrides or {}).items():
            keys[role] = check(role, value)
        self.keys: dict[str, tuple[str, ...]] = keys
        # first key -> (role, rank, pointer below the item or None for a path with `*`, path): a
        # document's keys are looked up here, rather than every role's keys in the document.
        self._by_first: dict[str, list[tuple[str, int, str | None, tuple[str, ...]]]] = {}
        for role, ks in keys.items():
            for rank, path in enumerate(map(parse_path, ks)):
                suffix = None if _WILD in path else jp.from_path(path)
                self._by_first.setdefault(path[0], []).append((role, rank, suffix, path))

    def find(self, values: dict[str, Any], item: str = "") -> dict[str, tuple[tuple[str, Any], ...]]:
        """Every role's (pointer, value) found under `item` ("" for the article, "/related/N"), by
        a document's pointer -> value index, preferred first. Roles without any value are left out."""
        data = values.get(item)
        if not isinstance(data, dict):
            return {}
        hits: dict[str, list[tuple[int, str, Any]]] = {}
        by_first = self._by_first
        for key in data:
            for role, rank, suffix, path in by_first.get(key, ()) if isinstance(key, str) else ():
                if suffix is not None:
                    value = values.get(item + suffix)
                    if value is not None:
                        hits.setdefault(role, []).append((rank, item + suffix, value))
                else:
                    hits.setdefault(role, []).extend((rank, p, v) for p, v in _expand(values, item, path))
        out = {}
        for role, found in hits.items():
            found.sort(key=lambda hit: hit[0])  # stable: a `*` path's values stay in document order
            out[role] = tuple({ptr: value for _, ptr, value in found}.items())  # a key named twice counts once
        return out


def check(role: str, value: Any) -> tuple[str, ...]:
    """A configured role's keys, validated."""
    if role not in BUILTIN:
        raise FieldsError(f"unknown field role '{role}' (known roles: {', '.join(ROLES)})")
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not all(isinstance(k, str) and k.strip(".") for k in keys):
        raise FieldsError(f"field role '{role}' must be a key or a list of keys (dotted paths such as 'a.b')")
    if any(parse_path(k)[0] == _WILD for k in keys):
        raise FieldsError(f"field role '{role}': a path starts with a key, not '*'")
    return tuple(keys)


def _expand(values: dict[str, Any], base: str, path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """(pointer, value) of each value at `path` below `base` (`*` matching every child)."""
    if not path:
        if base in values and values[base] is not None:
            yield base, values[base]
        return
    head, rest = path[0], path[1:]
    if head != _WILD:
        child = jp.join(base, head)
        if child in values:
            yield from _expand(values, child, rest)
        return
    parent = values.get(base)
    if isinstance(parent, list):
        children = [str(i) for i in range(len(parent))]
    elif isinstance(parent, dict):
        children = [str(k) for k in parent]
    else:
        return
    for child in children:
        yield from _expand(values, jp.join(base, child), rest)


DEFAULT = FieldMap()
