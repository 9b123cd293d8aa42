"""What several subcommands share: loading configuration and rules."""

from __future__ import annotations

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
