"""Command line: `newslint check|rules|rule ...`. Exit 0 clean, 1 findings, 2 usage/config/internal error."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from typing import Sequence

from linter import __version__
from linter.commands import COMMANDS
from linter.errors import ConfigError, RegistryError, UsageError
from linter.startup import Startup

COMMAND_GROUP = "newslint.commands"


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


def plugin_commands() -> dict[str, tuple[str, str]]:
    """{name: (module, help)} of the commands plugins add (entry-point group `newslint.commands`)."""
    from linter.entrypoints import entry_points

    out = {}
    for ep in entry_points(COMMAND_GROUP):
        try:
            module = ep.load()
        except Exception as exc:  # a broken plugin must be named, not crash the run
            raise RegistryError(f"cannot load command plugin {ep.name} = {ep.value}: {type(exc).__name__}: {exc}") from None
        out.setdefault(ep.name, (module.__name__, getattr(module, "HELP", "")))
    return out


def build_parser(complete: bool = True, argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; with complete=False, each subcommand gets its arguments only when parsing
    reaches it (what `main` does: the help, the errors and the result are the same). Plugins'
    commands are looked for unless `argv` names a built-in command."""
    parser = argparse.ArgumentParser(
        prog="newslint", description="A data-quality linter for scraped news articles (Markdown + YAML front matter)."
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", action=_Commands)
    commands = COMMANDS if argv and argv[0] in COMMANDS else {**plugin_commands(), **COMMANDS}
    commands = {**COMMANDS, **commands}  # built-ins first, and never replaced by a plugin's
    for name, (module, help_text) in commands.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        if complete:
            _complete(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    outer, Startup.in_main = Startup.in_main, True
    try:
        with Startup():
            try:
                parser = build_parser(complete=False, argv=sys.argv[1:] if argv is None else argv)
            except RegistryError as exc:  # a command plugin that cannot be loaded
                print(f"newslint: error: {exc}", file=sys.stderr)
                return 2
            args = parser.parse_args(argv)
            if not getattr(args, "_module", None):
                parser.print_help(sys.stderr)
                return 2

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
