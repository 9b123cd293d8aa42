"""JSON Schema (draft 2020-12) validation of front matter, with positions and plain-words messages.

Two validators work together:

* a *fast checker*: each schema is compiled once into plain Python closures that only answer
  "valid or not" for the keywords newslint's schemas use (type, properties, required,
  additionalProperties, patternProperties, items, prefixItems, enum, const, pattern, minimum and
  friends, minLength/maxLength, minItems/maxItems, uniqueItems, minProperties/maxProperties,
  propertyNames, dependentRequired, format, $ref, allOf/anyOf/oneOf/not, if/then/else);
* the `jsonschema` library, which explains *why* a document is invalid. It is imported lazily and
  only runs when the fast checker says "invalid" (or the schema uses a keyword the compiler does not
  know, in which case every document goes to jsonschema). Valid files never touch it.

The fast checker may err on the side of "invalid" (jsonschema then decides); it must never call an
invalid document valid. `tests/test_schema_fast.py` checks that both agree.

`format` is an assertion here: date-time (RFC 3339, with a real calendar date), date, time, uri and
uri-reference (RFC 3986) are checked by this module's own functions, registered on jsonschema's
FormatChecker too, so both validators agree and no optional package is needed.

No network, ever: built-in schemas have `$id`s under the reserved `.invalid` domain that nothing
fetches; a custom schema may `$ref` itself, the built-ins, or JSON files next to it; any other
`$ref` is a configuration error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from linter import pointer as jp
from linter.config import Config, ConfigError, glob_match
from linter.model import Report

BUILTIN = ("news-article", "blog-post")
BUILTIN_BASE = "https://newslint.invalid/schemas/"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def builtin_id(name: str) -> str:
    return f"{BUILTIN_BASE}{name}.schema.json"


# ---- formats -------------------------------------------------------------------------------------
_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?"
    r"(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\Z"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\Z")
_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real_date(y: str, m: str, d: str) -> bool:
    year, month, day = int(y), int(m), int(d)
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS[month]:
        return False
    return not (month == 2 and day == 29 and (year % 4 or (year % 100 == 0 and year % 400)))


def _real_time(h: str, mi: str, s: str, oh: str | None, om: str | None) -> bool:
    return (int(h) <= 23 and int(mi) <= 59 and int(s) <= 60
            and (oh is None or (int(oh) <= 23 and int(om) <= 59)))


def is_date_time(value: Any) -> bool:
    """RFC 3339 date-time (`2021-03-15T11:35:57+06:00`, `2019-08-19T21:00:10Z`), a real date."""
    if not isinstance(value, str):
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
_FULL: dict[str, re.Pattern] = {}  # the full grammars, compiled on first use (~20 ms)


def _full(name: str) -> re.Pattern:
    rx = _FULL.get(name)
    if rx is None:
        rx = _FULL[name] = re.compile(_URI_SOURCE if name == "uri" else _RELATIVE_REF_SOURCE)
    return rx


# A quick sufficient test for the common shape (scheme://host[:port]/path?query#fragment, each part
# one run of allowed characters): whatever it accepts, the full grammar accepts too. The full
# regex runs only on what it rejects.
_C = rf"A-Za-z0-9\-._~{_SUB_DELIMS}%"
_URI_QUICK = re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*://[{_C}]*(?::[0-9]*)?(?:/[{_C}:@/]*)?(?:\?[{_C}:@/?]*)?(?:#[{_C}:@/?]*)?\Z")
_BAD_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_uri(value: Any) -> bool:
    """An absolute URI (RFC 3986): a scheme, then only characters a URI may hold, where it may."""
    if not isinstance(value, str):
        return True
    if _URI_QUICK.match(value) is not None and ("%" not in value or _BAD_PCT.search(value) is None):
        return True
    return _full("uri").match(value) is not None


def is_uri_reference(value: Any) -> bool:
    """A URI or a relative reference (RFC 3986), e.g. `/assets/logo.png`."""
    return not isinstance(value, str) or is_uri(value) or _full("relative-ref").match(value) is not None


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

    def __init__(self, resources: dict[str, Any]):
        self.resources = resources
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

    @staticmethod
    def _string(schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        checks = []
        if "minLength" in schema:
            n = schema["minLength"]
            checks.append(lambda v: len(v) >= n)
        if "maxLength" in schema:
            n2 = schema["maxLength"]
            checks.append(lambda v: len(v) <= n2)
        if "pattern" in schema:
            try:
                rx = re.compile(schema["pattern"])
            except (re.error, TypeError):
                raise Unsupported("pattern") from None
            checks.append(lambda v: rx.search(v) is not None)
        if "format" in schema:
            func = FORMATS.get(schema["format"])
            if func is None:
                raise Unsupported(f"format {schema['format']}")
            checks.append(func)
        if not checks:
            return None
        inner = _all(checks)
        if strict:
            return lambda v: isinstance(v, str) and inner(v)
        return lambda v: not isinstance(v, str) or inner(v)

    @staticmethod
    def _number(schema: dict, base: str, strict: bool) -> Callable[[Any], bool] | None:
        checks = []
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
            if key in schema and not _is_number(schema[key]):
                raise Unsupported(key)
        if "minimum" in schema:
            lo = schema["minimum"]
            checks.append(lambda v: not v < lo)
        if "maximum" in schema:
            hi = schema["maximum"]
            checks.append(lambda v: not v > hi)
        if "exclusiveMinimum" in schema:
            elo = schema["exclusiveMinimum"]
            checks.append(lambda v: not v <= elo)
        if "exclusiveMaximum" in schema:
            ehi = schema["exclusiveMaximum"]
            checks.append(lambda v: not v >= ehi)
        if "multipleOf" in schema:
            if not isinstance(schema["multipleOf"], int):
                raise Unsupported("multipleOf with a fraction")
            step = schema["multipleOf"]
            checks.append(lambda v: isinstance(v, int) and v % step == 0)  # floats: let jsonschema decide
        if not checks:
            return None
        inner = _all(checks)
        if strict:  # the schema's type is this number type (or "integer"): the type check is done here
            kinds = schema["type"]
            test = _TYPES[kinds if isinstance(kinds, str) else kinds[0]]
            return lambda v: test(v) and inner(v)
        return lambda v: not _is_number(v) or inner(v)

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

        def check(v):
            if not isinstance(v, dict):
                return not strict
            for k in required:
                if k not in v:
                    return False
            if not slow_keys:
                for k, value in v.items():
                    c = get(k)
                    if c is not None and not c(value):
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
            for c, x in zip(prefix, v):
                if not c(x):
                    return False
            if items is not None:
                for x in v[n_prefix:] if n_prefix else v:
                    if not items(x):
                        return False
            if unique and len(v) > 1:
                seen = set()
                for x in v:
                    if isinstance(x, (list, dict)):
                        return False  # rare: jsonschema decides
                    key = (x is True, x is False, x)
                    if key in seen:
                        return False
                    seen.add(key)
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


# ---- messages ------------------------------------------------------------------------------------
_TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
               "null": "null", "object": "a mapping", "array": "a list"}
_MAX_SHOWN = 60


def describe(value: Any) -> str:
    """A value as a message shows it: JSON for scalars (long strings cut), a word for collections."""
    if isinstance(value, str):
        shown = value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 1] + "\u2026"
        return json.dumps(shown, ensure_ascii=False)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "an empty list" if not value else f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "an empty mapping" if not value else "a mapping"
    return describe(str(value))


def field_name(path: Iterable[Any]) -> str:
    """`related[2].images[0].width` for a jsonschema path; "front matter" for the root."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "front matter"


