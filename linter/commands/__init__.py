"""Subcommands: each module has `add_arguments(parser)` and `run(args) -> int` (an exit code).
Plugins add commands through the `newslint.commands` entry-point group (name = module; the
module also has HELP, one line)."""

COMMANDS = {
    "check": ("linter.commands.check", "lint Markdown files with YAML front matter"),
    "rules": ("linter.commands.rules", "list every rule"),
    "rule": ("linter.commands.rule", "show one rule's documentation"),
    "report": ("linter.commands.report", "write an HTML data-quality report of a corpus"),
    "clean": ("linter.commands.clean", "remove the cache"),
}
