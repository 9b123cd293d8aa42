"""The JSON writers' text (linter/reporters/_common.dumps) is json.dumps's, byte for byte:
other tools parse it and users diff reports, whatever the encoder behind it."""

from __future__ import annotations

import json
import re
from collections import OrderedDict

import pytest

from linter.reporters._common import dumps

AWKWARD = [
    {},
    [],
    "",
    None,
    True,
    0,
    -1.5e-300,
    float("inf"),
    [[], {}, [[]], [{}], {"a": []}, {"b": {}}],
    {"": {"": {"": []}}},
    [1, [2, [3, [4, []]]], "x", {"k": None}, False, 2.5],
    {"scalars": 1, "then": {"nested": [True, None]}, "after": "x", "list": ["a", 1], "last": 0.1},
    {"line": 3, "fix": {"applicability": "safe", "edits": [{"start": 0, "end": 4, "text": "x"}, {"start": 9, "end": 9, "text": ""}]}},
    ["café", "東京", "emoji \U0001f600", "\u2028\u2029", "tab\tquote\"back\\slash\nnew", "\x00\x1f\x7f"],
    {"path": "caf\udce9.md", "lone": ["\ud800", "a\udfffb"], "pair": "\ud83d\ude00"},
    {"}, {": "],\n  [", "\n  {": ["{", "}", "[", "]", ",\n  {", "},\n  {"]},
    [{"a": 1}, {"a": 2}, [1, 2], [3], {"b": [{"c": "},\n    {"}]}],
    {"long": "x" * 100_000, "longer": ["é" * 50_000, "y" * 70_000]},
    [0.1, 1e16, 1.0, -0.0, 123456789012345678901234567890, True, False, None],
    {1: "int key", 2.5: "float key", False: "bool key", None: "null key", "s": [1]},
    (1, (2, 3), ()),
    OrderedDict([("b", [type("Text", (str,), {})("sub"), type("Count", (int,), {})(7)]), ("a", {})]),
]


def _expected(value, **options) -> str:
    """json.dumps's text with a lone surrogate written as its escape (the only difference: such a
    text could not be written as UTF-8 at all)."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
@pytest.mark.parametrize("value", AWKWARD)
def test_dumps_writes_what_json_dumps_writes(value, indent):
    assert dumps(value, indent=indent) == _expected(value, indent=indent)


@pytest.mark.parametrize("value", AWKWARD)
def test_dumps_compact_separators(value):
    assert dumps(value, separators=(",", ":")) == _expected(value, separators=(",", ":"))


def test_lone_surrogates_read_back_as_they_were():
    value = {"path": "caf\udce9.md", "text": "\ud800"}
    text = dumps(value, indent=2)
    text.encode("utf-8")  # writable as UTF-8
    assert json.loads(text) == value


@pytest.mark.parametrize("value", [{"x": object()}, [1, {2, 3}], {(1, 2): "tuple key"}])
def test_what_json_refuses_is_refused(value):
    with pytest.raises(TypeError):
        dumps(value, indent=2)
