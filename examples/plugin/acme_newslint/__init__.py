"""Example newslint rules (ACME): a per-file rule and a repository rule."""

from acme_newslint import shared_excerpt, title_all_caps

RULES = [title_all_caps, shared_excerpt]
