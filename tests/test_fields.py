"""Field roles (linter/fields.py): which keys hold the title, dates, URLs… and the rules that
read them on layouts they were not written for."""

from __future__ import annotations

import json

import pytest
from helpers import at, fix, lint, lint_files, settings

from linter import config as cfg
from linter import document
from linter.cli import main
from linter.errors import ConfigError
from linter.fields import BUILTIN, FieldMap, parse_path
from linter.engine import Linter


def _yaml_for(path: tuple[str, ...], value: str) -> str:
    """Front-matter lines setting `path` (`*` as a one-item list) to `value`."""
    lines, indent = [], ""
    for i, key in enumerate(path):
        last = i == len(path) - 1
        if key == "*":
            lines.append(f"{indent}- {value}" if last else f"{indent}-")
            indent += "  "
            continue
        lines.append(f"{indent}{json.dumps(key)}: {value}" if last else f"{indent}{json.dumps(key)}:")
        indent += "  "
    return "\n".join(lines)


def _doc(front: str, field_map: FieldMap | None = None) -> document.Document:
    doc = document.parse(f"---\n{front}\n---\n".encode())
    if field_map is not None:
        doc.field_map = field_map
    return doc


CASES = [(role, key) for role, keys in BUILTIN.items() for key in keys]


@pytest.mark.parametrize(("role", "key"), CASES, ids=[f"{r}:{k}" for r, k in CASES])
def test_every_builtin_key_fills_its_role(role, key):
    path = parse_path(key)
    doc = _doc(_yaml_for(path, '"x"'))
    pointers = [ptr for ptr, _ in doc.role(role)]
    expected = "/" + "/".join("0" if p == "*" else p for p in path)
    assert expected in pointers


@pytest.mark.parametrize("key", ["date", "published_at", "publishedDateTime", "structured_data.datePublished"])
def test_published_dates(key):
    doc = _doc(_yaml_for(parse_path(key), '"2021-05-04"'))
    assert [v for _, v in doc.role("published")] == ["2021-05-04"]


def test_roles_are_in_preference_order_and_skip_null():
    doc = _doc('date: 2021-05-04\npublishedDateTime: "2021-05-04T10:00:00Z"\nlastmod:\nsource_url: "https://a.example/x"')
    assert [p for p, _ in doc.role("published")] == ["/publishedDateTime", "/date"]
    assert doc.role("updated") == ()  # `lastmod:` is null: no value
    assert doc.role("source-url") == (("/source_url", "https://a.example/x"),)


def test_nested_copies_and_related_items():
    doc = _doc('title: "A"\nstructured_data:\n  headline: "A"\n  description: "Short"\n'
               'related:\n  - title: "B"\n    originalUrl: "https://b.example/b"')
    assert doc.role("title-copy") == (("/structured_data/headline", "A"),)
    assert doc.role("description") == (("/structured_data/description", "Short"),)
    assert doc.role("source-url", "/related/0") == (("/related/0/originalUrl", "https://b.example/b"),)
    assert doc.role("source-url", "/related/7") == ()


def test_a_role_is_found_once_per_document():
    doc = _doc('title: "A"')
    first = doc.role("title")
    doc.values["/title"] = "changed"  # not read again
    assert doc.role("title") is first


def test_configuration_replaces_a_roles_keys(tmp_path):
    config = cfg.from_dict({"fields": {"source-url": ["permalink_src", "meta.origin"], "title": "headline"}}, tmp_path)
    assert config.fields.keys["source-url"] == ("permalink_src", "meta.origin")
    assert config.fields.keys["published"] == BUILTIN["published"]  # the others stay built in
    doc = _doc('headline: "H"\nsource_url: "https://a.example/x"\nmeta:\n  origin: "https://b.example/y"', config.fields)
    assert doc.role("title") == (("/headline", "H"),)
    assert doc.role("source-url") == (("/meta/origin", "https://b.example/y"),)


def test_newslint_toml_fields_table(tmp_path):
    (tmp_path / ".newslint.toml").write_text('[fields]\nauthor = ["writer"]\n', encoding="utf-8")
    config = cfg.load(cwd=tmp_path)
    assert config.fields.keys["author"] == ("writer",)


@pytest.mark.parametrize(("fields", "message"), [
    ({"headlines": ["x"]}, "unknown field role 'headlines'"),
    ({"title": 3}, "must be a key or a list of keys"),
    ({"title": ["ok", ""]}, "must be a key or a list of keys"),
])
def test_bad_fields_configuration(tmp_path, fields, message):
    with pytest.raises(ConfigError, match=message):
        cfg.from_dict({"fields": fields}, tmp_path)


def test_field_map_is_part_of_the_cache_key(tmp_path):
    a = settings(extra={})
    b = settings(extra={"fields": {"source-url": ["src"]}})
    assert a.fingerprint() != b.fingerprint()


