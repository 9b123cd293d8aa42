"""The URL rules (URL001-URL007): positives, negatives, positions, pointers, fixes."""

import pytest
from helpers import at, fix, lint, lint_files

from rules.urls.url_tracking_params import strip_tracking
from rules.urls.normalize import is_tracking_param


def news(*lines):
    """A small news-article document; `lines` are extra front-matter lines (from line 4 on)."""
    return "\n".join(["---", 'title: "Robots learn to fold laundry"', "publishedDateTime: 2022-07-07T10:00:00Z",
                      *lines, "---", "Body.", ""])


def blog(*lines):
    return "\n".join(["---", 'title: "Notes on folding robots"', 'date: "2022-07-07T10:00:00+02:00"', *lines, "---", ""])


# ---- url-invalid --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, reason",
    [
        ('"htps//example.com/robots"', "malformed scheme 'htps//'"),
        ('"https//example.com/robots"', "malformed scheme 'https//'"),
        ('"htps://example.com/robots"', "misspelt scheme 'htps:'"),
        ('"http:/example.com/robots"', "is missing '//'"),
        ('"www.example.com/robots"', "has no scheme"),
        ('"example.com:8080/robots"', "has no scheme"),
        ('"https://example.com/robots fold laundry"', "contains a space"),
        ('"https://exa mple.com/robots"', "contains a space"),
        ('"ftp://example.com/robots"', "is not an http(s) URL"),
        ('"javascript:alert(1)"', "is not an http(s) URL"),
        ('"https://localhost/robots"', "invalid host 'localhost'"),
        ('"https://example.c0m/robots"', "invalid host"),
        ('"https:///robots"', "has no host"),
        ('"https://example.com:99999/robots"', "cannot be parsed"),
        ('""', "is empty"),
    ],
)
def test_url_invalid_reports(value, reason):
    findings = lint(news(f"webUrl: {value}"), ["url-invalid"])
    assert at(findings, "url-invalid") == [(4, 9, "/webUrl")]
    assert reason in findings[0].message
    assert findings[0].message.startswith("webUrl: ")
    assert findings[0].severity == "error" and findings[0].code == "URL001"


@pytest.mark.parametrize(
    "value",
    ['"https://example.com/robots"', "http://example.com/a?b=1&c=2#frag", '"https://news.example.co.uk:8443/a/"',
     '"https://192.168.1.10/x"', '"https://bücher.example/x"', '"/assets/logo.png"', '"images/logo.png"',
     '"logo.png"', '"//cdn.example.com/a.jpg"'],
)
def test_url_invalid_accepts(value):
    assert at(lint(news(f"webUrl: {value}"), ["url-invalid"]), "url-invalid") == []


def test_url_invalid_in_related_items_and_images():
    text = news(
        'webUrl: "https://example.com/robots"',
        "related:",
        '  - title: "Another story"',
        '    webUrl: "https://example.org/another"',
        "    images:",
        '      - url: "https://cdn.example.org/a b.jpg"',
    )
    findings = lint(text, ["url-invalid"])
    assert at(findings, "url-invalid") == [(9, 14, "/related/0/images/0/url")]
    assert findings[0].message == 'images[0].url: "https://cdn.example.org/a b.jpg" contains a space'


def test_url_invalid_ignores_non_url_keys_and_non_strings():
    text = news('excerpt: "see www.example.com/x"', "url: 42", "images:", "  - url: null")
    assert lint(text, ["url-invalid"]) == []


# ---- url-relative -------------------------------------------------------------------------------
REL_NEWS = news(
    'webUrl: "https://example.com/robots"',
    "provider:",
    "  name: Example News",
    "  images:",
    '    - url: "/assets/images/organizations/example.com-50x50.jpg"',
    "      width: 50",
)


