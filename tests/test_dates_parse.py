"""The date reader shared by the date rules: what is ISO, what has one meaning, what does not."""

from datetime import datetime, timezone

import pytest

from rules.dates import _parse
from rules.dates._parse import read


@pytest.mark.parametrize(
    "text",
    [
        "2022-07-07T22:10:00Z",
        "2022-07-07T22:10:00.125Z",
        "2022-07-07T22:10Z",
        "2022-07-08T04:10:00+06:00",
        "2022-07-07T22:10:00-05:30",
        "2022-07-07T22:10:00",
        "2022-07-07",
        "2024-02-29T10:00:00Z",
    ],
)
def test_iso_values_are_iso(text):
    assert read(text).kind == "iso"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2022-07-07 22:10:00Z", "2022-07-07T22:10:00Z"),
        ("2022-07-07 22:10:00 +06:00", "2022-07-07T22:10:00+06:00"),
        ("2022-7-7 9:05:00", "2022-07-07T09:05:00"),
        ("2022/07/07", "2022-07-07"),
        ("2022.07.07", "2022-07-07"),
        ("2022-07-07T22:10:00+0600", "2022-07-07T22:10:00+06:00"),
        ("2022-07-07T22:10:00 UTC", "2022-07-07T22:10:00Z"),
        ("2022-07-07T22:10:00,5Z", "2022-07-07T22:10:00.5Z"),
        ("07/07/2022", "2022-07-07"),
        ("13/07/2022", "2022-07-13"),
        ("07/13/2022", "2022-07-13"),
        ("13.07.2022 22:10", "2022-07-13T22:10"),
        ("20220707", "2022-07-07"),
        ("20220707T221000Z", "2022-07-07T22:10:00Z"),
        ("March 5, 2021", "2021-03-05"),
        ("5 Sept 2021 3:30 pm", "2021-09-05T15:30"),
        ("Mon, 05 Mar 2021 10:00:00 +0000", "2021-03-05T10:00:00Z"),
        ("Fri, 05 Mar 2021 10:00:00 GMT", "2021-03-05T10:00:00Z"),
        (" 2022-07-07T22:10:00Z ", "2022-07-07T22:10:00Z"),
    ],
)
def test_unambiguous_spellings_are_fixable(text, iso):
    r = read(text)
    assert (r.kind, r.iso) == ("fixable", iso)
    assert read(iso).kind == "iso"


@pytest.mark.parametrize("text", ["03/07/2022", "01-02-2021", "11.12.2020 10:00"])
def test_day_month_order_can_be_ambiguous(text):
    r = read(text)
    assert r.kind == "ambiguous" and r.when is None
    assert "ambiguous" in r.reason


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2021-02-30T10:00:00Z", "February 2021 has no day 30"),
        ("2022-02-29", "February 2022 has no day 29"),
        ("2022-13-01T10:00:00Z", "no month 13"),
        ("2022-07-07T25:00:00Z", "25:00:00 is not a time of day"),
        ("2022-07-07T23:60:00Z", "23:60:00"),
        ("2022-07-07T10:00:00+25:00", "impossible UTC offset (+25:00)"),
        ("0000-01-01", "no year 0000"),
        ("32/07/2022", "July 2022 has no day 32"),
        ("yesterday", "relative date"),
        ("3 days ago", "relative date"),
        ("2022", "not an ISO 8601 date-time"),
        ("Smarch 5, 2021", "not an ISO 8601 date-time"),
        ("2022-07-07T22:10:00Zjunk", "not an ISO 8601 date-time"),
        ("\u0662\u0660\u0662\u0662-\u0660\u0667-\u0660\u0667", "not an ISO 8601 date-time"),  # Arabic-Indic digits
    ],
)
def test_invalid_values_say_why(text, reason):
    r = read(text)
    assert r.kind == "invalid" and r.when is None
    assert reason in r.reason


