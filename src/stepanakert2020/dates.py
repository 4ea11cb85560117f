"""The EDTF subset that stepanakert2020 uses: parse, format, bounds and precision.

Supported (Library of Congress EDTF, levels 0 and 1):

* ``2020``, ``2020-10``, ``2020-10-04``: a year, a month, a day;
* a trailing qualifier ``?`` (uncertain), ``~`` (approximate) or ``%`` (both);
* unspecified digits ``2020-10-XX`` (some day in the month) and ``2020-XX-XX`` or
  ``2020-XX`` (some day in the year);
* intervals ``A/B`` between two of the above without ``X`` digits (those are EDTF
  level 2), with ``A`` not after ``B``.

Open (``..``) and unknown (empty) interval ends, seasons, and level 2 features are
refused with a clear :class:`EDTFError`. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

__all__ = ["EDTF_PATTERN", "DateSpec", "EDTFError", "Precision", "parse_date"]


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class EDTFError(ValueError):
    """A string is not a date in the EDTF subset stepanakert2020 supports."""


class Precision(enum.Enum):
    """How finely a date is known: the coarsest component stated."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @property
    def rank(self) -> int:
        """0 for day, 1 for month, 2 for year: larger is coarser."""
        return _RANK[self]


_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}

_SINGLE = re.compile(
    r"(?P<year>[0-9]{4})"
    r"(?:-(?P<month>[0-9]{2}|XX)"
    r"(?:-(?P<day>[0-9]{2}|XX))?)?"
    r"(?P<qualifier>[?~%])?"
)
_SHAPE = re.sub(r"\(\?P<[a-z]+>", "(", _SINGLE.pattern).replace("(?:", "(")
#: The shape of the supported EDTF strings as a Table Schema ``pattern`` (regular expression),
#: derived from the parser's own: a date or an interval of two. Calendar checks (month 13,
#: 30 February, year 0000, the order of an interval's ends) are :func:`parse_date`'s alone.
EDTF_PATTERN = f"{_SHAPE}(/{_SHAPE})?"


@attrs.frozen(order=False)
class DateSpec:
    """A date as stated, in EDTF, with the bounds and precision derived from it.

    ``earliest`` and ``latest`` are the strict bounds of what the string says
    (``2020-10`` runs from 1 October to 31 October). ``approximate`` and
    ``uncertain`` carry the EDTF qualifiers; they do not widen the bounds.

    >>> d = parse_date("2020-10")
    >>> (d.earliest.isoformat(), d.latest.isoformat(), d.precision.value)
    ('2020-10-01', '2020-10-31', 'month')
    """

    edtf: str
    earliest: dt.date
    latest: dt.date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    interval: bool = False

    def __attrs_post_init__(self) -> None:
        if self.earliest > self.latest:
            raise EDTFError(f"{self.edtf!r}: earliest {self.earliest} is after latest {self.latest}")

    def __str__(self) -> str:
        return self.edtf


def _single(text: str, whole: str) -> DateSpec:
    match = _SINGLE.fullmatch(text)
    if match is None:
        raise EDTFError(
            f"{whole!r} is not an EDTF date in the supported subset "
            "(YYYY, YYYY-MM, YYYY-MM-DD, optional ?~% qualifier, XX for unspecified month or day)"
        )
    year = int(match["year"])
    month_text, day_text, qualifier = match["month"], match["day"], match["qualifier"]
    if year == 0:
        raise EDTFError(f"{whole!r}: year 0000 is not supported")
    if month_text == "XX" and day_text not in (None, "XX"):
        raise EDTFError(f"{whole!r}: a known day in an unspecified month is not supported")
    if month_text is None or month_text == "XX":
        earliest, latest, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
    else:
        month = int(month_text)
        if not 1 <= month <= 12:
            raise EDTFError(f"{whole!r}: month {month_text} is not 01-12")
        last = _month_length(year, month)
        if day_text is None or day_text == "XX":
            earliest, latest = dt.date(year, month, 1), dt.date(year, month, last)
            precision = Precision.MONTH
        else:
            day = int(day_text)
            if not 1 <= day <= last:
                raise EDTFError(f"{whole!r}: day {day_text} does not exist in {year}-{month_text}")
            earliest = latest = dt.date(year, month, day)
            precision = Precision.DAY
    return DateSpec(
        edtf=text,
        earliest=earliest,
        latest=latest,
        precision=precision,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def parse_date(text: str) -> DateSpec:
    """Parse an EDTF string of the supported subset into a :class:`DateSpec`.

    Raises :class:`EDTFError` naming the string and what is wrong with it.

    >>> parse_date("2020-10-16/2020-10-17").precision
    <Precision.DAY: 'day'>
    >>> parse_date("2020-10-04~").approximate
    True
    >>> parse_date("2020-13")
    Traceback (most recent call last):
    ...
    stepanakert2020.dates.EDTFError: '2020-13': month 13 is not 01-12
    """
    if not isinstance(text, str):
        raise EDTFError(f"{text!r} is not a string")
    if "/" not in text:
        return _single(text, text)
    start_text, _, end_text = text.partition("/")
    if start_text in ("", "..") or end_text in ("", ".."):
        raise EDTFError(f"{text!r}: open or unknown interval ends are not supported")
    if "X" in text:
        raise EDTFError(f"{text!r}: unspecified digits (X) inside an interval are EDTF level 2, not supported")
    start, end = _single(start_text, text), _single(end_text, text)
    if start.latest > end.latest:  # (then the start is not within the interval's bounds)
        raise EDTFError(f"{text!r}: the interval ends ({end.latest}) before its start does ({start.latest})")
    coarsest = max(start.precision, end.precision, key=lambda p: p.rank)
    return DateSpec(
        edtf=text,
        earliest=start.earliest,
        latest=end.latest,
        precision=coarsest,
        approximate=start.approximate or end.approximate,
        uncertain=start.uncertain or end.uncertain,
        interval=True,
    )