def test_url_relative_reports_news_relative_urls():
    findings = lint(REL_NEWS, ["url-relative"])
    assert at(findings, "url-relative") == [(8, 12, "/provider/images/0/url")]
    assert findings[0].message.startswith('provider.images[0].url: "/assets/images/organizations/example.com-50x50.jpg" is relative')
    assert findings[0].fix is None  # no base URL configured
    # a site-relative path resolves on the site itself: shown, but not failing the run
    assert (findings[0].severity, findings[0].confidence) == ("info", 0.5)


def test_url_relative_scheme_relative_and_path_relative_stay_warnings():
    for value in ("//cdn.example.com/a.jpg", "images/a.jpg"):
        text = news('webUrl: "https://example.com/robots"', "images:", f"  - url: {value}")
        assert [f.severity for f in lint(text, ["url-relative"])] == ["warning"]


def test_url_relative_fix_with_base_url():
    opts = {"url-relative": {"base-url": "https://news.example.net/site"}}
    findings = lint(REL_NEWS, ["url-relative"], opts)
    assert findings[0].fix.applicability == "safe"
    fixed = fix(REL_NEWS, ["url-relative"], opts)
    assert fixed == REL_NEWS.replace(
        '"/assets/images/', '"https://news.example.net/site/assets/images/'
    )
    assert lint(fixed, ["url-relative"], opts) == []


def test_url_relative_scheme_relative_takes_base_scheme():
    text = news('webUrl: "https://example.com/robots"', "images:", "  - url: //cdn.example.com/a.jpg")
    assert at(lint(text, ["url-relative"]), "url-relative") == [(6, 10, "/images/0/url")]
    fixed = fix(text, ["url-relative"], {"url-relative": {"base-url": "https://example.com"}})
    assert "  - url: https://cdn.example.com/a.jpg\n" in fixed


def test_url_relative_blog_posts_are_fine_without_base_url():
    text = blog('image: "/images/blog/03.jpg"')
    assert lint(text, ["url-relative"]) == []
    opts = {"url-relative": {"base-url": "https://blog.example.net/"}}
    findings = lint(text, ["url-relative"], opts)
    assert at(findings, "url-relative") == [(4, 8, "/image")]
    assert fix(text, ["url-relative"], opts) == text.replace('"/images/', '"https://blog.example.net/images/')


def test_url_relative_path_relative_resolves_against_base():
    text = blog("image: images/03.jpg")
    fixed = fix(text, ["url-relative"], {"url-relative": {"base-url": "https://example.org/blog"}})
    assert "image: https://example.org/blog/images/03.jpg\n" in fixed


def test_url_relative_ignores_absolute_and_invalid():
    text = news('webUrl: "https://example.com/robots"', 'originalUrl: "www.example.com/robots"')
    assert lint(text, ["url-relative"]) == []


# ---- url-insecure -------------------------------------------------------------------------------
def insecure(files, options=None, report_on=None):
    out = lint_files(files, ["url-insecure"], options, report_on)
    return {p: [(f.line, f.column, f.pointer, f.severity) for f in fs] for p, fs in out.items() if fs}


def image(i, scheme="https", host="cdn.example.com"):
    return news(f'webUrl: "https://example.com/story-{i}"', "images:", f"  - url: '{scheme}://{host}/{i}.jpg'")


def test_url_insecure_reports_one_http_link_among_https_links_of_the_same_host():
    files = {f"s{i}.md": image(i) for i in range(4)}
    files["old.md"] = image(9, "http", "www.cdn.example.com")  # `www.` is the same site
    out = lint_files(files, ["url-insecure"])
    assert insecure(files) == {"old.md": [(6, 10, "/images/0/url", "warning")]}
    assert out["old.md"][0].message == (
        'images[0].url: "http://www.cdn.example.com/9.jpg" uses http://; this repository links cdn.example.com '
        "over https:// 4 times (over http:// once); use https://")
    assert out["old.md"][0].fix is None and out["old.md"][0].code == "URL003"


