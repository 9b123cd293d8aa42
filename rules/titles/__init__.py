"""titles rules."""

RULES = []
