"""Built-in JSON Schemas (package data)."""
