"""Text hygiene in the body: html-entity, mojibake, whitespace and placeholder-text read the body's
text (never code), report at the line and column there (no pointer), and fix safely."""

import pytest
from helpers import fix, lint

FRONT = '---\ntitle: "Harbour ferry timetable changes"\n---\n'  # the body starts on line 4


def body(text: str) -> str:
    return FRONT + text


SCRAPED = '---\ntitle: "Harbour ferry timetable changes"\nsource_url: "https://news.example.com/ferry"\n---\n'


def scraped(text: str) -> str:
    """A scraped copy (its front matter names the page it came from): the body starts on line 5."""
    return SCRAPED + text


def where(findings, rule):
    return [(f.line, f.column, f.pointer) for f in findings if f.rule == rule]


def roundtrip(text, rule):
    fixed = fix(text, [rule])
    assert fixed != text
    assert [f for f in lint(fixed, [rule]) if f.rule == rule] == []
    assert fix(fixed, [rule]) == fixed
    return fixed


# ---- html-entity ---------------------------------------------------------------------------------
def test_scraped_entities_in_body_text_are_reported_at_their_line_and_column():
    text = scraped("\nThe ferry&#8217;s new timetable starts&nbsp;on Monday.\n\n- Fares rise by 10&#8201;%\n")
    found = lint(text, ["html-entity"])
    assert where(found, "html-entity") == [(6, 10, None), (8, 19, None)]
    assert "&#8217;, &nbsp;" in found[0].message
    assert found[0].fix.applicability == "safe"
    assert roundtrip(text, "html-entity") == scraped(
        "\nThe ferry’s new timetable starts\u00a0on Monday.\n\n- Fares rise by 10\u2009%\n")


def test_a_hand_written_post_may_write_entities_but_not_escape_them_twice():
    """Markdown shows `&mdash;` as a dash: an author's way of typing one, not a scraper's leftover
    (the post names no page it was copied from). Escaped twice, readers see the entity itself."""
    written = body("\nOne release &mdash; many fixes, and the captain&rsquo;s notes.\n")
    assert lint(written, ["html-entity"]) == []
    twice = body("\nThe captain&amp;rsquo;s notes.\n")
    assert where(lint(twice, ["html-entity"]), "html-entity") == [(5, 12, None)]
    assert roundtrip(twice, "html-entity") == body("\nThe captain’s notes.\n")


@pytest.mark.parametrize("line,fixed", [
    ("# The captain&rsquo;s log", "# The captain’s log"),
    ("> &quot;We are ready,&quot; she said.", '> "We are ready," she said.'),
    ("| Route | Note |\n|---|---|\n| A | Mon&ndash;Fri |", "| Route | Note |\n|---|---|\n| A | Mon–Fri |"),
    ("It&amp;#8217;s escaped twice.", "It’s escaped twice."),
    ("Type &amp;lt;b&amp;gt; for bold.", "Type &lt;b&gt; for bold."),  # one level off: still shown as <b>
])
def test_entities_in_every_kind_of_text_block(line, fixed):
    text = scraped(f"\n{line}\n")
    assert len(lint(text, ["html-entity"])) == 1
    assert roundtrip(text, "html-entity") == scraped(f"\n{fixed}\n")


def test_double_escaped_entity_says_what_readers_see():
    (finding,) = lint(body("\nIt&amp;#8217;s here.\n"), ["html-entity"])
    assert "&amp;#8217; is escaped twice (readers see &#8217;)" in finding.message


@pytest.mark.parametrize("text", [
    "Write &lt;script&gt; and AT&amp;T in Markdown text: they must stay escaped.",
    "Inline `it&#8217;s code` stays.",
    "```html\n<p>It&#8217;s code</p>\n```",
    "    indented &nbsp; code",
    '<p>It&rsquo;s an HTML block &nbsp;</p>',
    '<div class="entry">\n<p>WordPress&#8217;s markup</p>\n</div>',
    "A [link](https://example.org/?a=1&#038;b=2) and <https://example.org/?a=1&#038;b=2>.",
    'An <a title="It&rsquo;s" href="/x">inline tag</a> attribute.',
    "Mail &#x69;&#x6e;fo at example dot org.",  # letters hidden from harvesters
    "Not a star: &#42;, not a heading: &#35;.",  # escapes of Markdown syntax
    "Unknown &D; and &foo; names, Q&A, AT&T.",
])
def test_entities_that_are_meant_or_not_text_are_left_alone(text):
    assert lint(scraped(f"\n{text}\n"), ["html-entity"]) == []


