"""Command line: `newslint check|rules|rule ...`. Exit 0 clean, 1 findings, 2 usage/config/internal error."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from linter import __version__
from linter.commands import COMMANDS


class UsageError(Exception):
    """A problem with how newslint was called or configured: one line on stderr, exit 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newslint", description="A data-quality linter for scraped news articles (Markdown + YAML front matter)."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_module", None):
        parser.print_help(sys.stderr)
        return 2
    from linter.config import ConfigError
    from linter.registry import RegistryError

    try:
        return importlib.import_module(args._module).run(args)
    except (UsageError, ConfigError, RegistryError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
