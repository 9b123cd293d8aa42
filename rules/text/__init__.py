"""text rules."""

RULES = []
