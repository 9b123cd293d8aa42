"""Coverage-guided fuzz target (atheris) for newslint's whole per-file path.

Each input is one file's bytes. The target lints it with every installed rule (as
`newslint check --select ALL` would), then fixes it with unsafe fixes on and checks the
guarantees that must hold for any input:

* no exception escapes (a rule that raises becomes an `internal-error` finding, which the
  target also treats as a crash, so buggy rules are found too);
* every finding's position lies inside the file;
* fixing is idempotent: fixing the fixed text again changes nothing.

It also lints each input with the limits raised (max-depth 1000 and more), as the documentation
invites for real data. The seeds (make_seeds.py) include the shapes of the hostile cases found
so far: values outside the calendar, ints too long to print, nesting past Python's recursion,
long runs of spaces, slugs of truncated words, unhashable list items, tagged strings, fields a
fix would empty.

Run (see docs/guarantees.md):

    pip install atheris
    python fuzz/make_seeds.py fuzz/seeds          # small seed corpus, written once
    python fuzz/fuzz_lint.py -atheris_runs=200000 -max_len=4096 -seed=1 fuzz/corpus fuzz/seeds

`fuzz/corpus` collects the inputs that found new coverage; it is not committed.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["linter", "rules"]):
    from linter import config as cfg
    from linter import fixer, registry
    from linter.engine import Linter, lint_text

_REGISTRY = registry.load()
_SETTINGS = cfg.resolve(cfg.from_dict({"select": ["ALL"]}, __import__("pathlib").Path.cwd()), _REGISTRY)
_LINTER = Linter(_SETTINGS)
# Limits raised as the documentation invites for real data: nesting past what Python can recurse
# through must still be a finding (a 600-deep document once raised RecursionError).
_RAISED = Linter(cfg.resolve(cfg.from_dict({"select": ["ALL"], "limits": {
    "max-depth": 1000, "max-aliases": 10_000, "max-nodes": 1_000_000}}, __import__("pathlib").Path.cwd()), _REGISTRY))


def _check_positions(raw: bytes, findings) -> None:
    text = raw.decode("utf-8", "replace")
    lines = max(1, text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
    for f in findings:
        if f.rule == "internal-error":
            raise AssertionError(f.message)
        if not (1 <= f.line <= f.end_line <= lines and f.column >= 1 and f.end_column >= 1):
            raise AssertionError(f"{f.rule}: position {f.line}:{f.column}-{f.end_line}:{f.end_column} outside a {lines}-line file")


def test_one_input(raw: bytes) -> None:
    _check_positions(raw, lint_text(raw.decode("utf-8", "replace"), _SETTINGS, "fuzz.md"))
    _, result = _LINTER.lint_bytes(raw, "fuzz.md", "fuzz.md")
    _LINTER.finish([result])
    _check_positions(raw, result.findings)
    _, raised = _RAISED.lint_bytes(raw, "fuzz.md", "fuzz.md")
    _check_positions(raw, raised.findings)
    outcome = fixer.fix_document(_LINTER, raw, "fuzz.md", "fuzz.md", unsafe=True)
    if outcome.applied:
        once = fixer.encode(outcome.text, raw.startswith(b"\xef\xbb\xbf"))
        again = fixer.fix_document(_LINTER, once, "fuzz.md", "fuzz.md", unsafe=True)
        if again.applied and again.text != outcome.text:
            rules = sorted({f.rule for f in again.applied})
            raise AssertionError(f"fix is not idempotent: a second pass applied {rules}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
