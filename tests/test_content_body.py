"""Content rules on real-shaped bodies: page chrome, promotion and stray text (off-topic-section),
chrome repeated across scraped copies (boilerplate-paragraph), an article misfiled into a feed
(off-topic-article), and deleting fixes that need the rule's own opt-in."""

from helpers import fix, lint, settings
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from linter.engine import Linter
from rules.content import _language

OT, BP, OA = "off-topic-section", "boilerplate-paragraph", "off-topic-article"
SCRAPED = 'source_url: "https://www.harbourtimes.example/news/ferry"\n'


def _doc(body, title="Harbour ferry returns after engine repairs", extra=SCRAPED):
    return (f'---\ntitle: "{title}"\ndescription: "The harbour ferry returns to the north pier after two months of engine '
            f'repairs."\n{extra}---\n\n{body}')


STORY = """The harbour ferry returned to the north pier on Monday after two months of engine repairs at the boatyard.

Engineers replaced both diesel engines of the ferry and refitted the passenger deck, and the harbour master said the ferry passed its sea trials in calm water.

Commuters who crossed the harbour by the long road around the estuary welcomed the ferry back, and the council will add two evening sailings in summer.
"""


def _ot(text, **options):
    return [f for f in lint(text, ["CT001"], {OT: options} if options else None) if f.rule == OT]


# ---- off-topic-section: chrome and promotion ------------------------------------------------------
def test_skip_link_share_row_and_newsletter_box_are_chrome():
    body = ("Skip to main content\n\n" + STORY + "\n* Share\n* Facebook\n* Twitter\n* LinkedIn\n* Email\n\n"
            "Sign up for our free newsletter and get the harbour's news delivered to your inbox every morning.\n")
    found = _ot(_doc(body))
    assert [(f.line, f.end_line) for f in found] == [(7, 7), (15, 21)]
    assert "page chrome (skip link)" in found[0].message
    assert "page chrome (share buttons, newsletter box)" in found[1].message
    assert all(f.severity == "warning" and f.confidence == 0.9 and f.fix is None for f in found)


def test_media_player_fallback_category_line_subscription_step_and_skip_link_after_the_title():
    body = ("Harbour ferry returns after engine repairs Skip to content\n\nYour browser does not support the audio element.\n\n"
            "Listen to article\n\n" + STORY + "\nCheck your inbox to confirm your subscription.\n\nPOSTED IN:\n")
    found = _ot(_doc(body))
    cues = [(f.line, f.message.split("page chrome (")[1].split(")")[0]) for f in found]
    assert cues == [(7, "skip link, media player"), (19, "newsletter box, tag toggle")]
    assert found[0].end_line == 11


def test_a_newsletters_subscription_box_kept_by_its_export_is_chrome():
    """Substack's box, in a newsletter's archive mirrored to Markdown (seen in public)."""
    box = ("Harbour Notes is a reader-supported publication. To receive new posts and support my work, consider "
           "becoming a free or paid subscriber.")
    found = _ot(_doc(STORY + "\n" + box + "\n\nMore commuters are expected once the evening sailings start.\n"))
    assert [f.message.split("page chrome (")[1].split(")")[0] for f in found] == ["subscription box"]


def test_the_text_of_a_link_to_a_video_is_chrome_no_fix_may_delete():
    """A scraped video embed leaves its fallback text as the text of a link to the file (or of a
    link broken over two blocks): chrome, but the link is the article's, so it is shown at info and
    no deleting fix is offered, even to a rule told to delete."""
    for link in ("[Your browser does not support the video tag.](https://cdn.harbourtimes.example/ferry.mp4)",
                 "[\n\nYour browser does not support the video tag.\n](https://cdn.harbourtimes.example/ferry.mp4)"):
        body = STORY + "\n" + link + "\n"
        (found,) = _ot(_doc(body), delete=True)
        assert (found.severity, found.confidence, found.fix) == ("info", 0.7, None)
        assert "media player's text in a link" in found.message


def test_a_screen_readers_note_on_its_own_line_is_chrome():
    body = STORY + "\n[Timetable](https://www.harbourtimes.example/timetable)\n\nOpens in a new tab\n"
    (found,) = _ot(_doc(body))
    assert "page chrome (link annotation)" in found.message and found.severity == "warning"


