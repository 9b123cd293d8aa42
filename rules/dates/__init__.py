"""dates rules."""

RULES = []
