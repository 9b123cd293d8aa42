"""The bounds a configuration may set on what one file may cost (no YAML here: the configuration
reads them without loading a parser)."""

from __future__ import annotations

from typing import NamedTuple


class Limits(NamedTuple):
    """Bounds that keep hostile input from using unbounded time or memory."""

    max_front_matter_bytes: int = 1_048_576
    max_depth: int = 64
    max_nodes: int = 100_000
    max_aliases: int = 100
    max_file_bytes: int = 268_435_456  # 256 MiB: a larger file is not read (a finding says so)


DEFAULT_LIMITS = Limits()
