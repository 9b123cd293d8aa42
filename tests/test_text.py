"""Text hygiene rules: html-entity, mojibake, whitespace, repeated-text, truncated-text,
placeholder-text (TXT001-TXT006)."""

import pytest
from helpers import at, fix, lint

DOC = """---
category: news
title: {title}
excerpt: {excerpt}
webUrl: "https://example.com/council-approves-new-budget-4412"
related:
  - title: "Storm knocks out power across the valley"
    excerpt: {rel_excerpt}
    webUrl: "https://example.com/storm-knocks-out-power-4413"
    images:
      - url: {img_url}
---
Body &amp; text stays as it is.
"""
CLEAN = dict(
    title='"Council approves new budget"',
    excerpt='"The council voted 7-2 for a budget that adds bus routes."',
    rel_excerpt='"Thousands of homes lost power on Tuesday night."',
    img_url='"https://img.example.com/storm.jpg?w=600&h=400"',
)


def doc(**kw):
    return DOC.format(**dict(CLEAN, **kw))


def roundtrip(text, rule, unsafe=False):
    fixed = fix(text, [rule], unsafe=unsafe)
    assert fixed != text
    assert [f for f in lint(fixed, [rule]) if f.rule == rule] == []
    assert fix(fixed, [rule], unsafe=unsafe) == fixed
    return fixed


@pytest.mark.parametrize("rule", ["html-entity", "mojibake", "whitespace", "repeated-text", "truncated-text",
                                  "placeholder-text"])
def test_clean_document_is_clean(rule):
    assert lint(doc(), [rule]) == []


# ---- html-entity ---------------------------------------------------------------------------------
def test_entities_in_plain_text_are_reported_and_unescaped():
    text = doc(excerpt='"Tom &amp; Jerry&#8217;s&nbsp;show &hellip;"')
    findings = lint(text, ["html-entity"])
    assert at(findings, "html-entity") == [(4, 10, "/excerpt")]
    assert "&amp;, &#8217;, &nbsp;, &hellip;" in findings[0].message
    assert findings[0].fix.applicability == "safe"
    fixed = roundtrip(text, "html-entity")
    assert fixed == doc(excerpt='"Tom & Jerry’s show …"')


def test_entity_fix_keeps_single_quotes_and_plain_style():
    text = doc(title="'It&#8217;s budget day'", rel_excerpt="Lights out &amp; cold homes")
    findings = lint(text, ["html-entity"])
    assert at(findings, "html-entity") == [(3, 8, "/title"), (8, 14, "/related/0/excerpt")]
    assert roundtrip(text, "html-entity") == doc(title="'It’s budget day'", rel_excerpt="Lights out & cold homes")


def test_escaped_ampersand_in_url_is_reported_and_fixed():
    text = doc(img_url='"https://img.example.com/storm.jpg?w=600&#038;h=400"')
    findings = lint(text, ["html-entity"])
    assert at(findings, "html-entity") == [(11, 14, "/related/0/images/0/url")]
    assert roundtrip(text, "html-entity") == doc()


@pytest.mark.parametrize("value", ['"AT&T and H&M report results"', '"Use &foo; carefully"', '"Q&A: what now"'])
def test_bare_ampersands_and_unknown_names_are_not_entities(value):
    assert lint(doc(excerpt=value), ["html-entity"]) == []


def test_entity_for_an_invalid_code_point_is_reported_without_fix():
    findings = lint(doc(excerpt='"Budget&#0; approved"'), ["html-entity"])
    assert at(findings, "html-entity") == [(4, 10, "/excerpt")]
    assert findings[0].fix is None


def test_entities_in_the_body_are_not_checked():
    assert "&amp;" in doc() and lint(doc(), ["html-entity"]) == []


# ---- mojibake ------------------------------------------------------------------------------------
def test_mojibake_is_reported_with_explanation_and_fixed():
    text = doc(title='"Apps changes follow â€˜Sensitive Dataâ€™ exposure"')
    findings = lint(text, ["mojibake"])
    assert at(findings, "mojibake") == [(3, 8, "/title")]
    msg = findings[0].message
    assert "UTF-8 text read as windows-1252" in msg and "‘Sensitive Data’" in msg
    assert roundtrip(text, "mojibake") == doc(title='"Apps changes follow ‘Sensitive Data’ exposure"')


