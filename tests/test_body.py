"""The shared block scan of the body (linter/body.py, `Document.blocks`, `Document.in_code`).

The scan places lines in top-level blocks as CommonMark with GFM tables does: the table below is
its specification, and markdown-it-py (a full CommonMark parser, a test dependency) must agree with
it on every case and on generated bodies. Properties: blocks cover every non-blank line of the body
once, in order, without overlap, and their offsets and line numbers map back to the text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from linter import body
from linter.document import parse_text

FRONT = "---\ntitle: t\n---\n"  # the body starts on line 4


def blocks(text: str):
    return [(b.kind, b.level, b.line - 3, b.end_line - 3) for b in parse_text(FRONT + text).blocks]


# body -> (kind, heading level, first line, last line) of each block, lines counted in the body
CASES = [
    ("", []),
    ("\n\n  \n", []),
    ("One line.", [("paragraph", 0, 1, 1)]),
    ("One.\nTwo lines.\n\n\nThird.\n", [("paragraph", 0, 1, 2), ("paragraph", 0, 5, 5)]),
    ("# Title\n## Sub ##\n####### seven", [("heading", 1, 1, 1), ("heading", 2, 2, 2), ("paragraph", 0, 3, 3)]),
    ("#hashtag is text", [("paragraph", 0, 1, 1)]),
    ("Setext one\n===\n\nSetext\ntwo\n---", [("heading", 1, 1, 2), ("heading", 2, 4, 6)]),
    ("Text\n\n---\n\n***\n_ _ _", [("paragraph", 0, 1, 1), ("break", 0, 3, 3), ("break", 0, 5, 5), ("break", 0, 6, 6)]),
    ("```python\nx = 1\n\n# not a heading\n```\nAfter", [("code", 0, 1, 5), ("paragraph", 0, 6, 6)]),
    ("~~~\n```\n~~~~\n", [("code", 0, 1, 3)]),
    ("```\nnever closed\n\n# still code", [("code", 0, 1, 4)]),
    ("``` not `a` fence\ntext", [("paragraph", 0, 1, 2)]),
    ("    indented code\n\n    more\n\nText", [("code", 0, 1, 3), ("paragraph", 0, 5, 5)]),
    ("Text\n    lazy, not code", [("paragraph", 0, 1, 2)]),
    ("- one\n- two\n  more two\nlazy two\n\n- three\n\nAfter", [("list", 0, 1, 6), ("paragraph", 0, 8, 8)]),
    ("- a\n* b\n+ c", [("list", 0, 1, 1), ("list", 0, 2, 2), ("list", 0, 3, 3)]),
    ("1. one\n2. two\n10) ten", [("list", 0, 1, 2), ("list", 0, 3, 3)]),
    ("In\n2024. The year of text", [("paragraph", 0, 1, 2)]),  # only "1." interrupts a paragraph
    ("Text\n1. a list", [("paragraph", 0, 1, 1), ("list", 0, 2, 2)]),
    ("- item\n\n  ```\n  code\n\n  # in code\n  ```\n- next", [("list", 0, 1, 8)]),
    ("1.\nnot in the empty item", [("list", 0, 1, 1), ("paragraph", 0, 2, 2)]),
    ("> quote\nlazy\n> more\n\n> another", [("quote", 0, 1, 3), ("quote", 0, 5, 5)]),
    (">\nnot lazy after an empty quote line", [("quote", 0, 1, 1), ("paragraph", 0, 2, 2)]),
    ("> quote\n# heading", [("quote", 0, 1, 1), ("heading", 1, 2, 2)]),
    ("| a | b |\n|---|:-:|\n| 1 | 2 |\nrow\n\nText", [("table", 0, 1, 4), ("paragraph", 0, 6, 6)]),
    ("Intro\na | b\n-- | -\n1 | 2", [("paragraph", 0, 1, 1), ("table", 0, 2, 4)]),
    ("Intro\na | b\n- | -", [("paragraph", 0, 1, 2), ("list", 0, 3, 3)]),
    ("a | b | c\n--|--", [("paragraph", 0, 1, 2)]),  # cell counts differ: not a table
    ('<div class="entry">\n<p>One &amp; two</p>\n\n<p>Three</p>\n</div>',
     [("html", 0, 1, 2), ("html", 0, 4, 5)]),  # WordPress: an HTML block ends at a blank line
    ("<p>Typepad paragraph\nwith a <a href=\"x\">link</a></p>\n<p>Next</p>\nText", [("html", 0, 1, 4)]),
    ("<script>\nvar a = 1;\n\nvar b = 2;\n</script>\nText", [("html", 0, 1, 5), ("paragraph", 0, 6, 6)]),
    ("<!-- a\n\ncomment -->\nText", [("html", 0, 1, 3), ("paragraph", 0, 4, 4)]),
    ('<a href="x">\nlink on its own line\n\nText', [("html", 0, 1, 2), ("paragraph", 0, 4, 4)]),
    ('Text\n<a href="x">\nstays text', [("paragraph", 0, 1, 3)]),  # kind 7 does not interrupt
    ("Text\n<div>\nhtml", [("paragraph", 0, 1, 1), ("html", 0, 2, 3)]),
    ("<span>inline</span> text", [("paragraph", 0, 1, 1)]),
    ("[ref]: https://example.org/a\n[ref2]: <https://example.org/b> \"Title\"\n[not]: a b c",
     [("reference", 0, 1, 1), ("reference", 0, 2, 2), ("paragraph", 0, 3, 3)]),
    ("Windows\r\nlines\r\n\r\n# H\r\n", [("paragraph", 0, 1, 2), ("heading", 1, 4, 4)]),
    ("Lone\rCR\r\r- item\r", [("paragraph", 0, 1, 2), ("list", 0, 4, 4)]),
    ("\tTab code\n\n  \tstill code", [("code", 0, 1, 3)]),
    ("{{< figure src=\"a.png\" >}}\n\nText", [("paragraph", 0, 1, 1), ("paragraph", 0, 3, 3)]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_blocks(text, expected):
    assert blocks(text) == expected


_KIND = {"paragraph_open": "paragraph", "heading_open": "heading", "bullet_list_open": "list",
         "ordered_list_open": "list", "blockquote_open": "quote", "fence": "code", "code_block": "code",
         "html_block": "html", "table_open": "table", "hr": "break"}


def _reference(text: str):
    """(kind, first line, last line) of each top-level block as markdown-it-py parses `text`."""
    from markdown_it import MarkdownIt

    lines = text.split("\n")
    out = []
    for tok in MarkdownIt("commonmark").enable("table").disable("inline").parse(text):
        if tok.level == 0 and tok.type in _KIND and tok.map:
            first, stop = tok.map
            while stop - 1 > first and not lines[stop - 1].strip(" \t"):
                stop -= 1
            out.append((_KIND[tok.type], first + 1, stop))
    return out


def _mine(text: str):
    return [(b.kind, b.line, b.end_line) for b in body.scan(text) if b.kind != "reference"]


@pytest.mark.parametrize("text", [t for t, _ in CASES if "\r" not in t])
def test_cases_agree_with_markdown_it(text):
    assert _mine(text) == _reference(text)


_STARTS = ["", " ", "  ", "   ", "    ", "#", "# ", "-", "- ", "*", "+ ", "=", "==", "_", "1.", "1) ", "10.",
           ">", "> ", "<", "<p>", "<div>", "<!-- ", "-->", "[", "[a]: /u ", "`", "```", "~~~", "!", "&amp;", "\\",
           "|", "| a |", "|---|", "{{ x }}"]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(_STARTS), st.text(alphabet="ab -*#=.1)|`>", max_size=8)), max_size=8))
def test_generated_bodies_agree_with_markdown_it(lines):
    text = "\n".join(start + ("a" + rest if rest else "") for start, rest in lines)
    # markdown-it keeps a line indented 4 spaces that starts with ">" in the quote before it, and reads a
    # table whose header line starts another block ("# a|" over "|---|"); CommonMark and GFM do not
    assume(not re.search(r"^ {4,}>", text, re.M))
    assume(not re.search(r"^ {0,3}[-#>*+`~<0-9].*\|.*\n.*-", text, re.M))
    assert _mine(text) == _reference(text)


_PIECES = st.sampled_from(["# ", "Text", "word ", "- ", "1. ", "> ", "```", "~~~", "    ", "\t", "<div>", "</div>",
                           "<!--", "-->", "| a |", "|---|", "===", "---", "`", "\n", "\n", "\n\n", "\r\n", "\r", " ",
                           "é", "[a]: /x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60))
def test_blocks_cover_the_body_in_order_and_map_back_to_the_text(pieces):
    doc = parse_text(FRONT + "".join(pieces))
    text = doc.text
    covered = []
    previous_end = doc.body_start
    for b in doc.blocks:
        assert b.kind in body.KINDS
        assert previous_end <= b.start < b.end <= len(text)  # in order, no overlap, not empty
        assert b.start == doc.line_starts[b.line - 1]  # starts at the start of its first line
        assert doc.line_of(b.end - 1) == b.end_line
        assert b.source == text[b.start : b.end] and b.source.strip()
        assert b.first_line == re.split(r"\r\n|\r|\n", b.source)[0]
        assert b.text is b.text  # computed once
        for _, s, e, l1, l2 in b.items:
            assert b.start <= s < e <= b.end and doc.line_of(s) == l1 and doc.line_of(e - 1) == l2
        covered.append((b.start, b.end))
        previous_end = b.end
    # every non-blank line of the body is in a block
    for line, start in enumerate(doc.line_starts, 1):
        if start < doc.body_start:
            continue
        end = doc.line_starts[line] if line < len(doc.line_starts) else len(text)
        if text[start:end].strip():
            assert any(s <= start < e for s, e in covered), (line, text[start:end])


def test_blocks_are_scanned_once_and_only_for_a_body():
    doc = parse_text(FRONT + "Text\n")
    assert doc.blocks is doc.blocks
    assert parse_text("# No front matter\n").blocks == []
    assert parse_text("---\ntitle: t\n").blocks == []  # unterminated: no known body


@pytest.mark.parametrize("text,expected", [
    ("# Title *with* [a link](https://example.org) #", "Title with a link"),
    ("Setext *title*\n===", "Setext title"),
    ("Text with `code`, <b>tags</b> and\nhttps://example.org/x a URL.", "Text with code,  tags  and\n  a URL."),  # tags and URLs leave a space
    ("- one [x][ref]\n- two\n  ```\n  code\n  ```", "one x two"),
    ("> quoted\n> > nested", "quoted\nnested"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a b\n1 2"),
    ("```js\nlet a = 1;\n```", "let a = 1;"),
    ('<div class="x">\n<p>Hello <em>you</em></p>', "Hello you"),
    ("---", ""),
])
def test_block_text_is_what_a_reader_sees(text, expected):
    (block,) = parse_text(FRONT + text).blocks
    assert block.text == expected


def test_list_items_carry_their_text_and_place():
    doc = parse_text(FRONT + "- first item\n  goes on\n- second\n")
    (block,) = doc.blocks
    assert [(t, l1, l2) for t, _, _, l1, l2 in block.items] == [("first item\ngoes on", 4, 5), ("second", 6, 6)]


def _code(body_text: str) -> str:
    """The body with every character in code replaced by '#'."""
    doc = parse_text(FRONT + body_text)
    return "".join("#" if doc.in_code(i) else ch for i, ch in enumerate(doc.text))[len(FRONT):]


@pytest.mark.parametrize("text,expected", [
    ("a `b` c", "a ### c"),
    ("a ``b ` c`` d", "a ######### d"),
    ("a `b\nc` d", "a ##### d"),
    ("a ` unmatched", "a ` unmatched"),
    ("```\nx\n```\ny", "##########y"),  # with the line breaks
    ("    x\ny", "######y"),
    ("- a\n  ```\n  b\n  ```\n- c", "- a\n" + "#" * 16 + "- c"),
    ("> ```\n> q\n> ```", "#" * 15),
    ("<div>`not code`</div>", "<div>`not code`</div>"),
])
def test_in_code(text, expected):
    assert _code(text) == expected
