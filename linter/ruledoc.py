"""A rule's page, in Ruff's sections (What it does / Why is this bad? / Example / Options / Fix
safety), made from the rule's docstring and metadata: what `newslint rule NAME` prints, the
files `newslint rules --docs` writes, SARIF's rule help and the HTML report's rule pages."""

from __future__ import annotations

import json
import re

FIX_KIND = {"never": "no fix", "sometimes": "fixable in some cases", "always": "fixable"}
_FIX_PARAGRAPH = re.compile(r"(?:The fix|Fix\b|Fixes\b|No fix\b|Not fixed\b)")
_OPTIONS_HEADER = re.compile(r"Options?:\s*")


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


def _text(text: str) -> str:
    """Plain text fit for a Markdown table cell."""
    return text.replace("|", "\\|")


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
        out += ["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"]
        out += [f"| `{k}` | {_text(o.type_text)} | `{_cell(o.default)}` | {_text(o.doc)} |" for k, o in r.declared.items()]
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
