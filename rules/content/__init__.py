"""content rules."""

RULES = []
