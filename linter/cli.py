"""Command line: `newslint check|rules|rule ...`. Exit 0 clean, 1 findings, 2 usage/config/internal error."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from typing import Sequence

from linter import __version__
from linter.commands import COMMANDS


class UsageError(Exception):
    """A problem with how newslint was called or configured: one line on stderr, exit 2."""


class _Commands(argparse._SubParsersAction):
    """The subcommands, each given its arguments only when it is the one called: building every
    subcommand's parser would import every command module (and what they import) on each run."""

    def __call__(self, parser, namespace, values, option_string=None):
        chosen = self._name_parser_map.get(values[0]) if values else None
        if chosen is not None:
            _complete(chosen)
        super().__call__(parser, namespace, values, option_string)


def _complete(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add a subcommand's own arguments to its parser (once)."""
    module = p.get_default("_module")
    if not getattr(p, "_newslint_complete", False):
        p._newslint_complete = True
        importlib.import_module(module).add_arguments(p)
    return p


def build_parser(complete: bool = True) -> argparse.ArgumentParser:
    """The whole parser; with complete=False, each subcommand gets its arguments only when parsing
    reaches it (what `main` does: the help, the errors and the result are the same)."""
    parser = argparse.ArgumentParser(
        prog="newslint", description="A data-quality linter for scraped news articles (Markdown + YAML front matter)."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        if complete:
            _complete(p)
    return parser


class Startup:
    """`with Startup():` around newslint's start-up (imports, the parser, the configuration, the
    rules). It makes some 20,000 container objects that live until the end and frees few, so
    the cyclic garbage collector, which runs every 700 allocations and walks ever more of them,
    finds next to nothing (about 30 collections, 4-5 ms of a one-file run). It is paused instead, and
    what start-up made is frozen (gc.freeze) rather than walked once more by the next
    collection. Outside `main`, nothing is frozen. Called with arguments (from Python code),
    `main` unfreezes it when it returns. Called as the program (no arguments: the `newslint`
    script, `python -m linter`), the process ends when it returns, so it stays frozen: the
    interpreter's collections at exit skip it and do not free it object by object (~10 ms of
    a one-file run; the system takes the memory back at once). A caller that paused the
    collector or froze objects of its own is left as it was."""

    in_main = False  # `main` is running: it decides whether what start-up froze is unfrozen
    frozen = False

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            if Startup.in_main and (Startup.frozen or gc.get_freeze_count() == 0):
                gc.freeze()
                Startup.frozen = True
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    outer, Startup.in_main = Startup.in_main, True
    try:
        with Startup():
            parser = build_parser(complete=False)
            args = parser.parse_args(argv)
            if not getattr(args, "_module", None):
                parser.print_help(sys.stderr)
                return 2
            from linter.config import ConfigError
            from linter.registry import RegistryError

        try:
            with Startup():
                command = importlib.import_module(args._module)
            return command.run(args)
        except (UsageError, ConfigError, RegistryError) as exc:
            from linter.reporters.text import visible  # a path or value in the message may hold control characters

            print(f"newslint: error: {visible(str(exc))}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("newslint: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0
    finally:
        Startup.in_main = outer
        if Startup.frozen and not outer:
            Startup.frozen = False
            if argv is not None:  # else this is the program, and it ends now (see Startup)
                gc.unfreeze()


if __name__ == "__main__":
    raise SystemExit(main())
