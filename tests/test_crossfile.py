"""Cross-file duplicate rules: duplicate-article (DUP001) and duplicate-title (DUP002).

Both are repository rules: facts are collected per file, then report() sees every file. These
tests drive them through the engine (Linter.lint_bytes + Linter.finish), as a run does.
"""

import json

import pytest
from helpers import settings

from linter.engine import FileResult, Linter


def run(files, select=("DUP001",), options=None, report_on=None, roundtrip=False):
    """Lint several documents together; {path: [finding, ...]} for every path."""
    linter = Linter(settings(list(select), options))
    results = []
    for path, text in files.items():
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        result = linter.lint_bytes(raw, path, path)[1]
        if roundtrip:  # what the cache keeps and gives back
            result = FileResult.from_json(path, path, json.loads(json.dumps(result.to_json())))
        results.append(result)
    linter.finish(results, report_on=report_on)
    return {r.path: r.findings for r in results}


def where(findings, rule):
    """(line, column, end_line, end_column, pointer) of each finding of `rule`."""
    return [(f.line, f.column, f.end_line, f.end_column, f.pointer) for f in findings if f.rule == rule]


def messages(findings, rule):
    return [f.message for f in findings if f.rule == rule]


def news(url, title="Some headline about a thing", original=None):
    lines = ["---", f'title: "{title}"', f'webUrl: "{url}"']
    if original is not None:
        lines.append(f'originalUrl: "{original}"')
    return "\n".join(lines + ["type: article", "---", ""])


# ---- duplicate-article ----------------------------------------------------------------------
DA = "duplicate-article"
URL = "https://news.example.org/2022/03/city-register"


def test_same_url_in_two_files_is_reported_on_both_with_position_and_the_other_file():
    url_b = "https://news.example.org/2022/03/city-register/"
    out = run({"a.md": news(URL), "b.md": news(url_b)})
    # webUrl is on line 3; its value starts after `webUrl: ` (column 9) and ends after the quote
    assert where(out["a.md"], DA) == [(3, 9, 3, 9 + len(URL) + 2, "/webUrl")]
    assert where(out["b.md"], DA) == [(3, 9, 3, 9 + len(url_b) + 2, "/webUrl")]
    assert messages(out["a.md"], DA) == [f'webUrl: "{URL}" is the same article as b.md (line 3)']
    assert messages(out["b.md"], DA) == [f'webUrl: "{url_b}" is the same article as a.md (line 3)']
    assert out["a.md"][0].severity == "error" and out["a.md"][0].code == "DUP001"


@pytest.mark.parametrize(
    "variant",
    [
        "http://news.example.org/2022/03/city-register",
        "https://WWW.News.Example.ORG/2022/03/city-register",
        "https://news.example.org:443/2022/03/city-register",
        "https://news.example.org/2022/03/city-register#comments",
        "https://news.example.org/2022/03/city-register?utm_source=feed&utm_medium=rss",
        "https://news.example.org/2022/03/city-register?fbclid=abc123",
        "https://news.example.org/2022/03/city-register/amp",
        "https://news.example.org/2022/03/city-register?amp=1",
        "https://news-example-org.cdn.ampproject.org/c/s/news.example.org/2022/03/city-register/amp",
    ],
)
def test_url_variants_of_the_same_story_are_duplicates(variant):
    out = run({"a.md": news(URL), "b.md": news(variant)})
    assert len(where(out["a.md"], DA)) == 1 and len(where(out["b.md"], DA)) == 1


@pytest.mark.parametrize(
    "other",
    [
        "https://news.example.org/2022/03/city-register-update",
        "https://news.example.org/2022/04/city-register",
        "https://other.example.org/2022/03/city-register",
        "https://news.example.org/2022/03/city-register?id=2",
    ],
)
def test_different_urls_are_not_duplicates(other):
    out = run({"a.md": news(URL), "b.md": news(other)})
    assert out == {"a.md": [], "b.md": []}


