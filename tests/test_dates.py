"""The date rules (DT): positives, negatives, exact positions and pointers, fix round trips."""

import pytest
from helpers import at, fix, lint, lint_files
from linter.errors import ConfigError

NOW = {"date-future": {"now": "2026-11-23T12:00:00Z"}}


def news(*lines, related=()):
    """A small news-article document; `related`: lists of lines for each related item."""
    out = ["---", 'title: "Robots learn to fold laundry"', *lines]
    if related:
        out.append("related:")
        for item in related:
            out.append(f"  - {item[0]}")
            out.extend(f"    {line}" for line in item[1:])
    out.append("---")
    return "\n".join(out) + "\n"


def blog(*lines):
    return "\n".join(["---", 'title: "Folding laundry, a diary"', *lines, "---", "", "Body text."]) + "\n"


def messages(findings, rule):
    return [f.message for f in findings if f.rule == rule]


def assert_fixed_point(text, select, expected, unsafe=True, path="post.md", options=None):
    fixed = fix(text, select, options=options, unsafe=unsafe, path=path)
    assert fixed == expected
    assert fix(fixed, select, options=options, unsafe=unsafe, path=path) == fixed
    return fixed


# ---- date-invalid ---------------------------------------------------------------------------
class TestDateInvalid:
    def test_impossible_date_is_reported_at_its_value(self):
        text = news("publishedDateTime: 2021-02-30T10:00:00Z")
        found = lint(text, ["date-invalid"])
        assert at(found, "date-invalid") == [(3, 20, "/publishedDateTime")]
        assert messages(found, "date-invalid") == [
            'publishedDateTime: "2021-02-30T10:00:00Z" is not a real date (February 2021 has no day 30)'
        ]
        assert found[0].code == "DT001" and found[0].severity == "error" and found[0].fix is None

    def test_related_items_are_checked(self):
        text = news(
            "publishedDateTime: 2022-07-07T22:10:00Z",
            related=[['title: "Seals"', "publishedDateTime: yesterday"],
                     ['title: "Doors"', 'publishedDateTime: "2022-07-09T15:46:00Z"'],
                     ['title: "Pets"', 'updatedDateTime: "07/07/2022 10:00:00Z"']],
        )
        found = lint(text, ["date-invalid"])
        assert at(found, "date-invalid") == [(6, 24, "/related/0/publishedDateTime"),
                                             (10, 22, "/related/2/updatedDateTime")]
        assert "relative date" in found[0].message

    def test_ambiguous_day_month_is_reported_without_fix(self):
        found = lint(blog('date: "03/07/2022"'), ["date-invalid"])
        assert at(found, "date-invalid") == [(3, 7, "/date")]
        assert "ambiguous (2022-03-07 or 2022-07-03)" in found[0].message
        assert found[0].fix is None

    @pytest.mark.parametrize(
        "line, fixed",
        [
            ("publishedDateTime: 2022-07-07 22:10:00Z", "publishedDateTime: 2022-07-07T22:10:00Z"),
            ('publishedDateTime: "2022-07-07 22:10:00Z"', 'publishedDateTime: "2022-07-07T22:10:00Z"'),
            ("publishedDateTime: '13/07/2022 22:10Z'", "publishedDateTime: '2022-07-13T22:10Z'"),
            ("publishedDateTime: 2022/07/07  # scraped", "publishedDateTime: 2022-07-07  # scraped"),
            ("publishedDateTime: 07/07/2022", "publishedDateTime: 2022-07-07"),
            ("publishedDateTime: 20220707", "publishedDateTime: 2022-07-07"),
            ("publishedDateTime: Mon, 05 Mar 2021 10:00:00 GMT", "publishedDateTime: 2021-03-05T10:00:00Z"),
            ("publishedDateTime: 2022-07-07T22:10:00+0600", "publishedDateTime: 2022-07-07T22:10:00+06:00"),
        ],
    )
    def test_unambiguous_values_get_an_unsafe_fix_keeping_style(self, line, fixed):
        text = news(line, "type: article")
        found = lint(text, ["date-invalid"])
        assert len(found) == 1 and found[0].fix.applicability == "unsafe"
        assert_fixed_point(text, ["date-invalid"], news(fixed, "type: article"))
        assert fix(text, ["date-invalid"], unsafe=False) == text  # unsafe: not applied by plain --fix

    @pytest.mark.parametrize(
        "lines",
        [("date: &when 2021/03/05", "lastmod: *when"), ("date: !!str 2021/03/05",), ("date: |", "  2021/03/05")],
    )
    def test_anchored_tagged_and_block_values_are_reported_but_not_fixed(self, lines):
        text = blog(*lines)
        found = lint(text, ["date-invalid"])
        assert found and all(f.fix is None for f in found)
        assert found[0].message.startswith('date: "2021/03/05')
        assert "\n" not in found[0].message  # a block scalar's newline is shown escaped
        assert fix(text, ["date-invalid"], unsafe=True) == text

    def test_valid_values_and_empty_values_are_clean(self):
        text = news(
            "publishedDateTime: 2022-07-07T22:10:00Z",
            "updatedDateTime: 2022-07-08T04:10:00.5+06:00",
            "date: 2022-07-07",
            "lastmod:",
            'expiryDate: ""',
        )
        assert lint(text, ["date-invalid"]) == []

    def test_non_date_shapes_are_reported(self):
        text = blog("date:", "  - 2022-07-07", "lastmod: true")
        found = lint(text, ["date-invalid"])
        assert at(found, "date-invalid") == [(4, 3, "/date"), (5, 10, "/lastmod")]
        assert found[0].message == "date: a list is not a date"

    @pytest.mark.parametrize(
        "value",
        [
            "2016-04-26 12:00:00 +0000",  # Jekyll's documented format, on every post of a Jekyll site
            "'2016-04-26 12:00:00 +0000'",
            '"2016-02-14 07:14:03"',  # Jekyll: offset optional
            "2016-02-14 07:14",  # Jekyll: seconds optional
            "2016-2-4",  # a YAML timestamp
            "2016-02-14 07:14:03.5 -07:00",  # Hugo: 2006-01-02 15:04:05 -07:00
            "2016-02-14 07:14:03Z",  # Hugo: 2006-01-02 15:04:05Z07:00
            "2016-02-14T07:14:03-0700",  # Hugo: 2006-01-02T15:04:05-0700
            "'14 Feb 2016'",  # Hugo: 02 Jan 2006
            "'Sun, 14 Feb 2016 07:14:03 GMT'",  # Hugo: RFC 1123
        ],
    )
    def test_what_jekyll_or_hugo_reads_is_valid_in_generator_fields(self, value):
        for key in ("date", "lastmod", "publishDate", "expiryDate"):
            assert lint(blog(f"{key}: {value}"), ["date-invalid"]) == []

    @pytest.mark.parametrize("value", ["2016-04-26 12:00:00 +0000", "'2016-02-14 07:14'", "'14 Feb 2016'"])
    def test_the_news_format_fields_stay_iso_8601(self, value):
        found = lint(news(f"publishedDateTime: {value}"), ["date-invalid"])
        assert at(found, "date-invalid") == [(3, 20, "/publishedDateTime")]
        assert "is not an ISO 8601 date-time; write" in found[0].message

    @pytest.mark.parametrize(
        "value, message",
        [
            ("2021-02-30 10:00:00 +0000", 'date: "2021-02-30 10:00:00 +0000" is not a real date (February 2021 has no day 30)'),
            ("2016-04-26 25:00:00", 'date: "2016-04-26 25:00:00" is not a real time (25:00:00 is not a time of day)'),
            ("2016/04/26", 'date: "2016/04/26" is not a date Jekyll or Hugo reads; write 2016-04-26'),
            ("'April 26, 2016'", 'date: "April 26, 2016" is not a date Jekyll or Hugo reads; write 2016-04-26'),
            ("'2016-04-26 10:00 PM'", 'date: "2016-04-26 10:00 PM" is not a date Jekyll or Hugo reads; write 2016-04-26T22:00'),
            ("last week", 'date: "last week" is a relative date, not a date-time; write the actual date as YYYY-MM-DDTHH:MM:SSZ'),
        ],
    )
    def test_impossible_dates_and_what_no_generator_reads_are_reported_in_generator_fields(self, value, message):
        found = lint(blog(f"date: {value}"), ["date-invalid"])
        assert messages(found, "date-invalid") == [message]

    def test_date_keys_nested_elsewhere_are_not_dates(self):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z", "event:", "  date: sometime in July")
        assert lint(text, ["date-invalid"]) == []


