"""The related-entry rules (REL001 related-duplicate, REL002 related-self)."""

from helpers import at, fix, lint

from linter.document import parse_text


def item(title, url, domain="example.com", quality=50, extra=()):
    return [
        f'  - title: "{title}"',
        f'    webUrl: "{url}"',
        *extra,
        "    provider:",
        "      name: Example",
        f"      domain: {domain}",
        f"    quality: {quality}",
    ]


def article(*items, web="https://news.example.net/household-robots", orig=None):
    lines = ["---", 'title: "Household robots are coming"', "publishedDateTime: 2022-07-07T10:00:00Z",
             f'webUrl: "{web}"']
    if orig:
        lines.append(f'originalUrl: "{orig}"')
    lines.append("related:")
    for it in items:
        lines.extend(it)
    lines += ["---", "Body text.", ""]
    return "\n".join(lines)


A = item("Robots learn to fold laundry", "https://www.example.com/tech/robots-learn-to-fold-laundry/")
B = item("A chess engine plays itself", "https://chess.example.org/engine-plays-itself", "example.org", 40)


def data_without(text, index):
    data = parse_text(text).data
    del data["related"][index]
    return data


# ---- related-duplicate --------------------------------------------------------------------------
def test_identical_items_safe_fix_deletes_the_later_one():
    text = article(A, B, A)
    findings = lint(text, ["related-duplicate"])
    assert at(findings, "related-duplicate") == [(18, 5, "/related/2")]
    assert findings[0].message == (
        "related[2]: repeats related[0]: the same URL after normalisation "
        "(https://example.com/tech/robots-learn-to-fold-laundry)"
    )
    assert findings[0].fix.applicability == "safe"
    fixed = fix(text, ["related-duplicate"])
    assert fixed == article(A, B)
    assert parse_text(fixed).data == data_without(text, 2)
    assert fix(fixed, ["related-duplicate"]) == fixed


def test_url_variants_are_duplicates():
    for variant in ("http://example.com/tech/robots-learn-to-fold-laundry?utm_source=feed",
                    "https://example.com/tech/robots-learn-to-fold-laundry/amp/",
                    "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/tech/robots-learn-to-fold-laundry/"):
        text = article(A, B, item("Robots learn to fold laundry", variant, quality=10))
        assert at(lint(text, ["related-duplicate"]), "related-duplicate") == [(18, 5, "/related/2")], variant


def test_different_items_unsafe_fix_keeps_the_one_whose_title_matches_its_slug():
    # Same URL, the later item's title matches the slug worse and its quality is lower: it goes.
    later = item("Robots learn to fold towels", "https://example.com/tech/robots-learn-to-fold-laundry", quality=30)
    text = article(A, B, later)
    findings = lint(text, ["related-duplicate"])
    assert at(findings, "related-duplicate") == [(18, 5, "/related/2")]
    assert findings[0].fix.applicability == "unsafe"
    assert fix(text, ["related-duplicate"]) == text  # unsafe fixes need --unsafe-fixes
    fixed = fix(text, ["related-duplicate"], unsafe=True)
    assert fixed == article(A, B)


def test_unsafe_fix_may_delete_the_earlier_item():
    # The earlier item carries another story's title under this URL; the later one matches it.
    earlier = item("Robots learn to fold towels", "https://example.com/tech/robots-learn-to-fold-laundry", quality=90)
    text = article(earlier, B, A)
    findings = lint(text, ["related-duplicate"])
    assert at(findings, "related-duplicate") == [(6, 5, "/related/0")]  # on the item the fix deletes
    assert findings[0].message.startswith("related[0]: repeated by the better related[2]: the same URL")
    assert "delete related[0]" in findings[0].fix.description
    fixed = fix(text, ["related-duplicate"], unsafe=True)
    assert fixed == article(B, A)
    assert lint(fixed, ["related-duplicate"]) == []


def test_quality_breaks_a_slug_tie():
    low = item("Robots learn to fold laundry", "https://example.com/tech/robots-learn-to-fold-laundry", quality=5,
               extra=['    excerpt: "short"'])
    high = item("Robots learn to fold laundry", "https://example.com/tech/robots-learn-to-fold-laundry", quality=80)
    fixed = fix(article(low, high), ["related-duplicate"], unsafe=True)
    assert fixed == article(high)