def test_a_file_whose_web_and_original_url_agree_does_not_duplicate_itself():
    out = run({"a.md": news(URL, original=URL), "b.md": news("https://news.example.org/other", original=URL + "/")})
    # a.md: one finding (not two), on its first field with the shared URL
    assert where(out["a.md"], DA) == [(3, 9, 3, 9 + len(URL) + 2, "/webUrl")]
    # b.md shares it only through originalUrl (line 4, column 14)
    assert where(out["b.md"], DA) == [(4, 14, 4, 14 + len(URL) + 3, "/originalUrl")]
    assert messages(out["b.md"], DA) == [f'originalUrl: "{URL}/" is the same article as a.md (line 3)']
    alone = run({"a.md": news(URL, original=URL)})
    assert alone == {"a.md": []}


def test_web_url_of_one_file_matching_original_url_of_another():
    out = run({"a.md": news(URL), "b.md": news("https://aggregator.example.net/s/991", original=URL)})
    assert where(out["a.md"], DA) == [(3, 9, 3, 9 + len(URL) + 2, "/webUrl")]
    assert where(out["b.md"], DA)[0][4] == "/originalUrl"
    assert messages(out["a.md"], DA) == [f'webUrl: "{URL}" is the same article as b.md (line 4)']


def test_group_of_three_names_the_other_two_on_each_file():
    files = {"c.md": news(URL), "a.md": news(URL + "?utm_campaign=x"), "b.md": news(URL + "#top")}
    out = run(files)
    assert messages(out["a.md"], DA) == [f'webUrl: "{URL}?utm_campaign=x" is the same article as b.md (line 3), c.md (line 3)']
    assert messages(out["b.md"], DA) == [f'webUrl: "{URL}#top" is the same article as a.md (line 3), c.md (line 3)']
    assert messages(out["c.md"], DA) == [f'webUrl: "{URL}" is the same article as a.md (line 3), b.md (line 3)']


def test_a_large_group_caps_the_list_of_other_files():
    files = {f"f{i}.md": news(URL) for i in range(8)}
    out = run(files)
    assert all(len(where(out[p], DA)) == 1 for p in files)
    assert messages(out["f0.md"], DA) == [
        f'webUrl: "{URL}" is the same article as f1.md (line 3), f2.md (line 3), f3.md (line 3), '
        "f4.md (line 3), f5.md (line 3) and 2 more"
    ]


def test_related_items_are_not_compared_across_files():
    related = news("https://elsewhere.example.com/story-1").replace(
        "type: article\n", f'type: article\nrelated:\n  - title: "Same story"\n    webUrl: "{URL}"\n'
    )
    out = run({"a.md": news(URL), "b.md": related})
    assert out == {"a.md": [], "b.md": []}


def test_only_the_files_passed_get_findings_but_all_files_are_compared():
    files = {"a.md": news(URL), "b.md": news(URL + "/"), "c.md": news(URL + "?utm_source=x")}
    out = run(files, report_on={"b.md"})
    assert out["a.md"] == [] and out["c.md"] == []
    assert messages(out["b.md"], DA) == [f'webUrl: "{URL}/" is the same article as a.md (line 3), c.md (line 3)']


def test_facts_survive_the_cache_round_trip():
    out = run({"a.md": news(URL), "b.md": news(URL + "/")}, roundtrip=True)
    assert where(out["a.md"], DA) == [(3, 9, 3, 9 + len(URL) + 2, "/webUrl")]
    assert messages(out["b.md"], DA) == [f'webUrl: "{URL}/" is the same article as a.md (line 3)']


def test_fingerprint_is_the_value_not_the_list_of_other_files():
    two = run({"a.md": news(URL), "b.md": news(URL)})
    three = run({"a.md": news(URL), "b.md": news(URL), "c.md": news(URL)})
    assert two["a.md"][0].message != three["a.md"][0].message
    assert two["a.md"][0].fingerprint == three["a.md"][0].fingerprint


