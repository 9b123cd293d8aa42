"""Structural rules: what stops a file from being read as front matter at all."""

from rules.structure import (
    front_matter_missing,
    front_matter_not_mapping,
    front_matter_unterminated,
    invalid_encoding,
    yaml_duplicate_key,
    yaml_limit_exceeded,
    yaml_syntax,
    yaml_unsafe_tag,
)

RULES = [
    front_matter_missing,
    front_matter_unterminated,
    yaml_syntax,
    yaml_duplicate_key,
    front_matter_not_mapping,
    invalid_encoding,
    yaml_limit_exceeded,
    yaml_unsafe_tag,
]
