"""The cell rules: how one CSV cell becomes one field value, each rule written once.

Every column's parser is derived from its :class:`~stepanakert2020.schema.Column` (the
same description its Table Schema is generated from), so what the loader accepts is what
``datapackage.json`` declares: ASCII digits only, no surrounding spaces, no underscores.

* ``integer``: ``[+-]?[0-9]+``;
* ``number``: ``[+-]?`` digits with an optional fraction and exponent, or ``NaN``, ``INF``, ``-INF``;
* ``boolean``: ``true`` or ``false``;
* ``date`` (the derived columns): ``YYYY-MM-DD``, a day that exists;
* an enum: one of its values; an EDTF date: :func:`~stepanakert2020.dates.parse_date`;
* then the column's ``pattern``, ``minimum`` and ``maximum``;
* an empty cell is ``None`` for an optional field, the default for a field that has one,
  and refused for a required field.

The cattrs hooks (:mod:`stepanakert2020.convert`) and the column-at-a-time fast path both
call the parsers made here, so they cannot disagree. A parser raises :class:`CellError`
(or :class:`LookupError`, from an enum's table) for a cell it refuses; :func:`reason`
says why in words. No I/O here.

>>> from stepanakert2020.model import Figure
>>> from stepanakert2020.schema import columns
>>> low = parser(columns(Figure)[-3])
>>> low("12"), low("")
(12, None)
>>> reason(columns(Figure)[-3], " 12")
'not an integer (ASCII digits 0-9 with an optional sign, no spaces)'
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .dates import DateSpec, EDTFError, parse_date
from .schema import Column

__all__ = ["FACTORY", "CellError", "check_value", "format_cell", "parse_all", "parser", "reason"]


#: Why the empty cell of a required column is refused.
REQUIRED = "a value is required"


class CellError(ValueError):
    """A cell that its column's rules refuse; the message says which rule."""


_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|INF|-INF")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEANS = {"true": True, "false": False}


def parse_integer(cell: str) -> int:
    """An integer cell: ``[+-]?[0-9]+``.

    >>> parse_integer("-3"), parse_integer("0003")
    (-3, 3)
    """
    if not _INTEGER.fullmatch(cell):
        raise CellError("not an integer (ASCII digits 0-9 with an optional sign, no spaces)")
    try:
        return int(cell)
    except ValueError:  # more digits than int() reads (sys.get_int_max_str_digits)
        raise CellError("not an integer: too many digits") from None


def parse_number(cell: str) -> float:
    """A number cell: decimal digits with an optional sign, fraction and exponent, or NaN, INF, -INF.

    >>> parse_number("1.5e2"), parse_number("-INF")
    (150.0, -inf)
    """
    if not _NUMBER.fullmatch(cell):
        raise CellError("not a number (ASCII digits with an optional sign, '.' fraction and exponent)")
    return float(cell.replace("INF", "inf"))


def parse_day(cell: str) -> dt.date:
    """A Table Schema ``date`` cell: ``YYYY-MM-DD``, a day that exists.

    >>> parse_day("2020-10-04")
    datetime.date(2020, 10, 4)
    """
    if not _DAY.fullmatch(cell):
        raise CellError("not a date (YYYY-MM-DD with ASCII digits)")
    try:
        return dt.date.fromisoformat(cell)
    except ValueError as error:
        raise CellError(f"not a date ({error})") from None


def _value_table(tp: Any) -> dict[str, Any] | None:
    """The cells a boolean or enum column accepts, and their values; None for other types."""
    if tp is bool:
        return dict(_BOOLEANS)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {str(member.value): member for member in tp}
    return None


#: How a cell of a type none of the parsers here knows (a user's own field type) is structured.
Fallback = Callable[[str, Any], Any]


def _type_parser(tp: Any, dates: Mapping[str, DateSpec] | None, fallback: Fallback | None) -> Callable[[str], Any]:
    """A non-empty cell -> a value of ``tp`` (no constraint checked yet)."""
    table = _value_table(tp)
    if table is not None:
        return table.__getitem__
    if tp is str:
        return str
    if tp is int:
        return parse_integer
    if tp is float:
        return parse_number
    if tp is dt.date:
        return parse_day
    if tp is DateSpec:
        return parse_date if dates is None else dates.__getitem__
    if fallback is None:
        raise TypeError(f"no cell parser for the field type {tp!r}")
    return lambda cell: fallback(cell, tp)  # a user's own field type: the converter's hooks decide


def _constraint_checks(column: Column) -> list[Callable[[Any], None]]:
    checks: list[Callable[[Any], None]] = []
    if column.pattern is not None:
        pattern = re.compile(column.pattern)

        def matches(value: Any) -> None:
            if not pattern.fullmatch(value):
                raise CellError(f"does not match the pattern {column.pattern!r}")

        checks.append(matches)
    low, high = column.minimum, column.maximum
    if low is not None or high is not None:

        def within(value: Any) -> None:
            if (low is not None and not value >= low) or (high is not None and not value <= high):
                bounds = f"{'' if low is None else low}..{'' if high is None else high}"
                raise CellError(f"out of range (allowed: {bounds})")

        checks.append(within)
    return checks


