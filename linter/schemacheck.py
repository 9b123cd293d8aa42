"""The fast validity checker for JSON Schema (draft 2020-12) and the `format` checks.

Each schema is compiled once into plain Python closures that only answer "valid or not" for the
keywords newslint's schemas use; `linter.schema` runs jsonschema only when they say "invalid" (or
when a schema uses a keyword this compiler does not know: `Unsupported`). The checker may err on
the side of "invalid"; it must never call an invalid document valid (tests/test_schema_fast.py).
"""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import unquote, urldefrag, urljoin

from linter import pointer as jp
from linter.patterns import Lazy

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


# ---- formats -------------------------------------------------------------------------------------
_DATE_TIME = Lazy(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\Z"
)
_DATE = Lazy(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_TIME = Lazy(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\Z")
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real_date(y: str, m: str, d: str) -> bool:
    year, month, day = int(y), int(m), int(d)
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS[month]:
        return False
    return not (month == 2 and day == 29 and (year % 4 or (year % 100 == 0 and year % 400)))


def _real_time(h: str, mi: str, s: str, oh: str | None, om: str | None) -> bool:
    return (int(h) <= 23 and int(mi) <= 59 and int(s) <= 60
            and (oh is None or (int(oh) <= 23 and int(om) <= 59)))


# The same shape with a month and day that exist in every year (all but February 29th) and every
# time field in range: a real date-time, with no numbers to read. Nearly every value matches;
# the others take the full check.
_DATE_TIME_PLAIN = Lazy(
    r"[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
    r"[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)"
    r"(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])\Z"
)


def is_date_time(value: Any) -> bool:
    """RFC 3339 date-time (`2021-03-15T11:35:57+06:00`, `2019-08-19T21:00:10Z`), a real date."""
    if not isinstance(value, str):
        return True
    if _DATE_TIME_PLAIN.match(value) is not None:
        return True
    m = _DATE_TIME.match(value)
    return m is not None and _real_date(*m.group(1, 2, 3)) and _real_time(*m.group(4, 5, 6, 7, 8))


def is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    m = _DATE.match(value)
    return m is not None and _real_date(*m.groups())


def is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    m = _TIME.match(value)
    return m is not None and _real_time(*m.groups())


# RFC 3986, appendix A (IPv6 literals checked loosely: hex digits, ':' and '.').
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT = rf"{_PCHAR}*"
_SEGMENT_NZ = rf"{_PCHAR}+"
_SEGMENT_NZ_NC = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}@]|{_PCT})+"
_IP_LITERAL = rf"\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\.[{_UNRESERVED}{_SUB_DELIMS}:]+)\]"
_REG_NAME = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*"
_AUTHORITY = rf"(?:(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?(?:{_IP_LITERAL}|{_REG_NAME})(?::[0-9]*)?"
_PATH_ABEMPTY = rf"(?:/{_SEGMENT})*"
_PATH_ABSOLUTE = rf"/(?:{_SEGMENT_NZ}(?:/{_SEGMENT})*)?"
_PATH_ROOTLESS = rf"{_SEGMENT_NZ}(?:/{_SEGMENT})*"
_PATH_NOSCHEME = rf"{_SEGMENT_NZ_NC}(?:/{_SEGMENT})*"
_QUERY = rf"(?:{_PCHAR}|[/?])*"
_TAIL = rf"(?:\?{_QUERY})?(?:#{_QUERY})?\Z"
_SCHEME = r"[A-Za-z][A-Za-z0-9+\-.]*"
_URI_SOURCE = rf"{_SCHEME}:(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PATH_ROOTLESS}|){_TAIL}"
_RELATIVE_REF_SOURCE = rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PATH_NOSCHEME}|){_TAIL}"
# The full grammars: ~20 ms to compile, so only for a value the quick test below rejects.
_URI = Lazy(_URI_SOURCE)
_RELATIVE_REF = Lazy(_RELATIVE_REF_SOURCE)


