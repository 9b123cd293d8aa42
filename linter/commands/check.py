"""`newslint check [PATHS...]`, with Ruff's flags where Ruff has one."""

from __future__ import annotations

import io
import os
import sys
from collections import Counter
from pathlib import Path

from linter.errors import UsageError
from linter.startup import Startup, collector_paused
from linter.commands.common import add_selection_arguments, load_settings, output_path, warn_if_none, write_output
from linter.config import FAIL_ON
from linter.reporters import REPORTERS


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (default: .); '-' reads standard input (see --stdin-filename)")
    out = p.add_argument_group("output")
    out.add_argument("--output-format", "--format", dest="format", choices=sorted(REPORTERS), default="text",
                     metavar="FORMAT", help=f"{', '.join(sorted(REPORTERS))} (default: text; --format is an alias)")
    out.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the text output (default: auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it)")
    out.add_argument("--quiet", "-q", action="store_true", help="findings only, no summary")
    out.add_argument("--statistics", action="store_true", help="counts per rule instead of findings")
    out.add_argument("--show-fixes", action="store_true", help="list the fixes applied")
    out.add_argument("--show-source", action="store_true", help="show the offending lines under each finding")
    out.add_argument("--show-files", action="store_true", help="list the files that would be checked, and exit")
    out.add_argument("--show-settings", action="store_true",
                     help="print the effective settings and the field roles each layout got, and exit")
    out.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    add_selection_arguments(p)
    fix = p.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true", help="apply safe fixes")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="with --fix or --diff, apply unsafe fixes too (alone it writes nothing)")
    fix.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fix.add_argument("--fixable", action="append", metavar="RULES", help="only these rules' fixes are applied")
    fix.add_argument("--unfixable", action="append", metavar="RULES", help="these rules' fixes are never applied")
    fix.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file was fixed, even if nothing remains")
    run = p.add_argument_group("run")
    run.add_argument("--fail-on", choices=FAIL_ON, help="lowest severity that fails the run (default: warning)")
    run.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    run.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    run.add_argument("--cache-dir", metavar="DIR", help="where the cache lives (default: .newslint_cache beside the configuration)")
    run.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    run.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    run.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline and exit 0")
    run.add_argument("--stdin-filename", metavar="PATH",
                     help="with '-': the path standard input stands for (configuration, per-file ignores, messages); "
                          "with --fix the fixed text is written to standard output")