# ---- date-naive -----------------------------------------------------------------------------
class TestDateNaive:
    """A repository rule: values without a timezone are reported only against a convention."""

    @staticmethod
    def site(dates, path="_posts/{i:02d}-post.md", key="date"):
        """One blog post per date value (a Jekyll-style site)."""
        return {path.format(i=i): blog(f"{key}: {d}") for i, d in enumerate(dates)}

    def test_one_naive_date_among_aware_ones_is_reported_naming_the_convention(self):
        files = self.site(["2016-04-2%d 12:00:00 +0000" % i for i in range(1, 6)] + ['"2016-04-27 07:14:03"'])
        out = lint_files(files, ["date-naive"])
        assert {p: at(f, "date-naive") for p, f in out.items() if f} == {"_posts/05-post.md": [(3, 7, "/date")]}
        [finding] = out["_posts/05-post.md"]
        assert finding.message == ('date: "2016-04-27 07:14:03" has no timezone (5 of the 6 date values in this '
                                   "repository have one); add Z (UTC) or an offset such as +02:00")
        assert finding.severity == "warning" and finding.code == "DT002" and finding.fix is None

    @pytest.mark.parametrize("naive", ['"2016-02-14 07:14:03"', "2016-02-14 07:14:03", "2016-02-14T07:14:03"])
    def test_a_site_that_writes_every_date_without_timezone_has_a_convention_not_defects(self, naive):
        files = self.site([naive] * 6)
        assert lint_files(files, ["date-naive"]) == {p: [] for p in files}

    def test_a_one_file_run_reports_nothing(self):
        assert lint(news("publishedDateTime: 2022-07-07T22:10:00"), ["date-naive"]) == []
        assert lint(blog("date: 2022-07-07 22:10:00", "lastmod: 2022-07-08T10:00:00Z"), ["date-naive"]) == []

    def test_a_mixed_repository_reports_the_minority_at_info(self):
        files = self.site(["2016-04-21T12:00:00Z", "2016-04-22T12:00:00Z", "2016-04-23T12:00:00", "2016-04-24T12:00:00Z"])
        out = lint_files(files, ["date-naive"])
        [finding] = out["_posts/02-post.md"]
        assert finding.severity == "info" and finding.confidence == 0.5
        assert "(3 of the 4 date values in this repository have one)" in finding.message

    def test_each_field_has_its_own_convention(self):
        # `date` always with an offset, `lastmod` always without: neither is an outlier
        files = {f"p{i}.md": blog(f"date: 2016-04-2{i}T12:00:00+02:00", f"lastmod: 2016-04-2{i}T13:00:00") for i in range(6)}
        assert lint_files(files, ["date-naive"]) == {p: [] for p in files}

    def test_news_fields_and_related_items(self):
        files = {f"n{i}.md": news(f"publishedDateTime: 2022-07-0{i}T10:00:00Z") for i in range(1, 9)}
        files["bad.md"] = news("publishedDateTime: 2022-07-07T22:10:00",
                               related=[['title: "Seals"', "publishedDateTime: 2022-07-08T12:00:00Z"]])
        files["bare.md"] = news("publishedDateTime: 2022-07-07")
        out = lint_files(files, ["date-naive"])
        assert at(out["bad.md"], "date-naive") == [(3, 20, "/publishedDateTime")]
        assert out["bad.md"][0].message.startswith('publishedDateTime: "2022-07-07T22:10:00" has no timezone (9 of the 11 ')
        assert out["bad.md"][0].severity == "warning"
        assert out["bare.md"][0].message == (
            'publishedDateTime: "2022-07-07" has no time and no timezone (9 of the 11 publishedDateTime values in this '
            "repository have one); write a date-time such as 2022-07-07T00:00:00Z")
        assert all(not out[p] for p in files if p not in ("bad.md", "bare.md"))

    def test_bare_dates_in_generator_fields_are_not_counted(self):
        files = self.site(["2016-04-2%dT12:00:00Z" % i for i in range(1, 6)] + ["2016-04-27"])
        assert lint_files(files, ["date-naive"]) == {p: [] for p in files}

    def test_only_the_named_files_get_findings(self):
        files = self.site(["2016-04-2%d 12:00:00 +0000" % i for i in range(1, 6)] + ["2016-04-27 07:14:03"])
        out = lint_files(files, ["date-naive"], report_on={"_posts/00-post.md", "_posts/05-post.md"})
        assert [p for p, f in out.items() if f] == ["_posts/05-post.md"]
        assert lint_files(files, ["date-naive"], report_on={"_posts/00-post.md"}) == {p: [] for p in files}


