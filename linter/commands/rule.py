"""`newslint rule NAME_OR_CODE`: a rule's page (linter.ruledoc), the same text as
`docs/rules/<name>.md` (`newslint rules --docs docs/rules` writes them) and SARIF's help."""

from __future__ import annotations

import difflib
import sys

from linter.commands.common import load_registry
from linter.errors import UsageError
from linter.ruledoc import render


def add_arguments(p) -> None:
    p.add_argument("rule", help="rule name or code")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def suggest(reg, wanted: str) -> str:
    """`; did you mean 'x'?` when a rule name or code is close to `wanted`, else ''."""
    known = [r.name for r in reg.rules] + [r.code for r in reg.rules]
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    if not close and wanted.replace("-", "").isalpha():  # `datefuture`: the name without its dashes
        squashed = {r.name.replace("-", ""): r.name for r in reg.rules}
        close = [squashed[m] for m in difflib.get_close_matches(wanted.replace("-", "").lower(), list(squashed), n=1)]
    return f"; did you mean '{close[0]}'?" if close else ""


def run(args) -> int:
    reg = load_registry(args)
    r = reg.lookup(args.rule)
    if r is None:
        raise UsageError(f"no rule named or coded '{args.rule}'{suggest(reg, args.rule)} (see `newslint rules`)")
    sys.stdout.write(render(r))
    return 0
