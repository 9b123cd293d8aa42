"""linter.patterns.Lazy: a pattern compiled on first use, that answers as the compiled one does."""

import copy
import re

from linter import patterns
from linter.patterns import Lazy


def test_nothing_is_compiled_until_the_pattern_is_used(monkeypatch):
    compiled, compile_ = [], re.compile
    monkeypatch.setattr(patterns.re, "compile", lambda *args: compiled.append(args) or compile_(*args))
    word = Lazy(r"[a-z]+", re.I)
    assert compiled == []
    assert word.findall("Ab, cd") == ["Ab", "cd"]
    assert word.sub("x", "Ab cd") == "x x"
    assert compiled == [(r"[a-z]+", re.I)]  # once, whatever is used after


def test_it_answers_as_the_compiled_pattern():
    source = r"(\d{4})-(\d\d)"
    lazy, eager = Lazy(source, re.A), re.compile(source, re.A)
    assert lazy.fullmatch("2021-03").groups() == eager.fullmatch("2021-03").groups()
    assert lazy.search("x 2021-3") is None
    assert (lazy.pattern, lazy.flags, lazy.groups) == (eager.pattern, eager.flags, eager.groups)


def test_copying_an_unused_pattern_does_not_compile_it():
    word = Lazy(r"\w+")
    twin = copy.deepcopy(word)
    assert "match" not in vars(twin) and twin.match("ab").group() == "ab"
