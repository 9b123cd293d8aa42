"""Publication flags."""

from rules.publication import published_not_boolean

RULES = [published_not_boolean]