@pytest.mark.parametrize(
    "text",
    [
        "---\nwebUrl: 42\n---\n",
        "---\nwebUrl: [1, 2]\n---\n",
        "---\nwebUrl: \"\"\n---\n",
        "---\nwebUrl: \"not a url at all\"\n---\n",
        "---\nwebUrl: \"ftp://news.example.org/x\"\n---\n",
        "---\nwebUrl: \"https://\"\n---\n",
        "---\n- a\n- b\n---\n",
        "no front matter\n",
        "---\ntitle: [unclosed\n---\n",
        b"---\ntitle: \"\xff\xfe\"\n---\n",
    ],
)
def test_bad_input_gives_no_crash_and_no_duplicate(text):
    out = run({"a.md": text, "b.md": text, "c.md": news(URL)}, select=("DUP001", "DUP002"))
    for findings in out.values():
        assert not [f for f in findings if f.rule in (DA, "internal-error")]


# ---- duplicate-title -------------------------------------------------------------------------
DT = "duplicate-title"


def titled(title, url, key="title"):
    return f'---\n{key}: "{title}"\nwebUrl: "{url}"\n---\n'


def pair(t1, t2, options=None, paths=("a.md", "b.md")):
    files = {paths[0]: titled(t1, "https://one.example.com/1"), paths[1]: titled(t2, "https://two.example.com/2")}
    return run(files, select=("DUP002",), options=options)


def test_same_title_in_two_files_is_reported_on_both_with_position():
    title = "Harbour seals told apart by a neural network"
    out = pair(title, title.upper())
    assert where(out["a.md"], DT) == [(2, 8, 2, 8 + len(title) + 2, "/title")]
    assert where(out["b.md"], DT) == [(2, 8, 2, 8 + len(title) + 2, "/title")]
    assert messages(out["a.md"], DT) == [f'title: "{title}" duplicates the title of b.md (line 2)']
    assert messages(out["b.md"], DT) == [f'title: "{title.upper()}" duplicates the title of a.md (line 2)']
    assert out["a.md"][0].severity == "warning" and out["a.md"][0].code == "DUP002"


@pytest.mark.parametrize(
    "variant",
    [
        "City council bans \u00e2\u20ac\u02dcsmart\u00e2\u20ac\u2122 lamp posts after data leak",  # mojibake re-scrape
        "City council bans &#8216;smart&#8217; lamp posts after data leak",  # entities
        "City council bans &lsquo;smart&rsquo; lamp posts after data leak",
        "City council bans 'smart' lamp posts after data leak",  # straight quotes
        "City council bans smart lamp-posts after data leak",  # quotes gone, punctuation differs
        "CITY COUNCIL BANS \u2018SMART\u2019 LAMP POSTS AFTER DATA LEAK",
        "City  council bans \u2018smart\u2019 lamp posts after data leak ",  # whitespace
        "\uff23ity council bans \u2018smart\u2019 lamp posts after data leak",  # fullwidth C (NFKC)
    ],
)
def test_title_variants_of_the_same_headline_are_exact_duplicates(variant):
    original = "City council bans \u2018smart\u2019 lamp posts after data leak"
    out = pair(original, variant)
    assert len(messages(out["a.md"], DT)) == 1
    # an exact duplicate after normalisation: no similarity percentage
    assert messages(out["a.md"], DT)[0].endswith("duplicates the title of b.md (line 2)")


def test_mojibake_re_scrape_is_reported_naming_the_clean_file():
    clean = "Firm patches \u2018Sensitive Records\u2019 exposure in form builder"
    broken = "Firm patches \u00e2\u20ac\u02dcSensitive Records\u00e2\u20ac\u2122 exposure in form builder"
    out = pair(clean, broken, paths=("2021-08-26-clean.md", "2021-08-27-rescrape.md"))
    assert messages(out["2021-08-27-rescrape.md"], DT) == [
        f'title: "{broken}" duplicates the title of 2021-08-26-clean.md (line 2)'
    ]