def test_configured_role_reaches_the_rules():
    text = '---\ntitle: "Robots"\nsrc: "https://a.example.com/robots?utm_source=feed"\n---\n'
    assert lint(text, ["url-tracking-params"]) == []
    found = lint(text, ["url-tracking-params"], extra={"fields": {"source-url": ["src"]}})
    assert at(found, "url-tracking-params") == [(3, 6, "/src")]


# ---- an unknown layout still gets the rules whose roles it has ---------------------------------
AGGREGATOR = """---
title: "Robots learn to fold laundry"
date: '2024-09-03T06:43:24+00:00'
source_url: {url}
language: en
structured_data:
  headline: "{headline}"
  main_image: ''
  author: ''
---

Body.
"""


def aggregated(url="https://news.example.com/2024/09/robots-fold-laundry", headline="Robots learn to fold laundry"):
    return AGGREGATOR.format(url=url, headline=headline)


def test_url_rules_run_on_source_url():
    text = aggregated("http://news.example.com/2024/09/robots?utm_source=feed")
    found = lint(text, ["url-tracking-params", "url-invalid"])
    assert sorted((f.rule, f.pointer) for f in found) == [("url-tracking-params", "/source_url")]
    # url-insecure judges against the repository: the same host linked over https in the other files
    files = {f"n{i}.md": aggregated(f"https://news.example.com/2024/09/story-{i}") for i in range(5)}
    files["odd.md"] = text
    out = lint_files(files, ["url-insecure"])
    assert [(f.rule, f.pointer) for f in out["odd.md"]] == [("url-insecure", "/source_url")]
    assert lint(aggregated(), ["url-insecure", "url-tracking-params", "url-invalid"]) == []  # '' is no URL


def test_url_fix_on_source_url_round_trip():
    text = aggregated("https://news.example.com/2024/09/robots?utm_source=feed")
    assert fix(text, ["url-tracking-params"]) == aggregated("https://news.example.com/2024/09/robots")


def test_date_url_mismatch_on_source_url_and_date():
    text = aggregated("https://news.example.com/2021/02/robots-fold-laundry")
    found = lint(text, ["date-url-mismatch"])
    assert at(found, "date-url-mismatch") == [(4, 13, "/source_url")]
    assert "before date" in found[0].message
    assert lint(aggregated(), ["date-url-mismatch"]) == []


def test_duplicate_article_on_source_url():
    linter = Linter(settings(["duplicate-article"]))
    a = aggregated("https://news.example.com/2024/09/robots-fold-laundry").encode()
    b = aggregated("http://www.news.example.com/2024/09/robots-fold-laundry/?utm_source=x").encode()
    c = aggregated("https://news.example.com/2024/09/other-story").encode()
    results = [linter.lint_bytes(raw, path, path)[1] for path, raw in (("a.md", a), ("b.md", b), ("c.md", c))]
    linter.finish(results)
    by_path = {r.path: [(f.rule, f.pointer) for f in r.findings] for r in results}
    assert by_path == {"a.md": [("duplicate-article", "/source_url")],
                       "b.md": [("duplicate-article", "/source_url")], "c.md": []}


# ---- placeholders in author fields -------------------------------------------------------------
@pytest.mark.parametrize("author", ["Unknown Author", "admin", "N/A", "TBD", "unknown"])
def test_placeholder_author(author):
    text = f'---\ntitle: "Council approves the budget"\nauthor: "{author}"\n---\n'
    assert at(lint(text, ["placeholder-text"]), "placeholder-text") == [(3, 9, "/author")]


@pytest.mark.parametrize("author", ["-", "...", "--"])
def test_an_author_written_as_a_mark_is_no_byline(author):
    """A Hugo archetype may write `author: "-"` on every post (40 of 43 on a public blog): the site's
    way of saying "no byline", not a name left unfilled; a word such as "admin" stays a warning (above)."""
    text = f'---\ntitle: "Council approves the budget"\nauthor: "{author}"\n---\n'
    assert lint(text, ["placeholder-text"]) == []
    assert lint(text.replace(f'"{author}"', '"Unknown Author"'), ["placeholder-text"])[0].severity == "warning"


@pytest.mark.parametrize("front", [
    'author: "Ada Lovelace"',
    'author: ""',
    "authors:\n  - Ada Lovelace\n  - Grace Hopper",
    'structured_data:\n  author: ""',
    'author: "The Node Project"',
])
def test_real_or_empty_author_is_not_a_placeholder(front):
    assert lint(f'---\ntitle: "Council approves the budget"\n{front}\n---\n', ["placeholder-text"]) == []


def test_placeholder_in_a_list_of_authors_and_a_byline():
    text = '---\ntitle: "Budget"\nauthors:\n  - Ada Lovelace\n  - "Unknown Author"\nbyline: admin\n---\n'
    assert [f.pointer for f in lint(text, ["placeholder-text"])] == ["/authors/1", "/byline"]


