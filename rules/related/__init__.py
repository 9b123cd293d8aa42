"""related rules."""

RULES = []