def _join(words: list[str], last: str = "or") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _type_words(kinds: Any) -> str:
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    return _join([_TYPE_WORDS.get(n, n) for n in names])


def _duplicate(values: list) -> Any:
    for i, x in enumerate(values):
        for y in values[:i]:
            if json_equal(x, y):
                return x
    return None


_PRIORITY = {"type": 0, "required": 0, "additionalProperties": 0, "enum": 1, "const": 1, "format": 2,
             "pattern": 3}


class _Explainer:
    """Turns jsonschema errors into (pointer, message, at_key) in plain words, one per value."""

    def __init__(self) -> None:
        self.out: list[tuple[str, str, bool]] = []
        self.seen_values: set[str] = set()
        self.seen: set[tuple[str, str]] = set()

    def add(self, pointer: str, message: str, at_key: bool = False, per_value: bool = True) -> None:
        if (pointer, message) in self.seen or (per_value and pointer in self.seen_values):
            return
        self.seen.add((pointer, message))
        if per_value:
            self.seen_values.add(pointer)
        self.out.append((pointer, message, at_key))

    def explain(self, err) -> None:
        path = list(err.absolute_path)
        ptr = jp.from_path(path)
        field = field_name(path)
        value = err.instance
        kind = err.validator
        schema = err.schema if isinstance(err.schema, dict) else {}
        if kind == "required":
            missing = [k for k in err.validator_value if isinstance(value, dict) and k not in value]
            for key in missing:
                where = "" if not path else f"{field}: "
                self.add(ptr, f"{where}missing required key '{key}'", per_value=False)
            return
        if kind in ("additionalProperties", "unevaluatedProperties") and err.validator_value is False:
            from jsonschema._utils import find_additional_properties

            if kind == "additionalProperties" and isinstance(value, dict):
                extras = list(find_additional_properties(value, schema))
            else:
                extras = [k for k in (value or {}) if repr(k) in err.message]
            for key in extras:
                where = "" if not path else f"{field}: "
                self.add(jp.join(ptr, key), f"{where}unknown key '{key}'", at_key=True, per_value=False)
            if extras:
                return
        hint = schema.get("x-message") if isinstance(schema.get("x-message"), str) else None
        if kind in ("anyOf", "oneOf"):
            self._alternatives(err, ptr, field, hint)
            return
        if hint and kind not in ("required", "dependentRequired"):
            self.add(ptr, f"{field}: {describe(value)} {hint}")
            return
        self.add(ptr, f"{field}: {self._message(err, value)}")

    def _alternatives(self, err, ptr: str, field: str, hint: str | None) -> None:
        """One readable error for a failed anyOf/oneOf. If the value has the type one alternative
        wants, what is wrong inside it is reported; otherwise the schema's x-message or the types."""
        value = err.instance
        context = list(err.context or ())
        if not context:  # oneOf that more than one alternative matched
            self.add(ptr, f"{field}: {describe(value)} fits more than one of the allowed forms")
            return
        by_branch: dict[Any, list] = {}
        for e in context:
            by_branch.setdefault(e.relative_schema_path[0] if e.relative_schema_path else None, []).append(e)
        fitting = [errs for errs in by_branch.values()
                   if not any(e.validator == "type" and not e.relative_path for e in errs)]
        if fitting:
            errors = min(fitting, key=len)
            if all(e.relative_path for e in errors) or not hint:
                for e in errors:
                    self.explain(e)
                return
        if hint:
            self.add(ptr, f"{field}: {describe(value)} {hint}")
            return
        names: list[str] = []
        for errs in by_branch.values():
            for e in errs:
                if e.validator == "type" and not e.relative_path:
                    for n in [e.validator_value] if isinstance(e.validator_value, str) else e.validator_value:
                        if n not in names:
                            names.append(n)
        self.add(ptr, f"{field}: {describe(value)} is not {_type_words(names)}")

    @staticmethod
    def _message(err, value: Any) -> str:
        kind, expected = err.validator, err.validator_value
        shown = describe(value)
        if kind == "type":
            return f"{shown} is not {_type_words(expected)}"
        if kind == "enum":
            choices = ", ".join(describe(x) for x in expected[:8]) + (", \u2026" if len(expected) > 8 else "")
            return f"{shown} is not one of {choices}"
        if kind == "const":
            return f"{shown} is not {describe(expected)}"
        if kind == "format":
            return f"{shown} is not a valid {FORMAT_NAMES.get(expected, expected)}"
        if kind == "pattern":
            return f"{shown} does not match the pattern {expected}"
        if kind == "minimum":
            return f"{shown} is less than the minimum of {describe(expected)}"
        if kind == "maximum":
            return f"{shown} is greater than the maximum of {describe(expected)}"
        if kind == "exclusiveMinimum":
            return f"{shown} is not greater than {describe(expected)}"
        if kind == "exclusiveMaximum":
            return f"{shown} is not less than {describe(expected)}"
        if kind == "multipleOf":
            return f"{shown} is not a multiple of {describe(expected)}"
        if kind == "minLength":
            return f"{shown} is empty" if expected == 1 else f"{shown} is shorter than {expected} characters"
        if kind == "maxLength":
            return f"{shown} is longer than {expected} characters ({len(value)})"
        if kind == "minItems":
            if not value and expected == 1:
                return "the list is empty"
            return f"the list has {len(value)} items; at least {expected} expected"
        if kind == "maxItems":
            return f"the list has {len(value)} items; at most {expected} allowed"
        if kind == "uniqueItems":
            return f"{describe(_duplicate(value))} appears more than once"
        if kind == "minProperties":
            return f"has {len(value)} keys; at least {expected} expected"
        if kind == "maxProperties":
            return f"has {len(value)} keys; at most {expected} allowed"
        if kind == "not":
            return f"{shown} is not allowed here"
        if kind in (None, False) or err.schema is False:
            return f"{shown} is not allowed here"
        if kind == "contains":
            return f"{shown} has no item of the required kind"
        head = repr(value)
        if err.message.startswith(head) and len(err.message) - len(head) <= 80:
            return shown + err.message[len(head):]  # jsonschema's words, our rendering of the value
        if len(err.message) <= 80:
            return err.message
        return f"{shown} does not satisfy the schema's '{kind}'"


