"""Regular expressions compiled on first use.

A rule module names its patterns when it is imported, and every rule module is imported on every
run; but a run on one file uses few of them (a date in one spelling, no `related` items...).
`Lazy(pattern, flags)` stands for `re.compile(pattern, flags)` and compiles on the first use of
any attribute (`.fullmatch`, `.sub`, `.pattern`); that attribute is then kept on the object, so
every later use costs what it costs on the compiled pattern."""

from __future__ import annotations

import re


class Lazy:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if name.startswith("__"):  # copy and pickle probing for hooks: not a use of the pattern
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        value = self.__dict__[name] = getattr(self._compiled, name)
        return value