def test_corrections_footer_donation_heading_and_same_site_teaser():
    body = (STORY + "\n[Read more: [Council approves summer timetable](https://www.harbourtimes.example/news/timetable)]\n\n"
            "The harbour master expects the ferry to carry a thousand commuters a day.\n\n## Support our journalism\n\nYour donations keep independent local reporting alive.\n\n"
            "More commuters are expected once the evening sailings start.\n\n"
            "Email [desk@harbourtimes.example](mailto:desk@harbourtimes.example) to point out mistakes or send a letter.\n")
    found = _ot(_doc(body))
    cues = [f.message.split("page chrome (")[1].split(")")[0] for f in found]
    assert cues == ["related-post teaser", "donation box", "corrections footer"]
    # the donation heading takes its pitch, not the article text after it
    assert [(f.line, f.end_line) for f in found][1] == (17, 19)


def test_bootcamp_promotion_section_is_found():
    body = (STORY + "\n## Our harbour history\n\nThe first ferry crossed the harbour in 1890 and the pier was rebuilt after the "
            "storm of 1953.\n\n## Become a developer in twelve weeks\n\nJoin our coding bootcamp: enrol today in the online "
            "course with a certificate program, and get a discount on tuition with the early-bird offer for the webinar.\n")
    found = _ot(_doc(body))
    assert len(found) == 1 and found[0].line == 17
    assert "is promotion (" in found[0].message and "bootcamp" in found[0].message
    assert found[0].severity == "warning" and found[0].confidence == 0.85


def test_chrome_in_a_hand_written_post_is_its_author_sign_off():
    body = STORY + "\nSign up for our free newsletter and get the harbour's news delivered to your inbox every morning.\n"
    found = _ot(_doc(body, extra=""))
    assert len(found) == 1 and found[0].severity == "info" and found[0].confidence == 0.7


# ---- off-topic-section: what an article is made of ------------------------------------------------
RELEASE = """---
title: "Harbourlib v4.2.1 (security release)"
---

This is a security release of harbourlib: all users should upgrade.

## Notable changes

The following CVEs are fixed in this release:

* CVE-2031-0001: request smuggling through folded headers (High)
* CVE-2031-0002: unbounded memory in the zlib inflater (Medium)
* [`3f2a9c1b7e`] - **deps**: update openssl to 3.0.9 (Ana Ruiz) #4411

## Downloads

* Windows 64-bit installer: https://example.org/dist/v4.2.1/harbourlib-x64.msi
* macOS installer: https://example.org/dist/v4.2.1/harbourlib.pkg
* Source code: https://example.org/dist/v4.2.1/harbourlib-v4.2.1.tar.gz

| file | sha256 |
| --- | --- |
| harbourlib-x64.msi | 9b1c0e0f4d1a77de5cbb0c2b2c1a0f0e7d6c5b4a39281706f5e4d3c2b1a09f8e |

## Credits

Thanks to Ana Ruiz, Bo Chen and Carla Diaz for reporting and fixing these issues.
"""


def test_release_notes_with_cve_list_downloads_checksums_and_credits_are_the_article():
    assert _ot(RELEASE) == []


FEATURE = """---
title: "Harbourlib adds code explanations"
description: "Harbourlib now explains a selected function in plain words, inside the editor."
---

Harbourlib can now explain a selected function in plain words, inside the editor, with links to the documentation of every call it makes, the exceptions it raises and the tests that cover it.

## How it works

Select a function and press the explain key: Harbourlib reads the function, its callers and its tests, and writes a short explanation beside the code.

## Benefits

- Happier teams and calmer managers across departments
- Lower operating costs and quicker quarterly budgeting
- Smoother hiring, retention and staff morale

## Availability

Code explanations ship in the spring release for every paid plan.
"""


def test_a_feature_posts_standard_sections_are_the_article():
    """A generated product post's "Benefits" list (seen on a public Jekyll site, the same bullets
    under every feature) is generic, not stray: like release notes' sections, it is the article."""
    assert _ot(FEATURE) == []
    assert len(_ot(FEATURE.replace("## Benefits", "## Fleet news"))) == 1


SHORT_RELEASE = """---
title: "Harbourlib 1.0.4 released"
---

Harbourlib 1.0.4 fixes a security issue in the template engine: untrusted plugins could run arbitrary code while rendering a page, so everyone should upgrade through the package manager today.

The fix disables custom plugins in safe mode, escapes every variable the templates render, and adds a regression test for the template engine.

Many thanks for Dana Whitfield for alerting us to the problem and helping us confirm the fix so quickly.

Happy publishing, and keep those bug reports coming!
"""


def test_a_short_release_post_thanking_its_reporter_is_the_article():
    """A project's own release posts (seen on a public Jekyll site) thank whoever reported the bug
    in words the rest of the post does not use: credits, not a stray paragraph."""
    assert _ot(SHORT_RELEASE) == []
    assert _ot(SHORT_RELEASE.replace("Many thanks for", "Maintainer's note: Many thanks to")) == []


