"""`newslint rule NAME_OR_CODE`: the rule's documentation, with a bad and a good example."""

from __future__ import annotations

import sys

from linter.cli import UsageError
from linter.commands.common import load_registry


def add_arguments(p) -> None:
    p.add_argument("rule", help="rule name or code")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def render(r) -> str:
    """Markdown documentation for one rule (also used for README's rule reference)."""
    fix = {"never": "no fix", "sometimes": "fixable in some cases", "always": "fixable"}[r.fix]
    out = [f"### {r.name} ({r.code})", "", f"{r.summary}", "", f"Default severity: {r.severity}; {fix}."]
    if not r.enabled:
        out[-1] += " Off unless selected."
    if r.description:
        out += ["", r.description]
    if r.options:
        out += ["", "Options:", ""]
        out += [f"- `{k}` (default: `{v!r}`)" for k, v in r.options.items()]
    for label, example in (("Bad", r.bad), ("Good", r.good)):
        if not example:
            continue
        out += ["", f"{label}:"]
        # a repository rule's example is several files: {path: text}
        for path, text in (example.items() if isinstance(example, dict) else [(None, example)]):
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            out += ["", f"`{path}`:"] if path else []
            out += ["", "```markdown", text.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


def run(args) -> int:
    reg = load_registry(args)
    r = reg.lookup(args.rule)
    if r is None:
        raise UsageError(f"no rule named or coded '{args.rule}' (see `newslint rules`)")
    sys.stdout.write(render(r))
    return 0
