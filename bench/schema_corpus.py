"""Run the schema check over a corpus folder and print what it reports, with timings.

    python bench/schema_corpus.py CORPUS [--schema NAME-OR-PATH] [--repeat N] [--quiet]

Every *.md file under CORPUS is parsed as newslint parses it; each gets the built-in schema that
fits its shape (or the one given with --schema) and is validated exactly as the schema-violation
rule does. Printed: each finding (path:line:column pointer message), counts per schema and per
kind of message, how many files were invalid, and the time per file of

  * parsing (for scale: the schema check should cost a small fraction of it),
  * the fast checker alone (what a valid file costs),
  * Schema.validate (fast checker + jsonschema on the invalid files: what newslint pays),
  * jsonschema's iter_errors on every file (what a plain jsonschema validator would pay).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linter import document  # noqa: E402
from linter.config import Config  # noqa: E402
from linter.schema import SchemaSet  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--schema", help="a built-in name or a schema file (default: chosen per file by shape)")
    ap.add_argument("--repeat", type=int, default=5, help="timing repetitions (best is kept)")
    ap.add_argument("--quiet", action="store_true", help="summary only")
    args = ap.parse_args(argv)

    paths = sorted(p for p in args.corpus.rglob("*.md") if p.is_file())
    if not paths:
        print(f"no .md files under {args.corpus}", file=sys.stderr)
        return 2
    config = Config(root=Path.cwd())
    if args.schema:
        config.schemas = {"**": args.schema}
    schemas = SchemaSet(config)
    raws = [(p, p.read_bytes()) for p in paths]

    def parse_all():
        return [(p, document.parse(raw, str(p))) for p, raw in raws]

    t_parse, docs = _best(parse_all, args.repeat)
    docs = [(p, d) for p, d in docs if isinstance(d.data, dict)]
    chosen = [(p, d, schemas.select(str(p), d)) for p, d in docs]

    findings = []
    per_schema: Counter = Counter()
    invalid_files = 0
    for p, d, schema in chosen:
        per_schema[schema.name] += 1
        reports = list(schema.validate(d))
        if reports:
            invalid_files += 1
        for r in reports:
            span = d.span(r.pointer, r.at_key) or (1, 1)
            findings.append((p, span[0], span[1], r.pointer, r.message))

    if not args.quiet:
        for p, line, col, ptr, msg in findings:
            print(f"{p.relative_to(args.corpus)}:{line}:{col}: {ptr or '/'}: {msg}")
    kinds = Counter(re.sub(r'"[^"]*"|\b\d+\b|\[\d+\]', "_", m.split(": ", 1)[-1]) for *_, m in findings)

    def fast_all():
        return [s.fast(d.data) for _, d, s in chosen]

    def validate_all():
        return [list(s.validate(d)) for _, d, s in chosen]

    def jsonschema_all():
        return [list(s.validator.iter_errors(d.data)) for _, d, s in chosen]

    t_fast, verdicts = _best(fast_all, args.repeat)
    t_validate, _ = _best(validate_all, args.repeat)
    t_js, errs = _best(jsonschema_all, max(1, args.repeat // 2))
    disagree = sum(1 for v, e in zip(verdicts, errs) if v != (not e))

    n = len(chosen)
    print()
    print(f"files: {len(paths)} ({n} with a front-matter mapping); schemas: {dict(per_schema)}")
    print(f"findings: {len(findings)} in {invalid_files} files")
    for kind, count in kinds.most_common():
        print(f"  {count:>5}  {kind}")
    print(f"fast checker and jsonschema disagree on {disagree} files")
    us = 1e6 / n
    print(f"time per file: parse {t_parse * 1e6 / len(paths):.1f} us | fast checker {t_fast * us:.1f} us | "
          f"Schema.validate {t_validate * us:.1f} us | jsonschema iter_errors {t_js * us:.1f} us")
    return 0


def _best(func, repeat: int):
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        out = func()
        best = min(best, time.process_time() - t0)
    return best, out


if __name__ == "__main__":
    sys.exit(main())
