"""`newslint rule NAME_OR_CODE`: a rule's page, in Ruff's sections (What it does / Why is this bad?
/ Example / Options / Fix safety), made from the rule's docstring and metadata. The same text is
`docs/rules/<name>.md` (`newslint rules --docs docs/rules` writes them) and SARIF's help."""

from __future__ import annotations

import difflib
import json
import re
import sys

from linter.cli import UsageError
from linter.commands.common import load_registry

FIX_KIND = {"never": "no fix", "sometimes": "fixable in some cases", "always": "fixable"}
_FIX_PARAGRAPH = re.compile(r"(?:The fix|Fix\b|Fixes\b|No fix\b|Not fixed\b)")
_OPTIONS_HEADER = re.compile(r"Options?:\s*")


def add_arguments(p) -> None:
    p.add_argument("rule", help="rule name or code")
    p.add_argument("--config", help="configuration file (default: found upward from here)")


def sections(r) -> dict[str, list[str]]:
    """The docstring's paragraphs after the summary, sorted into the page's sections: those about
    options (headed `Options:`/`Option`, or starting with an option's name), those about the fix,
    and the rest (why it matters, what is and is not reported)."""
    out: dict[str, list[str]] = {"why": [], "options": [], "fix": []}
    for paragraph in (p.strip() for p in r.description.split("\n\n")):
        if not paragraph:
            continue
        first = paragraph.split(None, 1)[0].strip("`").rstrip(":")
        if _OPTIONS_HEADER.match(paragraph) and paragraph.startswith("Option"):
            rest = _OPTIONS_HEADER.sub("", paragraph, count=1) if paragraph.startswith("Options:") else paragraph
            if rest:
                out["options"].append(rest)
        elif first in r.options:
            out["options"].append(paragraph)
        elif _FIX_PARAGRAPH.match(paragraph):
            out["fix"].append(paragraph)
        else:
            out["why"].append(paragraph)
    return out


def _example(label: str, example) -> list[str]:
    out = [label] if label else []
    # a repository rule's example is several files: {path: text}
    for path, text in (example.items() if isinstance(example, dict) else [(None, example)]):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        out += ["", f"`{path}`:"] if path else []
        out += ["", "```markdown", text.rstrip("\n"), "```"]
    return out


def _cell(value) -> str:
    """An option's default as JSON, fit for a Markdown table cell."""
    return json.dumps(value, default=str, ensure_ascii=False).replace("|", "\\|")


def render(r) -> str:
    """The rule's page (Markdown)."""
    parts = sections(r)
    state = f"Default severity: {r.severity}; {FIX_KIND[r.fix]}."
    if not r.enabled:
        state += " Off unless selected."
    out = [f"# {r.name} ({r.code})", "", state, "", "## What it does", "", r.summary]
    if parts["why"]:
        out += ["", "## Why is this bad?", ""] + "\n\n".join(parts["why"]).split("\n")
    if r.bad:
        out += ["", "## Example"] + _example("", r.bad)
        if r.good:
            out += [""] + _example("Use instead:", r.good)
    out += ["", "## Options", ""]
    if r.options:
        out += ["| Option | Default |", "| --- | --- |"]
        out += [f"| `{k}` | `{_cell(v)}` |" for k, v in r.options.items()]
        out += [line for p in parts["options"] for line in ["", *p.split("\n")]]
    else:
        out.append("None.")
    out += ["", "## Fix safety", ""]
    if parts["fix"]:
        out += "\n\n".join(parts["fix"]).split("\n")
    elif r.fix == "never":
        out.append("This rule has no fix.")
    else:
        out.append(f"This rule is {FIX_KIND[r.fix]}: `--fix` applies its safe fixes, `--unsafe-fixes` the others.")
    return "\n".join(out) + "\n"


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
