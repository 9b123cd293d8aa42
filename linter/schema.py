"""JSON Schema validation with positions. (Interface; the full implementation lands with the schemas.)"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Iterable

from linter.config import Config, ConfigError, glob_match
from linter.model import Report

BUILTIN = ("news-article", "blog-post")


class Schema:
    def __init__(self, name: str, schema: dict):
        self.name = name
        self.schema = schema
        self._validator = None

    def validate(self, doc) -> Iterable[Report]:
        from jsonschema import Draft202012Validator

        if self._validator is None:
            self._validator = Draft202012Validator(self.schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for err in self._validator.iter_errors(doc.data):
            ptr = "".join(f"/{p}" for p in err.absolute_path)
            yield Report(err.message, pointer=ptr)


def _builtin(name: str) -> dict:
    return json.loads(files("schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


class SchemaSet:
    """Which schema each file gets: the config's glob mapping, else the built-in that fits its shape."""

    def __init__(self, config: Config):
        self.mapping: list[tuple[str, Schema]] = []
        self._builtins: dict[str, Schema] = {}
        for glob, ref in config.schemas.items():
            self.mapping.append((glob, self._load(ref, config.root)))

    def _load(self, ref: str, root: Path) -> Schema:
        if ref in BUILTIN:
            return self.builtin(ref)
        path = (root / ref).resolve()
        try:
            return Schema(ref, json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load schema {ref!r}: {exc}") from None

    def builtin(self, name: str) -> Schema:
        if name not in self._builtins:
            self._builtins[name] = Schema(name, _builtin(name))
        return self._builtins[name]

    def select(self, relpath: str, doc) -> Schema | None:
        for glob, schema in self.mapping:
            if glob_match(glob, relpath):
                return schema
        return self.builtin(detect_profile(doc.data))


def detect_profile(data) -> str:
    """news-article for the scraped-news shape (it has publishedDateTime, webUrl or originalUrl),
    blog-post for everything else (the Hugo/Jekyll post shape)."""
    if isinstance(data, dict) and ("publishedDateTime" in data or "webUrl" in data or "originalUrl" in data):
        return "news-article"
    return "blog-post"