# A quick sufficient test for the common shape (scheme://host[:port]/path?query#fragment, each part
# one run of allowed characters): whatever it accepts, the full grammar accepts too. The full
# regex runs only on what it rejects.
_C = rf"A-Za-z0-9\-._~{_SUB_DELIMS}%"
_URI_QUICK = Lazy(rf"[A-Za-z][A-Za-z0-9+\-.]*://[{_C}]*(?::[0-9]*)?(?:/[{_C}:@/]*)?(?:\?[{_C}:@/?]*)?(?:#[{_C}:@/?]*)?\Z")
_BAD_PCT = Lazy(r"%(?![0-9A-Fa-f]{2})")


def is_uri(value: Any) -> bool:
    """An absolute URI (RFC 3986): a scheme, then only characters a URI may hold, where it may."""
    if not isinstance(value, str):
        return True
    if _URI_QUICK.match(value) is not None and ("%" not in value or _BAD_PCT.search(value) is None):
        return True
    return _URI.match(value) is not None


def is_uri_reference(value: Any) -> bool:
    """A URI or a relative reference (RFC 3986), e.g. `/assets/logo.png`."""
    return not isinstance(value, str) or is_uri(value) or _RELATIVE_REF.match(value) is not None


FORMATS: dict[str, Callable[[Any], bool]] = {
    "date-time": is_date_time,
    "date": is_date,
    "time": is_time,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
}
FORMAT_NAMES = {"date-time": "date-time", "date": "date (YYYY-MM-DD)", "time": "time", "uri": "URI",
                "uri-reference": "URI reference"}

_FORMAT_CHECKER = None


def format_checker():
    """jsonschema's checker for draft 2020-12, with newslint's own date/URI checks registered."""
    global _FORMAT_CHECKER
    if _FORMAT_CHECKER is None:
        from jsonschema import Draft202012Validator, FormatChecker

        checker = FormatChecker(list(Draft202012Validator.FORMAT_CHECKER.checkers))
        for name, func in FORMATS.items():
            checker.checks(name)(func)
        _FORMAT_CHECKER = checker
    return _FORMAT_CHECKER


# ---- the fast checker: schema -> closure(value) -> bool ---------------------------------------------
class Unsupported(Exception):
    """The schema uses something the fast checker does not handle: jsonschema validates alone."""


_ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "$defs", "definitions", "$vocabulary", "title", "description",
    "default", "examples", "deprecated", "readOnly", "writeOnly", "contentMediaType",
    "contentEncoding", "contentSchema",
})


def _is_int(v: Any) -> bool:
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_int,
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


_ABSENT = object()  # a keyword the schema does not have


def _true(v: Any) -> bool:
    return True