def test_url_insecure_a_host_the_article_itself_links_over_https_serves_https():
    text = news('webUrl: "https://paper.example.org/a"', 'originalUrl: "https://paper.example.org/a"',
                "images:", "  - url: 'http://paper.example.org/a.jpg'")
    assert [(f.pointer, f.severity) for f in lint(text, ["url-insecure"])] == [("/images/0/url", "warning")]


def test_url_insecure_a_site_that_links_a_host_over_http_has_a_convention():
    files = {f"s{i}.md": image(i, "http", "photos.example.net") for i in range(6)}
    assert insecure(files) == {}
    files["new.md"] = image(7, "https", "photos.example.net")  # the host serves https after all: unsure
    assert insecure(files) == {f"s{i}.md": [(6, 10, "/images/0/url", "info")] for i in range(6)}


def test_url_insecure_a_host_never_linked_over_https_is_unknown():
    files = {f"s{i}.md": image(i) for i in range(4)}
    files["other.md"] = image(9, "http", "old-paper.example.org")
    # the repository links over https, but nothing is known about this host: info at most
    assert insecure(files) == {"other.md": [(6, 10, "/images/0/url", "info")]}
    # a site that mostly links over http: nothing
    files = {f"s{i}.md": image(i, "http", f"host{i}.example.org") for i in range(4)}
    assert insecure(files) == {}


def test_url_insecure_one_file_run_is_at_most_info():
    assert [f.severity for f in lint(image(1, "http"), ["url-insecure"])] == []
    text = news('webUrl: "https://example.com/robots"', "images:", "  - url: 'http://example.com/a.jpg'")
    assert [f.severity for f in lint(text, ["url-insecure"])] == ["info"]


def test_url_insecure_ignores_hosts_https_and_invalid_urls():
    files = {f"s{i}.md": image(i) for i in range(4)}
    files["old.md"] = image(9, "http")
    assert insecure(files, {"url-insecure": {"ignore-hosts": ["example.com"]}}) == {}
    files["old.md"] = news('webUrl: "https://example.com/robots"', 'originalUrl: "http://exa mple.com/"')
    assert insecure(files) == {}


def test_url_insecure_only_the_named_files_get_findings():
    files = {f"s{i}.md": image(i) for i in range(4)}
    files["old.md"] = image(9, "http")
    assert insecure(files, report_on={"s1.md"}) == {}
    assert insecure(files, report_on={"old.md"}) == {"old.md": [(6, 10, "/images/0/url", "warning")]}


# ---- url-tracking-params ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url, expected, removed",
    [
        ("https://e.com/a?utm_source=x", "https://e.com/a", ["utm_source"]),
        ("https://e.com/a?id=1&utm_source=x&page=2", "https://e.com/a?id=1&page=2", ["utm_source"]),
        ("https://e.com/a?utm_source=x&id=1", "https://e.com/a?id=1", ["utm_source"]),
        ("https://e.com/a?id=1&fbclid=Zz#top", "https://e.com/a?id=1#top", ["fbclid"]),
        ("https://e.com/a?ref=aggregator.example", "https://e.com/a", ["ref"]),
        ("https://e.com/a?X=%20&&gclid=1", "https://e.com/a?X=%20&", ["gclid"]),
        ("https://e.com/a?id=1&amp;utm_medium=rss&#038;p=2", "https://e.com/a?id=1&#038;p=2", ["utm_medium"]),
        ("https://e.com/a?id=1&v=2", "https://e.com/a?id=1&v=2", []),
        ("https://e.com/a#x?utm_source=1", "https://e.com/a#x?utm_source=1", []),
    ],
)
def test_strip_tracking_keeps_the_rest_byte_identical(url, expected, removed):
    assert strip_tracking(url, is_tracking_param) == (expected, removed)


TRACKED = news(
    'webUrl: "https://example.com/robots?id=42&utm_source=newsletter&utm_medium=email&mc_cid=abc"',
    "originalUrl: https://example.com/robots?ref=aggregator.example",
)