# ---- schemas ---------------------------------------------------------------------------------------
class Schema:
    """One schema, ready to validate documents: fast checker first, jsonschema for the reasons."""

    def __init__(self, name: str, schema: dict, resources: dict[str, Any] | None = None, uri: str | None = None):
        self.name = name
        self.schema = schema
        self.uri = uri or (schema.get("$id") if isinstance(schema, dict) else None) or ""
        self.resources = dict(resources or {})
        if self.uri:
            self.resources.setdefault(self.uri, schema)
        self._fast: Callable[[Any], bool] | None = None
        self._fast_ready = False
        self._validator = None

    # -- the fast checker ----------------------------------------------------------------------
    @property
    def fast(self) -> Callable[[Any], bool] | None:
        """The compiled validity checker, or None if the schema needs jsonschema for everything."""
        if not self._fast_ready:
            try:
                self._fast = Compiler(self.resources).compile_root(self.schema, self.uri)
            except (Unsupported, RecursionError, TypeError, AttributeError, ValueError):
                self._fast = None
            self._fast_ready = True
        return self._fast

    def is_valid(self, data: Any) -> bool:
        fast = self.fast
        if fast is not None:
            try:
                if fast(data):
                    return True
            except Exception:  # noqa: BLE001 - odd data: let jsonschema judge it
                pass
        return not any(True for _ in self.validator.iter_errors(data))

    # -- jsonschema ----------------------------------------------------------------------------
    @property
    def validator(self):
        if self._validator is None:
            from jsonschema.validators import validator_for

            cls = validator_for(self.schema, default=_draft202012())
            self._validator = cls(self.schema, registry=_registry(self.resources), format_checker=format_checker())
        return self._validator

    def errors(self, data: Any) -> list[tuple[str, str, bool]]:
        """(pointer, message, at_key) for every problem jsonschema finds."""
        explainer = _Explainer()
        errs = sorted(self.validator.iter_errors(data),
                      key=lambda e: (_PRIORITY.get(e.validator, 5), len(e.absolute_path)))
        for err in errs:
            explainer.explain(err)
        return explainer.out

    def validate(self, doc) -> Iterable[Report]:
        data = doc.data
        fast = self.fast
        if fast is not None:
            try:
                if fast(data):
                    return ()
            except Exception:  # noqa: BLE001 - odd data: let jsonschema judge it
                pass
        try:
            problems = self.errors(data)
        except RecursionError:
            return [Report(f"schema '{self.name}': the front matter is too deeply nested to validate", pointer="")]
        except Exception as exc:  # noqa: BLE001 - e.g. an unresolvable $ref in a custom schema
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return [Report(f"schema '{self.name}' could not be applied: {reason}", pointer="")]
        return [Report(message, pointer=ptr, at_key=at_key) for ptr, message, at_key in problems]


