"""Date rules: every date field is a real, timezone-aware, plausible ISO 8601 date-time that
agrees with the other dates of its item, its file name and its URL."""

from rules.dates import (
    date_filename_mismatch,
    date_future,
    date_implausible,
    date_invalid,
    date_naive,
    date_not_utc,
    date_order,
    date_url_mismatch,
)

RULES = [
    date_invalid,
    date_naive,
    date_future,
    date_implausible,
    date_not_utc,
    date_filename_mismatch,
    date_order,
    date_url_mismatch,
]
