"""The errors that end a run with one line on stderr and exit 2 (`linter.cli.main` prints them)."""


class UsageError(Exception):
    """A problem with how newslint was called: a bad argument, path or combination."""


class ConfigError(Exception):
    """A bad configuration: a key, a value, a rule option, a schema."""


class RegistryError(Exception):
    """A rule plugin that cannot be loaded or is defined badly or twice."""