# ---- date-future ----------------------------------------------------------------------------
class TestDateFuture:
    def test_future_date_is_reported_against_the_now_option(self):
        text = news("publishedDateTime: 2026-11-25T12:00:01Z",
                    related=[['title: "Seals"', "publishedDateTime: 2026-11-24T11:59:59Z"],
                             ['title: "Doors"', "updatedDateTime: 2027-01-01T00:00:00Z"]])
        found = lint(text, ["date-future"], NOW)
        assert at(found, "date-future") == [(3, 20, "/publishedDateTime"), (8, 22, "/related/1/updatedDateTime")]
        assert found[0].message == (
            'publishedDateTime: "2026-11-25T12:00:01Z" is in the future (2 days after now, 2026-11-23T12:00:00Z)'
        )

    def test_tolerance_option(self):
        text = news("publishedDateTime: 2026-11-23T18:00:00Z")
        assert lint(text, ["date-future"], NOW) == []
        options = {"date-future": {"now": "2026-11-23T12:00:00Z", "tolerance-days": 0}}
        found = lint(text, ["date-future"], options)
        assert at(found, "date-future") == [(3, 20, "/publishedDateTime")]
        assert "6 hours after now" in found[0].message

    def test_source_date_epoch_is_honoured(self, monkeypatch):
        text = news("publishedDateTime: 2022-07-09T00:00:00Z")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1657152000")  # 2022-07-07T00:00:00Z
        assert at(lint(text, ["date-future"]), "date-future") == [(3, 20, "/publishedDateTime")]
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1657238400")  # 2022-07-08T00:00:00Z
        assert lint(text, ["date-future"]) == []

    def test_real_clock_by_default(self, monkeypatch):
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert at(lint(news("publishedDateTime: 2999-01-01T00:00:00Z"), ["date-future"]), "date-future") == [
            (3, 20, "/publishedDateTime")]
        assert lint(news("publishedDateTime: 2001-01-01T00:00:00Z"), ["date-future"]) == []

    def test_scheduling_fields_are_not_checked_by_default(self):
        text = blog("date: 2026-01-01", "publishDate: 2027-01-01", "expiryDate: 2030-01-01")
        assert lint(text, ["date-future"], NOW) == []
        options = {"date-future": {"now": "2026-11-23T12:00:00Z", "fields": ["publishDate"]}}
        assert at(lint(text, ["date-future"], options), "date-future") == [(4, 14, "/publishDate")]

    def test_naive_and_bare_dates_compare_as_utc(self):
        text = blog("date: 2026-11-25", "lastmod: 2026-11-24T11:00:00")
        assert at(lint(text, ["date-future"], NOW), "date-future") == [(3, 7, "/date")]

    def test_a_hand_written_post_dated_ahead_is_scheduled_a_draft_is_not_checked(self):
        """Jekyll and Hugo publish a post dated ahead on its day: that is how a blog schedules one."""
        found = lint(blog("date: 2027-01-10T09:00:00+01:00"), ["date-future"], NOW)
        assert [(f.severity, f.confidence) for f in found] == [("info", 0.5)]
        assert found[0].message.endswith(": a scheduled post, left out of the site until then")
        assert lint(blog("date: 2027-01-10", "draft: true"), ["date-future"], NOW) == []
        assert lint(news("publishedDateTime: 2027-01-10T00:00:00Z", "published: false"), ["date-future"], NOW) == []
        # further ahead than a quarter, a scraped copy, or a news item: an error
        for text in (blog("date: 2027-11-10"), blog("date: 2027-01-10", 'source_url: "https://example.org/a"'),
                     news("publishedDateTime: 2027-01-10T00:00:00Z")):
            assert [f.severity for f in lint(text, ["date-future"], NOW)] == ["error"], text

    def test_bad_now_option_is_refused_when_the_configuration_loads(self):
        with pytest.raises(ConfigError, match="rule date-future option now: expected an ISO 8601 date-time or 'now', got 'tomorrow'"):
            lint(news("publishedDateTime: 2022-07-07T22:10:00Z"), ["date-future"], {"date-future": {"now": "tomorrow"}})

    def test_now_option_now_is_the_clock(self):
        assert lint(news("publishedDateTime: 2022-07-07T22:10:00Z"), ["date-future"], {"date-future": {"now": "now"}}) == []


