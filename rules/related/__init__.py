"""Related-entry rules: the `related` list of an article (REL001...)."""

from rules.related import related_duplicate, related_self

RULES = [related_duplicate, related_self]