def test_a_blog_post_that_copies_a_news_headline_is_a_duplicate():
    # A news article and a blog post (other layout, other date) with the same headline.
    headline = "Why \u2018mood-reading\u2019 cameras are a con"
    article = (
        f'---\ncategory: news\ntitle: "{headline}"\npublishedDateTime: 2022-07-07T22:10:00Z\n'
        'webUrl: "https://tech.example.com/news/mood-reading-cameras-con"\ntype: article\n---\n'
    )
    post = (
        f'---\ntitle: "{headline}"\ndescription: "Our take."\ndate: "2021-03-15T11:35:57+06:00"\n'
        'author: "A. Writer"\ntags: ["AI"]\n---\n\nBody text.\n'
    )
    out = run({"_news/2022-07-07-mood.md": article, "_posts/2021-03-15-mood.md": post}, select=("DUP002",))
    assert where(out["_news/2022-07-07-mood.md"], DT) == [(3, 8, 3, 8 + len(headline) + 2, "/title")]
    assert where(out["_posts/2021-03-15-mood.md"], DT) == [(2, 8, 2, 8 + len(headline) + 2, "/title")]
    assert messages(out["_posts/2021-03-15-mood.md"], DT) == [
        f'title: "{headline}" duplicates the title of _news/2022-07-07-mood.md (line 3)'
    ]


@pytest.mark.parametrize(
    "t1, t2",
    [
        # numbers differ: another version, another year, another amount
        ("Apple releases iOS 17", "Apple releases iOS 18"),
        ("Product release wave 1 overview for 2020", "Product release wave 2 overview for 2020"),
        ("City budget grows by 12 million this year", "City budget grows by 13 million this year"),
        # a word replaced by another word: another month, another platform
        ("What is new in the form builder: March feature update", "What is new in the form builder: May feature update"),
        ("Shared device mode now available for the form builder on Android", "Shared device mode now available for the form builder on iOS"),
        # plainly different stories that share words
        ("Harbour seals told apart by a neural network", "Harbour porpoises counted by a drone survey"),
    ],
)
def test_similar_but_different_titles_are_not_duplicates(t1, t2):
    assert pair(t1, t2) == {"a.md": [], "b.md": []}


@pytest.mark.parametrize(
    "t1, t2",
    [
        # a misspelt word (transposed letters) in a re-published press release
        ("Vendor releases a new family of ITSM add-ons for the form builder", "Vendor releases a new family of ISTM add-ons for the form builder"),
        # an inflection
        ("Form builder misconfiguration exposes 38 million records", "Form builder misconfigurations expose 38 million records"),
        # the site's name appended by one scrape
        ("How a jet engine maker is modernising with low-code apps", "How a jet engine maker is modernising with low-code apps \u2013 Contoso"),
    ],
)
def test_near_identical_titles_are_reported_with_their_similarity(t1, t2):
    out = pair(t1, t2)
    [msg] = messages(out["a.md"], DT)
    assert msg.startswith(f'title: "{t1}" duplicates the title of b.md (line 2, ') and msg.endswith("% similar)")
    score = int(msg.rsplit("(line 2, ", 1)[1].split("%")[0])
    assert 92 <= score < 100
    assert len(messages(out["b.md"], DT)) == 1


def test_threshold_option_controls_near_duplicates_but_not_exact_ones():
    t1 = "Form builder misconfiguration exposes 38 million records"
    t2 = "Form builder misconfigurations expose 38 million records"
    assert pair(t1, t2, options={"duplicate-title": {"threshold": 100}}) == {"a.md": [], "b.md": []}
    assert messages(pair(t1, t1, options={"duplicate-title": {"threshold": 100}})["a.md"], DT)
    loose = "Form builder misconfiguration exposes 38 million records, report says"  # 90% similar
    assert pair(t1, loose, options={"duplicate-title": {"threshold": 95}}) == {"a.md": [], "b.md": []}
    assert messages(pair(t1, loose, options={"duplicate-title": {"threshold": 85}})["a.md"], DT)