# ---- date-implausible -------------------------------------------------------------------------
class TestDateImplausible:
    def test_dates_before_the_floor_are_reported(self):
        text = news("publishedDateTime: 1970-01-01T00:00:00Z",
                    related=[['title: "Seals"', "publishedDateTime: 1994-12-31T23:59:59Z"],
                             ['title: "Doors"', "publishedDateTime: 1995-01-01T00:00:00Z"]])
        found = lint(text, ["date-implausible"])
        assert at(found, "date-implausible") == [(3, 20, "/publishedDateTime"), (6, 24, "/related/0/publishedDateTime")]
        assert found[0].message == (
            'publishedDateTime: "1970-01-01T00:00:00Z" is before 1995-01-01, too early to be right '
            "(the Unix epoch: a missing date?)"
        )

    def test_floor_option(self):
        text = blog("date: 2004-05-06")
        assert lint(text, ["date-implausible"]) == []
        found = lint(text, ["date-implausible"], {"date-implausible": {"floor": "2005-01-01"}})
        assert at(found, "date-implausible") == [(3, 7, "/date")]

    def test_bad_floor_option_is_refused_when_the_configuration_loads(self):
        with pytest.raises(ConfigError, match="rule date-implausible option floor: expected an ISO 8601 date, got '1995'"):
            lint(blog("date: 2004-05-06"), ["date-implausible"], {"date-implausible": {"floor": "1995"}})


