"""The file is not valid UTF-8.

Reported at the first byte that cannot be decoded (or for a UTF-16 file). Nothing else is checked, and the file is never rewritten, so no byte of it is lost.
"""

from rules.structure._problems import report_problems

CODE = "FM006"
NAME = "invalid-encoding"
SEVERITY = "error"
FIX = "never"
BAD = b'---\ntitle: "caf\xe9"\n---\n'  # Latin-1 bytes: not text, so given as bytes
GOOD = '---\ntitle: "café"\n---\n'


def check(doc, options):
    return report_problems(doc, NAME)