def test_url_tracking_params_reports_each_field():
    findings = lint(TRACKED, ["url-tracking-params"])
    assert at(findings, "url-tracking-params") == [(4, 9, "/webUrl"), (5, 14, "/originalUrl")]
    assert findings[0].message.endswith("has tracking parameters utm_source, utm_medium, mc_cid")
    assert findings[1].message == 'originalUrl: "https://example.com/robots?ref=aggregator.example" has tracking parameter ref'
    assert all(f.fix.applicability == "safe" for f in findings)


def test_url_tracking_params_fix_round_trip():
    fixed = fix(TRACKED, ["url-tracking-params"])
    assert fixed == TRACKED.replace("&utm_source=newsletter&utm_medium=email&mc_cid=abc", "").replace(
        "?ref=aggregator.example", ""
    )
    assert lint(fixed, ["url-tracking-params"]) == []
    assert fix(fixed, ["url-tracking-params"]) == fixed


def test_url_tracking_params_options():
    text = news('webUrl: "https://example.com/robots?ref=x&cid=NL_weekly"')
    assert [f.message.rsplit(" ", 1)[-1] for f in lint(text, ["url-tracking-params"])] == ["ref"]
    opts = {"url-tracking-params": {"extra-params": ["cid"], "keep-params": ["ref"]}}
    assert [f.message.rsplit(" ", 1)[-1] for f in lint(text, ["url-tracking-params"], opts)] == ["cid"]
    opts = {"url-tracking-params": {"params": ["track_*"]}}
    assert lint(text, ["url-tracking-params"], opts) == []


def test_url_tracking_params_ignores_meaningful_parameters():
    text = news('webUrl: "https://video.example.com/watch?v=abc&t=42"', "images:",
                '  - url: "https://img.example.com/a.jpg?w=1200&h=630&fit=crop"')
    assert lint(text, ["url-tracking-params"]) == []


# ---- provider-domain-mismatch --------------------------------------------------------------------
def provider_doc(url_line, domain, extra=()):
    return news(url_line, *extra, "provider:", "  name: Example", f"  domain: {domain}")


@pytest.mark.parametrize(
    "url, domain",
    [
        ("https://example.com/a", "example.com"),
        ("https://www.example.com/a", "example.com"),
        ("https://example.com/a", "www.example.com"),
        ("https://news.met.example.uk/a", "example.uk"),
        ("https://news.met.example.uk/a", "met.example.uk"),
        ("https://EXAMPLE.com/a", "Example.COM."),
        ("https://www.youtube.com/watch?v=abc", "example.com"),
    ],
)
def test_provider_domain_accepts(url, domain):
    assert lint(provider_doc(f"webUrl: {url}", domain), ["provider-domain-mismatch"]) == []


def test_provider_domain_mismatch_reports():
    text = provider_doc("webUrl: https://news.example.com/a", "example.org")
    findings = lint(text, ["provider-domain-mismatch"])
    assert at(findings, "provider-domain-mismatch") == [(7, 11, "/provider/domain")]
    assert findings[0].message == 'provider.domain: "example.org" is not the host of webUrl (news.example.com) or a parent domain of it'
    assert findings[0].fix is None


def test_provider_domain_child_of_host_is_reported():
    text = provider_doc("webUrl: https://example.com/a", "news.example.com")
    assert at(lint(text, ["provider-domain-mismatch"]), "provider-domain-mismatch") == [(7, 11, "/provider/domain")]


def test_provider_domain_either_url_matches():
    text = provider_doc("webUrl: https://aggregator.example.net/a", "example.com", ["originalUrl: https://example.com/a"])
    assert lint(text, ["provider-domain-mismatch"]) == []
    text = provider_doc("webUrl: https://one.example.net/a", "example.com", ["originalUrl: https://two.example.org/a"])
    assert "or originalUrl (two.example.org)" in lint(text, ["provider-domain-mismatch"])[0].message