def statistics(run, out) -> None:
    """Counts per rule, most frequent first, with the severity and how many --fix repairs; a total."""
    counts = Counter((f.code, f.rule, f.severity) for f in run.findings)
    fixable = Counter((f.code, f.rule, f.severity) for f in run.fixable_findings())
    for (code, rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = f"  ({fixable[(code, rule, severity)]} fixable)" if fixable[(code, rule, severity)] else ""
        out.write(f"{n:>7}  {code:<7} {severity:<8} {rule}{mark}\n")
    total = sum(counts.values())
    n_fixable = sum(fixable.values())
    out.write(f"{total:>7}  {'total':<7} {'':<8} {len(counts)} rule{'s' if len(counts) != 1 else ''}"
              f"{f'  ({n_fixable} fixable)' if n_fixable else ''}\n")


def colour_wanted(choice: str, stream) -> bool:
    """--color always|never|auto: auto is on for a terminal, off when NO_COLOR is set (any value
    but empty), on when FORCE_COLOR is (https://no-color.org, https://force-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def run(args) -> int:
    with Startup():  # the engine's imports and the settings are start-up too
        cwd = Path.cwd()
        found = _replay(args, cwd)
        if isinstance(found, int):
            return found
        from linter import batch, files, reporters  # noqa: F401 (imported here: start-up)

        settings = load_settings(args, cwd, found and found[0])
    with collector_paused():  # what finding, linting and reporting make lives until the end
        return _check(args, settings, cwd, found and found[1])


def _replay(args, cwd: Path):
    """A whole-tree check whose stored report is current (linter.replay): that report printed
    again, and its exit code. Otherwise the configuration and the discovery made to find out
    (reused by the run), or None when the run cannot be replayed."""
    from linter import replay

    if not replay.eligible(args, cwd):
        return None
    from linter.commands.common import load_config
    from linter.files import Discovery

    config = load_config(args, cwd)
    discovery = Discovery(config, cwd, respect_gitignore=args.respect_gitignore)
    try:
        targets = discovery.find(args.paths)
    except FileNotFoundError:
        return None  # the run says so
    folder = _cache_folder(args, config, targets, cwd)
    data = replay.stored(folder, replay.key(args, cwd, config), targets)
    if data is None:
        return config, (discovery, targets)
    _discovered(discovery)
    sys.stderr.write(data["err"])
    output = output_path(args.output, "--output")
    if output:
        write_output(output, data["out"])
    else:
        sys.stdout.write(data["out"])
    return data["code"]


def _cache_folder(args, config, targets, cwd: Path) -> Path:
    from linter import cache

    return Path(args.cache_dir) if args.cache_dir else cache.folder_for(config, {os.path.dirname(t.file) for t in targets}, cwd)


def _discovered(discovery) -> None:
    """What discovery found besides targets: skipped paths said on stderr (nothing is skipped
    silently), stale temporary files of a killed --fix run removed."""
    if discovery.skipped:
        from linter.reporters.text import visible

        for path, why in discovery.skipped:
            print(f"newslint: {visible(path)}: {why}", file=sys.stderr)
    if discovery.leftovers:
        from linter import atomic

        atomic.remove_leftovers(discovery.leftovers)


def _check(args, settings, cwd: Path, discovered=None) -> int:
    from linter import batch
    from linter.files import Discovery

    if args.fail_on:
        settings.config.fail_on = args.fail_on
    stdin = args.paths == ["-"]
    if "-" in args.paths and not stdin:
        raise UsageError("'-' (standard input) cannot be mixed with other paths")
    if args.stdin_filename and not stdin:
        raise UsageError("--stdin-filename needs '-' as the path (standard input)")
    # Where the results go is checked before any work: a run that cannot write them writes nothing.
    output = output_path(args.output, "--output")
    baseline_out = output_path(args.write_baseline, "--write-baseline")
    if args.write_baseline or args.baseline:
        from linter import baseline
    if args.baseline:
        try:
            known = baseline.load(Path(args.baseline))
        except baseline.BaselineError as exc:
            raise UsageError(str(exc)) from None
    fixed_stdin = stdin and args.fix and not args.diff  # standard output holds the fixed text
    stamps = None  # of the targets, if the run's report is to be stored (linter.replay)
    if stdin:
        result = _stdin(args, settings, cwd)
    else:
        if discovered:
            discovery, targets = discovered
        else:
            discovery = Discovery(settings.config, cwd, respect_gitignore=args.respect_gitignore)
            try:
                targets = discovery.find(args.paths)
            except FileNotFoundError as exc:
                raise UsageError(f"no such file or folder: {exc}") from None
        _discovered(discovery)
        if args.show_settings:
            from linter.commands.show_settings import show

            show(settings, targets, sys.stdout)
            return 0
        if args.show_files:
            from linter.reporters.text import visible

            for t in targets:
                sys.stdout.write(visible(t.path) + "\n")
            return 0
        warn_if_none(targets, args.paths)
        partial = bool(args.paths) and all(not os.path.isdir(cwd / p) for p in args.paths)  # isdir: False on a path too long
        options = batch.RunOptions(
            fix=args.fix and not args.diff, unsafe_fixes=args.unsafe_fixes, diff=args.diff, jobs=args.jobs,
            cache=not args.no_cache, progress=False if args.no_progress else None,
            respect_gitignore=args.respect_gitignore, cache_dir=_cache_folder(args, settings.config, targets, cwd),
        )
        from linter import replay

        stamps = replay.before(targets) if replay.eligible(args, cwd) else None
        try:
            result = batch.run(targets, settings, options, cwd, partial=partial)
        except batch.RunError as exc:
            print(f"newslint: error: {exc}", file=sys.stderr)
            return 2
    if args.write_baseline:
        text, n = baseline.dumps(result.results)
        write_output(baseline_out, text)
        print(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}.", file=sys.stderr)
        return 2 if result.internal_error else 0
    if args.baseline:
        result.baseline_gone = baseline.apply(known, result.results)
    from linter import cache

    stored = stamps is not None and not result.internal_error
    out, err = (io.StringIO(), io.StringIO()) if stored else (sys.stderr if fixed_stdin and not output else None, sys.stderr)
    _report(args, result, output, out, err)
    code = _exit_code(args, settings, result)
    if stored:  # printed now, and kept for the next run (linter.replay)
        sys.stderr.write(err.getvalue())
        if not output:
            sys.stdout.write(out.getvalue())
        extra = [str(p) for p in (settings.config.source, args.baseline) if p]
        extra += [str(settings.config.root / s) for s in settings.config.schemas.values()]
        replay.record(options.cache_dir, replay.key(args, cwd, settings.config), stamps,
                      extra + cache.option_files(settings.active), out.getvalue(), err.getvalue(), code)
    return code


def _exit_code(args, settings, result) -> int:
    if result.internal_error:
        return 2
    if args.diff:
        return 1 if result.diffs else 0
    if args.exit_zero:
        return 0
    if args.exit_non_zero_on_fix and result.applied:
        return 1
    return 1 if any(settings.fails(f.severity) for f in result.findings) else 0


def _report(args, result, output: Path | None, out=None, err=sys.stderr) -> None:
    """Notes on `err`, then the report: to `out` if given, else to `output` or stdout."""
    from linter.reporters import get
    from linter.reporters.text import visible

    for note in result.errors:
        print(f"newslint: {visible(note)}", file=err)
    colour = out is not sys.stderr and output is None and colour_wanted(args.color, sys.stdout)
    out = out or (io.StringIO() if output else sys.stdout)
    if args.diff:
        for d in result.diffs:
            out.write(visible(d, keep_lines=True))
        if not args.quiet:
            n, files = len(result.applied), len(result.diffs)
            print(f"Would fix {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}.", file=err)
    elif args.statistics:
        statistics(result, out)
    else:
        get(args.format).render(result, out, {
            "format": args.format, "quiet": args.quiet, "show_fixes": args.show_fixes, "show_source": args.show_source,
            "colour": colour,
            "base": str(output.parent.resolve()) if output else None,  # what links in a report are relative to
        })
    if output:
        write_output(output, out.getvalue())


def _stdin(args, settings, cwd: Path):
    """Lint standard input as the file --stdin-filename names (not read from disk; no cache,
    repository rules see only it). With --fix, write the fixed text (or the text unchanged) to
    standard output; the findings that remain are then reported on standard error."""
    from linter import fixer
    from linter.batch import RunResult
    from linter.engine import Linter

    shown = args.stdin_filename or "-"
    absolute = Path(os.path.normpath(cwd / shown))
    try:
        relpath = absolute.relative_to(settings.config.root).as_posix()
    except ValueError:
        relpath = shown
    raw = sys.stdin.buffer.read()
    linter = Linter(settings)
    result = RunResult(settings, cwd, unsafe_fixes=args.unsafe_fixes)
    if args.fix or args.diff:
        outcome = fixer.fix_document(linter, raw, shown, relpath, args.unsafe_fixes)
        if outcome.error:
            result.errors.append(f"{shown}: {outcome.error}")
        file_result, result.applied = outcome.result, outcome.repaired
        if args.diff and outcome.repaired:
            old = raw.decode("utf-8", "surrogateescape").lstrip("\ufeff")
            result.diffs.append(fixer.unified_diff(shown, old, outcome.text))
    else:
        file_result = linter.lint_bytes(raw, shown, relpath)[1]
    linter.finish([file_result])
    result.results = [file_result]
    if args.fix and not args.diff:
        new = fixer.encode(outcome.text, raw.startswith(b"\xef\xbb\xbf")) if outcome.repaired else raw
        sys.stdout.flush()
        sys.stdout.buffer.write(new)
        sys.stdout.buffer.flush()
    return result
