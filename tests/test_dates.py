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