# ---- date-not-utc -----------------------------------------------------------------------------
class TestDateNotUtc:
    def test_offset_is_reported_with_a_safe_fix(self):
        text = news("publishedDateTime: 2022-07-08T04:10:00+06:00",
                    related=[['title: "Seals"', 'publishedDateTime: "2022-07-07T23:30:00.5-01:30"']])
        found = lint(text, ["date-not-utc"])
        assert at(found, "date-not-utc") == [(3, 20, "/publishedDateTime"), (6, 24, "/related/0/publishedDateTime")]
        assert found[0].message == (
            'publishedDateTime: "2022-07-08T04:10:00+06:00" is not in UTC; write the same instant as 2022-07-07T22:10:00Z'
        )
        assert all(f.fix.applicability == "safe" for f in found)
        expected = news("publishedDateTime: 2022-07-07T22:10:00Z",
                        related=[['title: "Seals"', 'publishedDateTime: "2022-07-08T01:00:00.5Z"']])
        assert_fixed_point(text, ["date-not-utc"], expected, unsafe=False)

    def test_zero_offset_is_written_z(self):
        text = news("publishedDateTime: 2022-07-07T22:10+00:00")
        found = lint(text, ["date-not-utc"])
        assert "writes UTC as an offset" in found[0].message
        assert_fixed_point(text, ["date-not-utc"], news("publishedDateTime: 2022-07-07T22:10Z"), unsafe=False)

    def test_blog_posts_keep_local_time_unless_configured(self):
        text = blog('date: "2021-03-15T11:35:57+06:00"')
        assert lint(text, ["date-not-utc"]) == []
        options = {"date-not-utc": {"profiles": ["news-article", "blog-post"]}}
        assert at(lint(text, ["date-not-utc"], options), "date-not-utc") == [(3, 7, "/date")]

    def test_utc_and_naive_values_are_clean(self):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z", "updatedDateTime: 2022-07-08T10:00:00")
        assert lint(text, ["date-not-utc"]) == []

    def test_non_iso_value_is_reported_but_fixed_by_date_invalid_first(self):
        text = news("publishedDateTime: 2022-07-08 04:10:00 +06:00")
        found = lint(text, ["date-not-utc"])
        assert at(found, "date-not-utc") == [(3, 20, "/publishedDateTime")] and found[0].fix is None
        assert_fixed_point(text, ["date-invalid", "date-not-utc"], news("publishedDateTime: 2022-07-07T22:10:00Z"))


