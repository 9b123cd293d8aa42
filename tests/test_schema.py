"""schema-violation (SC001) and linter.schema: built-in schemas, positions, messages, config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import at, get_registry, lint

from linter import config as cfg
from linter import document
from linter.errors import ConfigError
from linter.engine import Linter, lint_text
from linter.schema import SchemaSet, describe, detect_profile, field_name


RULE = "schema-violation"

# A scraped news item of the news-article shape (invented content), with three related items.
NEWS = """\
---
category: news
title: "Council approves the tram extension"
excerpt: "The vote ends two years of debate over the eastern route."
publishedDateTime: 2022-03-04T08:15:00Z
originalUrl: "https://news.example.org/tram-extension"
webUrl: "https://news.example.org/tram-extension"
type: article
quality: 0
heat: -1
published: false

provider:
  name: Example Tribune
  domain: news.example.org
  images:
    - url: "/assets/logos/news.example.org-50x50.jpg"
      width: 50
      height: 50

topics:
  - Transport
  - City

images:
  - url: "https://img.example.org/tram.jpg?w=1200&h=630"
    width: 1200
    height: 630
    isCached: true

related:
  - title: "Tram fares to rise in spring"
    excerpt: "Single tickets go up by ten cents."
    publishedDateTime: 2022-03-02T10:00:00Z
    webUrl: "https://metro.example.com/fares"
    type: article
    provider:
      name: Metro Daily
      domain: metro.example.com
    quality: 189
  - title: "Depot site chosen"
    publishedDateTime: 2022-03-05T07:30:00+01:00
    webUrl: "https://city.example.net/depot"
    ampWebUrl: "https://city.example.net/depot/amp"
    type: article
    provider:
      name: City Net
      domain: city.example.net
  - title: "Riding the new line, a video tour"
    publishedDateTime: 2022-03-06T12:00:00Z
    originalUrl: "https://video.example.com/watch?v=abc123"
    type: video
    provider:
      name: Example Video
      domain: video.example.com
    images:
      - url: "https://video.example.com/thumbs/abc123.jpg"
        width: 1280
        height: 720
        isCached: false

