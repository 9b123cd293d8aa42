"""A repository's own convention: how sure a rule is that a value written against it is a defect.

A repository that writes every date without a timezone, or links a host over `http://`
everywhere, has a convention, not a thousand defects. A value is an outlier worth a warning
only when the other values of its kind are written the other way with a clear majority
(CONVENTION of them, and at least MIN_VALUES); in a repository that mixes both ways it is
reported as unsure (at `info` severity); where it is itself the majority it is not reported.
"""

from __future__ import annotations

CONVENTION = 0.8  # this share of the values written one way makes that way the convention
MIN_VALUES = 4  # fewer values written one way make no convention
UNSURE = 0.5  # the confidence of a report against a mixed repository (shown at info)


def outlier_confidence(conventional: int, outliers: int) -> float:
    """1.0: the value is an outlier against a clear convention (report it); UNSURE: the repository
    mixes both ways and this way is the minority; 0.0: this way is as common as the other or more
    (the repository's convention, or no convention to be an outlier against)."""
    total = conventional + outliers
    if outliers <= 0 or outliers * 2 >= total:
        return 0.0
    if conventional >= MIN_VALUES and conventional >= CONVENTION * total:
        return 1.0
    return UNSURE
