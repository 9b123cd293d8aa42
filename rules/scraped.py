"""Is a document a scraped copy of a page elsewhere? Its front matter names the page it came from
(the "source-url" field role: `source_url`, `originalUrl`, `structured_data.original_source`...;
docs/fields.md), so a layout mapped in `[tool.newslint.fields]` is understood here too."""

from __future__ import annotations


def source_url(doc) -> str | None:
    """The URL of the page a document was copied from, if its front matter names one."""
    for _, value in doc.role("source-url"):
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return None
