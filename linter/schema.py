"""JSON Schema (draft 2020-12) validation of front matter, with positions and plain-words messages.

Two validators work together:

* a *fast checker* (`linter.schemacheck`): each schema is compiled once into closures that answer
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
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from linter import pointer as jp
from linter.config import Config, glob_match
from linter.errors import ConfigError
from linter.model import Report
from linter.schemacheck import (PATTERN_TIMEOUT, FORMAT_NAMES, BoundedPattern, Compiler, Unsupported, first_duplicate,
                                format_checker)

BUILTIN = ("news-article", "blog-post")
BUILTIN_BASE = "https://newslint.invalid/schemas/"


def builtin_id(name: str) -> str:
    return f"{BUILTIN_BASE}{name}.schema.json"


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
    """What a value should be; an empty value (null) allowed beside other types goes unsaid: the
    value reported is never null then."""
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    if len(names) > 1:
        names = [n for n in names if n != "null"]
    return _join([_TYPE_WORDS.get(n, n) for n in names])


def _duplicate(values: list) -> Any:
    return first_duplicate(values)[1]


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
        if kind == "pattern" and err.message == PATTERN_TIMED_OUT:
            return (f"{shown}: the pattern {expected} took more than {PATTERN_TIMEOUT} s on this value"
                    " (it backtracks); not checked")
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

    @property
    def custom(self) -> bool:
        """A schema from the configuration (its patterns are bounded: see `_pattern`)."""
        return self.name not in BUILTIN

    # -- the fast checker ----------------------------------------------------------------------
    @property
    def fast(self) -> Callable[[Any], bool] | None:
        """The compiled validity checker, or None if the schema needs jsonschema for everything."""
        if not self._fast_ready:
            try:
                self._fast = Compiler(self.resources, self.custom).compile_root(self.schema, self.uri)
            except (Unsupported, RecursionError, TypeError, AttributeError, ValueError):
                self._fast = None
            self._fast_ready = True
        return self._fast

    # -- jsonschema ----------------------------------------------------------------------------
    @property
    def validator(self):
        if self._validator is None:
            from jsonschema.validators import validator_for

            cls = _bounded(validator_for(self.schema, default=_draft202012()), self.custom)
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


def _bounded(cls, custom: bool):
    """jsonschema's validator with `uniqueItems` in one pass and, for a schema from configuration,
    `pattern` searched with a timeout per value."""
    from jsonschema.validators import extend

    keywords = {"uniqueItems": _unique_items}
    if custom:
        keywords["pattern"] = _pattern
    return extend(cls, keywords)


def _unique_items(validator, unique, instance, schema):
    if unique and validator.is_type(instance, "array") and first_duplicate(instance)[0]:
        from jsonschema.exceptions import ValidationError

        yield ValidationError("has non-unique elements")


PATTERN_TIMED_OUT = "pattern timed out"


def _pattern(validator, pattern, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    from jsonschema.exceptions import ValidationError

    try:
        found = _search(pattern, instance)
    except TimeoutError:
        yield ValidationError(PATTERN_TIMED_OUT)
        return
    if found is None:
        yield ValidationError(f"does not match {pattern!r}")


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> BoundedPattern:
    return BoundedPattern(pattern)


def _search(pattern: str, value: str):
    return _compiled(pattern).search(value)


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
    return json.loads(_package_text("schemas", f"{name}.schema.json"))


def _package_text(package: str, filename: str) -> str:
    """A data file of a package, as importlib.resources reads it. Read directly from the package's
    folder when it has one (the usual layout: importing importlib.resources and the zipfile
    module it brings costs 3-5 ms of a one-file run); through importlib.resources otherwise."""
    import importlib.util
    import os

    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = os.path.join(folder, filename)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                return fh.read()
    from importlib.resources import files

    return files(package).joinpath(filename).read_text("utf-8")


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
        try:
            schema = self._read(path, label)
            uri = self._register(path, schema)
            self._follow(path, schema, uri, label, set())
            self._check(schema, label)
        except RecursionError:  # reading, walking or checking a schema nested thousands deep
            raise ConfigError(f"cannot load schema {label!r}: {path} nests too deeply") from None
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