# ---- copies of the title -----------------------------------------------------------------------
@pytest.mark.parametrize("headline", [
    "Robots learn to fold laundry",
    "robots  learn to fold LAUNDRY.",
    "Robots learn to fold\u00a0laundry",
    "Robots learn to fold la...",
    "Robots learn to fold\u2026",
    "Robots learn to fold laundry | Example News",
    "Example News: Robots learn to fold laundry",
])
def test_headline_that_is_the_title(headline):
    assert lint(aggregated(headline=headline), ["title-copy-mismatch"]) == []


def test_headline_with_entities_or_mojibake_is_the_title():
    text = '---\ntitle: "Tom’s robots & laundry"\nstructured_data:\n  headline: "Tom&#8217;s robots &amp; laundry"\n---\n'
    assert lint(text, ["title-copy-mismatch"]) == []
    text = '---\ntitle: "Tom’s robots"\nog:title: "Tomâ€™s robots"\n---\n'
    assert lint(text, ["title-copy-mismatch"]) == []


def test_headline_that_says_something_else():
    found = lint(aggregated(headline="Council delays vote on parking"), ["title-copy-mismatch"])
    assert at(found, "title-copy-mismatch") == [(7, 13, "/structured_data/headline")]
    assert found[0].severity == "warning"
    assert found[0].message == ('headline: "Council delays vote on parking" is not the title '
                                '"Robots learn to fold laundry"')


def test_a_reworded_headline_is_only_info():
    found = lint(aggregated(headline="Robots learn to fold towels"), ["title-copy-mismatch"])
    assert [(f.rule, f.severity) for f in found] == [("title-copy-mismatch", "info")]


def test_headline_fix_round_trip():
    text = aggregated(headline="Council delays vote on parking")
    assert fix(text, ["title-copy-mismatch"]) == text  # unsafe: not applied by default
    assert fix(text, ["title-copy-mismatch"], unsafe=True) == aggregated()


def test_headline_gets_the_text_hygiene_rules():
    text = aggregated(headline="Robots learn to fold laundry&#8217;s  way")
    rules = {(f.rule, f.pointer) for f in lint(text, ["html-entity", "whitespace"])}
    assert rules == {("html-entity", "/structured_data/headline"), ("whitespace", "/structured_data/headline")}
    assert fix(text, ["html-entity"]).count("laundry’s  way") == 1


# ---- --show-settings -----------------------------------------------------------------------------
def test_show_settings_prints_settings_and_roles_by_layout(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.md").write_text(aggregated(), encoding="utf-8")
    (tmp_path / "b.md").write_text('---\ntitle: "X"\npublishedDateTime: 2022-01-01T00:00:00Z\n'
                                   'webUrl: "https://a.example/x"\n---\n', encoding="utf-8")
    (tmp_path / ".newslint.toml").write_text('[fields]\nscraped = ["harvested"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--show-settings", "--no-cache", "."]) == 0
    out = capsys.readouterr().out
    assert "configuration: " + str(tmp_path / ".newslint.toml") in out
    assert "  scraped           harvested\n" in out
    blog = out[out.index("  blog-post: 1 file\n"):]
    assert "    source-url        source_url (1)\n" in blog
    assert "    title-copy        structured_data.headline (1)\n" in blog
    news = out[out.index("  news-article: 1 file\n"):]
    assert "    published         publishedDateTime (1)\n" in news
    assert "    canonical-url     webUrl (1)\n" in news
    assert "NL999" not in out and "date-url" not in out.split("Field roles")[-1]


def test_date_rules_read_the_date_roles():
    text = '---\ntitle: "Robots"\npublished_at: "2021-02-30 10:00"\nupdated_at: "2021-03-01T10:00:00Z"\n---\n'
    assert at(lint(text, ["date-invalid"]), "date-invalid") == [(3, 15, "/published_at")]
    assert lint(text.replace("02-30 10:00", "02-28T10:00:00Z"), ["date-invalid"]) == []


def test_docs_list_the_builtin_keys():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "fields.md").read_text(encoding="utf-8")
    for role, keys in BUILTIN.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{role}` |"))
        assert row.split(" | ")[1] == ", ".join(f"`{k}`" for k in keys)


def test_a_role_can_be_emptied():
    config = cfg.from_dict({"fields": {"title-copy": []}}, None)
    doc = _doc('title: "A"\nstructured_data:\n  headline: "B"', config.fields)
    assert doc.role("title-copy") == ()


def test_html_entity_in_source_url_round_trip():
    text = aggregated("https://news.example.com/2024/09/robots?id=1&amp;page=2")
    assert at(lint(text, ["html-entity"]), "html-entity") == [(4, 13, "/source_url")]
    assert fix(text, ["html-entity"]) == aggregated("https://news.example.com/2024/09/robots?id=1&page=2")