# ---- date-filename-mismatch -------------------------------------------------------------------
class TestDateFilenameMismatch:
    def test_file_name_date_far_from_published(self):
        text = news("publishedDateTime: 2022-07-10T08:00:00Z")
        found = lint(text, ["date-filename-mismatch"], path="_posts/2022-07-07-robots.md")
        assert at(found, "date-filename-mismatch") == [(3, 20, "/publishedDateTime")]
        assert found[0].message == (
            'publishedDateTime: "2022-07-10T08:00:00Z" is 3 days from the date in the file name (2022-07-07)'
        )

    def test_a_day_off_is_tolerated(self):
        text = news("publishedDateTime: 2022-07-06T22:10:00Z")
        assert lint(text, ["date-filename-mismatch"], path="2022-07-07-robots.md") == []
        options = {"date-filename-mismatch": {"tolerance-days": 0}}
        assert len(lint(text, ["date-filename-mismatch"], options, path="2022-07-07-robots.md")) == 1

    def test_written_calendar_day_is_compared_not_utc_day(self):
        # 23:30 at -05:00 is the next day in UTC, but the day written is the 5th.
        text = news("publishedDateTime: 2022-07-05T23:30:00-05:00")
        assert lint(text, ["date-filename-mismatch"], path="2022-07-04-robots.md") == []

    def test_blog_date_and_bundles(self):
        text = blog("date: 2022-09-01")
        assert at(lint(text, ["date-filename-mismatch"], path="content/2022-7-7-robots/index.md"),
                  "date-filename-mismatch") == [(3, 7, "/date")]
        assert lint(text, ["date-filename-mismatch"], path="content/2022-09-01-robots/index.md") == []

    def test_related_dates_and_undated_names_are_ignored(self):
        text = news("publishedDateTime: 2022-07-07T10:00:00Z",
                    related=[['title: "Seals"', "publishedDateTime: 2023-01-01T00:00:00Z"]])
        assert lint(text, ["date-filename-mismatch"], path="2022-07-07-robots.md") == []
        assert lint(text, ["date-filename-mismatch"], path="robots-2021-01-01.md") == []
        assert lint(text, ["date-filename-mismatch"], path="2022-02-30-robots.md") == []

    def test_published_wins_over_date(self):
        text = news("publishedDateTime: 2022-07-07T10:00:00Z", "date: 2020-01-01")
        assert lint(text, ["date-filename-mismatch"], path="2022-07-07-robots.md") == []


# ---- date-order -------------------------------------------------------------------------------
class TestDateOrder:
    def test_updated_before_published_in_the_same_item(self):
        text = news(
            "publishedDateTime: 2022-07-07T22:10:00Z",
            "updatedDateTime: 2022-07-08T02:00:00+06:00",
            related=[['title: "Seals"', "publishedDateTime: 2022-07-09T12:00:00Z",
                      "updatedDateTime: 2022-07-09T11:00:00Z"]],
        )
        found = lint(text, ["date-order"])
        assert at(found, "date-order") == [(4, 18, "/updatedDateTime"), (8, 22, "/related/0/updatedDateTime")]
        assert found[0].message == (
            'updatedDateTime: "2022-07-08T02:00:00+06:00" is earlier than publishedDateTime '
            '"2022-07-07T22:10:00Z": updated before it was published'
        )

    def test_related_items_are_not_compared_with_the_article(self):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z", "updatedDateTime: 2022-07-07T22:10:00Z",
                    related=[['title: "Seals"', "updatedDateTime: 2020-01-01T00:00:00Z"]])
        assert lint(text, ["date-order"]) == []

    def test_blog_pairs(self):
        text = blog("date: 2022-07-07T10:00:00Z", "lastmod: 2022-07-07", "publishDate: 2022-07-10",
                    "expiryDate: 2022-07-09")
        found = lint(text, ["date-order"])
        assert at(found, "date-order") == [(6, 13, "/expiryDate")]
        assert found[0].message.endswith("expires before it is published")
        found = lint(blog("date: 2022-07-07", "lastmod: 2022-07-06T23:00:00Z"), ["date-order"])
        assert at(found, "date-order") == [(4, 10, "/lastmod")]