def test_short_titles_are_only_compared_exactly():
    assert pair("Apple iPhone", "Apple iPhones") == {"a.md": [], "b.md": []}
    assert messages(pair("Weekly roundup", "Weekly round-up")["a.md"], DT) == []
    assert messages(pair("Weekly roundup", "WEEKLY ROUNDUP")["a.md"], DT) == ['title: "Weekly roundup" duplicates the title of b.md (line 2)']


def test_group_of_three_titles_and_a_near_duplicate():
    title = "Regional bank moves its core systems to the cloud"
    files = {
        "a.md": titled(title, "https://a.example.com/1"),
        "b.md": titled(title.lower(), "https://b.example.com/1"),
        "c.md": titled(title + "!", "https://c.example.com/1"),
        "d.md": titled("Regional bank moves its core system to the cloud", "https://d.example.com/1"),
        "e.md": titled("Something else entirely happened today", "https://e.example.com/1"),
    }
    out = run(files, select=("DUP002",))
    [msg_a] = messages(out["a.md"], DT)
    assert msg_a.startswith(f'title: "{title}" duplicates the title of b.md (line 2), c.md (line 2), d.md (line 2, ')
    [msg_d] = messages(out["d.md"], DT)
    assert "a.md (line 2, " in msg_d and "b.md (line 2, " in msg_d and "c.md (line 2, " in msg_d
    assert out["e.md"] == []


def test_related_titles_are_not_compared():
    title = "Regional bank moves its core systems to the cloud"
    other = (
        '---\ntitle: "A different story about farming robots"\nwebUrl: "https://b.example.com/2"\n'
        f'related:\n  - title: "{title}"\n    webUrl: "https://x.example.com/3"\n---\n'
    )
    out = run({"a.md": titled(title, "https://a.example.com/1"), "b.md": other}, select=("DUP002",))
    assert out == {"a.md": [], "b.md": []}


def test_title_report_on_and_cache_round_trip():
    title = "Regional bank moves its core systems to the cloud"
    files = {p: titled(title, f"https://{p[0]}.example.com/1") for p in ("a.md", "b.md", "c.md")}
    out = run(files, select=("DUP002",), report_on={"c.md"}, roundtrip=True)
    assert out["a.md"] == [] and out["b.md"] == []
    assert where(out["c.md"], DT) == [(2, 8, 2, 8 + len(title) + 2, "/title")]
    assert messages(out["c.md"], DT) == [f'title: "{title}" duplicates the title of a.md (line 2), b.md (line 2)']


def test_title_report_on_compares_named_files_with_all_others():
    near = "Update: regional bank moves its core systems to the cloud"
    files = {
        "a.md": titled("Regional bank moves its core systems to the cloud", "https://a.example.com/1"),
        "b.md": titled(near, "https://b.example.com/1"),
        "c.md": titled("Farm robots learn to pick strawberries at night", "https://c.example.com/1"),
        "d.md": titled(near, "https://d.example.com/1"),
    }
    full = run(files, select=("DUP002",))
    assert len(full["a.md"]) == 1 and "b.md (line 2" in full["a.md"][0].message
    for named in ({"a.md"}, {"b.md", "c.md"}):
        partial = run(files, select=("DUP002",), report_on=named)
        assert {p: f for p, f in partial.items() if f} == {p: full[p] for p in named if full[p]}


def test_long_titles_are_shortened_in_the_message():
    title = "A very long headline " + "about many things " * 10
    [msg] = messages(pair(title, title)["a.md"], DT)
    assert len(msg) < 160 and "\u2026" in msg


# ---- the title key and the blocking --------------------------------------------------------
def test_title_key():
    from rules.crossfile._titles import title_key

    assert title_key("Firm\u2019s \u00e2\u20ac\u02dcnew\u00e2\u20ac\u2122 app &amp; more") == "firms new app more"
    assert title_key("Gartner\u00ae Magic Quadrant\u2122 for low-code") == "gartner magic quadrant for low code"
    assert title_key("Stra\u00dfe Caf\u00e9 \u2013 na\u00efve") == "strasse caf\u00e9 na\u00efve"
    assert title_key("snake_case and   spaces") == "snake case and spaces"
    assert title_key("?!") == ""