def _false(v: Any) -> bool:
    return False


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema means it: true is not 1, 1 is 1.0 (as jsonschema's `equal`)."""
    if a is b:
        return True
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return len(a) == len(b) and all(k in b and json_equal(a[k], b[k]) for k in a)
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return a == b


PATTERN_TIMEOUT = 0.25  # seconds a `pattern` from a configured schema may take on one value


class BoundedPattern:
    """A pattern from configuration, searched with the `regex` module's timeout: `^(a|a)*$` takes
    minutes on 40 characters, and a schema file is not reviewed as code is. Raises TimeoutError."""

    def __init__(self, pattern: str):
        import regex  # imported by runs with a custom schema only (10 ms)

        self.rx = regex.compile(pattern)

    def search(self, value: str):
        return self.rx.search(value, timeout=PATTERN_TIMEOUT)


def json_key(x: Any) -> Any:
    """A hashable key for a JSON value: equal keys exactly when `json_equal` says equal. Lets
    `uniqueItems` find duplicates in one pass; comparing every pair (what jsonschema does once an
    item is a list or a mapping) took 90 s on 20,000 items."""
    if isinstance(x, str):
        return x
    if isinstance(x, bool):
        return (bool, x)
    if isinstance(x, (int, float)):
        return (float, x)  # 1 and 1.0 are equal (and hash alike); NaN is equal to nothing
    if isinstance(x, list):
        return (list, tuple(map(json_key, x)))
    if isinstance(x, dict):
        return (dict, frozenset((k, json_key(v)) for k, v in x.items()))
    return x if x is None else (object, id(x))


def first_duplicate(values: list) -> tuple[bool, Any]:
    """(True, the first item equal to an earlier one) or (False, None), in one pass."""
    seen = set()
    for x in values:
        key = json_key(x)
        if key in seen:
            return True, x
        seen.add(key)
    return False, None


def _all(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if not checks:
        return _true
    if len(checks) == 1:
        return checks[0]
    checks = tuple(checks)

    def check(v):
        for c in checks:
            if not c(v):
                return False
        return True

    return check


class Compiler:
    """Compiles schemas (and everything they `$ref`) from `resources` (uri -> schema)."""

    def __init__(self, resources: dict[str, Any], bounded: bool = False):
        self.resources = resources
        self.bounded = bounded  # patterns from configuration: matched with a timeout
        self.refs: dict[str, Callable[[Any], bool]] = {}

    def compile_root(self, schema: Any, base: str) -> Callable[[Any], bool]:
        if isinstance(schema, dict) and schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
            raise Unsupported("not a draft 2020-12 schema")
        return self.compile(schema, base, root=True)

    def compile(self, schema: Any, base: str, root: bool = False) -> Callable[[Any], bool]:
        if schema is True:
            return _true
        if schema is False:
            return _false
        if not isinstance(schema, dict):
            raise Unsupported("a schema must be an object or a boolean")
        if "$id" in schema and not root:
            raise Unsupported("nested $id")
        checks: list[Callable[[Any], bool]] = []
        for key in schema:
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key not in _KEYWORDS:
                raise Unsupported(key)
        kinds = schema.get("type")
        only = None  # the one type the schema allows, when its type-specific check can enforce it
        if kinds is not None:
            names = [kinds] if isinstance(kinds, str) else list(kinds)
            if any(not isinstance(n, str) or n not in _TYPES for n in names):
                raise Unsupported("type")
            if len(names) == 1 and names[0] in ("string", "object", "array", "integer", "number"):
                only = names[0]
            tests = [_TYPES[n] for n in names]
            checks.append(tests[0] if len(tests) == 1 else (lambda v, ts=tuple(tests): any(t(v) for t in ts)))
        if "$ref" in schema:
            checks.append(self._ref(schema["$ref"], base))
        if "enum" in schema:
            checks.append(self._enum(schema["enum"]))
        if "const" in schema:
            const = schema["const"]
            checks.append(lambda v: json_equal(v, const))
        for kind, make in (("string", self._string), ("number", self._number), ("object", self._object),
                           ("array", self._array)):
            if kind == "number" and only == "integer":
                kind = "integer"
            check = make(schema, base, kind == only)
            if check is not None:
                if kind == only:
                    checks[0] = check  # it checks the type too
                else:
                    checks.append(check)
        checks.extend(self._logic(schema, base))
        return _all(checks)

    # -- keywords ------------------------------------------------------------------------------
    def _ref(self, ref: Any, base: str) -> Callable[[Any], bool]:
        if not isinstance(ref, str):
            raise Unsupported("$ref")
        uri, fragment = urldefrag(urljoin(base, ref))
        key = f"{uri}#{fragment}"
        if key in self.refs:
            return self.refs[key]
        if uri not in self.resources:
            raise Unsupported(f"$ref to {uri}")
        target = self.resources[uri]
        if fragment:
            if not fragment.startswith("/"):
                raise Unsupported("$ref to an anchor")
            for token in jp.split(unquote(fragment)):
                if isinstance(target, dict) and token in target:
                    target = target[token]
                elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                    target = target[int(token)]
                else:
                    raise Unsupported(f"unresolvable $ref {ref}")
        slot: list[Callable[[Any], bool]] = []

        def follow(v):  # used only by references met while `target` compiles: recursion
            return slot[0](v)

        self.refs[key] = follow
        compiled = self.compile(target, uri, root=(not fragment))
        slot.append(compiled)
        self.refs[key] = compiled
        return compiled

    @staticmethod
    def _enum(values: Any) -> Callable[[Any], bool]:
        if not isinstance(values, list):
            raise Unsupported("enum")
        if all(isinstance(x, str) for x in values):
            allowed = frozenset(values)
            return lambda v: isinstance(v, str) and v in allowed
        return lambda v: any(json_equal(v, x) for x in values)

    def _string(self, schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        if not any(k in schema for k in ("minLength", "maxLength", "pattern", "format")):
            return None
        lo = schema.get("minLength", _ABSENT)
        hi = schema.get("maxLength", _ABSENT)
        rx = None
        if "pattern" in schema:
            try:
                rx = (BoundedPattern if self.bounded else re.compile)(schema["pattern"])
            except Exception:  # re.error, regex.error, TypeError: let jsonschema say what is wrong
                raise Unsupported("pattern") from None
        func = None
        if "format" in schema:
            func = FORMATS.get(schema["format"])
            if func is None:
                raise Unsupported(f"format {schema['format']}")

        if lo is _ABSENT and hi is _ABSENT:  # the usual: a pattern, a format or both
            search = rx.search if rx is not None else None
            if search is None:
                def check(v):
                    return func(v) if isinstance(v, str) else not strict
            elif func is None:
                def check(v):
                    return search(v) is not None if isinstance(v, str) else not strict
            else:
                def check(v):
                    return search(v) is not None and func(v) if isinstance(v, str) else not strict
            return check
        if hi is _ABSENT and rx is None and func is None:  # a minimum length only (non-empty text)
            def check(v):
                return len(v) >= lo if isinstance(v, str) else not strict
            return check

        def check(v):  # every string keyword in one closure: strings are most of the values checked
            if not isinstance(v, str):
                return not strict
            if lo is not _ABSENT and not len(v) >= lo:
                return False
            if hi is not _ABSENT and not len(v) <= hi:
                return False
            if rx is not None and rx.search(v) is None:
                return False
            return func is None or func(v)

        return check

    @staticmethod
    def _number(schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        keys = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
        if not any(k in schema for k in keys):
            return None
        for key in keys:
            if key in schema and not _is_number(schema[key]):
                raise Unsupported(key)
        if "multipleOf" in schema and not isinstance(schema["multipleOf"], int):
            raise Unsupported("multipleOf with a fraction")
        lo, hi = schema.get("minimum"), schema.get("maximum")
        elo, ehi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
        step = schema.get("multipleOf")
        if strict:  # the schema's type is this number type (or "integer"): the type check is done here
            kinds = schema["type"]
            is_kind = _TYPES[kinds if isinstance(kinds, str) else kinds[0]]
        else:
            is_kind = _is_number

        if hi is None and elo is None and ehi is None and step is None:  # a minimum only (a count, a size)
            def check(v):
                return not v < lo if is_kind(v) else not strict
            return check

        def check(v):  # every number keyword in one closure
            if not is_kind(v):
                return not strict
            if lo is not None and v < lo:
                return False
            if hi is not None and v > hi:
                return False
            if elo is not None and v <= elo:
                return False
            if ehi is not None and v >= ehi:
                return False
            # multipleOf: floats are left to jsonschema
            return step is None or (isinstance(v, int) and v % step == 0)

        return check

    def _object(self, schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        keys = ("properties", "patternProperties", "additionalProperties", "required", "minProperties",
                "maxProperties", "propertyNames", "dependentRequired")
        if not any(k in schema for k in keys):
            return None
        props = {k: self.compile(s, base) for k, s in schema.get("properties", {}).items()}
        try:
            patterns = tuple((re.compile(p), self.compile(s, base))
                             for p, s in schema.get("patternProperties", {}).items())
        except (re.error, TypeError):
            raise Unsupported("patternProperties") from None
        additional = self.compile(schema["additionalProperties"], base) if "additionalProperties" in schema else None
        if additional is _true:
            additional = None
        required = tuple(schema.get("required", ()))
        lo = schema.get("minProperties", 0)
        hi = schema.get("maxProperties")
        names = self.compile(schema["propertyNames"], base) if "propertyNames" in schema else None
        dependent = tuple((k, tuple(v)) for k, v in schema.get("dependentRequired", {}).items())
        get = props.get
        slow_keys = bool(patterns) or additional is not None or names is not None
        closed = additional is not None and not patterns and names is None  # properties + additionalProperties
        prop_items = tuple(props.items())
        n_props = len(prop_items)

        def check(v):
            if not isinstance(v, dict):
                return not strict
            for k in required:
                if k not in v:
                    return False
            if not slow_keys:
                # Each property the object has is checked: looked up from whichever side is
                # smaller (`if`/`then`/`else` schemas name one key or none; objects have many).
                if len(v) > n_props:
                    for k, c in prop_items:
                        if k in v and not c(v[k]):
                            return False
                else:
                    for k, value in v.items():
                        c = get(k)
                        if c is not None and not c(value):
                            return False
            elif closed:  # the general loop below without the names and patterns it does not have
                for k, value in v.items():
                    c = get(k)
                    if not (c(value) if c is not None else additional(value)):
                        return False
            else:
                for k, value in v.items():
                    if names is not None and not names(k):
                        return False
                    c = get(k)
                    matched = c is not None
                    if matched and not c(value):
                        return False
                    if patterns:
                        if not isinstance(k, str):
                            return False  # jsonschema cannot match a pattern on it: let it say so
                        for rx, pc in patterns:
                            if rx.search(k):
                                matched = True
                                if not pc(value):
                                    return False
                    if not matched and additional is not None and not additional(value):
                        return False
            if lo and len(v) < lo:
                return False
            if hi is not None and len(v) > hi:
                return False
            for k, needs in dependent:
                if k in v:
                    for n in needs:
                        if n not in v:
                            return False
            return True

        return check

    def _array(self, schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        keys = ("items", "prefixItems", "minItems", "maxItems", "uniqueItems")
        if not any(k in schema for k in keys):
            return None
        prefix = tuple(self.compile(s, base) for s in schema.get("prefixItems", ()))
        items = self.compile(schema["items"], base) if "items" in schema else None
        if items is _true:
            items = None
        lo = schema.get("minItems", 0)
        hi = schema.get("maxItems")
        unique = schema.get("uniqueItems") is True
        n_prefix = len(prefix)

        def check(v):
            if not isinstance(v, list):
                return not strict
            if lo and len(v) < lo:
                return False
            if hi is not None and len(v) > hi:
                return False
            if n_prefix:
                for c, x in zip(prefix, v):
                    if not c(x):
                        return False
            if items is not None:
                for x in v[n_prefix:] if n_prefix else v:
                    if not items(x):
                        return False
            if unique and len(v) > 1 and first_duplicate(v)[0]:
                return False
            return True

        return check

    def _logic(self, schema: dict, base: str) -> list[Callable[[Any], bool]]:
        out = []
        if "allOf" in schema:
            out.append(_all([self.compile(s, base) for s in schema["allOf"]]))
        if "anyOf" in schema:
            alts = tuple(self.compile(s, base) for s in schema["anyOf"])
            out.append(lambda v: any(a(v) for a in alts))
        if "oneOf" in schema:
            ones = tuple(self.compile(s, base) for s in schema["oneOf"])
            out.append(lambda v: sum(1 for a in ones if a(v)) == 1)
        if "not" in schema:
            neg = self.compile(schema["not"], base)
            out.append(lambda v: not neg(v))
        if "if" in schema:
            cond = self.compile(schema["if"], base)
            then = self.compile(schema["then"], base) if "then" in schema else _true
            other = self.compile(schema["else"], base) if "else" in schema else _true
            out.append(lambda v: then(v) if cond(v) else other(v))
        return out


_KEYWORDS = frozenset({
    "type", "$ref", "enum", "const", "minLength", "maxLength", "pattern", "format", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "properties",
    "patternProperties", "additionalProperties", "required", "minProperties", "maxProperties",
    "propertyNames", "dependentRequired", "items", "prefixItems", "minItems", "maxItems",
    "uniqueItems", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
})