# ---- date-url-mismatch ------------------------------------------------------------------------
class TestDateUrlMismatch:
    def test_old_story_with_a_new_date(self):
        text = news("publishedDateTime: 2019-01-12T21:04:00Z",
                    'webUrl: "https://news.example.com/world/2010/03/parliament_apologizes.html"',
                    'originalUrl: "https://news.example.com/world/2010/03/parliament_apologizes.html"')
        found = lint(text, ["date-url-mismatch"])
        assert at(found, "date-url-mismatch") == [(4, 9, "/webUrl")]  # one URL, reported once
        assert found[0].message == (
            "webUrl: the URL's date 2010-03 is 3209 days before publishedDateTime \"2019-01-12T21:04:00Z\""
        )

    def test_swapped_day_and_month_is_named(self):
        text = news("publishedDateTime: 2021-01-09T00:00:00Z",
                    'webUrl: "https://blog.example.org/patents/2021/09/court-stops-production.html"')
        found = lint(text, ["date-url-mismatch"])
        assert "with day and month swapped (2021-09-01) the date matches the URL" in found[0].message
        text = news("publishedDateTime: 2021-07-09T10:00:00Z",
                    'webUrl: "https://example.com/2021/09/07/story/"')
        found = lint(text, ["date-url-mismatch"])
        assert "the URL's date (2021-07-09) matches" in found[0].message

    def test_related_items_against_their_own_dates(self):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z",
                    'webUrl: "https://example.com/2022/07/07/story/"',
                    related=[['title: "Seals"', "publishedDateTime: 2022-07-08T12:00:00Z",
                              'webUrl: "https://example.com/science/2020-05-13-seals"'],
                             ['title: "Doors"', 'webUrl: "https://example.com/2001/01/doors"'],
                             ['title: "Pets"', "publishedDateTime: 2022-07-08T12:00:00Z",
                              'webUrl: "https://example.com/news/20220708/pets"']])
        found = lint(text, ["date-url-mismatch"])
        assert at(found, "date-url-mismatch") == [(8, 13, "/related/0/webUrl")]
        assert "2020-05-13 is 786 days before" in found[0].message

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.com/lets-kill-facial-recognition-for-good-1844168367",
            "https://example.com/2019-release-wave-2-overview",
            "https://example.com/news/home/20211202005810/en/Announces",
            "https://example.com/story?date=2010/03/01",
            "https://example.com/story#2010/03",
            "https://2010.example.com/03/story",
            "https://example.com/top-25-startups-in-2010/",
            "https://example.com/2022/07/",
            "https://example.com/2022/08/01/story",
            "https://example.com/2022/06/07/story",
        ],
    )
    def test_numbers_that_are_not_dates_or_are_close(self, url):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z", f'webUrl: "{url}"')
        assert lint(text, ["date-url-mismatch"]) == []

    def test_tolerance_and_month_only_urls(self):
        text = news("publishedDateTime: 2022-07-07T22:10:00Z", 'webUrl: "https://example.com/2022/05/story"')
        found = lint(text, ["date-url-mismatch"])
        assert "2022-05 is 37 days before" in found[0].message
        assert lint(text, ["date-url-mismatch"], {"date-url-mismatch": {"tolerance-days": 40}}) == []

    def test_blog_url_against_date(self):
        text = blog("date: 2022-07-07", 'url: "/2019/11/05/folding/"')
        assert at(lint(text, ["date-url-mismatch"]), "date-url-mismatch") == [(4, 6, "/url")]


# ---- the pack together --------------------------------------------------------------------------
def test_clean_news_article_has_no_date_findings():
    text = news(
        "publishedDateTime: 2022-07-07T22:10:00Z",
        'originalUrl: "https://example.com/news/robots-fold-laundry"',
        'webUrl: "https://example.com/news/robots-fold-laundry"',
        related=[['title: "Seals"', "publishedDateTime: 2022-07-09T15:46:00Z",
                  'webUrl: "https://example.com/digital/2022/07/seals/374078/"'],
                 ['title: "Doors"', "publishedDateTime: 2022-07-08T12:12:00Z",
                  'webUrl: "https://example.com/2022/07/09/doors/"']],
    )
    assert lint(text, ["DT"], NOW, path="_news/2022-07-07-robots.md") == []


def test_every_value_that_is_not_a_date_gives_a_finding_not_a_crash():
    text = news(
        "publishedDateTime: [2022, 7, 7]",
        "updatedDateTime: {when: now}",
        "date: 9999999999999999999999",
        "lastmod: !!binary aGVsbG8=",
        "publishDate: 12:30",
        "expiryDate: .inf",
        'webUrl: "https://example.com/2022/99/99/x"',
        related=[["just a string"], ["- nested"]],
    )
    found = lint(text, ["DT"], NOW, path="2022-07-07-x.md")
    assert {f.rule for f in found} == {"date-invalid"}
    assert len(found) == 6


def test_fixing_everything_reaches_a_fixed_point():
    text = news(
        "publishedDateTime: 2022-07-08 04:10:00 +06:00  # local time",
        "updatedDateTime: '2022-07-08T12:00:00+02:00'",
        related=[['title: "Seals"', 'publishedDateTime: "13/07/2022 10:00 UTC"']],
    )
    expected = news(
        "publishedDateTime: 2022-07-07T22:10:00Z  # local time",
        "updatedDateTime: '2022-07-08T10:00:00Z'",
        related=[['title: "Seals"', 'publishedDateTime: "2022-07-13T10:00Z"']],
    )
    assert_fixed_point(text, ["DT"], expected, options=NOW)
    assert lint(expected, ["DT"], NOW) == []


from hypothesis import given, settings, strategies as st  # noqa: E402

