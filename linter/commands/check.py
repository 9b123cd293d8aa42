"""`newslint check [PATHS...]`."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from linter.cli import Startup, UsageError
from linter.commands.common import load_settings
from linter.config import FAIL_ON
from linter.reporters import REPORTERS


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (default: .)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--select", action="append", metavar="RULES", help="comma-separated codes, names or prefixes (replaces the config's select)")
    p.add_argument("--ignore", action="append", metavar="RULES", help="comma-separated codes, names or prefixes to skip")
    p.add_argument("--fix", action="store_true", help="apply safe fixes")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the run (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    p.add_argument("--config", metavar="PATH", help="configuration file (default: found upward from here)")
    p.add_argument("--quiet", "-q", action="store_true", help="findings only, no summary")
    p.add_argument("--statistics", action="store_true", help="counts per rule instead of findings")
    p.add_argument("--show-fixes", action="store_true", help="list the fixes applied")
    p.add_argument("--show-source", action="store_true", help="show the offending lines under each finding")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache (.newslint_cache/)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline and exit 0")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.add_argument("--show-settings", action="store_true",
                   help="print the effective settings and the field roles each layout got; lint nothing")


def statistics(run, out) -> None:
    counts = Counter((f.code, f.rule) for f in run.findings)
    fixable = Counter((f.code, f.rule) for f in run.findings if f.fix is not None)
    for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = f"  ({fixable[(code, rule)]} fixable)" if fixable[(code, rule)] else ""
        out.write(f"{n:>7}  {code:<7} {rule}{mark}\n")


def run(args) -> int:
    with Startup():  # the engine's imports and the settings are start-up too
        from linter import files, reporters, run as runmod  # noqa: F401 (imported here: start-up)

        cwd = Path.cwd()
        settings = load_settings(args, cwd)
    with runmod.collector_paused():  # what finding, linting and reporting make lives until the end
        return _check(args, settings, cwd)


def _check(args, settings, cwd: Path) -> int:
    from linter import run as runmod
    from linter.files import Discovery
    from linter.reporters import get

    if args.fail_on:
        settings.config.fail_on = args.fail_on
    if args.unsafe_fixes and not (args.fix or args.diff):
        args.fix = True
    discovery = Discovery(settings.config, cwd)
    try:
        targets = discovery.find(args.paths)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or folder: {exc}") from None
    for path, why in discovery.skipped:  # nothing is skipped silently
        print(f"newslint: {path}: {why}", file=sys.stderr)
    if args.show_settings:
        from linter.commands.show_settings import show

        show(settings, targets, sys.stdout)
        return 0
    options = runmod.RunOptions(
        fix=args.fix and not args.diff, unsafe_fixes=args.unsafe_fixes, diff=args.diff, jobs=args.jobs,
        cache=not args.no_cache, progress=False if args.no_progress else None,
    )
    partial = bool(args.paths) and all(not os.path.isdir(cwd / p) for p in args.paths)  # isdir: False on a path too long
    try:
        result = runmod.run(targets, settings, options, cwd, partial=partial)
    except runmod.RunError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    if args.write_baseline or args.baseline:
        from linter import baseline
    if args.write_baseline:
        n = baseline.write(Path(args.write_baseline), result.results)
        print(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}.", file=sys.stderr)
        return 2 if result.internal_error else 0
    if args.baseline:
        try:
            result.baseline_gone = baseline.apply(baseline.load(Path(args.baseline)), result.results)
        except baseline.BaselineError as exc:
            raise UsageError(str(exc)) from None
    for note in result.errors:
        print(f"newslint: {note}", file=sys.stderr)

    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.diff:
            for d in result.diffs:
                out.write(d)
            if not args.quiet:
                print(f"Would fix {len(result.applied)} finding{'s' if len(result.applied) != 1 else ''} in {len(result.diffs)} file{'s' if len(result.diffs) != 1 else ''}.", file=sys.stderr)
        elif args.statistics:
            statistics(result, out)
        else:
            colour = out is sys.stdout and sys.stdout.isatty() and args.format in ("text", "full", "concise")
            get(args.format).render(result, out, {
                "format": args.format, "colour": colour, "quiet": args.quiet,
                "show_fixes": args.show_fixes, "show_source": args.show_source,
            })
    finally:
        if out is not sys.stdout:
            out.close()
    if result.internal_error:
        return 2
    if args.diff:
        return 1 if result.diffs else 0
    if args.exit_zero:
        return 0
    return 1 if any(settings.fails(f.severity) for f in result.findings) else 0
