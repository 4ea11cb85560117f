"""Record subclasses with fields of every shape (keyword-only, factories, user types, validators):
both structuring paths give the same record, and every refusal says exactly what and where."""

from __future__ import annotations

import enum
import typing

import attrs
import cattrs
import pytest

import stepanakert2020 as s
from stepanakert2020 import convert
from stepanakert2020.cells import CellError
from stepanakert2020.convert import Dates, RowError, derived_mismatches, from_row, structure_cell, structure_columns


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True)
class Rich(s.Actor):
    """An actor with a required keyword-only field, a factory, a user enum, a literal and a checked number."""

    colour: Colour
    tags: list[str] = attrs.field(factory=list)
    grade: typing.Literal["low", "high"] = "low"
    score: int = attrs.field(default=0, validator=attrs.validators.le(10))


BASE = {"id": "a", "name": "A", "kind": "ngo", "parent": "", "notes": "", "colour": "red"}


def _both(row: dict[str, str]) -> Rich:
    header = list(row)
    fast = structure_columns(Rich, header, [(row[h],) for h in header], Dates())[0]
    careful = from_row(Rich, row)
    assert fast == careful
    return careful


def test_both_paths_fill_every_shape_of_field_alike() -> None:
    record = _both(BASE)
    assert (record.colour, record.tags, record.grade, record.score) == (Colour.RED, [], "low", 0)
    assert _both({**BASE, "grade": "high", "score": "7"}).score == 7


def test_an_absent_column_is_an_empty_cell_on_both_paths() -> None:
    header = ["id", "name", "kind", "colour"]
    cells = [("a", "b"), ("A", "B"), ("ngo", "state"), ("red", "blue")]
    records = structure_columns(Rich, header, cells, Dates())
    assert [r.parent for r in records] == [None, None] and [r.notes for r in records] == ["", ""]
    assert records[0].tags is not records[1].tags  # a fresh default each
    assert records == [from_row(Rich, dict(zip(header, column, strict=True))) for column in zip(*cells, strict=True)]


def test_no_rows_give_no_records() -> None:
    assert structure_columns(s.Actor, ["id", "name", "kind"], [(), (), ()], Dates()) == []


def test_every_refusal_names_its_column_and_reason() -> None:
    with pytest.raises(RowError) as info:
        from_row(Rich, {**BASE, "colour": "green", "grade": "medium", "kind": ""})
    assert info.value.cells == [
        ("kind", "", "a value is required"),
        ("colour", "green", "not one of: red, blue"),
        (
            "grade",
            "medium",
            "not a Literal: medium not in literal typing.Literal['low', 'high']",
        ),
    ]
    assert str(info.value).startswith("kind='': a value is required; colour='green': ")


def test_a_validator_refusal_names_the_class() -> None:
    with pytest.raises(RowError) as info:
        from_row(Rich, {**BASE, "score": "11"})
    assert info.value.cells == [("", "", "ValueError: 'score' must be <= 10: 11")]


def test_the_fast_path_refuses_what_the_converter_refuses() -> None:
    for cell in ("green", "RED", ""):
        with pytest.raises((CellError, LookupError, ValueError)):
            structure_columns(Rich, ["id", "name", "kind", "colour"], [("a",), ("A",), ("ngo",), (cell,)], Dates())


def test_structure_cell_wraps_the_converters_errors() -> None:
    grade = typing.Literal["low", "high"]
    assert structure_cell("low", grade) == "low"
    with pytest.raises(CellError, match=r"^not a Literal: teal not in literal typing.Literal\['low', 'high'\]$"):
        structure_cell("teal", grade)


def test_the_converter_is_one_shared_object_with_the_row_hooks() -> None:
    conv = convert.converter
    assert isinstance(conv, cattrs.Converter) and conv is convert.converter
    assert conv.unstructure(s.parse_date("2020-10~")) == "2020-10~"
    with pytest.raises(cattrs.ClassValidationError):  # unknown keys are refused, every error collected
        conv.structure({**BASE, "bogus": "x"}, Rich)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        convert.nothing  # noqa: B018


def test_derived_mismatches_name_each_wrong_cell() -> None:
    events = [s.event("war-begins")]
    header = ["id", "date", "date_earliest", "date_latest", "date_precision"]
    good = [("war-begins",), ("2020-09-27",), ("2020-09-27",), ("2020-09-27",), ("day",)]
    assert derived_mismatches(s.Event, header, good, events) == []
    bad = [("war-begins",), ("2020-09-27",), ("2020-09-28",), ("2020-09-27",), ("month",)]
    assert derived_mismatches(s.Event, header, bad, events) == [
        (0, "date_earliest", "2020-09-28", "does not agree with date '2020-09-27' (expected 2020-09-27)"),
        (0, "date_precision", "month", "does not agree with date '2020-09-27' (expected day)"),
    ]
    assert derived_mismatches(s.Event, ["id", "date"], good[:2], events) == []