_VALUE = st.one_of(
    st.text(alphabet="0123456789-/.:TZ +tz", max_size=30),
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep=" ") + "Z"),
    st.sampled_from(["2022-07-07 22:10:00Z", "13/07/2022", "03/07/2022", "2022-07-08T04:10:00+06:00",
                     "2022-07-07T22:10:00", "1970-01-01T00:00:00Z", "2099-01-01", "[1, 2]", "{a: 1}", "~", "''"]),
)


@settings(max_examples=150, deadline=None)
@given(published=_VALUE, updated=_VALUE, related=_VALUE, quote=st.sampled_from(["", "'", '"']))
def test_any_values_give_findings_never_crashes_and_fixing_converges(published, updated, related, quote):
    def q(v):
        return f"{quote}{v}{quote}" if quote and quote not in v and "\\" not in v else v

    text = news(f"publishedDateTime: {q(published)}", f"updatedDateTime: {q(updated)}",
                'webUrl: "https://example.com/2022/07/07/x"',
                related=[['title: "Seals"', f"publishedDateTime: {q(related)}"]])
    found = lint(text, None, NOW, path="2022-07-07-x.md")
    assert not [f for f in found if f.rule == "internal-error"]
    fixed = fix(text, ["DT"], NOW, unsafe=True, path="2022-07-07-x.md")
    assert fix(fixed, ["DT"], NOW, unsafe=True, path="2022-07-07-x.md") == fixed
    assert not [f for f in lint(fixed, ["DT"], NOW, path="2022-07-07-x.md") if f.fix]


# ---- whole sites as their generators write them --------------------------------------------------
JEKYLL_POST = """---
layout: post
title: "{title}"
date: {date}
categories: [release]
author: A. Writer
---

Release notes for version {n}.
"""


@pytest.mark.parametrize(
    "dates",
    [
        [f"2016-04-2{n} 12:00:00 +0000" for n in range(6)],  # Jekyll's documented format
        [f'"2016-02-1{n} 07:14:03"' for n in range(6)],  # quoted, naive, on every post
        [f"2016-02-1{n}T07:14:03-07:00" for n in range(3)] + [f"2016-02-2{n} 07:14:03 -0700" for n in range(3)],  # Hugo
        [f"2016-02-1{n}" for n in range(6)],
    ],
)
def test_a_site_written_the_way_its_generator_reads_dates_gets_no_date_finding(dates):
    files = {f"_posts/2016-01-0{n}-release-{n}.md": JEKYLL_POST.format(title=f"Version 1.{n} released", date=d, n=n)
             for n, d in enumerate(dates)}
    out = lint_files(files)
    assert {p: [f.rule for f in fs if f.code.startswith("DT") and f.rule != "date-filename-mismatch"] for p, fs in out.items()} == {
        p: [] for p in files}


def test_named_dates_of_mkdocs_material_are_each_a_date():
    """MkDocs Material's blog writes `date: {created: ..., updated: ...}`: a post's dates, each
    judged as one (at its own pointer), never "a mapping is not a date"."""
    post = "---\ntitle: Hello\ndate:\n  created: {}\n  updated: 2024-01-02\n---\n\nText.\n"
    assert lint(post.format("2023-12-31"), ["DT", "SC001"], NOW) == []
    found = lint(post.format("2023-02-30"), ["DT", "SC001"], NOW)
    assert [(f.rule, f.pointer) for f in found] == [("date-invalid", "/date/created")]
    assert [(f.rule, f.pointer) for f in lint(post.format("2030-01-01"), ["date-future"], NOW)] == [
        ("date-future", "/date/created")]
    assert [f.rule for f in lint("---\ntitle: Hello\ndate: {year: 2023}\n---\n", ["DT"], NOW)] == ["date-invalid"]


def test_another_generators_date_field_is_read_as_that_generator_reads_it():
    """The Astro blog starter writes `pubDate: 'Jul 08 2022'`: a field Jekyll and Hugo never read,
    whose one meaning a JavaScript generator reads. A date that does not exist is still reported."""
    post = "---\ntitle: First post\npubDate: '{}'\n---\n\nText.\n"
    assert lint(post.format("Jul 08 2022"), ["date-invalid"]) == []
    assert [f.pointer for f in lint(post.format("Jul 32 2022"), ["date-invalid"])] == ["/pubDate"]
    assert [f.pointer for f in lint("---\ntitle: First post\ndate: 'Jul 08 2022'\n---\n", ["date-invalid"])] == ["/date"]
