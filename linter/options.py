"""Rule options, declared and checked once, when the configuration loads (yamllint's CONF).

A rule's `OPTIONS` maps each option's name to its default, or to an `Option` where the default
alone does not say enough:

    OPTIONS = {
        "min-words": 12,                                   # an integer (inferred from the default)
        "method": Option("terms", choices=("terms", "semantic"), doc="how blocks are compared"),
        "threshold": Option(0.25, low=0, high=1),
        "now": Option("", parse=read_now, expect="an ISO 8601 date-time or 'now'"),
    }

A plain default's type is the option's type: bool, int, float (an integer is accepted), str, a
list of strings, a dict; a default of None accepts anything. `parse` turns the checked value into
what the rule receives and raises (ValueError, say) for a bad one; the exception's message, if
any, is shown after the value. Rules receive parsed, typed values.
"""

from __future__ import annotations

from typing import Any, Callable

_KINDS = {bool: "bool", int: "int", float: "float", str: "str", list: "list of str", dict: "dict"}
_EXPECT = {"bool": "true or false", "int": "an integer", "float": "a number", "str": "a string",
           "list of str": "a list of strings", "list": "a list", "dict": "a table", "any": "any value"}


class OptionError(ValueError):
    """A value an option does not accept: `str(exc)` is "expected ..., got ..."."""


class Option:
    """One option: its default, type, allowed values and one-line documentation."""

    __slots__ = ("default", "kind", "choices", "low", "high", "parse", "expect", "doc")

    def __init__(self, default: Any, *, kind: str | None = None, choices: tuple = (), low: float | None = None,
                 high: float | None = None, parse: Callable[[Any], Any] | None = None, expect: str = "",
                 doc: str = ""):
        self.default = default
        self.kind = kind or _kind_of(default)
        self.choices = tuple(choices)
        self.low, self.high = low, high
        self.parse = parse
        self.expect = expect
        self.doc = doc

    @property
    def expected(self) -> str:
        """What the option accepts, as an error message says it."""
        if self.expect:
            return self.expect
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        what = _EXPECT[self.kind]
        if self.low is not None and self.high is not None:
            return f"{what} from {self.low} to {self.high}"
        if self.low is not None:
            return f"{what} of at least {self.low}"
        if self.high is not None:
            return f"{what} of at most {self.high}"
        return what

    @property
    def type_text(self) -> str:
        """The type and allowed values, for rule pages: `int (1-50)`, `str: terms, semantic`."""
        text = self.kind
        if self.choices:
            text += ": " + ", ".join(str(c) for c in self.choices)
        elif self.low is not None or self.high is not None:
            text += f" ({'' if self.low is None else self.low}-{'' if self.high is None else self.high})"
        elif self.expect:
            text += f": {self.expect}"
        return text

    def value(self, given: Any) -> Any:
        """The value a rule receives for `given`, or OptionError."""
        if not _is(self.kind, given):
            raise OptionError(f"expected {self.expected}, got {given!r}")
        if self.kind == "float":
            given = float(given)
        if self.choices and given not in self.choices:
            raise OptionError(f"expected {self.expected}, got {given!r}")
        if (self.low is not None and given < self.low) or (self.high is not None and given > self.high):
            raise OptionError(f"expected {self.expected}, got {given!r}")
        if self.parse is not None:
            try:
                return self.parse(given)
            except Exception as exc:  # a plugin's parser may raise anything: still one line, exit 2
                why = f" ({exc})" if str(exc) else ""
                raise OptionError(f"expected {self.expected}, got {given!r}{why}") from None
        return given


def declare(value: Any) -> Option:
    """An OPTIONS entry as an Option (a plain default declares its type)."""
    return value if isinstance(value, Option) else Option(value)


def _kind_of(default: Any) -> str:
    if default is None:
        return "any"
    if isinstance(default, list) and not all(isinstance(v, str) for v in default):
        return "list"
    for cls, name in _KINDS.items():
        if type(default) is cls:
            return name
    return "any"


def _is(kind: str, value: Any) -> bool:
    if kind == "any":
        return True
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "list of str":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "list":
        return isinstance(value, list)
    return isinstance(value, dict)