def _draft202012():
    from jsonschema import Draft202012Validator

    return Draft202012Validator


class _Refused(Exception):
    pass


def _refuse(uri: str):
    raise _Refused(f"remote $ref '{uri}' is not allowed: newslint never uses the network")


def _registry(resources: dict[str, Any]):
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    return Registry(retrieve=_refuse).with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources.items()
    )


def _builtin(name: str) -> dict:
    from importlib.resources import files  # ~25 ms to import: only when a schema is first used

    return json.loads(files("schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


# ---- loading custom schemas ------------------------------------------------------------------------
def _refs(node: Any, base: str) -> Iterable[tuple[str, str]]:
    """Every (base, $ref) in a schema, following nested `$id`s."""
    if isinstance(node, dict):
        if isinstance(node.get("$id"), str):
            base = urljoin(base, node["$id"])
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield base, value
            elif isinstance(value, (dict, list)):
                yield from _refs(value, base)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value, base)


def _spec_uris() -> set[str]:
    from jsonschema_specifications import REGISTRY

    return {uri.rstrip("#") for uri in REGISTRY}


class Loader:
    """Loads a custom schema file and the local files it `$ref`s; refuses anything remote."""

    def __init__(self, builtins: dict[str, dict]):
        self.resources: dict[str, Any] = dict(builtins)
        self._specs: set[str] | None = None

    def load(self, path: Path, label: str) -> tuple[dict, str]:
        schema = self._read(path, label)
        uri = self._register(path, schema)
        self._follow(path, schema, uri, label, set())
        self._check(schema, label)
        return schema, uri

    def _read(self, path: Path, label: str) -> Any:
        try:
            schema = json.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot load schema {label!r}: {exc.strerror or exc}: {path}") from None
        except ValueError as exc:
            raise ConfigError(f"cannot load schema {label!r}: {path} is not valid JSON ({exc})") from None
        if not isinstance(schema, (dict, bool)):
            raise ConfigError(f"cannot load schema {label!r}: {path} holds a JSON {type(schema).__name__}, not a schema")
        return schema

    def _register(self, path: Path, schema: Any) -> str:
        file_uri = path.resolve().as_uri()
        self.resources[file_uri] = schema
        if isinstance(schema, dict):
            given = schema.get("$id")
            if isinstance(given, str) and given:
                uri = urldefrag(urljoin(file_uri, given))[0]
                self.resources[uri] = schema
                return uri
            schema["$id"] = file_uri  # relative $refs resolve against the file, for both validators
        return file_uri

    def _follow(self, path: Path, schema: Any, uri: str, label: str, seen: set[str]) -> None:
        folder = path.resolve().parent
        for base, ref in _refs(schema, uri):
            target = urldefrag(urljoin(base, ref))[0]
            if not target or target in self.resources or target in seen:
                continue
            local = self._local_file(target, uri, folder)
            if local is None:
                if self._specs is None:
                    self._specs = _spec_uris()
                if target.rstrip("#") in self._specs:
                    continue  # a JSON Schema meta-schema: bundled with jsonschema
                raise ConfigError(
                    f"schema {label!r}: remote $ref '{ref}' is not allowed: newslint never uses the network"
                )
            seen.add(target)
            other = self._read(local, f"{label} -> {ref}")
            self.resources[target] = other
            self.resources.setdefault(local.as_uri(), other)
            self._follow(local, other, target, label, seen)

    @staticmethod
    def _local_file(target: str, root_uri: str, folder: Path) -> Path | None:
        """The file a $ref target names, if it is next to the schema (same folder or below)."""
        parts = urlsplit(target)
        if parts.scheme == "file":
            candidate = Path(unquote(parts.path)).resolve()
        else:
            root = urlsplit(root_uri)
            if (parts.scheme, parts.netloc) != (root.scheme, root.netloc) or root.scheme == "file":
                return None
            root_dir = root.path.rsplit("/", 1)[0] + "/"
            if not parts.path.startswith(root_dir):
                return None
            candidate = (folder / unquote(parts.path[len(root_dir):])).resolve()
        if candidate != folder and folder not in candidate.parents:
            return None
        return candidate if candidate.is_file() else None

    @staticmethod
    def _check(schema: Any, label: str) -> None:
        from jsonschema.exceptions import SchemaError
        from jsonschema.validators import validator_for

        cls = validator_for(schema, default=_draft202012())
        try:
            cls.check_schema(schema)
        except SchemaError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "top level"
            raise ConfigError(f"schema {label!r} is not a valid JSON Schema ({where}): {exc.message[:200]}") from None


class SchemaSet:
    """Which schema each file gets: the config's glob mapping (first match wins), else the
    built-in that fits its shape (see `detect_profile`)."""

    def __init__(self, config: Config):
        self.mapping: list[tuple[str, Schema]] = []
        self._builtins: dict[str, Schema] = {}
        loaded: dict[str, Schema] = {}
        where = str(config.source) if config.source else "configuration"
        try:
            self._configure(config, loaded)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None

    def _configure(self, config: Config, loaded: dict[str, Schema]) -> None:
        loader: Loader | None = None
        for glob, ref in config.schemas.items():
            if ref in BUILTIN:
                schema = self.builtin(ref)
            elif ref in loaded:
                schema = loaded[ref]
            else:
                if not ref.endswith(".json") and "/" not in ref and "\\" not in ref:
                    raise ConfigError(
                        f"schemas['{glob}']: unknown built-in schema {ref!r} (built-ins: {', '.join(BUILTIN)};"
                        " or give a path to a .json file)"
                    )
                if loader is None:
                    loader = Loader({builtin_id(n): _builtin(n) for n in BUILTIN})
                path = Path(ref) if Path(ref).is_absolute() else config.root / ref
                contents, uri = loader.load(path, ref)
                schema = loaded[ref] = Schema(ref, contents, loader.resources, uri)
            self.mapping.append((glob, schema))

    def fingerprint(self) -> str:
        """What the configured custom schemas say (a digest): part of a result cache's key, so that
        editing a schema file invalidates cached findings. Empty without custom schemas."""
        custom = {glob: s.resources for glob, s in self.mapping if s.name not in BUILTIN}
        if not custom:
            return ""
        import hashlib

        text = json.dumps(custom, sort_keys=True, default=str)
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def builtin(self, name: str) -> Schema:
        if name not in BUILTIN:
            raise ConfigError(f"unknown built-in schema {name!r} (built-ins: {', '.join(BUILTIN)})")
        if name not in self._builtins:
            self._builtins[name] = Schema(name, _builtin(name), uri=builtin_id(name))
        return self._builtins[name]

    def select(self, relpath: str, doc) -> Schema | None:
        for glob, schema in self.mapping:
            if glob_match(glob, relpath):
                return schema
        return self.builtin(detect_profile(doc.data))


NEWS_KEYS = ("publishedDateTime", "webUrl", "originalUrl")


def detect_profile(data) -> str:
    """news-article for the scraped-news shape (it has publishedDateTime, webUrl or originalUrl),
    blog-post for everything else (the Hugo/Jekyll post shape)."""
    if isinstance(data, dict) and any(k in data for k in NEWS_KEYS):
        return "news-article"
    return "blog-post"