def test_same_title_same_provider_is_a_duplicate():
    dup = item("Robots Learn to Fold Laundry!", "https://example.com/2022/07/07/robots-fold-laundry-video", quality=20)
    text = article(A, B, dup)
    findings = lint(text, ["related-duplicate"])
    assert at(findings, "related-duplicate") == [(18, 5, "/related/2")]
    assert findings[0].message == (
        'related[2]: repeats related[0]: the same title "Robots Learn to Fold Laundry!" from the same provider'
    )


def test_same_title_other_provider_is_not_a_duplicate():
    other = item("Robots learn to fold laundry", "https://robots.example.org/fold-laundry", domain="example.org")
    assert lint(article(A, other), ["related-duplicate"]) == []


def test_distinct_items_are_clean():
    assert lint(article(A, B), ["related-duplicate"]) == []
    similar = item("Robots learn to fold laundry, part 2", "https://www.example.com/tech/robots-learn-to-fold-laundry-2")
    assert lint(article(A, similar), ["related-duplicate"]) == []


def test_three_copies_fix_to_one():
    text = article(A, A, B, A)
    assert at(lint(text, ["related-duplicate"]), "related-duplicate") == [(12, 5, "/related/1"), (24, 5, "/related/3")]
    fixed = fix(text, ["related-duplicate"])
    assert fixed == article(A, B)


def test_duplicates_of_the_article_itself_are_left_to_related_self():
    own = item("Household robots are coming", "https://news.example.net/household-robots", "example.net")
    text = article(own, B, own)
    assert lint(text, ["related-duplicate"]) == []
    assert len(lint(text, ["related-self"])) == 2


def test_related_duplicate_tolerates_odd_shapes():
    text = "---\ntitle: x\nwebUrl: https://example.com/a\nrelated:\n  - just a string\n  - null\n  - {title: 1}\n---\n"
    assert lint(text, ["related-duplicate", "related-self"]) == []
    assert lint("---\ntitle: x\nrelated: 3\n---\n", ["related-duplicate", "related-self"]) == []


# ---- related-self -------------------------------------------------------------------------------
def test_related_self_reports_and_fixes():
    own = item("Household robots are coming", "http://www.news.example.net/household-robots/?utm_source=x", "example.net")
    text = article(A, own, B)
    findings = lint(text, ["related-self"])
    assert at(findings, "related-self") == [(12, 5, "/related/1")]
    assert findings[0].message == "related[1]: points at the article itself (https://news.example.net/household-robots)"
    assert findings[0].fix.applicability == "safe"
    fixed = fix(text, ["related-self"])
    assert fixed == article(A, B)
    assert parse_text(fixed).data == data_without(text, 1)
    assert fix(fixed, ["related-self"]) == fixed


def test_related_self_matches_the_original_url_too():
    own = item("Household robots are coming", "https://origin.example.org/robots", "example.org")
    text = article(A, own, orig="https://origin.example.org/robots")
    assert at(lint(text, ["related-self"]), "related-self") == [(13, 5, "/related/1")]
    # last item: deleted with its lines, the rest byte-identical
    assert fix(text, ["related-self"]) == article(A, orig="https://origin.example.org/robots")


def test_related_self_clean_cases():
    assert lint(article(A, B), ["related-self"]) == []
    text = article(A, B).replace('webUrl: "https://news.example.net/household-robots"\n', "")
    assert lint(text, ["related-self"]) == []


def test_related_self_offers_no_fix_when_every_item_points_at_the_article():
    text = ('---\ntitle: "Robots"\nwebUrl: "https://news.example.net/robots"\nrelated:\n'
            '  - title: "Robots"\n    webUrl: "https://news.example.net/robots/"\n'
            '  - title: "Robots again"\n    webUrl: "http://www.news.example.net/robots"\n---\n')
    found = [f for f in lint(text, ["related-self"]) if f.rule == "related-self"]
    assert [f.pointer for f in found] == ["/related/0", "/related/1"]
    assert all(f.fix is None for f in found)
