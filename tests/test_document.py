"""The document model: decoding, splitting, positions, pointers, structural problems."""

import pytest
from linter.document import Limits, parse, parse_text
from linter.model import Span

ARTICLE = """---
title: "A headline"
published: true
related:
  - title: "First related"
    webUrl: "https://example.com/first"
  - title: 'Second ~ related'
    a/b: 1
---
Body line one.
"""


def kinds(doc):
    return [p.kind for p in doc.problems]


def test_positions_and_pointers():
    doc = parse(ARTICLE.encode())
    assert doc.problems == []
    assert doc.data["related"][1]["title"] == "Second ~ related"
    assert doc.span("/title") == Span(2, 8, 2, 20)
    assert doc.span("/title", at_key=True) == Span(2, 1, 2, 6)
    assert doc.span("/related/1/title") == Span(7, 12, 7, 30)
    assert doc.span("/related/1/a~1b") == Span(8, 10, 8, 11)
    assert doc.body == "Body line one.\n" and doc.body_line == 10
    assert [p for p, _ in doc.fields("title")] == ["/title", "/related/0/title", "/related/1/title"]
    assert [p for p, _ in doc.items()] == ["", "/related/0", "/related/1"]


def test_timestamps_stay_source_strings_and_scalar_styles_are_known():
    doc = parse_text("---\nd: 2022-07-07T22:10:00Z\nbad: 2021-02-30T10:00:00Z\nq: 'x'\n---\n")
    assert doc.data == {"d": "2022-07-07T22:10:00Z", "bad": "2021-02-30T10:00:00Z", "q": "x"}
    assert doc.scalar("/q").style == "'" and doc.scalar("/d").style is None


def test_crlf_and_bom():
    raw = b"\xef\xbb\xbf---\r\ntitle: x\r\nn: 2\r\n---\r\nbody\r\n"
    doc = parse(raw)
    assert doc.bom and doc.problems == [] and doc.data == {"title": "x", "n": 2}
    assert doc.span("/n") == Span(3, 4, 3, 5)
    assert doc.body == "body\r\n"


def test_lone_cr_line_breaks():
    doc = parse(b"---\rtitle: x\rn: 2\r---\rbody")
    assert doc.data == {"title": "x", "n": 2} and doc.span("/n").line == 3


def test_invalid_utf8_is_a_problem_with_position():
    doc = parse(b"---\ntitle: caf\xe9\n---\n")
    assert kinds(doc) == ["invalid-encoding"]
    assert doc.problems[0].span[:2] == (2, 11)


def test_utf16_is_reported():
    doc = parse("---\ntitle: x\n---\n".encode("utf-16"))
    assert kinds(doc) == ["invalid-encoding"]


@pytest.mark.parametrize(
    "text, kind, line",
    [
        ("# no front matter\n", "front-matter-missing", 1),
        ("", "front-matter-missing", 1),
        ("+++\ntitle = \"Never closed\"\n\nText.\n", "front-matter-missing", 1),
        ("---\ntitle: x\nbody never closed\n", "front-matter-unterminated", 1),
        ("---\ntitle: [x\n---\n", "yaml-syntax", 3),
        ("---\ntitle: x\n  bad: indent\n---\n", "yaml-syntax", 3),
        ("---\n- a\n- b\n---\n", "front-matter-not-mapping", 2),
        ("---\njust a string\n---\n", "front-matter-not-mapping", 2),
        ("---\na: 1\nb: 2\na: 3\n---\n", "yaml-duplicate-key", 4),
        ("---\na: !!python/object/apply:os.system ['ls']\n---\n", "yaml-unsafe-tag", 2),
        ("---\na: !custom x\n---\n", "yaml-unsafe-tag", 2),
        ("---\na: \x00\n---\n", "yaml-syntax", 2),
    ],
)
def test_structural_problems(text, kind, line):
    doc = parse_text(text)
    assert kind in kinds(doc)
    problem = next(p for p in doc.problems if p.kind == kind)
    assert problem.span.line == line


@pytest.mark.parametrize("text", ['+++\ntitle = "Harbour ferry"\ndate = 2020-05-30T06:52:05Z\n+++\n\nText.\n',
                                  '+++\r\ntitle = "Harbour ferry"\r\n+++',
                                  '{\n  "title": "Harbour ferry",\n  "date": "2020-05-30"\n}\n\nText.\n'])
def test_hugo_toml_or_json_front_matter_is_another_format_not_a_missing_block(text):
    """Hugo reads front matter between `+++` lines as TOML, and an object in braces as JSON: the
    file is not reported as lacking front matter (and its TOML or JSON is not newslint's to check)."""
    doc = parse_text(text)
    assert doc.problems == [] and not doc.has_front_matter and doc.data is None


@pytest.mark.parametrize("text", ["{{< youtube abc >}}\n\nText.\n", "{\"title\": \"one line\"}\nText.\n", "{\nunclosed\n"])
def test_text_that_only_opens_with_a_brace_is_still_missing_front_matter(text):
    assert [p.kind for p in parse_text(text).problems] == ["front-matter-missing"]


def test_duplicate_key_keeps_last_value_like_yaml_loaders():
    doc = parse_text("---\na: 1\na: 2\n---\n")
    assert doc.data == {"a": 2}
    assert "first defined on line 2" in doc.problems[0].message


def test_empty_front_matter_is_an_empty_mapping():
    doc = parse_text("---\n---\nbody\n")
    assert doc.problems == [] and doc.data == {}


@pytest.mark.parametrize(
    "text",
    [
        "---\na: " + "[" * 100 + "]" * 100 + "\n---\n",
        "---\na: " + "[" * 300_000 + "]" * 300_000 + "\n---\n",  # would crash libyaml's recursive composer
        "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + "---\n",
    ],
)
def test_deep_nesting_is_bounded(text):
    doc = parse_text(text)
    assert kinds(doc) == ["yaml-limit-exceeded"] and doc.data is None


def test_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefgh"):
        prev = "abcdefgh"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    doc = parse_text("---\n" + "\n".join(lines) + "\n---\n", limits=Limits(max_aliases=10**9))
    assert kinds(doc) == ["yaml-limit-exceeded"] and "100000 values" in doc.problems[0].message


def test_front_matter_size_bound():
    doc = parse_text("---\nx: '" + "a" * 2000 + "'\n---\n", limits=Limits(max_front_matter_bytes=1000))
    assert kinds(doc) == ["yaml-limit-exceeded"]


def test_closing_delimiter_may_be_dots():
    doc = parse_text("---\ntitle: x\n...\nbody\n")
    assert doc.data == {"title": "x"} and doc.body == "body\n"
