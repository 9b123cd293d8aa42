"""Text hygiene: plain-text fields (title, excerpt, description) that carry scraping debris."""

from rules.text import html_entity, mojibake, placeholder_text, repeated_text, truncated_text, whitespace

RULES = [html_entity, mojibake, whitespace, repeated_text, truncated_text, placeholder_text]
