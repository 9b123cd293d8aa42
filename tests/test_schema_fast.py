"""The fast checker agrees with jsonschema; formats are checked offline."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import pointer as jp
from linter.schema import BUILTIN, Schema, builtin_id
from linter.schemacheck import format_checker, is_date, is_date_time, is_uri, is_uri_reference
from linter.schema import _builtin

NEWS = {
    "category": "news",
    "title": "Harbour bridge reopens",
    "excerpt": "Repairs took eight months.",
    "publishedDateTime": "2020-11-02T06:45:00Z",
    "originalUrl": "https://harbour.example.org/bridge",
    "webUrl": "https://harbour.example.org/bridge",
    "ampWebUrl": "https://harbour.example.org/bridge/amp",
    "type": "article",
    "quality": 12,
    "heat": 30,
    "published": True,
    "provider": {"name": "Harbour Post", "domain": "harbour.example.org",
                 "images": [{"url": "/assets/logo.png", "width": 50, "height": 50}]},
    "topics": ["Transport", "Local"],
    "images": [{"url": "https://img.example.org/bridge.jpg", "width": 800, "height": 450, "isCached": True,
                "title": "The bridge"}],
    "related": [
        {"title": "Ferry timetable changes", "publishedDateTime": "2020-11-01T09:00:00+01:00",
         "webUrl": "https://ferry.example.com/t", "type": "article",
         "provider": {"name": "Ferry News", "domain": "ferry.example.com"}, "quality": 3,
         "images": [{"url": "https://ferry.example.com/i.jpg", "width": 10, "height": 10, "isCached": False}]},
        {"title": "Drone footage", "publishedDateTime": "2020-11-03T10:00:00Z",
         "originalUrl": "https://video.example.net/v/1", "type": "video",
         "provider": {"name": "V", "domain": "video.example.net"}},
    ],
    "featuredContent": "<iframe src=\"https://video.example.net/embed/1\"></iframe>",
    "secured": "QUJD;REVG",
}
POST = {
    "title": "Release notes", "date": "2021-06-01 10:00:00 +0200", "description": "What changed.",
    "image": "/img/r.png", "author": ["A", "B"], "categories": "Releases", "tags": ["x", "y"], "draft": False,
    "featured": True, "weight": 3, "aliases": ["/old/"],
}

INTERESTING_STRINGS = [
    "", " ", "article", "video", "news", "x", "2021-02-30T10:00:00Z", "2020-02-29T23:59:60Z",
    "2019-02-29T00:00:00Z", "2021-03-15T11:35:57+06:00", "2021-03-15t11:35:57z", "2021-03-15T11:35:57+24:00",
    "2021-03-15", "2021-3-15", "2021-03-15 10:00:00 +0200", "2021-03-15 10:00", "10:00:00Z",
    "https://a.example.com/p?q=1#f", "http://a.example.com", "https://a.example.com/a b", "ftp://a.example.com/",
    "HTTPS://A.EXAMPLE.COM/%7E", "https://a.example.com/%zz", "https://[::1]:80/", "/relative/path.png",
    "relative.png", "mailto:x@example.com", "https://a.example.com/é", "a.example.com", "exa mple.com",
    "QUJD;REVG", "QUJD==;REVG", "QUJD", "not;base64!", "Transport",
]
INTERESTING_OTHERS = [0, -1, -2, 1, 189, 1.0, 1.5, -0.5, 50.0, float("nan"), float("inf"), True, False, None,
                      [], {}, ["x"], ["x", "x"], [1], {"url": "https://a.example.com/i.png"}, {"name": "N"}]
INTERESTING = INTERESTING_STRINGS + INTERESTING_OTHERS
scalars = st.one_of(
    st.sampled_from(INTERESTING_STRINGS),
    st.sampled_from(INTERESTING_OTHERS[:14]),
    st.text(max_size=8),
    st.integers(min_value=-3, max_value=200),
)
KEYS = ["title", "url", "width", "height", "isCached", "name", "domain", "images", "type", "webUrl",
        "originalUrl", "publishedDateTime", "widht", "extra", "date", "tags", "author", "image"]
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)),
    max_leaves=6,
)


def pointers(data, base=""):
    yield base
    if isinstance(data, dict):
        for k, v in data.items():
            yield from pointers(v, jp.join(base, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from pointers(v, jp.join(base, i))


def mutate(data, pointer, action, value, key):
    data = copy.deepcopy(data)
    tokens = jp.split(pointer)
    if not tokens:
        if action == "add" and isinstance(data, dict):
            data[key] = value
        return data
    parent = data
    for t in tokens[:-1]:
        parent = parent[int(t)] if isinstance(parent, list) else parent[t]
    last = tokens[-1]
    if isinstance(parent, list):
        last = int(last)
    if action == "set":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "add":
        target = parent[last]
        if isinstance(target, dict):
            target[key] = value
        elif isinstance(target, list):
            target.append(value)
        else:
            parent[last] = value
    return data


SCHEMAS = {name: Schema(name, _builtin(name), uri=builtin_id(name)) for name in BUILTIN}
BASES = {"news-article": NEWS, "blog-post": POST}


def agree(schema: Schema, data) -> None:
    fast = schema.fast(data)
    errors = list(schema.validator.iter_errors(data))
    assert fast == (not errors), (fast, [e.message for e in errors], data)
    if errors:
        assert schema.errors(data), "an invalid document must be explained"


def test_builtins_compile_to_fast_checkers():
    for schema in SCHEMAS.values():
        assert schema.fast is not None


@pytest.mark.parametrize("name", BUILTIN)
def test_bases_are_valid(name):
    assert SCHEMAS[name].fast(BASES[name]) is True
    agree(SCHEMAS[name], BASES[name])


@pytest.mark.parametrize("name", BUILTIN)
def test_fast_checker_agrees_with_jsonschema_on_every_single_change(name):
    """Every value of a base document replaced by each interesting value, and every key removed."""
    base = BASES[name]
    count = 0
    for ptr in pointers(base):
        if not ptr:
            continue
        agree(SCHEMAS[name], mutate(base, ptr, "delete", None, None))
        for value in INTERESTING:
            agree(SCHEMAS[name], mutate(base, ptr, "set", value, None))
            count += 1
    assert count > 800


@pytest.mark.parametrize("name", BUILTIN)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_checker_agrees_with_jsonschema_on_mutations(name, data):
    doc = BASES[name]
    for _ in range(data.draw(st.integers(1, 3))):
        ptrs = list(pointers(doc))
        ptr = data.draw(st.sampled_from(ptrs))
        action = data.draw(st.sampled_from(["set", "delete", "add"]))
        doc = mutate(doc, ptr, action if ptr or action == "add" else "add", data.draw(values), data.draw(st.sampled_from(KEYS)))
    agree(SCHEMAS[name], doc)


@pytest.mark.parametrize("name", BUILTIN)
@settings(max_examples=200, deadline=None)
@given(doc=st.dictionaries(st.sampled_from(KEYS + ["provider", "related", "topics", "quality", "heat"]), values, max_size=6))
def test_fast_checker_agrees_with_jsonschema_on_random_mappings(name, doc):
    agree(SCHEMAS[name], doc)


# A schema that uses every keyword the compiler knows, for random data.
KITCHEN_SINK = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://tests.invalid/kitchen.json",
    "type": "object",
    "properties": {
        "a": {"oneOf": [{"type": "integer", "multipleOf": 2}, {"type": "integer", "minimum": 10}]},
        "b": {"not": {"const": "x"}},
        "c": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "items": {"type": "null"},
              "uniqueItems": True, "maxItems": 4},
        "d": {"type": ["number", "null"], "exclusiveMinimum": 0, "exclusiveMaximum": 100},
        "e": {"enum": [1, "1", True, None, [1], {"k": 1}]},
        "f": {"type": "string", "maxLength": 3, "format": "date"},
        "g": {"$ref": "#/$defs/node"},
        "h": {"allOf": [{"minProperties": 1}, {"maxProperties": 2}, {"propertyNames": {"pattern": "^[a-z]+$"}}]},
    },
    "patternProperties": {"^x-": {"type": "string"}},
    "additionalProperties": {"type": ["integer", "string", "object", "array", "boolean", "null"]},
    "dependentRequired": {"a": ["b"]},
    "if": {"required": ["c"]}, "then": {"required": ["d"]}, "else": {"minProperties": 0},
    "$defs": {"node": {"type": ["object", "integer"], "properties": {"next": {"$ref": "#/$defs/node"}}}},
}
sink_values = st.recursive(
    st.one_of(st.integers(-2, 20), st.sampled_from(["x", "1", "2020-01-01", "ab", "", 1.0, 2.5, 0, True, False, None])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(["next", "k", "Q", "x-y", "a", "b"]), inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(doc=st.dictionaries(st.sampled_from(list("abcdefgh") + ["x-1", "z"]), sink_values, max_size=6))
def test_fast_checker_agrees_on_every_keyword(doc):
    schema = Schema("kitchen", KITCHEN_SINK, uri=KITCHEN_SINK["$id"])
    assert schema.fast is not None
    agree(schema, doc)


# ---- formats, offline ----------------------------------------------------------------------------
@pytest.mark.parametrize("value, ok", [
    ("2019-08-19T21:00:10Z", True), ("2021-03-15T11:35:57+06:00", True), ("2020-02-29T00:00:00Z", True),
    ("2021-03-15T11:35:57.123-04:30", True), ("2016-12-31T23:59:60Z", True),
    ("2021-02-30T10:00:00Z", False), ("2019-02-29T00:00:00Z", False), ("1900-02-29T00:00:00Z", False),
    ("2021-13-01T00:00:00Z", False), ("2021-01-01T24:00:00Z", False), ("2021-01-01T10:00:00", False),
    ("2021-01-01 10:00:00Z", False), ("2021-01-01T10:00:00+0600", False), ("2021-01-01", False),
    ("２０２１-01-01T10:00:00Z", False), ("", False),
])
def test_date_time(value, ok):
    assert is_date_time(value) is ok
    assert format_checker().conforms(value, "date-time") is ok


def test_date():
    assert is_date("2000-02-29") and not is_date("2100-02-29") and not is_date("2021-04-31")


@pytest.mark.parametrize("value, ok", [
    ("https://example.com", True), ("https://example.com/a/b?c=d&e=%2F#frag", True), ("http://[::1]:8080/x", True),
    ("urn:isbn:0451450523", True), ("mailto:someone@example.com", True), ("https://user:pw@example.com:443/", True),
    ("https://example.com/a b", False), ("example.com/page", False), ("/relative", False), ("https://exa<mple.com", False),
    ("https://example.com/%zz", False), ("https://example.com/é", False), ("https://example.com/#a#b", False),
    ("1http://example.com", False), ("", False), ("https://exa mple.com", False),
])
def test_uri(value, ok):
    assert is_uri(value) is ok
    assert format_checker().conforms(value, "uri") is ok


def test_uri_reference():
    assert is_uri_reference("/assets/images/organizations/example.com-50x50.jpg")
    assert is_uri_reference("img/a.png") and is_uri_reference("https://example.com/a.png")
    assert not is_uri_reference("/a b.png") and not is_uri_reference("%zz")


def test_non_strings_are_not_a_format_matter():
    assert is_date_time(3) and is_uri(None) and is_date([]) and is_uri_reference({})


def test_odd_numbers_do_not_crash():
    schema = SCHEMAS["news-article"]
    for value, ok in ((float("nan"), False), (float("inf"), False), (10**30, True), (-(10**30), False), (7.0, True)):
        doc = dict(NEWS, quality=value)
        agree(schema, doc)
        assert schema.fast(doc) is ok