ASIDE = ("Volcanic ash from the eruption grounded flights across northern glaciers while seismologists monitored "
         "magma tremors beneath the crater.")
MORE_STORY = STORY + """
The ferry seats two hundred passengers and carries bicycles on its lower deck, and the crossing takes twelve minutes in fair weather.

The harbour master said the repaired engines burn less diesel, and the ferry company expects fares to stay the same next year.
"""


def _post_with(block, story=MORE_STORY):
    return _doc(story + "\n" + block + "\n\nCommuters can buy tickets on board or at the pier office before each sailing.\n",
                extra="")


def test_a_paragraph_opening_with_a_connective_continues_the_post_unless_it_sells():
    """A release post's "Some other fixes...", "We also added...", "Well, ..." (seen on a public
    Jekyll site) are the author's asides: their words need not recur. A spliced paragraph names
    its own subject; promotion is reported however it opens."""
    found = _ot(_post_with(ASIDE))
    assert [(f.line, f.severity) for f in found] == [(16, "info")]
    for opening in ("Also, v", "And v", "We also saw v", "...and v", "Well, v", "Or, if you fly, v", "Please note: v", "(To be exact, v", "All this while v"):
        assert _ot(_post_with(opening + ASIDE[1:])) == [], opening
    promo = _ot(_post_with("Also, enrol today in our online coding bootcamp with a certificate program and an early-bird discount."))
    assert [(f.line, f.severity) for f in promo] == [(16, "warning")] and "is promotion (" in promo[0].message


def test_a_paragraph_ending_with_thanks_is_a_credit():
    assert len(_ot(_post_with(ASIDE))) == 1
    assert _ot(_post_with(ASIDE + " Thanks :)")) == []
    assert _ot(_post_with(ASIDE + " Thank you!")) == []


def test_the_sections_of_a_digest_are_separate_items():
    """A weekly update's sections are its items: one that shares no words with the others is not stray."""
    section = "\n## Glacier eruption\n\n" + ASIDE + "\n"
    assert len(_ot(_doc(MORE_STORY + section, extra=""))) == 1
    for title in ("Harbour weekly update", "This week in harbour news", "Harbour links: May roundup"):
        assert _ot(_doc(MORE_STORY + section, title=title, extra="")) == [], title


def test_a_summary_written_as_html_counts_for_its_words_not_its_markup():
    """A WordPress export keeps `excerpt: '<a href=...>'`: "href" and the link's host are no key
    terms of the article."""
    from linter.document import parse_text
    from rules.content._offtopic import meta_text

    html = 'excerpt: "<a href=\\"https://www.codeforharbours.example/ferry\\">The ferry</a> is [back](/ferry) today."\n'
    doc = parse_text(_post_with(ASIDE).replace("---\n\n", html + "---\n\n", 1), "post.md")
    assert ("The ferry  is back today.", 2.0) in meta_text(doc)  # a tag leaves a space


def test_stray_text_is_not_judged_in_a_post_too_short_to_show_its_subject():
    """Four one-line paragraphs: too few words to tell an aside from a stray block (a short release
    note's pointer to its changelog); the same block in a longer post is reported."""
    short = "The harbour ferry returned to the north pier on Monday after repairs.\n"
    assert _ot(_post_with(ASIDE, story=short + "\nThe council will add evening sailings.\n")) == []
    assert len(_ot(_post_with(ASIDE))) == 1


PASSWORDS = """---
title: "The most common passwords leaked this year are still the weakest"
description: "Researchers counted the passwords in leaked credential dumps."
---

Researchers counted the passwords found in this year's leaked credential dumps and ranked them by how often they appear.

Most of them would be cracked in under a second by a modern laptop guessing every combination.

The ten most common were:

* 123456
* password
* qwerty
* iloveyou
* dragon
* sunshine
* football
* monkey
* letmein
* princess

Security teams recommend long passphrases and a password manager instead.
"""


def test_an_article_whose_subject_is_a_list_is_not_judged_by_its_words():
    assert _ot(PASSWORDS) == []


EDITOR = """---
title: "Gazette editor steps down after twenty years"
description: "The editor of the Gazette announced her retirement on Friday."
---

The editor of the Gazette announced on Friday that she will step down in the spring after twenty years at the paper.

She joined as a trainee reporter and led the newsroom through the move to a digital subscription model.

“Gardening, grandchildren and finally reading novels that have nothing to do with the news: that is my plan for the summer,” she said.

The publisher will name her successor next month.
"""


