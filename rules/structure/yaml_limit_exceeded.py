"""The front matter exceeds a safety bound (size, nesting, aliases).

Bounds keep hostile files from using unbounded time or memory: front matter over 1 MiB, nesting deeper than 64 levels, more than 100 aliases, or more than 100,000 values after alias expansion (a 'billion laughs' file). Raise them under `[tool.newslint.limits]` if real data needs it.
"""

from rules.structure._problems import report_problems

CODE = "FM007"
NAME = "yaml-limit-exceeded"
SEVERITY = "error"
FIX = "never"
BAD = '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n'
GOOD = '---\na: [x, x]\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
