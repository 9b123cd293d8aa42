"""Cross-file rules: duplicates across the whole repository (repository-wide rules)."""

from rules.crossfile import duplicate_article, duplicate_title

RULES = [duplicate_article, duplicate_title]