def test_latin1_mojibake_in_related_excerpt():
    text = doc(rel_excerpt='"The cafÃ© lost power."')
    assert at(lint(text, ["mojibake"]), "mojibake") == [(8, 14, "/related/0/excerpt")]
    assert roundtrip(text, "mojibake") == doc(rel_excerpt='"The café lost power."')


@pytest.mark.parametrize("value", ['"Café, naïve, Ærø and São Paulo — fine"', '"Prices in € and £ rose ‘a lot’"',
                                   '"Ã is a letter too"'])
def test_correct_accents_and_symbols_are_not_mojibake(value):
    assert lint(doc(excerpt=value), ["mojibake"]) == []


# ---- whitespace ----------------------------------------------------------------------------------
def test_trailing_whitespace_is_fixed_byte_faithfully():
    text = doc(title='"Council approves new budget  "')
    findings = lint(text, ["whitespace"])
    assert at(findings, "whitespace") == [(3, 8, "/title")]
    assert "trailing whitespace" in findings[0].message
    assert roundtrip(text, "whitespace") == doc()


def test_trailing_no_break_space_and_escaped_line_breaks():
    text = doc(excerpt='"The council voted.\\r\\n\\r\\nIt adds  bus routes.\\u00a0"')
    findings = lint(text, ["whitespace"])
    assert at(findings, "whitespace") == [(4, 10, "/excerpt")]
    assert "trailing whitespace, a line break and doubled spaces" in findings[0].message
    assert roundtrip(text, "whitespace") == doc(excerpt='"The council voted. It adds bus routes."')


def test_leading_space_zero_width_and_control_characters():
    text = doc(rel_excerpt='" Thousands\\u200b of homes\\x07 lost power."')
    findings = lint(text, ["whitespace"])
    assert at(findings, "whitespace") == [(8, 14, "/related/0/excerpt")]
    for part in ("leading whitespace", "a control character", "a zero-width character"):
        assert part in findings[0].message
    assert roundtrip(text, "whitespace") == doc(rel_excerpt='"Thousands of homes lost power."')


def test_single_quoted_value_keeps_its_style():
    text = doc(title="'Council  approves new budget'")
    assert roundtrip(text, "whitespace") == doc(title="'Council approves new budget'")


def test_block_scalar_is_reported_without_fix():
    text = doc(excerpt=">\n  The council  voted 7-2\n  for a budget.")
    findings = lint(text, ["whitespace"])
    assert at(findings, "whitespace") == [(4, 10, "/excerpt")]
    assert "doubled spaces" in findings[0].message and findings[0].fix is None


def test_the_line_break_a_block_scalar_ends_with_is_yamls():
    """`excerpt: >` ends its value with a line break unless written `>-`: YAML's syntax, common in
    hand-written front matter, not stray whitespace in the text."""
    assert lint(doc(excerpt=">\n  The council voted 7-2\n  for a budget."), ["whitespace"]) == []
    assert lint(doc(excerpt=">\n  The council voted 7-2 for a budget."), ["whitespace"]) == []
    assert lint(doc(excerpt="|\n  The council voted 7-2 for a budget."), ["whitespace"]) == []
    assert "a line break" in lint(doc(excerpt='"The council voted.\\n"'), ["whitespace"])[0].message


@pytest.mark.parametrize("value", ['"One\\u00a0space is fine"', '"Emoji 👩\\u200d💻 joiners are fine"',
                                   '"Folded over\n  two source lines is one line"'])
def test_acceptable_spacing_is_clean(value):
    assert lint(doc(excerpt=value), ["whitespace"]) == []


def test_other_fields_are_not_checked():
    text = doc().replace("category: news", 'category: "news  "')
    assert lint(text, ["whitespace"]) == []


# ---- repeated-text -------------------------------------------------------------------------------
BIO = "Jane covers courts in all their forms. Likes jazz records and long walks."


