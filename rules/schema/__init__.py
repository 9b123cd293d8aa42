"""JSON Schema validation."""

from rules.schema import schema_violation

RULES = [schema_violation]