secured: "QUJDRA==;RUZHSA=="
---
Body text.
"""


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def messages(findings):
    return [f.message for f in findings if f.rule == RULE]


def hits(text, path="2022-03-04-tram.md", **kw):
    return [f for f in lint(text, select=["SC001"], path=path, **kw) if f.rule == RULE]


# ---- the news-article schema -------------------------------------------------------------------------
def test_valid_news_item_is_clean():
    assert hits(NEWS) == []


def test_legitimate_variants_are_clean():
    # The 2019 layout: no originalUrl/quality/heat/published; provider logos relative.
    old = NEWS
    for line in ('originalUrl: "https://news.example.org/tram-extension"\n', "quality: 0\n", "heat: -1\n",
                 "published: false\n"):
        old = edit(old, line, "")
    assert hits(old) == []
    # A video item without webUrl (it has originalUrl), unknown top-level keys, HTTP and odd dates.
    video = edit(NEWS, 'webUrl: "https://news.example.org/tram-extension"\n', "")
    video = edit(video, "type: article\nquality", "type: video\nquality")
    video = edit(video, "category: news\n", "category: news\nlayout: news-item\npermalink: /news/tram/\n")
    video = edit(video, "2022-03-04T08:15:00Z", "2022-03-04T08:15:00.250+05:30")
    assert hits(video) == []


def test_impossible_date_is_reported_at_the_value():
    text = edit(NEWS, "2022-03-04T08:15:00Z", "2021-02-30T10:00:00Z")
    found = hits(text)
    assert at(found, RULE) == [(5, 20, "/publishedDateTime")]
    assert messages(found) == ['publishedDateTime: "2021-02-30T10:00:00Z" is not a valid date-time']


@pytest.mark.parametrize("value", ['"2022-03-04"', '"2022-03-04 08:15:00"', "2022-13-01T00:00:00Z",
                                   "2022-02-29T10:00:00Z", '"2022-03-04T25:00:00Z"', '"yesterday"'])
def test_not_a_date_time(value):
    text = edit(NEWS, "2022-03-04T08:15:00Z", value)
    assert [f.pointer for f in hits(text)] == ["/publishedDateTime"]


def test_non_uri_is_reported():
    text = edit(NEWS, 'webUrl: "https://news.example.org/tram-extension"', 'webUrl: "https://news.example.org/tram extension"')
    found = hits(text)
    assert at(found, RULE) == [(7, 9, "/webUrl")]
    assert messages(found) == ['webUrl: "https://news.example.org/tram extension" is not a valid absolute http(s) URL']
    relative = edit(NEWS, 'webUrl: "https://news.example.org/tram-extension"', 'webUrl: "/tram-extension"')
    assert messages(hits(relative)) == ['webUrl: "/tram-extension" is not a valid absolute http(s) URL']


def test_several_violations_with_positions():
    text = edit(NEWS, "quality: 0\n", 'quality: "high"\n')
    text = edit(text, "type: article\nquality", "type: artcle\nquality")
    text = edit(text, "heat: -1", "heat: -7")
    text = edit(text, "published: false", "published: \"false\"")
    text = edit(text, "        width: 1280", '        width: "wide"')
    found = hits(text)
    assert at(found, RULE) == [
        (8, 7, "/type"),
        (9, 10, "/quality"),
        (10, 7, "/heat"),
        (11, 12, "/published"),
        (58, 16, "/related/2/images/0/width"),
    ]
    assert messages(found) == [
        'type: "artcle" is not one of "article", "video"',
        'quality: "high" is not an integer',
        "heat: -7 is less than the minimum of -1",
        'published: "false" is not a boolean',
        'related[2].images[0].width: "wide" is not an integer',
    ]


def test_missing_required_key_is_reported_at_the_parent():
    text = edit(NEWS, '  - title: "Riding the new line, a video tour"\n    publishedDateTime', "  - publishedDateTime")
    found = hits(text)
    assert at(found, RULE) == [(49, 5, "/related/2")]
    assert messages(found) == ["related[2]: missing required key 'title'"]
    top = edit(NEWS, 'title: "Council approves the tram extension"\n', "")
    found = hits(top)
    assert at(found, RULE) == [(2, 1, "")]
    assert messages(found) == ["missing required key 'title'"]


def test_missing_link_depends_on_the_type():
    article = edit(NEWS, 'webUrl: "https://news.example.org/tram-extension"\n', "")
    assert messages(hits(article)) == ["missing required key 'webUrl'"]
    video = edit(NEWS, '    originalUrl: "https://video.example.com/watch?v=abc123"\n', "")
    assert messages(hits(video)) == ["related[2]: missing required key 'originalUrl'"]


def test_unknown_key_in_closed_object_is_reported_at_the_key():
    text = edit(NEWS, "    width: 1200\n", "    widht: 1200\n")
    found = hits(text)
    assert at(found, RULE) == [(27, 5, "/images/0/widht")]
    assert messages(found) == ["images[0]: unknown key 'widht'"]


def test_wrong_container_types_are_described_not_dumped():
    text = edit(NEWS, "topics:\n  - Transport\n  - City\n", "topics:\n  first: Transport\n  second: City\n")
    found = hits(text)
    assert messages(found) == ["topics: a mapping is not a list"]
    assert at(found, RULE) == [(22, 3, "/topics")]
    text = edit(NEWS, "  name: Example Tribune\n", "  name: [Example, Tribune, Inc]\n")
    assert messages(hits(text)) == ["provider.name: a list of 3 items is not a string"]


def test_long_values_are_cut():
    long_value = "x" * 300
    text = edit(NEWS, 'secured: "QUJDRA==;RUZHSA=="', f'secured: "{long_value}"')
    (message,) = messages(hits(text))
    assert message.startswith('secured: "xxxx') and message.endswith("is not two base64 strings joined by ';'")
    assert len(message) < 120


def test_other_checks_of_the_news_schema():
    cases = [
        (edit(NEWS, "  - Transport\n  - City\n", "  - Transport\n  - Transport\n"), '/topics', 'topics: "Transport" appears more than once'),
        (edit(NEWS, "  domain: news.example.org", "  domain: https://news.example.org/"), "/provider/domain",
         'provider.domain: "https://news.example.org/" is not a bare domain name (no scheme, path or spaces)'),
        (edit(NEWS, 'title: "Council approves the tram extension"', 'title: ""'), "/title", 'title: "" is empty'),
        (edit(NEWS, "    height: 630", "    height: 0"), "/images/0/height", "images[0].height: 0 is less than the minimum of 1"),
        (edit(NEWS, 'secured: "QUJDRA==;RUZHSA=="', 'secured: "QUJDRA=="'), "/secured",
         "secured: \"QUJDRA==\" is not two base64 strings joined by ';'"),
        (edit(NEWS, "excerpt: \"The vote ends two years of debate over the eastern route.\"", "excerpt:"), "/excerpt",
         "excerpt: null is not a string"),
    ]
    for text, pointer, message in cases:
        found = hits(text)
        assert [(f.pointer, f.message) for f in found] == [(pointer, message)]


def test_every_problem_once_per_value():
    # format, pattern and x-message all fail on this value: one finding
    text = edit(NEWS, 'ampWebUrl: "https://city.example.net/depot/amp"', 'ampWebUrl: "ftp://city example"')
    assert messages(hits(text)) == ['related[1].ampWebUrl: "ftp://city example" is not a valid absolute http(s) URL']


# ---- the blog-post schema ------------------------------------------------------------------------
POST = """\
---
title: "Notes from the spring meetup"
description: "What we learned about caching."
image: "/images/blog/meetup.jpg"
date: "2022-04-02T18:30:00+02:00"
featured: false
author: "Ada Example"
categories: ["Events"]
tags: ["Caching", "Meetups"]
draft: false
---
Text.
"""


def test_blog_post_is_clean_and_accepts_jekyll_forms():
    assert hits(POST, path="2022-04-02-meetup.md") == []
    for date in ('"2022-04-02"', "2022-04-02 18:30:00 +0200", "2022-04-02"):
        assert hits(edit(POST, '"2022-04-02T18:30:00+02:00"', date), path="p.md") == [], date
    assert hits(edit(POST, 'tags: ["Caching", "Meetups"]', "tags: caching meetups"), path="p.md") == []
    assert hits(edit(POST, 'author: "Ada Example"', "author: [Ada, Bo]"), path="p.md") == []
    # Docusaurus's and jekyll-seo-tag's author records, one or a list (a public project blog writes them so)
    record = "{name: Ada, url: 'https://example.org/ada', image_url: 'https://example.org/ada.png'}"
    for authors in (record, f"[{record}, Bo]"):
        for key in ("author", "authors"):
            assert hits(edit(POST, 'author: "Ada Example"', f"{key}: {authors}"), path="p.md") == [], (key, authors)


def test_a_key_left_empty_is_unset_except_title_and_published():
    """Archetypes leave keys empty (`tags:`, `description:`, `title:`): Hugo and Jekyll read them as
    unset (Jekyll then makes the title from the file name). Jekyll hides a post whose `published` is empty."""
    empty = "".join(f"{key}:\n" for key in ("tags", "categories", "description", "image", "images", "author", "slug",
                                              "layout", "category", "draft", "weight", "lastmod"))
    assert hits(edit(POST, 'author: "Ada Example"\n', empty), path="p.md") == []
    assert hits(edit(POST, 'title: "Notes from the spring meetup"', "title:"), path="p.md") == []
    assert [f.rule for f in lint(edit(POST, "draft: false", "published:"))] == ["published-not-boolean"]


def test_an_empty_item_of_a_list_of_names_is_dropped_by_the_generators():
    """A post template leaves `redirect_from:` with a bare `-` (seen on a public Jekyll site): a list
    holding one null, which jekyll-redirect-from drops."""
    assert hits(edit(POST, 'tags: ["Caching", "Meetups"]', "redirect_from:\n  -\ntags: [Caching, ~]"), path="p.md") == []
    assert messages(hits(edit(POST, 'tags: ["Caching", "Meetups"]', 'tags: ["Caching", ""]'), path="p.md")) == [
        'tags[1]: "" is empty']


@pytest.mark.parametrize("labels", [
    "tags:\n  - label: Hello\n    permalink: /hello\n  - world",  # Docusaurus's tag objects
    "categories:\n  - [Diary, Life]\n  - Travel",  # Hexo's path of categories
    "category:\n  - Guide\n  - Tutorial",  # VuePress's list under `category`
])
def test_labels_as_each_generator_writes_them(labels):
    assert hits(edit(POST, 'tags: ["Caching", "Meetups"]', labels), path="p.md") == []


def test_an_author_is_a_name_or_a_record():
    for value, where in (("authors: [Ada, true]", "/authors"), ('author: ""', "/author"), ("authors: true", "/authors")):
        found = hits(edit(POST, 'author: "Ada Example"', value), path="p.md")
        assert [f.pointer for f in found] == [where], value
        assert "is not an author name, an author mapping or a list of them" in found[0].message


def test_blog_post_problems():
    bad_date = edit(POST, '"2022-04-02T18:30:00+02:00"', '"2022-02-30"')
    found = hits(bad_date, path="p.md")
    assert at(found, RULE) == [(5, 7, "/date")]
    assert messages(found) == [
        'date: "2022-02-30" is not a valid date (YYYY-MM-DD, an RFC 3339 date-time or YYYY-MM-DD HH:MM:SS +ZZZZ)'
    ]
    draft = edit(POST, "draft: false", 'draft: "no"')
    assert messages(hits(draft, path="p.md")) == ['draft: "no" is not a boolean']
    tags = edit(POST, 'tags: ["Caching", "Meetups"]', 'tags: ["Caching", true]')
    found = hits(tags, path="p.md")
    assert [(f.pointer, f.message) for f in found] == [("/tags/1", "tags[1]: true is not a string, a number, a mapping or a list")]
    # a number is a name: both generators print it (a 404 page's title, a year as a tag)
    assert hits(edit(POST, '"Notes from the spring meetup"', "404").replace('"Meetups"', "2020"), path="p.md") == []
    # no key is required (Jekyll makes a title from the file name), but a title is a non-empty string
    assert hits(edit(POST, 'title: "Notes from the spring meetup"\n', ""), path="p.md") == []
    assert messages(hits(edit(POST, '"Notes from the spring meetup"', '""'), path="p.md")) == [
        'title: "" is empty']


def test_profile_detection():
    assert detect_profile({"publishedDateTime": "x"}) == "news-article"
    assert detect_profile({"webUrl": "x"}) == "news-article"
    assert detect_profile({"originalUrl": "x", "title": "t"}) == "news-article"
    assert detect_profile({"title": "t", "date": "2022-01-01"}) == "blog-post"
    assert detect_profile([]) == "blog-post"
    doc = document.parse_text(NEWS)
    schemas = SchemaSet(cfg.from_dict({}, Path.cwd()))
    assert schemas.select("a.md", doc).name == "news-article"
    assert schemas.select("a.md", document.parse_text(POST)).name == "blog-post"


def test_no_findings_without_a_mapping():
    assert hits("---\n- a\n- b\n---\n") == []
    assert hits("no front matter\n") == []


# ---- messages --------------------------------------------------------------------------------------
def test_describe_and_field_names():
    assert describe("a") == '"a"'
    assert describe(None) == "null"
    assert describe(True) == "true"
    assert describe(3) == "3"
    assert describe([]) == "an empty list"
    assert describe([1]) == "a list of 1 item"
    assert describe({"a": {"b": 1}}) == "a mapping"
    assert len(describe("y" * 1000)) < 70
    assert field_name(["related", 2, "images", 0, "width"]) == "related[2].images[0].width"
    assert field_name([]) == "front matter"


# ---- configuration ---------------------------------------------------------------------------------
def linter_for(tmp_path: Path, schemas: dict) -> Linter:
    config = cfg.from_dict({"schemas": schemas, "select": ["SC001"]}, tmp_path)
    return Linter(cfg.resolve(config, get_registry()))


def run(linter: Linter, text: str, path: str):
    _, result = linter.lint_bytes(text.encode(), path, path)
    return [f for f in result.findings if f.rule == RULE]


def test_glob_maps_files_to_built_in_schemas(tmp_path):
    linter = linter_for(tmp_path, {"_posts/**": "blog-post", "_news/*.md": "news-article"})
    # A news item under _posts/ is held to the blog-post schema: its title must be a string there.
    flagged = edit(NEWS, '"Council approves the tram extension"', "true")
    assert "title: true is not a string or a number" in [f.message for f in run(linter, flagged, "_posts/2022/a.md")]
    # A post under _news/ is held to the news schema.
    found = run(linter, POST, "_news/b.md")
    assert {f.message for f in found} >= {"missing required key 'publishedDateTime'", "missing required key 'provider'"}
    # Elsewhere, the shape decides.
    assert run(linter, POST, "pages/c.md") == []
    assert run(linter, NEWS, "pages/d.md") == []


def write(path: Path, schema) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema), "utf-8")
    return path


def test_custom_schema_file_with_local_refs(tmp_path):
    write(tmp_path / "schemas" / "common.json", {"$defs": {"slug": {"type": "string", "pattern": "^[a-z0-9-]+$"}}})
    write(tmp_path / "schemas" / "page.json", {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "slug": {"$ref": "common.json#/$defs/slug"},
            "link": {"$ref": "https://newslint.invalid/schemas/news-article.schema.json#/$defs/webUrl"},
            "count": {"type": "integer", "maximum": 3},
        },
        "required": ["slug"],
    })
    linter = linter_for(tmp_path, {"pages/**": "schemas/page.json"})
    schema = linter.schemas.mapping[0][1]
    assert schema.fast is not None  # compiled, refs and all
    text = '---\nslug: "Not A Slug"\nlink: "mailto:x@example.com"\ncount: 9\n---\n'
    found = run(linter, text, "pages/x.md")
    assert [(f.line, f.column, f.pointer) for f in found] == [(2, 7, "/slug"), (3, 7, "/link"), (4, 8, "/count")]
    assert [f.message for f in found] == [
        'slug: "Not A Slug" does not match the pattern ^[a-z0-9-]+$',
        'link: "mailto:x@example.com" is not a valid absolute http(s) URL',
        "count: 9 is greater than the maximum of 3",
    ]
    assert run(linter, "---\nslug: ok-slug\n---\n", "pages/y.md") == []


def test_custom_schema_with_an_id_refers_to_files_next_to_it(tmp_path):
    write(tmp_path / "s" / "defs.json", {"$id": "https://schemas.example.com/site/defs.json",
                                         "$defs": {"n": {"type": "integer"}}})
    write(tmp_path / "s" / "main.json", {"$id": "https://schemas.example.com/site/main.json",
                                         "properties": {"n": {"$ref": "defs.json#/$defs/n"}}})
    linter = linter_for(tmp_path, {"**": "s/main.json"})
    assert [f.message for f in run(linter, "---\nn: x\n---\n", "a.md")] == ['n: "x" is not an integer']


def test_remote_ref_is_a_config_error(tmp_path):
    write(tmp_path / "remote.json", {"properties": {"a": {"$ref": "https://example.com/other.schema.json"}}})
    with pytest.raises(ConfigError, match=r"remote \$ref 'https://example.com/other.schema.json' is not allowed: "
                                          "newslint never uses the network"):
        linter_for(tmp_path, {"**": "remote.json"})


def test_ref_outside_the_schema_folder_is_refused(tmp_path):
    write(tmp_path / "outside.json", {"type": "string"})
    write(tmp_path / "inner" / "s.json", {"properties": {"a": {"$ref": "../outside.json"}}})
    with pytest.raises(ConfigError, match="is not allowed"):
        linter_for(tmp_path, {"**": "inner/s.json"})


@pytest.mark.parametrize("setup, target, pattern", [
    (None, "news_article", "unknown built-in schema 'news_article'"),
    (None, "missing.json", "cannot load schema 'missing.json'"),
    ("not json {", "bad.json", "is not valid JSON"),
    ([1, 2], "list.json", "not a schema"),
    ({"type": "strang"}, "invalid.json", "is not a valid JSON Schema"),
])
def test_bad_schema_config_is_a_config_error(tmp_path, setup, target, pattern):
    if isinstance(setup, str):
        (tmp_path / target).write_text(setup, "utf-8")
    elif setup is not None:
        write(tmp_path / target, setup)
    with pytest.raises(ConfigError, match=pattern):
        linter_for(tmp_path, {"**": target})


def test_unsupported_keywords_fall_back_to_jsonschema(tmp_path):
    write(tmp_path / "u.json", {"type": "object", "properties": {"t": {"type": "array", "contains": {"const": "x"}}},
                                "unevaluatedProperties": False})
    linter = linter_for(tmp_path, {"**": "u.json"})
    assert linter.schemas.mapping[0][1].fast is None
    assert run(linter, "---\nt: [x, y]\n---\n", "a.md") == []
    found = run(linter, "---\nt: [y]\nextra: 1\n---\n", "a.md")
    assert [(f.pointer, f.message) for f in found] == [
        ("/t", "t: a list of 1 item has no item of the required kind"),
        ("/extra", "unknown key 'extra'"),
    ]


def test_lint_text_uses_built_ins_without_config():
    settings = cfg.resolve(cfg.from_dict({"select": ["SC001"]}, Path.cwd()), get_registry())
    bad = edit(NEWS, "quality: 0", "quality: 1.5")
    assert [f.message for f in lint_text(bad, settings, "a.md")] == ["quality: 1.5 is not an integer"]


def test_fingerprint_follows_custom_schema_contents(tmp_path):
    assert SchemaSet(cfg.from_dict({"schemas": {"**": "blog-post"}}, tmp_path)).fingerprint() == ""
    write(tmp_path / "s.json", {"type": "object"})
    first = SchemaSet(cfg.from_dict({"schemas": {"**": "s.json"}}, tmp_path)).fingerprint()
    write(tmp_path / "s.json", {"type": "object", "required": ["title"]})
    second = SchemaSet(cfg.from_dict({"schemas": {"**": "s.json"}}, tmp_path)).fingerprint()
    assert first and second and first != second
