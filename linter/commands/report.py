"""`newslint report PATHS -o report.html`: one self-contained HTML page of a corpus's data
quality (findings per rule, severity, provider, month of publication; the worst files; what
--fix would repair). Checks the files like `newslint check` (same configuration, --select and
--ignore), changes nothing, exits 0 unless newslint itself failed."""

from __future__ import annotations

import sys
from pathlib import Path

from linter.errors import UsageError
from linter.commands.common import add_selection_arguments, load_settings, output_path, warn_if_none, write_output


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="*", help="files or folders (default: .)")
    p.add_argument("--output", "-o", metavar="FILE", default="newslint-report.html",
                   help="where to write the page (default: newslint-report.html; '-' for stdout)")
    p.add_argument("--top", type=int, default=50, metavar="N", help="list the N files with the most findings (default: 50)")
    p.add_argument("--title", help="the page's title")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache (.newslint_cache/)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    add_selection_arguments(p)


def run(args) -> int:
    from linter import batch
    from linter.files import Discovery
    from linter.reporters import html
    from linter.reporters.text import visible

    if args.top < 1:
        raise UsageError("--top must be at least 1")
    output = None if args.output == "-" else output_path(args.output, "--output")
    cwd = Path.cwd()
    settings = load_settings(args, cwd)
    try:
        targets = Discovery(settings.config, cwd, respect_gitignore=args.respect_gitignore).find(args.paths)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or folder: {exc}") from None
    warn_if_none(targets, args.paths)
    options = batch.RunOptions(cache=not args.no_cache, jobs=args.jobs, respect_gitignore=args.respect_gitignore)
    result = batch.run(targets, settings, options, cwd)
    for note in result.errors:
        print(f"newslint: {visible(note)}", file=sys.stderr)
    page = html.page(result, {"top": args.top, "title": args.title, "paths": args.paths or ["."],
                              "base": str(output.parent.resolve()) if output else None})
    if output is None:
        sys.stdout.write(page)
    else:
        write_output(output, page)
        print(f"newslint: wrote {args.output} ({len(result.findings):,} findings in {len(result.results):,} files)",
              file=sys.stderr)
    return 2 if result.internal_error else 0
