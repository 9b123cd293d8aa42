"""A key appears twice in the same mapping.

YAML loaders silently keep only the last value, so the first one is lost without a trace. Usually a scraper appended a field instead of replacing it.
"""

from rules.structure._problems import report_problems

CODE = "FM004"
NAME = "yaml-duplicate-key"
SEVERITY = "error"
FIX = "never"
BAD = '---\ntitle: "First"\ntitle: "Second"\n---\n'
GOOD = '---\ntitle: "Second"\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