def check_value(column: Column, value: Any) -> None:
    """Check a field value (not a cell) against the column's constraints; :class:`CellError` if it breaks one.

    Records built in memory, whose values never were cells, are checked with this.

    >>> from stepanakert2020.model import Place
    >>> from stepanakert2020.schema import columns
    >>> check_value(columns(Place)[3], 91.0)
    Traceback (most recent call last):
    ...
    stepanakert2020.cells.CellError: out of range (allowed: -90..90)
    """
    if value is None or (column.has_default and not column.has_factory and value == column.default()):
        return  # what an empty cell stands for
    for check in _constraint_checks(column):
        check(value)


class _Factory:
    """The empty cell of a column whose default is a factory: leave the argument out, attrs makes one."""

    def __repr__(self) -> str:
        return "<factory>"


#: What an empty cell parses to when the field's default is a factory (called per record by attrs).
FACTORY = _Factory()


class _Required:
    """The empty cell of a required column: there is no value."""

    def __repr__(self) -> str:
        return "<required>"


_REQUIRED = _Required()


def parser(
    column: Column, dates: Mapping[str, DateSpec] | None = None, fallback: Fallback | None = None
) -> Callable[[str], Any]:
    """The function that turns a cell of ``column`` into its value, raising if a rule refuses it.

    ``dates`` is a cache of parsed EDTF strings (text -> :class:`DateSpec`) to share within a
    load; without it each date is parsed anew. ``fallback`` structures the cells of field types
    other than ``str``, ``int``, ``float``, ``bool``, enums and dates (the converter passes its
    own). Raises :class:`CellError` or :class:`LookupError`.

    >>> from stepanakert2020.model import Weapon
    >>> from stepanakert2020.schema import columns
    >>> cluster = parser(columns(Weapon)[3])
    >>> cluster("yes").value, cluster("").value
    ('yes', 'unknown')
    """
    convert = _type_parser(column.type, dates, fallback)
    checks = _constraint_checks(column)
    empty: Any = None if column.optional else _REQUIRED
    if not column.optional and column.has_default:
        empty = FACTORY if column.has_factory else column.default()
    table = _value_table(column.type)
    if table is not None and not checks:  # an enum or boolean: one lookup per cell
        if empty is not _REQUIRED:
            table[""] = empty
        return table.__getitem__  # a LookupError for a refused cell, the empty one of a required column too
    if convert is str and not checks:
        if empty is _REQUIRED:
            return _required_text
        if empty is None:
            return _optional_text
        if empty == "":
            return str

    def parse(cell: str) -> Any:
        if cell == "":
            if empty is _REQUIRED:
                raise CellError(REQUIRED)
            return empty
        value = convert(cell)
        for check in checks:
            check(value)
        return value

    return parse


def parse_all(parse: Callable[[str], Any], cells: Sequence[str]) -> Sequence[Any]:
    """``parse`` mapped over ``cells`` (a column): the same values, raising as it raises.

    >>> parse_all(_required_text, ("a", "b"))
    ('a', 'b')
    """
    if parse is str:
        return cells
    if parse is _required_text:  # no cell changes: only an empty one is refused, by the same function
        if "" in cells:
            _required_text("")
        return cells
    return list(map(parse, cells))


def _required_text(cell: str) -> str:
    if cell == "":
        raise CellError(REQUIRED)
    return cell


def _optional_text(cell: str) -> str | None:
    return cell or None


def reason(column: Column, cell: str, fallback: Fallback | None = None) -> str | None:
    """Why ``column``'s rules refuse ``cell``, in words; None if they accept it.

    >>> from stepanakert2020.model import Event
    >>> from stepanakert2020.schema import columns
    >>> reason(columns(Event)[1], "CONTEXT")
    "not one of: strike, report, statement, ceasefire, humanitarian, legal, context; did you mean 'context'?"
    """
    try:
        parser(column, fallback=fallback)(cell)
    except LookupError:
        if cell == "":
            return REQUIRED
        if column.type is bool:
            return "not a boolean (use true or false)"
        values = [str(member.value) for member in column.type]
        import difflib

        close = difflib.get_close_matches(cell.strip().lower(), values, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"not one of: {', '.join(values)}{hint}"
    except EDTFError as error:  # its message starts with the text itself, which the problem shows already
        return str(error).removeprefix(f"{cell!r}: ").removeprefix(f"{cell!r} ")
    except (ValueError, TypeError) as error:  # CellError, or a user type's own error
        return str(error) or type(error).__name__
    return None


def format_cell(value: Any) -> str:
    """A field value as its cell: the inverse of the parsers.

    >>> format_cell(None), format_cell(True), format_cell(2.5)
    ('', 'true', '2.5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, DateSpec):
        return value.edtf
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    return str(value)
