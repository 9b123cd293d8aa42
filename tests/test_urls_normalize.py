"""rules/urls/normalize.py: the canonical URL form shared by the duplicate rules."""

import pytest

from rules.urls.normalize import (
    TRACKING_PARAMS,
    amp_cache_url,
    amp_origin,
    canonical_url,
    host_of,
    is_tracking_param,
    site_of,
    valid_host,
)

BASE = "https://example.com/news/a-story"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/a-story",
        "http://example.com/news/a-story",
        "HTTPS://Example.COM/news/a-story",
        "https://www.example.com/news/a-story",
        "https://example.com./news/a-story",
        "https://example.com:443/news/a-story",
        "http://example.com:80/news/a-story",
        "https://example.com/news/a-story/",
        "https://example.com/news/a-story#comments",
        "https://example.com/news/a-story?utm_source=feed&utm_medium=rss",
        "https://example.com/news/a-story?fbclid=IwAR0abc",
        "https://example.com/news/a-story?ref=aggregator.example",
        "https://example.com/news/a-story/amp",
        "https://example.com/news/a-story/amp/",
        "https://example.com/news/a-story?amp=1",
        "https://example.com/news/a-story?amp",
        "https://amp.example.com/news/a-story",
        "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/a-story/amp/",
        "https://example-com.cdn.ampproject.org/c/s/example.com/news/a-story?amp=1",
        "https://www.google.com/amp/s/example.com/news/a-story/amp",
        "https://user@example.com/news/a-story",
    ],
)
def test_variants_of_one_article_share_a_canonical_form(url):
    assert canonical_url(url) == BASE


def test_meaningful_query_parameters_are_kept_in_order():
    url = "https://Example.com/watch?v=abc123&utm_campaign=x&t=42"
    assert canonical_url(url) == "https://example.com/watch?v=abc123&t=42"


def test_html_entity_separators_read_as_ampersands():
    assert canonical_url("https://example.com/p?id=7&amp;utm_source=x&#038;page=2") == "https://example.com/p?id=7&page=2"


def test_path_case_and_other_ports_are_kept():
    assert canonical_url("https://example.com:8080/News/Story") == "https://example.com:8080/News/Story"


def test_different_articles_stay_different():
    assert canonical_url("https://example.com/news/a-story") != canonical_url("https://example.com/news/b-story")
    assert canonical_url("https://example.com/a?id=1") != canonical_url("https://example.com/a?id=2")
    assert canonical_url("https://news.example.com/a") != canonical_url("https://example.com/a")


def test_amp_file_endings():
    assert canonical_url("https://example.com/a/story.amp.html") == "https://example.com/a/story.html"
    assert canonical_url("https://example.com/a/story.amp") == "https://example.com/a/story"
    assert canonical_url("https://example.com/a/amplifier") == "https://example.com/a/amplifier"


def test_internationalised_hosts_compare_in_ascii():
    assert host_of("https://Bücher.example/a") == "xn--bcher-kva.example"
    assert canonical_url("https://bücher.example/a") == canonical_url("https://xn--bcher-kva.example/a")


def test_root_url():
    assert canonical_url("https://www.example.com/") == "https://example.com"


@pytest.mark.parametrize(
    "url",
    ["", "   ", "/images/logo.png", "example.com/a", "htps//example.com/a", "ftp://example.com/a",
     "https://exa mple.com/a", "https://localhost/a", "https://example.c0m/a", "https://-bad-.com/",
     "https:///path-only", "https://example.com:99999/a", "mailto:someone@example.com", None, 42],
)
def test_not_absolute_http_urls_have_no_canonical_form(url):
    assert canonical_url(url) is None


def test_tracking_params():
    assert "fbclid" in TRACKING_PARAMS and "ref" in TRACKING_PARAMS
    for name in ("utm_source", "UTM_Medium", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "_mc", "elq_mid"):
        assert is_tracking_param(name), name
    for name in ("v", "id", "page", "amp", "w", "h", "fit", "url", "q", "utm"):
        assert not is_tracking_param(name), name


def test_tracking_params_with_custom_patterns():
    patterns = ["source", "track_*"]
    assert is_tracking_param("source", patterns)
    assert is_tracking_param("Track_Id", patterns)
    assert not is_tracking_param("utm_source", patterns)
    assert not is_tracking_param("track", patterns)


def test_amp_cache_url():
    assert amp_cache_url("https://news.my-site.com/a/amp?x=1") == (
        "https://news-my--site-com.cdn.ampproject.org/c/s/news.my-site.com/a/amp?x=1"
    )
    assert amp_cache_url("http://example.com/a/amp") == "https://example-com.cdn.ampproject.org/c/example.com/a/amp"
    assert amp_cache_url("/a/amp") is None
    assert amp_cache_url("https://" + "a" * 60 + ".com/x") is None


def test_amp_origin():
    assert amp_origin("https://example-com.cdn.ampproject.org/c/s/example.com/a?amp=1") == "https://example.com/a?amp=1"
    assert amp_origin("https://example-com.cdn.ampproject.org/c/example.com/a") == "http://example.com/a"
    assert amp_origin("https://example.com/c/s/x") is None


def test_hosts():
    assert valid_host("news.example.co.uk")
    assert valid_host("192.168.1.10")
    assert valid_host("[::1]")
    assert valid_host("bücher.de")
    assert not valid_host("example")
    assert not valid_host("example.123")
    assert not valid_host("exa_mple..com")
    assert not valid_host("")
    assert host_of("https://News.Example.com:8443/x") == "news.example.com"
    assert host_of("example.com/x") is None
    assert site_of("news.met.police.uk") == "police.uk"
    assert site_of("www.bbc.co.uk") == "bbc.co.uk"
    assert site_of("amp.example.com") == "example.com"


_URL_CHARS = "Hhtps:/.wW-_?#&=%@[]:0aZ9 \t~!"


@pytest.mark.parametrize("url", [
    "https://www.example.com/a/b?x=1#f", "HTTP://Example.COM", "https://a.b?q#h?x", "https://x.y#a?b",
    "http://example.com.", "https://-.-/", "https://x.y/ü", "https://user@x.y/", "https://x.y:443/",
    "https://[::1]/", "https://x y/", "https://x.y/a b", "https://x.y/\t", "ftp://x.y/", "https:x.y",
])
def test_split_plain_is_urlsplit(url):
    from urllib.parse import urlsplit

    from rules.urls.normalize import split_plain

    got = split_plain(url)
    if got is not None:
        parts = urlsplit(url)
        assert got == (parts.scheme, parts.hostname, parts.path, parts.query) and parts.port is None


def test_split_plain_is_urlsplit_on_random_urls():
    from urllib.parse import urlsplit

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rules.urls.normalize import split_plain

    @settings(max_examples=500, deadline=None)
    @given(st.sampled_from(["https://", "http://", "HTTPS://", "htp://", ""]), st.text(_URL_CHARS, max_size=30))
    def check(scheme, rest):
        url = scheme + rest
        got = split_plain(url)
        if got is not None:
            parts = urlsplit(url)
            assert got == (parts.scheme, parts.hostname, parts.path, parts.query) and parts.port is None

    check()
