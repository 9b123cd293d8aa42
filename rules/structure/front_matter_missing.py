"""The file does not start with a YAML front-matter block.

Jekyll and Hugo only read variables from a block that opens on the very first line with `---`. Without it the whole file is body text and the article has no title, date or URL.

Hugo also reads TOML front matter between `+++` lines, and JSON front matter (an object whose
braces stand on lines of their own): a file that opens with such a block has front matter in
another format, which is not reported (nor checked).
"""

from rules.structure._problems import report_problems

CODE = "FM001"
NAME = "front-matter-missing"
SEVERITY = "error"
FIX = "never"
BAD = '# Just a heading\n\nSome text.\n'
GOOD = '---\ntitle: "A headline"\n---\n\nSome text.\n'


def check(doc, options):
    return report_problems(doc, NAME)
