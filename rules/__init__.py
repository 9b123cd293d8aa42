"""newslint's built-in rules, one module per rule, grouped in families. Each family package lists
its rules in RULES and is registered as one `newslint.rules` entry point (see pyproject.toml).

Code shared by several families lives here under public names (`facts`, `slugs`, `textfields`,
`urlfields`, `wordweights`; `urls.normalize`); a family's underscore modules are its own."""
