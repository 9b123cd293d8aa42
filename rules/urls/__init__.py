"""urls rules."""

RULES = []
