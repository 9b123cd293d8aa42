"""The front matter is not valid YAML.

Reported at the line and column where the YAML parser gave up. Nothing else is checked in a file whose front matter cannot be read.
"""

from rules.structure._problems import report_problems

CODE = "FM003"
NAME = "yaml-syntax"
SEVERITY = "error"
FIX = "never"
BAD = '---\ntitle: "A headline\nexcerpt: [unclosed\n---\n'
GOOD = '---\ntitle: "A headline"\nexcerpt: "closed"\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
