"""Titles: headlines that disagree with the item's URL slug or its image record."""

from rules.titles import title_image_mismatch, title_slug_mismatch

RULES = [title_slug_mismatch, title_image_mismatch]
