"""What several subcommands share: loading configuration and rules."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from linter import config as cfg
from linter.errors import ConfigError, UsageError


def split_list(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def add_selection_arguments(p) -> None:
    """Which rules run on which files: Ruff's flags, shared by `check` and `report`."""
    g = p.add_argument_group("rule and file selection")
    g.add_argument("--config", metavar="PATH", help="configuration file (default: found upward from here)")
    g.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    g.add_argument("--select", action="append", metavar="RULES",
                   help="comma-separated codes, names or prefixes (replaces the configuration's select)")
    g.add_argument("--extend-select", action="append", metavar="RULES", help="rules to run on top of the selection")
    g.add_argument("--ignore", "--extend-ignore", dest="ignore", action="append", metavar="RULES",
                   help="rules to skip, on top of the configuration's ignore (--extend-ignore is an alias)")
    g.add_argument("--per-file-ignores", action="append", metavar="GLOB:RULES",
                   help="skip RULES in the files GLOB matches (added to the configuration's)")
    g.add_argument("--exclude", action="append", metavar="GLOBS", help="files and folders to skip (replaces the defaults and the configuration's)")
    g.add_argument("--extend-exclude", action="append", metavar="GLOBS", help="more files and folders to skip")
    g.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=True,
                   help="skip what git ignores: .gitignore files and .git/info/exclude (default: on)")


def load_settings(args, cwd: Path | None = None, config: cfg.Config | None = None) -> cfg.Settings:
    """The settings of a run: the configuration (`config` if already loaded by `load_config`)
    and the rules."""
    from linter.startup import Startup

    with Startup():  # importing the rules is most of start-up
        return _load_settings(args, cwd or Path.cwd(), config)


def load_config(args, cwd: Path) -> cfg.Config:
    """The configuration file's settings with the command line's additions (no rules loaded)."""
    if getattr(args, "isolated", False):
        config = cfg.Config(root=cwd.resolve())
    else:
        config = cfg.load(Path(args.config) if getattr(args, "config", None) else None, cwd)
    _override(config, args)
    return config


def _load_settings(args, cwd: Path, config: cfg.Config | None) -> cfg.Settings:
    config = config or load_config(args, cwd)
    plugins = [(config.root / p) for p in config.plugins]
    for p in plugins:
        if not p.is_file():
            raise ConfigError(f"plugin file {p} does not exist")
    from linter import registry  # the rules: not needed to read the configuration (linter.replay)

    reg = registry.load(plugins)
    select = split_list(getattr(args, "select", None))
    if select == []:
        raise UsageError("--select names no rule: every rule would be off (to check nothing, do not run newslint)")
    settings = cfg.resolve(config, reg, select, split_list(getattr(args, "ignore", None)))
    fixable, unfixable = split_list(getattr(args, "fixable", None)), split_list(getattr(args, "unfixable", None))
    if fixable is not None or unfixable:
        _limit_fixes(settings, fixable, unfixable or [])
    return settings


def _override(config: cfg.Config, args) -> None:
    """The command line's additions to the configuration."""
    exclude = split_list(getattr(args, "exclude", None))
    if exclude is not None:
        config.exclude = exclude
    config.extend_exclude += split_list(getattr(args, "extend_exclude", None)) or []
    config.extend_select += split_list(getattr(args, "extend_select", None)) or []
    for item in getattr(args, "per_file_ignores", None) or []:
        glob, sep, rules = item.rpartition(":")
        codes = split_list([rules])
        if not sep or not glob or not codes:
            raise UsageError(f"--per-file-ignores takes GLOB:RULES (for example 'drafts/*.md:DT003'), not {item!r}")
        config.per_file_ignores[glob] = config.per_file_ignores.get(glob, []) + codes


def _limit_fixes(settings: cfg.Settings, fixable: list[str] | None, unfixable: list[str]) -> None:
    """--fixable / --unfixable: a rule whose fixes are not wanted is run as a rule without fixes
    (its findings are reported, never marked fixable, never fixed)."""
    allowed = {a.spec.code for a in settings.active} if fixable is None else \
        cfg._resolve_selectors("--fixable", settings.registry, fixable, "--fixable")
    allowed -= cfg._resolve_selectors("--unfixable", settings.registry, unfixable, "--unfixable")
    settings.active = [a if a.spec.code in allowed or not a.spec.fixable else a._replace(spec=a.spec.without_fixes())
                       for a in settings.active]


def load_registry(args):
    return load_settings(args).registry


def output_path(value: str | None, flag: str) -> Path | None:
    """The file an option names for newslint to write (a report, a baseline), checked before any
    work: a run that cannot write its result fails at once (exit 2) and changes nothing. A
    symbolic link is followed (the file it names is replaced, the link stays); a terminal or a
    pipe (`-o /dev/stdout`) is written as a stream."""

    if value is None:
        return None
    if _stream(Path(value)):  # checked on the name given: /dev/stdout leads to no path that exists
        if not os.access(value, os.W_OK):
            raise UsageError(f"cannot write {flag} {value}: permission denied")
        return Path(value)
    path = Path(os.path.realpath(value))
    if path.is_dir():
        why = "it is a folder"
    elif path.exists() and not path.is_file():
        why = "it is not a regular file"
    elif not path.parent.is_dir():
        why = f"no folder {Path(value).parent}"
    elif not os.access(path.parent, os.W_OK | os.X_OK):
        why = f"cannot create files in {Path(value).parent}"
    elif path.exists() and not os.access(path, os.W_OK):
        why = "the file is read-only"
    else:
        return path
    raise UsageError(f"cannot write {flag} {value}: {why}")


def _stream(path: Path) -> bool:
    """A character device or a FIFO: written as it is, not replaced."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_output(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a temporary file beside it, then renamed): on any failure
    the old file is left as it was. Undecodable bytes of file names are written back as they were."""
    from linter import atomic

    data = text.encode("utf-8", "surrogateescape")
    try:
        if _stream(path):
            with open(path, "wb") as fh:
                fh.write(data)
        else:
            atomic.write(path, data, create=True)
    except (OSError, atomic.WriteRefused) as exc:
        raise UsageError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}; left as it was") from None


def warn_if_none(targets: list, paths: list[str]) -> None:
    """No file to check is not a pass: say so on standard error (the exit code stays 0, as Ruff's)."""
    if not targets:
        import sys

        from linter.reporters.text import visible

        print(f"newslint: warning: no Markdown files found under {visible(', '.join(paths or ['.']))}"
              " (missing, excluded or ignored by git)", file=sys.stderr)