def test_entity_for_a_control_character_is_reported_without_fix():
    (finding,) = lint(scraped("\nBroken&#1; text\n"), ["html-entity"])
    assert finding.fix is None


def test_text_of_a_file_without_front_matter_is_not_read_as_a_body():
    assert lint("It&#8217;s a file without front matter.\n", ["html-entity"]) == []


# ---- mojibake ------------------------------------------------------------------------------------
def test_mojibake_in_body_is_reported_and_repaired_around_code():
    text = body("\nThe captainâ€™s log, `keep Ã© here`, and the cafÃ©.\n")
    found = lint(text, ["mojibake"])
    assert where(found, "mojibake") == [(5, 12, None)]
    assert "should read" in found[0].message and "’" in found[0].message
    assert roundtrip(text, "mojibake") == body("\nThe captain’s log, `keep Ã© here`, and the café.\n")


def test_mojibake_in_html_text_and_lists_is_reported():
    text = body("\n<p>The captainâ€™s log</p>\n\n- â€œQuotedâ€\x9d item\n")
    assert where(lint(text, ["mojibake"]), "mojibake") == [(5, 15, None), (7, 3, None)]
    assert roundtrip(text, "mojibake") == body("\n<p>The captain’s log</p>\n\n- “Quoted” item\n")


@pytest.mark.parametrize("text", [
    "Café, naïve, Ñandú, São Paulo, Zürich, Kraków: correct accents.",
    "```\nprint('captainâ€™s')\n```",
    "    captainâ€™s log in indented code",
    "Only `Ã©` in code.",
])
def test_correct_text_and_code_are_not_mojibake(text):
    assert lint(body(f"\n{text}\n"), ["mojibake"]) == []


# ---- whitespace ----------------------------------------------------------------------------------
def test_control_characters_and_separators_in_body_are_reported_and_removed():
    text = body("\nThe ferry\x0bleaves at nine.\x01\n\nAbout us\u2028We run ferries.\n")
    found = lint(text, ["whitespace"])
    assert where(found, "whitespace") == [(5, 10, None), (7, 9, None)]
    assert "control characters (U+000B, U+0001)" in found[0].message
    assert "line separator (U+2028)" in found[1].message
    assert roundtrip(text, "whitespace") == body("\nThe ferry leaves at nine.\n\nAbout us We run ferries.\n")


@pytest.mark.parametrize("text", [
    "A hard line break  \nafter two trailing spaces.",
    "Tabs\tin text and trailing tab\t",
    "No-break\u00a0spaces and zero\u200bwidth spaces, emoji 🧗\u200d♀️ and soft\u00adhyphens.",
    "```\ncontrol \x01 in code\n```",
    "Windows\r\nline\r\nbreaks.",
])
def test_markdown_whitespace_is_not_a_defect(text):
    assert lint(body(f"\n{text}\n"), ["whitespace"]) == []


# ---- placeholder-text ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["TBD", "Coming soon.", "Placeholder", "TODO: write the story"])
def test_a_body_that_is_only_a_placeholder_is_reported(text):
    found = lint(body(f"\n{text}\n"), ["placeholder-text"])
    assert where(found, "placeholder-text") == [(5, 1, None)]
    assert "the body is a placeholder" in found[0].message


@pytest.mark.parametrize("text,line", [
    ("The ferry leaves at nine.\n\nTODO: add the quote from the harbour master\n\nIt returns at six.", 7),
    ("The ferry leaves at nine.\n\n- Monday: nine\n- [TBD]\n\nIt returns at six.", 8),
    ("The ferry leaves at nine.\n\n## TK\n\nIt returns at six.", 7),
])
def test_an_editors_note_left_in_the_body_is_reported(text, line):
    found = lint(body(f"\n{text}\n"), ["placeholder-text"])
    assert [(f.line, f.pointer) for f in found] == [(line, None)]
    assert "editor's note" in found[0].message


@pytest.mark.parametrize("text", [
    "Coming soon to the harbour: a second ferry that will double the number of crossings each day.",
    "The survey's headline (“TK insight, survey says”) is a placeholder journalists use.",
    "The report shows\n`TBD`\n-\nwhile the run is in progress.",  # code: a value, not a note
    "Breaking changes:\n\n- None",
    "Todo lists help the crew: the todo app is new.",
])
def test_placeholder_words_inside_real_text_are_not_reported(text):
    assert lint(body(f"\n{text}\n"), ["placeholder-text"]) == []