def test_repeated_bio_is_reported_and_unsafe_fix_keeps_the_first():
    text = doc(excerpt=f'"{BIO} Reporter at the Daily — {BIO} The council voted 7-2."')
    findings = lint(text, ["repeated-text"])
    assert at(findings, "repeated-text") == [(4, 10, "/excerpt")]
    assert "13-word passage" in findings[0].message and "Jane covers courts" in findings[0].message
    assert findings[0].fix.applicability == "unsafe"
    assert fix(text, ["repeated-text"]) == text  # not a safe fix
    fixed = roundtrip(text, "repeated-text", unsafe=True)
    assert fixed == doc(excerpt=f'"{BIO} Reporter at the Daily — The council voted 7-2."')


def test_repeat_at_the_end_is_removed_with_its_separator():
    text = doc(rel_excerpt=f'"{BIO} {BIO}"')
    assert at(lint(text, ["repeated-text"]), "repeated-text") == [(8, 14, "/related/0/excerpt")]
    assert roundtrip(text, "repeated-text", unsafe=True) == doc(rel_excerpt=f'"{BIO}"')


def test_short_repeats_are_ordinary_and_min_words_option():
    value = '"The new Power Platform site template helps teams. Try the new Power Platform site template today."'
    assert lint(doc(excerpt=value), ["repeated-text"]) == []  # 6 words
    opts = {"repeated-text": {"min-words": 5}}
    assert at(lint(doc(excerpt=value), ["repeated-text"], opts), "repeated-text") == [(4, 10, "/excerpt")]


# ---- truncated-text ------------------------------------------------------------------------------
def test_dropped_first_letter_is_reported_as_mid_word():
    text = doc(rel_excerpt='"ower was cut to thousands of homes in the valley."')
    findings = lint(text, ["truncated-text"])
    assert at(findings, "truncated-text") == [(8, 14, "/related/0/excerpt")]
    assert 'mid-word: "ower" looks like the end of "power"' in findings[0].message
    assert findings[0].fix is None


def test_split_first_word_is_reported():
    findings = lint(doc(excerpt='"T he council voted 7-2 for a budget."'), ["truncated-text"])
    assert at(findings, "truncated-text") == [(4, 10, "/excerpt")]
    assert 'split word "T he"' in findings[0].message


@pytest.mark.parametrize("value", ['"which adds bus routes to the east side."', '", and the council voted again."'])
def test_mid_sentence_start_is_reported(value):
    findings = lint(doc(excerpt=value), ["truncated-text"])
    assert at(findings, "truncated-text") == [(4, 10, "/excerpt")]
    assert "mid-sentence" in findings[0].message


@pytest.mark.parametrize("value", [
    '"iPhone sales fell for the third quarter."', '"eBay sellers face new fees this year."',
    '"3 things the council decided tonight."', '"“We did it,” the mayor said on Tuesday."',
    '"A new budget adds bus routes to the east side."', '"I voted for it, the mayor said on Tuesday."',
    '"... where the council voted 7-2 for a budget."', '"The council voted for a budget that adds bus routes to ..."',
    '"van Gogh works go on show at the museum."', '"na"', '"https://example.com/a-page"',
    '"example.com says the council voted 7-2."',
])
def test_acceptable_starts_are_clean(value):
    assert lint(doc(excerpt=value), ["truncated-text"]) == []


def test_a_hand_written_post_may_start_its_description_in_lower_case():
    """A blog that writes its descriptions in lower case ("how we cut build times in half") chose
    to; a cut or split word is still a cut, and a news item's excerpt is still judged."""
    post = '---\ntitle: "Build times"\ndescription: "{}"\n---\n\nText.\n'
    assert lint(post.format("how we cut our build times in half"), ["truncated-text"]) == []
    assert lint(post.format("T he build times fell by half this year"), ["truncated-text"]) != []
    scraped = post.replace("---\n\n", 'source_url: "https://example.org/builds"\n---\n\n')
    assert lint(scraped.format("how we cut our build times in half"), ["truncated-text"]) != []


