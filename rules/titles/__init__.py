"""Titles: headlines that disagree with the item's URL slug, its image record or its copies."""

from rules.titles import title_copy_mismatch, title_image_mismatch, title_slug_mismatch

RULES = [title_slug_mismatch, title_image_mismatch, title_copy_mismatch]
