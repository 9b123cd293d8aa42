"""Is a document a scraped copy of a page elsewhere? Its front matter names the page it came from."""

from __future__ import annotations

SOURCE_FIELDS = ("source_url", "original_url", "originalUrl", "canonical_url", "canonicalURL", "original_source")


def source_url(data: dict) -> str | None:
    """The URL of the page a document was copied from, if its front matter names one."""
    for key in SOURCE_FIELDS:
        value = data.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None