def test_a_quote_in_a_story_about_its_speaker_is_the_article():
    assert _ot(EDITOR) == []


def test_a_section_in_another_language_is_not_judged_with_english_statistics():
    body = STORY + "\n## 한국어 요약\n\n항구 페리가 두 달간의 엔진 수리를 마치고 월요일에 북쪽 부두로 돌아왔습니다. 시의회는 여름에 저녁 운항을 두 편 추가합니다.\n\n## 日本語の要約\n\n港のフェリーは二か月のエンジン修理を終えて月曜日に北の桟橋に戻りました。\n"
    assert _ot(_doc(body)) == []


ITALIAN = """---
title: "Il traghetto del porto torna in servizio"
---

Il traghetto del porto è tornato lunedì al molo nord dopo due mesi di riparazioni ai motori nel cantiere navale.

Gli ingegneri hanno sostituito entrambi i motori diesel e rinnovato il ponte passeggeri; il comandante del porto ha detto che il traghetto ha superato le prove in mare.

Prenotazioni online obbligatorie tramite piattaforma digitale regionale.

I pendolari che attraversavano il porto lungo la strada dell'estuario hanno accolto il ritorno del traghetto, e il comune aggiungerà due corse serali in estate.
"""


def test_an_article_in_another_language_is_not_judged_with_english_statistics():
    """An Italian news site (seen in public): a short line ("Prenotazioni online obbligatorie...") is
    too short to tell its language on its own, but the article around it is not English."""
    assert _ot(ITALIAN) == []


def test_read_more_citing_a_paper_is_not_a_teaser():
    body = STORY + "\n**Read more:** [Ferry engine emissions in estuaries (arXiv)](https://arxiv.org/abs/2101.00001)\n"
    assert _ot(_doc(body)) == []


def test_is_english():
    assert _language.is_english("The ferry returned to the pier on Monday after two months of repairs at the yard.")
    assert not _language.is_english("Die Fähre kehrte am Montag nach zwei Monaten Reparatur zum Nordpier zurück, sagte der Hafenmeister.")
    assert not _language.is_english("항구 페리가 두 달간의 엔진 수리를 마치고 돌아왔습니다")
    assert _language.is_english("Share")  # too short to tell: Latin script is taken as English


def _english_by_pattern(text):  # the test as specified: function words among the runs of a-z of the lower-cased text
    import re

    words = re.findall(r"[a-z]+", text.lower())
    return len(words) < _language.MIN_WORDS or sum(w in _language._FUNCTION for w in words) >= 0.12 * len(words)


@hsettings(max_examples=300)
@given(st.lists(st.sampled_from(["the", "of", "and", "Théâtre", "café", "naïve", "ünd", "x", "42", "’s", "—", "\ud800",
                                 "İt", "K", "ΟΔΟΣ", "le", "un", "i", "THE"]), max_size=30).map(" ".join))
def test_is_english_counts_the_function_words_of_latin_text_as_specified(text):
    if text.isascii() or _language._OTHER_SCRIPT.search(text) is None:  # Latin script: the function-word test decides
        assert _language.is_english(text) == _english_by_pattern(text)


# ---- deleting fixes: opt-in per rule, chrome only, the flagged span only ---------------------------
CHROME = _doc(STORY + "\nEmail [desk@harbourtimes.example](mailto:desk@harbourtimes.example) to point out mistakes.\n")


def test_unsafe_fixes_alone_delete_nothing():
    assert fix(CHROME, ["CT001"], unsafe=True) == CHROME
    assert all(f.fix is None for f in _ot(CHROME))


def test_delete_opt_in_removes_exactly_the_chrome_and_round_trips():
    options = {OT: {"delete": True}}
    assert fix(CHROME, ["CT001"], options, unsafe=False) == CHROME  # still an unsafe fix
    fixed = fix(CHROME, ["CT001"], options, unsafe=True)
    assert fixed == _doc(STORY + "\n")  # the span and its line break, not the blank line before it
    assert fix(fixed, ["CT001"], options, unsafe=True) == fixed
    assert _ot(fixed, delete=True) == []


def test_delete_opt_in_never_deletes_low_confidence_chrome():
    hand_written = _doc(STORY + "\nSign up for our newsletter and get the news delivered to your inbox.\n", extra="")
    assert fix(hand_written, ["CT001"], {OT: {"delete": True}}, unsafe=True) == hand_written