def test_ftfy_is_only_called_when_a_title_may_hold_mojibake(monkeypatch):
    from rules.crossfile import _titles

    calls = []
    monkeypatch.setattr(_titles, "_fix_text", lambda t: calls.append(t) or t)
    _titles.title_key("Plain ASCII title with \u2018curly\u2019 quotes and caf\u00e9")
    assert calls == []
    _titles.title_key("Broken \u00e2\u20ac\u2122 title")
    assert calls == ["Broken \u00e2\u20ac\u2122 title"]


def test_blocking_finds_the_near_pair_among_many_titles():
    from rules.crossfile.duplicate_title import near_pairs

    keys = [f"story {i} about topic w{i} and w{i + 1} and w{i + 2}" for i in range(3000)]
    keys.append("story 1500 about topic w1500 and w1501 and w1502 again")
    pairs = {(i, j) for i, j, _ in near_pairs(keys, 92)}
    assert (1500, 3000) in pairs
    assert all(j == 3000 for _, j in pairs)


# ---- duplicate-title: translations, sequels, series and stories with bodies ------------------
def post(title, lang=None, body="", extra=()):
    lines = ["---", f'title: "{title}"', *(f"{k}: {v}" for k, v in extra)]
    if lang:
        lines.append(f"lang: {lang}")
    return "\n".join(lines + ["---", "", body])


def reported(out):
    return sorted(p for p, fs in out.items() if messages(fs, DT))


TITLE = "Release of the new plugin system for the static site builder"


@pytest.mark.parametrize(
    "files",
    [
        # the same post under two language folders, each with its lang field
        {"en/_posts/2020-01-02-plugins.md": post(TITLE, "en"), "ja/_posts/2020-01-02-plugins.md": post(TITLE, "ja")},
        # language folders without lang fields
        {"content/en/news/plugins.md": post(TITLE), "content/ja/news/plugins.md": post(TITLE)},
        # `language` fields that differ (the title left untranslated)
        {"a.md": post(TITLE, extra=[("language", "de")]), "b.md": post(TITLE, extra=[("language", "en-US")])},
        # Hugo's file-name suffix, next to the default language's file
        {"content/news/plugins.md": post(TITLE), "content/news/plugins.fr.md": post(TITLE)},
        # a shared translationKey
        {"a.md": post(TITLE, extra=[("translationKey", "plugins")]), "b.md": post(TITLE, extra=[("translationKey", "plugins")])},
        # the same file name under another language folder, the default language at the root
        {"_posts/2020-01-02-plugins.md": post(TITLE), "zh-hans/_posts/2020-01-02-plugins.md": post(TITLE)},
    ],
)
def test_translations_are_not_duplicates(files):
    assert reported(run(files, select=("DUP002",))) == []


def test_same_language_copies_are_still_duplicates():
    files = {"en/a.md": post(TITLE, "en"), "en/b.md": post(TITLE.upper(), "en"), "ja/a.md": post(TITLE, "ja")}
    out = run(files, select=("DUP002",))
    assert reported(out) == ["en/a.md", "en/b.md"]
    assert messages(out["en/a.md"], DT) == [f'title: "{TITLE}" duplicates the title of en/b.md (line 2)']
    # folders that are not languages do not make translations
    assert reported(run({"news/a.md": post(TITLE), "blog/a.md": post(TITLE)}, select=("DUP002",))) == ["blog/a.md", "news/a.md"]


