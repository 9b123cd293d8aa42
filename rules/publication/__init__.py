"""Publication flags."""

from rules.publication import published_not_boolean, unpublished

RULES = [published_not_boolean, unpublished]