def test_provider_domain_not_a_domain_and_options():
    text = provider_doc("webUrl: https://example.com/a", '"Example News"')
    assert lint(text, ["provider-domain-mismatch"])[0].message == 'provider.domain: "Example News" is not a domain name'
    text = provider_doc("webUrl: https://example.com/a", "example.org")
    assert lint(text, ["provider-domain-mismatch"], {"provider-domain-mismatch": {"allow": ["example.org=example.com"]}}) == []
    text = provider_doc("webUrl: https://www.youtube.com/watch?v=abc", "example.com")
    assert len(lint(text, ["provider-domain-mismatch"], {"provider-domain-mismatch": {"platforms": []}})) == 1


def test_provider_domain_in_related_items():
    text = news(
        "webUrl: https://example.com/a",
        "related:",
        "  - title: Other",
        "    webUrl: https://other.example.org/b",
        "    provider:",
        "      domain: example.net",
    )
    assert at(lint(text, ["provider-domain-mismatch"]), "provider-domain-mismatch") == [(9, 15, "/related/0/provider/domain")]


def test_provider_domain_without_urls_is_not_checked():
    assert lint(news("provider:", "  domain: example.com"), ["provider-domain-mismatch"]) == []


# ---- amp-url-mismatch ----------------------------------------------------------------------------
AMP_OK = [
    ("https://www.example.com/a", "https://www.example.com/a/amp",
     "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a/amp"),
    ("https://my-site.example.com/a", "https://my-site.example.com/a?amp=1",
     "https://my--site-example-com.cdn.ampproject.org/c/s/my-site.example.com/a?amp=1"),
    ("https://example.com/a", "http://example.com/a.amp", "https://example-com.cdn.ampproject.org/c/example.com/a.amp"),
    ("https://timesofexample.indiaexample.com/a", "https://m.timesofexample.com/a/amp",
     "https://m-timesofexample-com.cdn.ampproject.org/c/s/m.timesofexample.com/a/amp"),
]


@pytest.mark.parametrize("web, amp, cdn", AMP_OK)
def test_amp_urls_consistent(web, amp, cdn):
    text = news(f"webUrl: {web}", f"ampWebUrl: {amp}", f"cdnAmpWebUrl: {cdn}")
    assert lint(text, ["amp-url-mismatch"]) == []


def test_amp_cdn_mismatch_is_fixed():
    text = news(
        'webUrl: "https://www.example.com/a"',
        'ampWebUrl: "https://www.example.com/a/amp"',
        'cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/b/amp"  # cached',
    )
    findings = lint(text, ["amp-url-mismatch"])
    assert at(findings, "amp-url-mismatch") == [(6, 15, "/cdnAmpWebUrl")]
    assert findings[0].message.startswith('cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/b/amp" is not')
    fixed = fix(text, ["amp-url-mismatch"])
    assert fixed == text.replace("www.example.com/b/amp", "www.example.com/a/amp")
    assert lint(fixed, ["amp-url-mismatch"]) == []


def test_amp_on_another_site():
    text = news("webUrl: https://example.com/a", "ampWebUrl: https://other-example.net/a/amp")
    findings = lint(text, ["amp-url-mismatch"])
    assert at(findings, "amp-url-mismatch") == [(5, 12, "/ampWebUrl")]
    assert findings[0].message == "ampWebUrl: host other-example.net is on another site than webUrl (example.com)"
    assert findings[0].fix is None


def test_amp_in_related_item():
    text = news(
        "webUrl: https://example.com/a",
        "related:",
        "  - webUrl: https://example.org/b",
        "    ampWebUrl: https://example.org/b/amp",
        "    cdnAmpWebUrl: https://example-org.cdn.ampproject.org/c/s/example.org/b",
    )
    assert at(lint(text, ["amp-url-mismatch"]), "amp-url-mismatch") == [(8, 19, "/related/0/cdnAmpWebUrl")]
    assert "example.org/b/amp\n" in fix(text, ["amp-url-mismatch"])


