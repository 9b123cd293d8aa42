"""Fast paths give exactly what the straightforward code gives.

`linter.document._Loader.resolve` must resolve every scalar to the tag PyYAML's own resolver
gives, whether or not its tag was remembered from an earlier file; `linter.yamledit.double_quoted`
must escape exactly as escaping character by character did; a document's `line_count` must
be the length of its `line_starts`; a finding's fingerprint must encode values as `json.dumps` did.
"""

import json

import pytest
import yaml
from hypothesis import given, settings, strategies as st
from linter import document

TRICKY = [
    "", " ", "~", "null", "Null", "NULL", "nULL", "nil", "yes", "Yes", "YES", "yEs", "no", "No", "NO", "n", "y",
    "true", "True", "TRUE", "tRUE", "false", "on", "On", "ON", "off", "Off", "OFF", "o", "t", "f", "F",
    "0", "-0", "+0", "00", "007", "0o7", "08", "0b101", "0b", "0x1F", "0x1f", "0X1F", "0x_1", "1_000", "1__0", "_1",
    "1:20", "1:20:30", "-1:20", "190:20:30", "1:60", "1:20.5", "1.5", "1.", ".5", "-.5", "+.5", "1e3", "1.0e3",
    "1.0e+3", "1.0E-3", ".inf", ".Inf", ".INF", "-.inf", "+.inf", "inf", ".nan", ".NaN", ".NAN", "nan", "-.nan",
    "2021-01-01", "2021-1-1", "2021-01-01T10:00:00Z", "2021-01-01 10:00:00", "2021-01-01t10:00:00.5+02:00",
    "2021-01-01T10:00:00 -5", "2021-13-45", "20210101", "=", "==", "<<", "<", "<<<", "!", "&", "*", "!a", "-",
    "+", ".", "-1", "+1", "- 1", "1 ", "12 monkeys", "title", "type", "topics", "news", "originalUrl", "50",
    "\u00e9t\u00e9", "0\u0661", "\u0661", "1\n2", "yes\n", "x" * 40, "1" * 40, "trueish", "Noon",
]
IMPLICIT = [(True, False), (False, True), (True, True), (False, False)]


def pyyaml_tag(kind, value, implicit):
    return yaml.resolver.Resolver().resolve(kind, value, implicit)


def fast_tag(kind, value, implicit):
    return document._Loader("").resolve(kind, value, implicit)


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("implicit", IMPLICIT)
def test_resolve_gives_pyyamls_tags(value, implicit):
    expected = pyyaml_tag(yaml.ScalarNode, value, implicit)
    assert fast_tag(yaml.ScalarNode, value, implicit) == expected
    assert fast_tag(yaml.ScalarNode, value, implicit) == expected  # remembered now, if plain and short


@pytest.mark.parametrize("kind", [yaml.SequenceNode, yaml.MappingNode])
def test_resolve_collections(kind):
    for implicit in (True, False):
        assert fast_tag(kind, None, implicit) == pyyaml_tag(kind, None, implicit)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"[-+.0-9a-zA-Z:_<=~ ]{0,12}", fullmatch=True)), st.booleans())
def test_resolve_property(value, plain):
    implicit = (plain, not plain)
    expected = pyyaml_tag(yaml.ScalarNode, value, implicit)
    assert fast_tag(yaml.ScalarNode, value, implicit) == expected
    assert fast_tag(yaml.ScalarNode, value, implicit) == expected


def _tags(node):
    yield node.tag
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _tags(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _tags(key)
            yield from _tags(value)


def _is_yaml(text):
    try:
        yaml.compose(text, Loader=document.Loader)
    except yaml.YAMLError:
        return False
    return True


def test_composed_tags_match_libyamls_loader():
    lines = [f"k{i}: {v}" for i, v in enumerate(TRICKY)] + [f"q{i}: '{v}'" for i, v in enumerate(TRICKY)]
    lines += ['t1: ! 12', "t2: ! '12'", 't3: !!str 12', "seq: [1, yes, '~', ~, 0x1F]", "? [a]\n: b", "<<: {m: 1}"]
    text = "\n".join(line for line in lines if _is_yaml(line))
    assert text.count("\n") > 150
    fast = list(_tags(yaml.compose(text, Loader=document._Loader)))
    assert fast == list(_tags(yaml.compose(text, Loader=document.Loader)))


# ---- yamledit.double_quoted: one regular expression, the same text as escaping character by character
def _double_quoted_per_character(value):
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\0": "\\0", "\x1b": "\\e", "\x85": "\\N",
               "\u2028": "\\L", "\u2029": "\\P"}
    out = []
    for ch in value:
        if ch in escapes:
            out.append(escapes[ch])
        elif (ch < " " and ch != "\t") or "\x7f" <= ch < "\xa0" or ch in "\ufffe\uffff" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def test_double_quoted_escapes_every_character_as_before():
    from linter.yamledit import double_quoted

    for start in range(0, 0x110000, 0x10000):
        chunk = "".join(chr(i) for i in range(start, start + 0x10000))
        assert double_quoted(chunk) == _double_quoted_per_character(chunk)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x3000) | st.sampled_from(
    ["\ud800", "\udfff", "\ufffe", "\uffff", "\u2028", "\x85"])))
def test_double_quoted_property(value):
    from linter.yamledit import double_quoted

    assert double_quoted(value) == _double_quoted_per_character(value)


@pytest.mark.parametrize("text", ["", "a", "\n", "a\n", "a\nb", "\n\n", "a\r\nb\rc\n\rd", "\r", "x\n" * 5 + "y"])
def test_line_starts(text):
    import re

    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert document._line_starts(text) == expected
    assert document.parse_text(text).line_starts == expected


@given(st.lists(st.sampled_from(["a", "b c", "\n", "\r", "\r\n", "\n\r", " "]), max_size=30))
def test_line_count_is_the_number_of_line_starts(parts):
    doc = document.Document("x.md")
    doc.text = "".join(parts)
    counted = doc.line_count
    assert counted == len(doc.line_starts) == len(document._line_starts(doc.text))
    assert doc.line_count == counted  # and the same once line_starts is built


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)


@given(JSON_VALUES)
def test_fingerprints_encode_values_as_json_dumps_did(value):
    from linter.engine import _FINGERPRINT_JSON

    assert _FINGERPRINT_JSON(value) == json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
