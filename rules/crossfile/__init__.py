"""crossfile rules."""

RULES = []
