"""A value carries a YAML tag that is not one of the safe, standard ones.

Tags such as `!!python/object` ask a loader to run code; unknown tags mean the value is not plain data. newslint never constructs them: the value is kept as text and reported.
"""

from rules.structure._problems import report_problems

CODE = "FM008"
NAME = "yaml-unsafe-tag"
SEVERITY = "error"
FIX = "never"
BAD = '---\ntitle: !!python/object/apply:os.system ["echo hi"]\n---\n'
GOOD = '---\ntitle: "echo hi"\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
