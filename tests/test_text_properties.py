"""Property tests: any text in the text fields gives findings, never a crash, and the safe fixes
of the text-hygiene rules converge (after fixing, the rule is clean; fixing again changes nothing)."""

from helpers import fix, lint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.yamledit import double_quoted

SAFE = ["html-entity", "mojibake", "whitespace"]
PIECES = st.sampled_from(["&amp;", "&#8217;", "&nbsp;", "&#038;", "â€™", "Ã©", "  ", "\xa0", "\r\n", "\n", "\t",
                          "\u200b", "\x07", "acial", "L ife", "na", "TBD", "lorem ipsum", "https://x.com/a-b-c",
                          "word", "Word", ".", ",", "’", "é", "€", " "])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=12).map("".join)


def document(title, excerpt):
    return (f"---\ntitle: {double_quoted(title)}\nexcerpt: {double_quoted(excerpt)}\n"
            f"webUrl: \"https://example.com/some-story-slug-here\"\nrelated:\n"
            f"  - title: {double_quoted(excerpt)}\n    excerpt: {double_quoted(title)}\n---\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_no_crash_and_safe_fixes_converge(title, excerpt):
    text = document(title, excerpt)
    findings = lint(text, ["PUB", "TTL", "TXT"])
    assert not [f for f in findings if f.rule == "internal-error"], findings
    fixed = fix(text, SAFE)
    # What remains fixable is unsafe only: a fix that would empty a field ("&nbsp;" -> "") is.
    assert not [f for f in lint(fixed, SAFE) if f.fix is not None and f.fix.applicability == "safe"]
    assert fix(fixed, SAFE) == fixed