# ---- url-mismatch ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "web, orig",
    [
        ("https://example.com/a", "https://www.example.com/a"),
        ("https://news.example.com/a", "https://example.com/b"),
        ("https://www.example.co.uk/a", "https://example.com/b"),
        ("https://timesofexample.indiaexample.com/a", "https://m.timesofexample.com/a"),
        ("https://www.youtube.com/watch?v=abc", "https://youtu.be/abc"),
    ],
)
def test_url_mismatch_accepts_same_site(web, orig):
    assert lint(news(f"webUrl: {web}", f"originalUrl: {orig}"), ["url-mismatch"]) == []


def test_url_mismatch_reports():
    text = news("originalUrl: https://news.example.com/story", "webUrl: https://www.other-site.org/another-story")
    findings = lint(text, ["url-mismatch"])
    assert at(findings, "url-mismatch") == [(5, 9, "/webUrl")]
    assert findings[0].message == "webUrl: host www.other-site.org is on another site than originalUrl (news.example.com)"


def test_url_mismatch_in_related_and_allow_option():
    text = news(
        "webUrl: https://example.com/a",
        "related:",
        "  - webUrl: https://one.example.org/b",
        "    originalUrl: https://two.sample.net/b",
    )
    assert at(lint(text, ["url-mismatch"]), "url-mismatch") == [(6, 13, "/related/0/webUrl")]
    assert lint(text, ["url-mismatch"], {"url-mismatch": {"allow": ["example.org=sample.net"]}}) == []


def test_url_rules_quiet_on_a_clean_article():
    text = news(
        'originalUrl: "https://www.example.com/2022/07/robots-fold-laundry/"',
        'webUrl: "https://www.example.com/2022/07/robots-fold-laundry/"',
        'ampWebUrl: "https://www.example.com/2022/07/robots-fold-laundry/amp/"',
        'cdnAmpWebUrl: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2022/07/robots-fold-laundry/amp/"',
        "provider:",
        "  name: Example",
        "  domain: example.com",
        "  images:",
        '    - url: "https://static.example.net/organizations/example.com-50x50.jpg"',
        "images:",
        '  - url: "https://img.example.com/resize?url=https%3A%2F%2Fexample.com%2Fa.jpg&w=1280&signature=abc"',
    )
    assert lint(text, ["URL"]) == []


def test_provider_domain_internationalised():
    text = provider_doc("webUrl: https://news.bücher.example/a", "xn--bcher-kva.example")
    assert lint(text, ["provider-domain-mismatch"]) == []
    text = provider_doc("webUrl: https://news.xn--bcher-kva.example/a", "bücher.example")
    assert lint(text, ["provider-domain-mismatch"]) == []


def test_hostile_values_give_findings_not_tracebacks():
    text = (
        "---\nwebUrl: [1, 2]\noriginalUrl: {a: b}\nurl: 'https://[::1'\nimage: 'http://[zz]/x'\n"
        "ampWebUrl: 'https://example.com/a/amp'\ncdnAmpWebUrl: 7\nprovider: {domain: [x]}\nrelated: {a: 1}\n---\n"
    )
    assert at(lint(text, ["URL", "REL"]), "url-invalid") == [(4, 6, "/url"), (5, 8, "/image")]
    assert fix(text, ["URL", "REL"], unsafe=True) == text


def test_an_empty_permalink_is_unset_not_an_invalid_url():
    """Hugo and Jekyll compute a page's URL when its `url` is empty (a blog's blank archetype
    field, seen on a public Hugo blog): neither url-invalid nor the schema reports it. An empty
    `url` of an image or related item is a link to nothing, and still is."""
    assert [f for f in lint(blog('url: ""'), ["ALL"]) if f.pointer == "/url"] == []
    related = news("related:", '  - title: "Other story"', '    url: ""')
    assert [f.pointer for f in lint(related, ["url-invalid"])] == ["/related/0/url"]