@pytest.mark.parametrize(
    "t1, t2",
    [
        ("Node v12.22.7 (LTS) is out with a fix", "Node v12.22.1 (LTS) is out with a fix"),
        ("Ruby 2.3.6 veröffentlicht heute", "Ruby 2.6.3 veröffentlicht heute"),  # the same digits, another order
        ("Security releases of the crypto library may require new runtime releases",
         "Security releases of the crypto library do not require new runtime releases"),
        ("Security releases of the crypto library require new runtime releases",
         "Security releases of the crypto library do not require new runtime releases"),
        # words run on at the end or the start, not set off as a site name: another thing
        ("Announcing general availability of wrap for the app builder", "Announcing general availability of wrap for the app builder wizard"),
        ("Form builder brings collaboration to center stage with 3 big announcements",
         "Contoso form builder brings collaboration to center stage with 3 big announcements"),
        # a word added inside the title: another product, another year's announcement
        ("Form builder 2019 release wave 2 overview", "Form builder portals 2019 release wave 2 overview"),
        ("Vendor named a leader in the analyst quadrant for app platforms",
         "Vendor again named a leader in the analyst quadrant for app platforms"),
    ],
)
def test_versions_negations_and_inner_words_make_different_stories(t1, t2):
    assert pair(t1, t2) == {"a.md": [], "b.md": []}


def lines(*paragraphs):
    return "\n\n".join(paragraphs) + "\n"


STORY = lines(
    "The harbour authority approved the new ferry terminal on Tuesday after two years of talks.",
    "Construction starts in spring and the first boats should dock there by the end of next year.",
    "Residents had asked for a quieter design, and the council agreed to move the car park inland.",
    "The terminal will also house a small museum about the old ferry line and its crews.",
)


def test_a_monthly_series_with_new_bodies_is_not_a_duplicate():
    title = "Upcoming talks and meetups this month"
    months = [lines(f"In month {m} we speak at {m} events across {m} cities, more details below.",
                    f"The first talk of month {m} covers caching strategies for the {m}th release.",
                    f"The second talk of month {m} is a workshop on testing, seats are limited to {m}0.",
                    "See you there and thanks for reading this post about our community events.")
              for m in range(1, 4)]
    files = {f"2020-0{m}-talks.md": post(title, body=body) for m, body in enumerate(months, 1)}
    assert reported(run(files, select=("DUP002",))) == []


def test_generated_release_posts_differ_by_their_version_line():
    """A feed of generated release posts: the title is the project's name, two of the three body
    lines are the template's. The version line differs: another release, not the same story. The
    same release posted twice, once with the names in bold, is."""
    def release(version, bold=False):
        mark = "**" if bold else ""
        return lines(f"Release notes for {mark}harbour/tide-tables{mark} now at version {mark}{version}{mark}.",
                     "This project is used across all versions by many repositories.",
                     "Go to the project page on the registry to find the latest changes.")

    title = "Tide Tables"
    versions = {"a.md": post(title, body=release("1.0.0")), "b.md": post(title, body=release("v1.0.1"))}
    assert reported(run(versions, select=("DUP002",))) == []
    twice = {"a.md": post(title, body=release("v3.0")), "b.md": post(title, body=release("v3.0", bold=True))}
    assert reported(run(twice, select=("DUP002",))) == ["a.md", "b.md"]


def test_a_story_scraped_twice_from_two_domains_is_a_duplicate():
    files = {
        "old/ferry/index.md": post("Harbour ferry terminal approved after two years", body="Menu\n\n" + STORY,
                                   extra=[("source_url", "https://old-paper.example.com/local/ferry-terminal-approved")]),
        "new/ferry/index.md": post("Harbour ferry terminal approved after two years", body=STORY + "\nShare this story on social media now\n",
                                   extra=[("source_url", "https://paper.example.org/news/ferry-terminal-approved")]),
    }
    assert reported(run(files, select=("DUP002",))) == ["new/ferry/index.md", "old/ferry/index.md"]


