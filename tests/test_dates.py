"""The EDTF subset: examples, errors, round-trips, and the ``edtf`` package as an oracle."""

from __future__ import annotations

import datetime as dt
import time

import edtf
import pytest
from hypothesis import given

from stepanakert2020.dates import EDTFError, Precision, parse_date
from stepanakert2020.testing import edtf_strings


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2020", "2020-01-01", "2020-12-31", Precision.YEAR),
        ("2020-02", "2020-02-01", "2020-02-29", Precision.MONTH),
        ("2021-02", "2021-02-01", "2021-02-28", Precision.MONTH),
        ("2020-10-04", "2020-10-04", "2020-10-04", Precision.DAY),
        ("2020-10-XX", "2020-10-01", "2020-10-31", Precision.MONTH),
        ("2020-XX-XX", "2020-01-01", "2020-12-31", Precision.YEAR),
        ("2020-10-16/2020-10-17", "2020-10-16", "2020-10-17", Precision.DAY),
        ("2020-10/2020-11-10", "2020-10-01", "2020-11-10", Precision.MONTH),
        ("2020-10-04~", "2020-10-04", "2020-10-04", Precision.DAY),
    ],
)
def test_examples(text: str, earliest: str, latest: str, precision: Precision) -> None:
    d = parse_date(text)
    assert (d.earliest.isoformat(), d.latest.isoformat(), d.precision) == (earliest, latest, precision)
    assert d.edtf == str(d) == text


def test_qualifiers() -> None:
    assert (parse_date("2020?").uncertain, parse_date("2020?").approximate) == (True, False)
    assert (parse_date("2020~").uncertain, parse_date("2020~").approximate) == (False, True)
    assert (parse_date("2020%").uncertain, parse_date("2020%").approximate) == (True, True)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2020-13", "month 13"),
        ("2021-02-29", "day 29 does not exist"),
        ("2020-10-11/2020-10-10", "before its start does"),
        ("2020-10-10/..", "open or unknown"),
        ("/2020", "open or unknown"),
        ("20-10-10", "not an EDTF date"),
        ("2020-XX-10", "unspecified month"),
        ("2020-10-XX/2020-11", "level 2"),
        ("2020-10-04 ", "not an EDTF date"),
        ("0000", "year 0000"),
        ("", "not an EDTF date"),
    ],
)
def test_errors_name_the_string_and_the_reason(text: str, reason: str) -> None:
    with pytest.raises(EDTFError, match=reason) as info:
        parse_date(text)
    assert repr(text) in str(info.value)


@given(edtf_strings())
def test_round_trip_and_bounds(text: str) -> None:
    d = parse_date(text)
    assert d.earliest <= d.latest
    assert parse_date(d.edtf) == d
    assert d.interval == ("/" in text)


def _as_date(value: time.struct_time) -> dt.date:
    return dt.date(value.tm_year, value.tm_mon, value.tm_mday)


@given(edtf_strings())
def test_agrees_with_the_edtf_package(text: str) -> None:
    ours = parse_date(text)
    theirs = edtf.parse_edtf(text)
    assert _as_date(theirs.lower_strict()) == ours.earliest
    assert _as_date(theirs.upper_strict()) == ours.latest


@pytest.mark.parametrize("year", [1900, 2000, 2019, 2020, 2100])
def test_every_day_of_a_year_is_a_date_exactly_when_the_calendar_says_so(year: int) -> None:
    for month in range(1, 13):
        for day in range(1, 32):
            text = f"{year:04d}-{month:02d}-{day:02d}"
            try:
                expected: dt.date | None = dt.date(year, month, day)
            except ValueError:
                expected = None
            if expected is None:
                with pytest.raises(EDTFError, match=f"day {day:02d} does not exist in {year:04d}-{month:02d}"):
                    parse_date(text)
            else:
                found = parse_date(text)
                assert (found.earliest, found.latest, found.precision) == (expected, expected, Precision.DAY)
        last = parse_date(f"{year:04d}-{month:02d}").latest
        assert (last + dt.timedelta(days=1)).day == 1


#: Every form the parser knows, and the edges of each: what it gives, written out in full.
FORMS = {
    "2020": "2020-01-01..2020-12-31 year",
    "2020?": "2020-01-01..2020-12-31 year uncertain",
    "2020~": "2020-01-01..2020-12-31 year approximate",
    "2020%": "2020-01-01..2020-12-31 year approximate uncertain",
    "2020-02": "2020-02-01..2020-02-29 month",
    "2020-04": "2020-04-01..2020-04-30 month",
    "2020-12": "2020-12-01..2020-12-31 month",
    "2020-XX": "2020-01-01..2020-12-31 year",
    "2020-10-XX": "2020-10-01..2020-10-31 month",
    "2020-10-XX~": "2020-10-01..2020-10-31 month approximate",
    "2020-10-04/2020-10-04": "2020-10-04..2020-10-04 day interval",
    "2020-10-04?/2020-10": "2020-10-04..2020-10-31 month uncertain interval",
    "2019/2020-10-04~": "2019-01-01..2020-10-04 year approximate interval",
    "2020-10/2020-10-15": (
        "error: '2020-10/2020-10-15': the interval ends (2020-10-15) before its start does (2020-10-31)"
    ),
    "2020-00": "error: '2020-00': month 00 is not 01-12",
    "2020-10-00": "error: '2020-10-00': day 00 does not exist in 2020-10",
    "2020-XX-04": "error: '2020-XX-04': a known day in an unspecified month is not supported",
    "2020-10-XX/2020-11": (
        "error: '2020-10-XX/2020-11': unspecified digits (X) inside an interval are EDTF level 2, not supported"
    ),
    "../2020": "error: '../2020': open or unknown interval ends are not supported",
    "2020/": "error: '2020/': open or unknown interval ends are not supported",
    "0000-01": "error: '0000-01': year 0000 is not supported",
    "2020-1": (
        "error: '2020-1' is not an EDTF date in the supported subset "
        "(YYYY, YYYY-MM, YYYY-MM-DD, optional ?~% qualifier, XX for unspecified month or day)"
    ),
}


def _described(text: str) -> str:
    try:
        d = parse_date(text)
    except EDTFError as error:
        return f"error: {error}"
    flags = [name for name in ("approximate", "uncertain", "interval") if getattr(d, name)]
    return " ".join([f"{d.earliest}..{d.latest}", d.precision.value, *flags])


def test_every_form_gives_exactly_what_it_says() -> None:
    assert {text: _described(text) for text in FORMS} == FORMS


def test_precision_ranks_order_day_month_year() -> None:
    assert [p.rank for p in (Precision.DAY, Precision.MONTH, Precision.YEAR)] == [0, 1, 2]
