"""The front matter is not a mapping of keys to values.

A list or a bare string in the front matter gives the site generator no variables at all.
"""

from rules.structure._problems import report_problems

CODE = "FM005"
NAME = "front-matter-not-mapping"
SEVERITY = "error"
FIX = "never"
BAD = '---\n- title\n- date\n---\n'
GOOD = '---\ntitle: "A headline"\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