def test_moment_keeps_what_was_written():
    m = read("2022-07-08T04:10:30.250+06:00").when
    assert (m.year, m.month, m.day, m.hour, m.minute, m.second, m.fraction, m.offset) == (
        2022, 7, 8, 4, 10, 30, "250", 360)
    assert m.instant() == datetime(2022, 7, 7, 22, 10, 30, 250000, timezone.utc)
    assert m.iso() == "2022-07-08T04:10:30.250+06:00"
    assert m.iso(utc=True) == "2022-07-07T22:10:30.250Z"


def test_utc_conversion_keeps_precision_and_crosses_dates():
    assert read("2022-01-01T01:30+02:00").when.iso(utc=True) == "2021-12-31T23:30Z"
    assert read("2021-12-31T22:00:00-03:00").when.iso(utc=True) == "2022-01-01T01:00:00Z"
    assert read("2022-07-07T22:10:00").when.iso(utc=True) == "2022-07-07T22:10:00Z"


def test_naive_and_date_only():
    assert read("2022-07-07T22:10:00").when.naive
    assert not read("2022-07-07T22:10:00Z").when.naive
    d = read("2022-07-07").when
    assert d.date_only and not d.naive and d.iso() == "2022-07-07"


def test_now_option_and_source_date_epoch(monkeypatch):
    when = _parse.now_option("2026-01-02T03:04:05Z")
    assert _parse.now_from(when) == datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert _parse.now_option("") is None and _parse.now_option("now") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert _parse.now_from(None) == datetime(1970, 1, 2, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(_parse.OptionError):
        _parse.now_from(None)
    with pytest.raises(ValueError):
        _parse.now_option("next tuesday")


from hypothesis import given, settings, strategies as st  # noqa: E402

_DATEISH = st.from_regex(
    r"\A[ ]?\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,3})?)?( ?(Z|UTC|[+-]\d{1,2}(:?\d{2})?))?)?\Z",
    fullmatch=True,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), _DATEISH))
def test_reader_never_raises_and_its_fixes_are_iso_with_the_same_meaning(text):
    r = read(text)
    assert r.kind in ("iso", "fixable", "ambiguous", "invalid")
    assert (r.when is not None) == (r.kind in ("iso", "fixable"))
    if r.kind == "fixable":
        again = read(r.iso)
        assert again.kind == "iso"
        assert again.when.instant() == r.when.instant()
        assert again.when.naive == r.when.naive and again.when.date_only == r.when.date_only
    if r.when is not None and not r.when.date_only:
        utc = read(r.when.iso(utc=True))
        assert utc.kind == "iso" and utc.when.offset == 0
        assert utc.when.instant() == r.when.instant()


def test_fast_paths_agree_with_the_library():
    import calendar
    import json

    assert all(_parse._last_day(y, m) == calendar.monthrange(y, m)[1] for y in range(1, 2500) for m in range(1, 13))
    for text in ["2022-07-07T22:10:00Z", 'say "when"', "a\\b", "tab\there", "nl\n", "\x7f", "caf\u00e9",
                 "\u00a0nbsp", "\u2028", "\ud800", "emoji \U0001f600", ""]:
        assert _parse._shown(text) == json.dumps(text, ensure_ascii=False)


def test_date_option_reads_a_date_and_refuses_a_bad_value():
    assert _parse.date_option("1995-01-01") == _parse.Moment(1995, 1, 1)
    with pytest.raises(ValueError):
        _parse.date_option("soon")


@pytest.mark.parametrize("text", [
    "2022-07-07T22:10:00Z", "2024-02-29T23:59:59Z", "2023-02-29T10:00:00Z", "0000-01-01T00:00:00Z",
    "2022-13-01T00:00:00Z", "2022-04-31T00:00:00Z", "2022-07-07T24:00:00Z", "2022-07-07T22:60:00Z",
    "2022-07-07T22:10:60Z", "2022-07-07T22:10:00z", "2022-07-07T22:10:00Z ", "2022-07-07T22:10:00",
])
def test_the_usual_spelling_reads_as_the_general_parser_reads_it(text, monkeypatch):
    fast = read(text)
    monkeypatch.setattr(_parse, "_iso_utc", lambda text: None)
    assert fast == read(text)