def test_near_titles_with_bodies_need_the_same_body_or_source_slug():
    other = lines(*(f"A different paragraph number {i} about the council's budget and its many items." for i in range(4)))
    t1, t2 = "Harbour ferry terminal approved after two years", "Harbour ferry terminals approved after two years"
    same = {"a.md": post(t1, body=STORY), "b.md": post(t2, body=STORY)}
    assert reported(run(same, select=("DUP002",))) == ["a.md", "b.md"]
    different = {"a.md": post(t1, body=STORY), "b.md": post(t2, body=other)}
    assert reported(run(different, select=("DUP002",))) == []
    slug = [("webUrl", "https://news.example.com/2020/ferry-terminal-approved")]
    moved = [("webUrl", "https://example.net/archive/ferry-terminal-approved/")]
    by_url = {"a.md": post(t1, body=STORY, extra=slug), "b.md": post(t2, body=other, extra=moved)}
    assert reported(run(by_url, select=("DUP002",))) == ["a.md", "b.md"]
    # one body missing: the titles decide
    assert reported(run({"a.md": post(t1, body=STORY), "b.md": post(t2)}, select=("DUP002",))) == ["a.md", "b.md"]


def test_a_group_names_only_the_files_that_hold_the_same_story():
    other = lines(*(f"A different paragraph number {i} about the council's budget and its many items." for i in range(4)))
    title = "Harbour ferry terminal approved after two years"
    files = {"a.md": post(title, body=STORY), "b.md": post(title, body=STORY), "c.md": post(title, body=other)}
    out = run(files, select=("DUP002",), roundtrip=True)
    assert messages(out["a.md"], DT) == [f'title: "{title}" duplicates the title of b.md (line 2)']
    assert out["c.md"] == []


def test_body_sketch_and_resemblance():
    from rules.crossfile._titles import body_sketch, resemblance

    a = body_sketch(STORY, 64)
    assert len(a) == 4 and body_sketch(STORY.upper().replace(" ", "  "), 64) == a  # case and spacing ignored
    assert resemblance(a, a, 64) == 1.0
    assert resemblance(a, body_sketch(STORY + "One more line of four words.", 64), 64) == 0.8
    assert resemblance([], [], 64) == 0.0
    assert len(body_sketch("\n".join(f"line number {i} of many" for i in range(500)), 64)) == 64


def test_withdrawn_copies_are_not_compared():
    title = "Harbour ferry terminal approved after two years"
    live, withdrawn = post(title, extra=[("published", "true")]), post(title, extra=[("published", "false")])
    assert reported(run({"a.md": live, "b.md": withdrawn}, select=("DUP002",))) == []
    assert reported(run({"a.md": live, "b.md": post(title, extra=[("draft", "true")])}, select=("DUP002",))) == []
    assert reported(run({"a.md": live, "b.md": live, "c.md": withdrawn}, select=("DUP002",))) == ["a.md", "b.md"]
    # a draft kept in Jekyll's _drafts folder after the post was published: Jekyll never builds it
    assert reported(run({"_posts/a.md": live, "_drafts/a.md": live}, select=("DUP002",))) == []
    assert reported(run({"_posts/a.md": live, "_posts/b.md": live}, select=("DUP002",))) == ["_posts/a.md", "_posts/b.md"]


def test_additions_set_off_by_punctuation():
    from rules.crossfile.duplicate_title import additions_set_off

    base = "Regional bank moves its core systems to the cloud"
    for ok in (base + " \u2013 Wire", base + " | Wire", "RE-TRANSMISSION: " + base, base + ", report says", base.upper()):
        assert additions_set_off(base, ok) and additions_set_off(ok, base)
    for run_on in (base + " wizard", "Big " + base, base + " for good", "Regional bank moves its core banking systems to the cloud"):
        assert not additions_set_off(base, run_on) and not additions_set_off(run_on, base)


def test_withdrawn_copies_are_not_duplicate_articles():
    url = ("webUrl", '"https://news.example.org/2022/03/harbour-ferry-terminal"')
    live = post("Harbour ferry terminal approved", extra=[url])
    withdrawn = post("Ferry terminal gets the go-ahead", extra=[url, ("published", "false")])
    assert {p for p, fs in run({"a.md": live, "b.md": withdrawn}).items() if fs} == set()
    assert {p for p, fs in run({"a.md": live, "b.md": live, "c.md": withdrawn}).items() if fs} == {"a.md", "b.md"}
