"""Guarantee 1, no hang: every rule is linear (or bounded) in the size of its input.

Each pathological shape is built at two sizes, N and 4N, and every rule is run on both while a
profiler and a tracer count the operations it performs: function calls (Python and C alike) and
lines of Python run. A linear rule makes
about four times as many calls on the bigger input; a quadratic one sixteen times. Counts, not
timings: the answer is the same on a loaded machine. (Work inside one C call, such as a regex
that backtracks, is invisible to the count: those shapes are pinned by the rule's own tests.)"""

from __future__ import annotations

import string
import sys

import pytest
from helpers import settings

from linter.engine import Linter

N = 400
GROWTH = 8  # calls on 4N / calls on N: 4 when linear, 16 when quadratic


def _word(i: int, prefix: str = "") -> str:
    """A distinct word of letters only (digits would make it an id, which rules skip)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out += string.ascii_lowercase[r]
        if not i:
            return prefix + out


def _front(fields: str, body: str = "Body.\n") -> bytes:
    return f"---\n{fields}---\n{body}".encode()


NEWS = "webUrl: https://news.example.com/a-story\n"
SHAPES = {
    # title-slug-mismatch: every slug word a truncation of a title word ("tech"/"technology").
    "truncated-slug": lambda n: _front(
        "title: " + " ".join(_word(i, "abcd") + "ology" for i in range(n)) + "\n"
        "webUrl: https://news.example.com/" + "-".join(_word(i, "abcd") for i in range(n)) + "\n"),
    # schema-violation: uniqueItems (news-article's topics) over a list with unhashable items.
    "unhashable-list": lambda n: _front(NEWS + "topics: [" + ", ".join(str(i) for i in range(n)) + ", {}]\n"),
    "unhashable-duplicates": lambda n: _front(NEWS + "topics: [" + ", ".join(f"[{i}]" for i in range(n)) + ", [0]]\n"),
    # whitespace and the other text rules: a long run of spaces before a letter.
    "space-run": lambda n: _front('title: "a' + " " * (40 * n) + 'x"\nexcerpt: "b' + "\u00a0" * (40 * n) + 'y"\n'),
    # every item of `related` with the same URL and its own title.
    "same-url-related": lambda n: _front(
        "title: Council approves bike lanes on Main Street\n"
        "webUrl: https://news.example.com/council-approves-bike-lanes\nrelated:\n"
        + "".join(f"  - title: {_word(i, 'story ')} about budget votes\n"
                  f"    webUrl: https://news.example.com/council-approves-bike-lanes\n" for i in range(n))),
    "many-keys": lambda n: _front("".join(f"{_word(i, 'k')}: value {i}\n" for i in range(n))),
    "many-topics": lambda n: _front("topics: [" + ", ".join(_word(i, "topic ") for i in range(n)) + "]\n"),
    "long-word": lambda n: _front("title: " + "x" * (100 * n) + "\nwebUrl: https://e.com/" + "x" * (100 * n) + "-a-b\n"),
    "many-headings": lambda n: _front("title: A story\n", "".join(f"## {_word(i, 'Part ')}\n\nText {i}.\n\n" for i in range(n))),
    "repeated-paragraphs": lambda n: _front("title: A story\n", "Same words in every paragraph here.\n\n" * n),
    "many-related": lambda n: _front(
        NEWS + "title: A story\nrelated:\n" + "".join(
            f"  - title: {_word(i, 'Story ')} rises\n    webUrl: https://news.example.com/{_word(i)}-story-rises\n"
            f"    publishedDateTime: 2023-01-01T00:00:00Z\n" for i in range(n))),
    "duplicate-related": lambda n: _front(
        NEWS + "title: A story\nrelated:\n" + "".join(
            "  - title: Same story\n    webUrl: https://news.example.com/same-story-here\n" for _ in range(n))),
    "many-images": lambda n: _front(NEWS + "images:\n" + "".join(
        f"  - url: https://img.example.com/{_word(i)}.jpg\n    width: {i}\n" for i in range(n))),
    "entities-and-mojibake": lambda n: _front(
        'title: "' + "&amp;&#8217;â€™ " * n + '"\nexcerpt: "' + "Ã© &nbsp;" * n + '"\n'),
    "duplicate-keys": lambda n: _front("".join(f"title: t{i}\n" for i in range(n))),
    "many-paragraphs": lambda n: _front("title: A story\n", "".join(
        f"Paragraph {_word(i)} about {_word(i + 7)} and more words here.\n\n" for i in range(n))),
    "many-links": lambda n: _front("title: A story\n", " ".join(f"[a](https://e.com/{_word(i)}?utm_source=x)" for i in range(n))),
}


def _calls(func) -> int:
    """Operations `func` performs: calls of Python and C functions, and lines of Python run (a
    loop's every turn is one: a comprehension over all pairs makes no calls)."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += 1

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.setprofile(profile)
    sys.settrace(trace)
    try:
        func()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


@pytest.fixture(scope="module")
def linter():
    return Linter(settings(["ALL"]))


def _work(linter, active, raw: bytes):
    doc = linter.parse(raw, "shape.md")
    if active.spec.kind == "document":
        return lambda: list(active.spec.check(doc, active.options) or ())
    return lambda: active.spec.collect(doc, active.options)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_rule_is_linear_in_each_pathological_shape(shape, linter):
    small, big = SHAPES[shape](N), SHAPES[shape](4 * N)
    slow = {}
    for active in linter.settings.active:
        counts = [_calls(_work(linter, active, raw)) for raw in (small, big, small, big)]
        a, b = counts[2:]  # the second time: lazy imports done and per-process caches filled
        if b > GROWTH * max(a, 50):
            slow[active.spec.name] = (a, b)
    assert not slow, f"operations on N and 4N items grow faster than linearly: {slow}"
