"""title-slug-mismatch (TTL001) and title-image-mismatch (TTL002)."""

import pytest
from helpers import at, lint

from rules.titles._slug import Side, slug_tokens, tokens

RULE = "title-slug-mismatch"


def article(title, url, related=""):
    return f'---\ntitle: "{title}"\nwebUrl: "{url}"\ntype: article\n{related}---\n'


# ---- slug extraction ---------------------------------------------------------------------------
@pytest.mark.parametrize("url,words", [
    ("https://news.example.com/lets-ban-drones-for-good-1844168367", ["lets", "ban", "drones", "good"]),
    ("https://www.example.in/news/city/plan-for-bus-lanes-riles-drivers/article66927253.ece",
     ["plan", "bus", "lanes", "riles", "drivers"]),
    ("https://example.tv/en/Tech/729044-Dangers-of-cheap-drones", ["dangers", "cheap", "drones"]),
    ("https://example.com/as-rents-grow-so-do-housing-worries/600279118/", ["rents", "grow", "housing", "worries"]),
    ("https://example.co.uk/news/city-drone-ban-during-parade-b1078623.html", ["city", "drone", "ban", "parade"]),
])
def test_slug_words_drop_ids_extensions_and_stop_words(url, words):
    assert Side(slug_tokens(url)).words == words


@pytest.mark.parametrize("url", ["https://example.com/", "https://example.com/2023/05/12/", "https://example.com/p?id=4",
                                 "https://example.com/news/drones-banned", "not a url"])
def test_urls_without_a_word_slug_have_none(url):
    assert slug_tokens(url) is None


def test_matching_forgives_stems_prefixes_joined_words_and_initials():
    head = Side(tokens("AI tech grows at re:Invent in NYC"))
    slug = Side(slug_tokens("https://x.com/artificial-intelligence-technology-growing-at-reinvent-in-new-york-city"))
    assert head.missing(slug) == []
    assert slug.missing(head) == []


# ---- title-slug-mismatch -------------------------------------------------------------------------
PASTED = """related:
  - title: "As rents grow, so do housing worries"
    webUrl: "https://example.com/as-rents-grow-so-do-housing-worries/600279118/"
  - title: "As rents grow, so do parking worries"
    webUrl: "https://example.com/as-rents-grow-so-do-housing-worries/600279118/"
"""


def test_title_pasted_onto_another_items_url_is_reported_at_the_title():
    text = article("City bans drones over parade", "https://example.com/city-bans-drones-over-parade-881", PASTED)
    findings = lint(text, [RULE])
    assert at(findings, RULE) == [(8, 12, "/related/1/title")]
    msg = findings[0].message
    assert "housing" in msg and "parking" in msg and "/related/0" in msg
    assert findings[0].severity == "warning"


def test_same_url_with_the_same_title_twice_is_not_pasted():
    related = PASTED.replace("parking", "housing")
    assert lint(article("City bans drones", "https://example.com/city-bans-drones-over-parade", related), [RULE]) == []


def test_unrelated_title_is_reported():
    text = article("Harbour festival draws record crowds", "https://example.com/2023/05/school-board-delays-vote-on-budget-88")
    findings = lint(text, [RULE])
    assert at(findings, RULE) == [(2, 8, "/title")]
    assert "lacks the slug's words school, board, delays, vote, budget" in findings[0].message


@pytest.mark.parametrize("title,url", [
    # a shortened headline: every title word is in the slug
    ("Olive lays off 450", "https://example.com/2022/07/19/olive-lays-off-one-third-of-staff-450-people"),
    # a keyword slug: most slug words in the title
    ("Robots aren't done reshaping warehouses", "https://example.com/2022/07/12/business/warehouse-robots-technology.html"),
    # a word swapped by an editor
    ("Working with solution dependencies for objects made easier",
     "https://example.com/blog/working-with-solution-dependencies-for-components-made-easier/"),
    # slug with the author's name
    ("Adam Smith keynote: re:Invent 2021 recap", "https://example.com/pulse/adam-smith-keynote-reinvent-2021-recap-jane-doe"),
    # no word slug at all
    ("Anything at all", "https://example.com/p/123456"),
])
def test_ordinary_headline_variation_is_clean(title, url):
    assert lint(article(title, url), [RULE]) == []


def test_threshold_option():
    text = article("Police trial drone cameras at the parade", "https://example.com/amazon-face-scan-matched-28-members-drone")
    assert lint(text, [RULE]) != []  # 1 of 6 slug words
    assert lint(text, [RULE], {RULE: {"threshold": 0.1}}) == []


def test_blog_post_slug_field_is_used():
    text = '---\ntitle: "Ten tips for sourdough"\nslug: "how-we-fixed-the-office-printer"\ndate: 2021-03-15\n---\n'
    assert at(lint(text, [RULE]), RULE) == [(2, 8, "/title")]


def test_non_string_values_are_skipped():
    assert lint('---\ntitle: 42\nwebUrl: ["a-b-c-d"]\n---\n', [RULE]) == []


# ---- title-image-mismatch ------------------------------------------------------------------------
IMAGES = """---
title: "Harbour festival draws record crowds"
images:
  - url: "https://img.example.com/a.jpg"
    title: "{first}"
provider:
  images:
    - url: "https://img.example.com/logo.jpg"
      title: "Logo"
related:
  - title: "Storm hits the coast"
    images:
      - url: "https://img.example.com/b.jpg"
        title: "{second}"
---
"""


def test_image_title_differs_from_item_title():
    text = IMAGES.format(first="Harbour festival cancelled", second="Storm hits the coast")
    findings = lint(text, ["title-image-mismatch"])
    assert at(findings, "title-image-mismatch") == [(5, 12, "/images/0/title")]
    assert findings[0].severity == "info"
    assert "Harbour festival cancelled" in findings[0].message


def test_related_image_title_is_compared_with_the_related_title():
    text = IMAGES.format(first="Harbour festival draws record crowds", second="Storm misses the coast")
    assert at(lint(text, ["title-image-mismatch"]), "title-image-mismatch") == [(14, 16, "/related/0/images/0/title")]


def test_case_spacing_and_entities_do_not_count():
    text = IMAGES.format(first="harbour  festival draws record CROWDS", second="Storm hits the coast")
    assert lint(text, ["title-image-mismatch"]) == []


def test_url_path_is_urlsplits_path():
    """`_slug._path` takes an http(s) URL's path by a regular expression: the path urlsplit gives,
    or the same error."""
    import random
    from urllib.parse import urlsplit

    from rules.titles._slug import _path

    pieces = ["http://", "https://", "HTTP://", "ftp://", "a.example", "b.example:8080", "[::1]", "[", "]", "\u00e9",
              "\u4e2d", "/", "//", "?", "#", "x", "-", "\t", "\n", "\r", " ", "%20", "@", "\x7f", "\x00", ":"]
    rng = random.Random(7)
    urls = ["https://news.example.com/2023/05/council-approves-bike-lanes-4821?utm=1#top", "http://h\u00e9.example/a-b-c"]
    urls += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(20_000)]
    for url in urls:
        try:
            expected = urlsplit(url).path
        except ValueError:
            expected = ValueError
        try:
            got = _path(url)
        except ValueError:
            got = ValueError
        assert got == expected, url
