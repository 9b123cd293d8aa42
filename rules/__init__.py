"""newslint's built-in rules, one module per rule, grouped in families. Each family package lists
its rules in RULES and is registered as one `newslint.rules` entry point (see pyproject.toml)."""
