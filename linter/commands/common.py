"""What several subcommands share: loading configuration and rules."""

from __future__ import annotations

import os
from pathlib import Path

from linter import config as cfg
from linter import registry


def split_list(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def load_settings(args, cwd: Path | None = None) -> cfg.Settings:
    from linter.cli import Startup

    with Startup():  # importing the rules is most of start-up
        return _load_settings(args, cwd)


def _load_settings(args, cwd: Path | None) -> cfg.Settings:
    cwd = cwd or Path.cwd()
    config = cfg.load(Path(args.config) if getattr(args, "config", None) else None, cwd)
    plugins = [(config.root / p) for p in config.plugins]
    for p in plugins:
        if not p.is_file():
            raise cfg.ConfigError(f"plugin file {p} does not exist")
    reg = registry.load(plugins)
    return cfg.resolve(config, reg, split_list(getattr(args, "select", None)), split_list(getattr(args, "ignore", None)))


def load_registry(args) -> registry.Registry:
    return load_settings(args).registry


def output_path(value: str | None, flag: str) -> Path | None:
    """The file an option names for newslint to write (a report, a baseline), checked before any
    work: a run that cannot write its result fails at once (exit 2) and changes nothing."""
    from linter.cli import UsageError

    if value is None:
        return None
    path = Path(value)
    folder = path.parent
    if path.is_symlink():
        why = "it is a symbolic link"
    elif path.is_dir():
        why = "it is a folder"
    elif path.exists() and not path.is_file():
        why = "it is not a regular file"
    elif not folder.is_dir():
        why = f"no folder {folder}"
    elif not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        why = "permission denied"
    else:
        return path
    raise UsageError(f"cannot write {flag} {value}: {why}")


def write_output(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (a temporary file beside it, then renamed): on any failure
    the old file is left as it was. Undecodable bytes of file names are written back as they were."""
    from linter.cli import UsageError
    from linter.fixer import WriteRefused, atomic_write

    try:
        atomic_write(path, text.encode("utf-8", "surrogateescape"), create=True)
    except (OSError, WriteRefused) as exc:
        raise UsageError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}; left as it was") from None
