#!/usr/bin/env python3
"""How faithful are fixes to the bytes they do not mean to change? Run over real files:

    python bench/roundtrip.py ../shared/corpus/powerapps-news [more folders...]

Three no-op passes, each reported as the share of files left byte-identical:
  1. newslint's write path: decode, encode (BOM, CRLF, odd bytes) -- what `--fix` writes
     around its edits.
  2. newslint's edit primitive: every scalar value is replaced by itself through
     `linter.yamledit.replace_value` (the function every value fix goes through), all at once.
  3. for comparison, ruamel.yaml round-trip (load + dump of the front matter, body kept).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from linter import fixer
from linter.document import parse
from linter.yamledit import replace_value


def write_path_identical(raw: bytes) -> bool:
    doc = parse(raw)
    if any(p.kind == "invalid-encoding" for p in doc.problems):
        return True  # never written
    return fixer.encode(doc.text, doc.bom) == raw


def edit_primitive_identical(raw: bytes) -> tuple[bool, list[str]]:
    doc = parse(raw)
    edits, skipped = [], []
    for ptr, node in doc.nodes.items():
        if not hasattr(node, "style") or isinstance(node.value, list):
            continue
        edit = replace_value(doc, ptr, doc.get(ptr))
        if edit is None:
            skipped.append(ptr)
            continue
        edits.append(edit)
    new = fixer.apply_edits(doc.text, edits)
    changed = [e for e in edits if doc.text[e.start : e.end] != e.text]
    return new == doc.text, [f"{doc.text[e.start:e.end]!r} -> {e.text!r}" for e in changed[:3]]


def ruamel_identical(raw: bytes) -> bool:
    from ruamel.yaml import YAML

    text = raw.decode("utf-8", "replace")
    if not text.startswith("---"):
        return True
    end = text.find("\n---", 3)
    fm = text[4 : end + 1]
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 10**9
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout these files use
    buf = io.StringIO()
    try:
        yaml.dump(yaml.load(fm), buf)
    except Exception:
        return False
    return buf.getvalue() == fm


def main(folders: list[str]) -> None:
    files = [p for f in folders for p in sorted(Path(f).rglob("*.md"))]
    n = len(files)
    a = b = c = 0
    examples = []
    for p in files:
        raw = p.read_bytes()
        a += write_path_identical(raw)
        ok, diffs = edit_primitive_identical(raw)
        b += ok
        if not ok and len(examples) < 5:
            examples.append((p.name, diffs))
        c += ruamel_identical(raw)
    print(f"{n} files")
    print(f"write path (decode/encode)         : {a / n:7.2%} byte-identical")
    print(f"edit primitive (every value -> itself): {b / n:7.2%} byte-identical")
    print(f"ruamel.yaml round-trip (comparison): {c / n:7.2%} byte-identical")
    for name, diffs in examples:
        print(f"  {name}: {'; '.join(diffs)}")


if __name__ == "__main__":
    main(sys.argv[1:])