# ---- boilerplate-paragraph ------------------------------------------------------------------------
SIGN_OFF = "What are you reading this weekend? Tell us on the harbour forum or in the comments below."
TEMPLATE = "Download the release from the project page and check its signature against the published keys."


def _lint_files(files):
    linter = Linter(settings(["CT003"]))
    results = [linter.lint_bytes(text.encode("utf-8"), path, path)[1] for path, text in files.items()]
    linter.finish(results)
    return {r.path: [f for f in r.findings if f.rule == BP] for r in results}


def _copies(extra, last, source=True):
    stories = ["The ferry returns to the north pier on Monday.", "New lights along the pier were switched on by the mayor.",
               "The fish market opens an hour earlier during the summer."]
    return {f"{i}.md": _doc(f"{s}\n\nIt is story number {i} of the week.\n\n{last}\n", title=f"Story {i}",
                            extra=(f'source_url: "https://www.harbourtimes.example/{i}"\n' if source else "") + extra)
            for i, s in enumerate(stories)}


def test_sign_off_repeated_at_the_foot_of_scraped_copies_is_chrome_and_names_the_others():
    found = _lint_files(_copies("", SIGN_OFF))
    assert all(len(v) == 1 for v in found.values())
    assert "appears in 3 files (also in 1.md, 2.md)" in found["0.md"][0].message
    assert found["0.md"][0].confidence == 0.85


def test_an_authors_own_template_in_a_hand_written_blog_is_not_boilerplate():
    assert all(v == [] for v in _lint_files(_copies("", TEMPLATE, source=False)).values())


def test_list_intro_and_credit_line_are_not_boilerplate():
    assert all(v == [] for v in _lint_files(_copies("", "In addition, readers can look for the following changes:")).values())
    assert all(v == [] for v in _lint_files(_copies("", "Ana Ruiz and Bo Chen contributed to this report from the harbour.")).values())


# ---- off-topic-article ------------------------------------------------------------------------------
SECURITY = [
    "Attackers scanned the exposed admin port of the firewall; the patch closes it and rotates the credentials.",
    "A phishing campaign spoofs the payroll portal to harvest credentials; the attackers reuse a known malware loader.",
    "The ransomware gang encrypted the hospital network and leaked patient data; the malware used a stolen VPN credential.",
]
HOROSCOPE = "Aries, the stars favour bold moves this week: Venus enters your sign, Jupiter smiles on romance and the full moon lights your finances."


def _feed(extra):
    post = '---\ntitle: "{t}"\ncategory: security\n---\n\n{b}\n'
    files = {f"security/{i}.md": post.format(t=f"Security note {i}", b="\n\n".join([SECURITY[i % 3]] * 10)) for i in range(20)}
    files.update(extra)
    linter = Linter(settings(["CT005"]))
    results = [linter.lint_bytes(text.encode("utf-8"), path, path)[1] for path, text in files.items()]
    linter.finish(results)
    return {r.path: [f for f in r.findings if f.rule == OA] for r in results}


def test_horoscope_in_a_security_feed_is_reported_once_at_its_title():
    found = _feed({"security/stars.md": '---\ntitle: "Your week in the stars"\ncategory: security\n---\n\n'
                   + "\n\n".join([HOROSCOPE] * 10) + "\n"})
    assert [(f.line, f.column, f.pointer) for f in found["security/stars.md"]] == [(2, 8, "/title")]
    assert "none of the" in found["security/stars.md"][0].message and "'security'" in found["security/stars.md"][0].message
    assert sum(len(v) for v in found.values()) == 1


def test_an_articles_top_terms_are_its_heaviest_words_ties_alphabetically():
    from rules.content import off_topic_article

    doc = Linter(settings(["CT005"])).parse(b'---\ntitle: "Zebra"\n---\n\nYak quokka okapi zebra tapir\n', "a.md")
    options = {**off_topic_article.OPTIONS, "top-terms": 3}
    # the title's word weighs twice; the others weigh alike (rare words) and are taken alphabetically
    assert off_topic_article.collect(doc, options)[1] == ["zebra", "okapi", "quokka"]


def test_a_short_article_or_a_small_feed_is_not_judged():
    found = _feed({"security/stars.md": f'---\ntitle: "Stars"\ncategory: security\n---\n\n{HOROSCOPE}\n'})
    assert found["security/stars.md"] == []
    small = _feed({f"astro/{i}.md": f'---\ntitle: "Stars {i}"\ncategory: astro\n---\n\n' + "\n\n".join([SECURITY[0]] * 10) + "\n"
                   for i in range(3)})
    assert all(v == [] for k, v in small.items() if k.startswith("astro/"))
