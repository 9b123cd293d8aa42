"""The front matter opens with `---` but is never closed.

Without a closing `---` (or `...`) line, the site generator treats the whole file as front matter or as text, depending on the tool.
"""

from rules.structure._problems import report_problems

CODE = "FM002"
NAME = "front-matter-unterminated"
SEVERITY = "error"
FIX = "never"
BAD = '---\ntitle: "A headline"\n\nSome text.\n'
GOOD = '---\ntitle: "A headline"\n---\n\nSome text.\n'


def check(doc, options):
    return report_problems(doc, NAME)