def test_titles_are_not_checked_for_truncation():
    assert lint(doc(title='"and then there were none of them"'), ["truncated-text"]) == []


# ---- placeholder-text ----------------------------------------------------------------------------
@pytest.mark.parametrize("value", ['"Placeholder."', "na", '"N/A"', "TBD", '"  tbd "', '"Lorem ipsum dolor sit amet."'])
def test_placeholders_are_reported(value):
    findings = lint(doc(excerpt=value), ["placeholder-text"])
    assert at(findings, "placeholder-text") == [(4, 10, "/excerpt")]
    assert findings[0].fix is None


def test_bare_url_excerpt_is_reported():
    findings = lint(doc(rel_excerpt='"https://example.com/storm-knocks-out-power"'), ["placeholder-text"])
    assert at(findings, "placeholder-text") == [(8, 14, "/related/0/excerpt")]
    assert "bare URL" in findings[0].message


def test_excerpt_identical_to_title_is_reported():
    findings = lint(doc(excerpt='"Council approves new budget."'), ["placeholder-text"])
    assert at(findings, "placeholder-text") == [(4, 10, "/excerpt")]
    assert "repeats the title" in findings[0].message
    opts = {"placeholder-text": {"same-as-title": False}}
    assert lint(doc(excerpt='"Council approves new budget."'), ["placeholder-text"], opts) == []


def test_a_draft_holds_placeholders_until_it_is_written():
    """A Hugo draft made from the owner's template (description = title, "TBD") is not on the site;
    a withdrawn news item keeps its text, and its placeholders are still reported."""
    draft = '---\ntitle: "Council approves new budget"\ndescription: "Council approves new budget"\ndraft: true\n---\n\nTBD\n'
    assert lint(draft, ["placeholder-text"]) == []
    assert len(lint(draft.replace("draft: true", "draft: false"), ["placeholder-text"])) == 2
    assert len(lint(draft.replace("draft: true", "published: false"), ["placeholder-text"])) == 2


def test_a_cve_id_never_filled_in_is_a_placeholder():
    """A bulletin drafted before its CVE id was assigned keeps "CVE-2024-XXXXX" (seen on two public
    project sites): in the front matter and in the body, not in code; one finding per line."""
    text = ('---\ntitle: "Security bulletin"\ncves: [CVE-2024-XXXXX, CVE-2024-1234, CVE-2024-XXXXX]\n---\n\n'
            "Fixes CVE-2024-XXXXX and CVE-2024-1234.\n\n```\necho CVE-2024-XXXXX\n```\n\nSee `CVE-XXXX-XXXX`.\n")
    found = lint(text, ["placeholder-text"])
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 8, 22), (6, 7, 21)]
    assert found[0].message == "CVE-2024-XXXXX is a placeholder for a CVE id not yet filled in"


def test_placeholder_title_is_reported():
    assert at(lint(doc(title='"Untitled"'), ["placeholder-text"]), "placeholder-text") == [(3, 8, "/title")]


@pytest.mark.parametrize("value", ['"NATO leaders meet"', '"The test flight went well this week."', '""',
                                   '"See https://example.com for the budget details."'])
def test_real_content_is_not_a_placeholder(value):
    assert lint(doc(excerpt=value), ["placeholder-text"]) == []


def test_words_option_replaces_the_list():
    opts = {"placeholder-text": {"words": ["coming soon"]}}
    assert lint(doc(excerpt='"TBD"'), ["placeholder-text"], opts) == []
    assert lint(doc(excerpt='"Coming soon!"'), ["placeholder-text"], opts) != []


# ---- robustness ----------------------------------------------------------------------------------
@pytest.mark.parametrize("front", ["title: [1, 2]\nexcerpt: {a: b}", "title: 12\nexcerpt: null", "excerpt: ''",
                                   "related: [1, 'x', null]", "related:\n  - excerpt: 5\n    images: 3"])
def test_odd_values_give_no_traceback(front):
    text = f"---\n{front}\n---\n"
    findings = lint(text, ["TXT", "TTL", "PUB"])
    assert not [f for f in findings if f.rule == "internal-error"]
