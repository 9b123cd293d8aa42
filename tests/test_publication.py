"""published-not-boolean (PUB001) and unpublished (PUB002)."""

import pytest
from helpers import at, fix, lint, lint_files

DOC = """---
title: "A story"
heat: -1
published: {value}
related:
  - title: "Another story"
    webUrl: "https://example.com/another-story"
---
Body.
"""


# ---- published-not-boolean ---------------------------------------------------------------------
@pytest.mark.parametrize("value,word", [('"false"', "false"), ("no", "false"), ("0", "false"), ("'yes'", "true"),
                                        ("On", "true"), ("1", "true")])
def test_not_boolean_is_reported_with_position_and_fixed(value, word):
    text = DOC.format(value=value)
    findings = lint(text, ["published-not-boolean"])
    assert at(findings, "published-not-boolean") == [(4, 12, "/published")]
    assert f"write {word}" in findings[0].message
    fixed = fix(text, ["published-not-boolean"])
    assert fixed == DOC.format(value=word)
    assert lint(fixed, ["published-not-boolean"]) == []
    assert fix(fixed, ["published-not-boolean"]) == fixed


@pytest.mark.parametrize("value", ["true", "false"])
def test_real_boolean_is_clean(value):
    assert lint(DOC.format(value=value), ["published-not-boolean"]) == []


def test_unknown_word_is_reported_without_fix():
    findings = lint(DOC.format(value='"draft"'), ["published-not-boolean"])
    assert at(findings, "published-not-boolean") == [(4, 12, "/published")]
    assert findings[0].fix is None


# ---- unpublished -------------------------------------------------------------------------------
def test_unpublished_is_reported_in_a_news_folder():
    findings = lint(DOC.format(value="false"), ["unpublished"], path="_news/2023-06-03-a-story.md")
    assert at(findings, "unpublished") == [(4, 12, "/published")]
    assert findings[0].severity == "warning"
    assert "published: false" in findings[0].message
    assert findings[0].fix is None


@pytest.mark.parametrize("path", ["_drafts/a-story.md", "site/_drafts/2023/a-story.md"])
def test_unpublished_is_fine_in_drafts_by_default(path):
    assert lint(DOC.format(value="false"), ["unpublished"], path=path) == []


def test_allow_option_replaces_the_default_globs():
    opts = {"unpublished": {"allow": ["_archive/**"]}}
    assert lint(DOC.format(value="false"), ["unpublished"], opts, path="_archive/_news/a.md") == []
    assert at(lint(DOC.format(value="false"), ["unpublished"], opts, path="_drafts/a.md"), "unpublished") == [
        (4, 12, "/published")
    ]


@pytest.mark.parametrize("value", ["true", '"false"', "null", "0"])
def test_only_a_real_false_is_unpublished(value):
    # a quoted "false" publishes the item (that is published-not-boolean's business)
    assert lint(DOC.format(value=value), ["unpublished"], path="_news/a.md") == []


def test_unpublished_related_item_is_reported_at_its_pointer():
    text = '---\ntitle: "A"\nrelated:\n  - title: "B"\n    published: false\n---\n'
    assert at(lint(text, ["unpublished"], path="_news/a.md"), "unpublished") == [(5, 16, "/related/0/published")]


def test_published_false_nested_elsewhere_is_not_the_item_flag():
    text = '---\ntitle: "A"\nprovider:\n  published: false\n---\n'
    assert lint(text, ["unpublished"], path="_news/a.md") == []


def test_a_repository_that_withdraws_items_as_a_matter_of_course_gets_info():
    files = {f"_news/{i:02d}.md": DOC.format(value="false" if i < 4 else "true") for i in range(20)}
    out = lint_files(files, ["unpublished"])
    found = [f for fs in out.values() for f in fs]
    assert len(found) == 4 and {f.severity for f in found} == {"info"}
    assert "as in 4 of the 20 files" in found[0].message


def test_a_stray_withdrawn_item_among_published_ones_is_a_warning():
    files = {f"_news/{i:02d}.md": DOC.format(value="false" if i < 2 else "true") for i in range(20)}
    out = lint_files(files, ["unpublished"])
    found = [f for fs in out.values() for f in fs]
    assert [(f.path, f.severity) for f in found] == [("_news/00.md", "warning"), ("_news/01.md", "warning")]


def test_a_post_held_back_in_jekylls_posts_folder_is_info():
    """Jekyll documents `published: false` as the way to keep one post out of the site: in `_posts`
    it is the blog's own mechanism, not a withdrawn item leaking among published ones."""
    found = lint(DOC.format(value="false"), ["unpublished"], path="blog/_posts/2023-06-03-a-story.md")
    assert [(f.severity, f.confidence) for f in found] == [("info", 0.5)]
    assert "Jekyll builds it only with --unpublished" in found[0].message
    assert [f.severity for f in lint(DOC.format(value="false"), ["unpublished"], path="_news/_posts_old/a.md")] == ["warning"]


@pytest.mark.parametrize("value", ["'2020-08-03T13:30:22Z'", "2020-08-03", '"2021-01-05 10:00:00 +0100"'])
def test_a_publication_date_in_published_is_not_a_flag(value):
    """Exported advisories write `published: '2020-08-03T13:30:22Z'`; Hugo reads `published` as the
    publication date and Jekyll publishes the page: not a boolean gone wrong."""
    assert lint(DOC.format(value=value), ["published-not-boolean"]) == []
    assert lint(DOC.format(value='"draft"'), ["published-not-boolean"]) != []
