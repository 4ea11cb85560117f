"""Cell rules: the fast column path and the cattrs path agree on arbitrary cells, and both agree
with frictionless (the Table Schema reader) on what the shipped datapackage.json declares."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import stepanakert2020 as s
from stepanakert2020.cells import CellError, parse_day, reason
from stepanakert2020.convert import Dates, RowError, from_row, structure_columns, to_row
from stepanakert2020.schema import TABLES, columns, table_schema

#: One valid row of each table (from the bundled data), whose cells the tests replace.
BASE_ROWS = {
    "events": to_row(s.load().event("war-begins")),
    "claims": to_row(s.load().claims()[0]),
    "figures": to_row(s.load().figures()[0]),
    "sources": to_row(s.load().sources()[0]),
    "citations": to_row(s.load().citations()[0]),
    "places": to_row(s.load().place("stepanakert")),
    "actors": to_row(s.load().actor("hrw")),
    "weapons": to_row(s.load().weapons()[0]),
    "withdrawn": to_row(s.Tombstone("old-id", "0.1.0", "merged")),
}
COLUMNS = [(name, column.name) for name in BASE_ROWS for column in columns(TABLES[name].cls)]

#: Cells chosen to probe every rule's edge: spaces, signs, other digits, underscores, case.
EDGES = [
    "",
    " ",
    " 12",
    "12 ",
    "0003",
    "+5",
    "-0",
    "1_0",
    "٣",
    "٤٥",
    "１",
    "1e3",
    "1.",
    ".5",
    "NaN",
    "nan",
    "INF",
    "-INF",
    "inf",
    "Infinity",
    "91",
    "-91",
    "-1",
    "true",
    "True",
    "TRUE",
    "1",
    "yes",
    "strike",
    "STRIKE",
    "2020-10-04",
    "２０２０-10-04",
    "2020-1-4",
    "2020-02-30",
    "2020-13",
    "2020-10-04~",
    "2020-10/2020-11",
    "2020-XX-XX",
    "0000",
    "a-b.c_d",
    "Bad Id",
    "hrw",
]
CELLS = st.one_of(
    st.sampled_from(EDGES), st.text(max_size=12), st.from_regex(r"[-+ 0-9.eEXx/~?%_]{0,12}", fullmatch=True)
)


def _fast(name: str, row: dict[str, str]) -> Any:
    header = list(row)
    cells = [(row[h],) for h in header]
    return structure_columns(TABLES[name].cls, header, cells, Dates())[0]


@given(st.sampled_from(COLUMNS), CELLS)
@example(("events", "kind"), "CONTEXT")
@example(("claims", "prospective"), "yes")
@example(("figures", "low"), " 12")
@example(("events", "date"), "２０２０-10-04")
def test_the_fast_path_accepts_exactly_what_the_converter_accepts(where: tuple[str, str], cell: str) -> None:
    _agree_fast_and_careful(where, cell)


def test_the_two_paths_agree_on_every_edge_cell_of_every_column() -> None:
    for where in COLUMNS:
        for cell in EDGES:
            _agree_fast_and_careful(where, cell)


def _agree_fast_and_careful(where: tuple[str, str], cell: str) -> None:
    name, column = where
    row = {**BASE_ROWS[name], column: cell}
    try:
        careful = from_row(TABLES[name].cls, row)
    except RowError as error:
        assert [c for c, _, _ in error.cells] == [column]
        with pytest.raises((CellError, ValueError, LookupError)):
            _fast(name, row)
        return
    assert _fast(name, row) == careful


def test_a_bad_cell_is_reported_once_with_its_rule() -> None:
    row = {**BASE_ROWS["events"], "kind": "CONTEXT", "date": "2020-13-01"}
    with pytest.raises(RowError) as info:
        from_row(s.Event, row)
    reasons = dict((c, r) for c, _, r in info.value.cells)
    allowed = "strike, report, statement, ceasefire, humanitarian, legal, context"
    assert reasons["kind"] == f"not one of: {allowed}; did you mean 'context'?"
    assert "month 13" in reasons["date"]


def test_a_reason_never_repeats_the_value_the_problem_already_shows() -> None:
    lines = (Path(__file__).parent / "golden" / "cell_reasons.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        _, cell, why = line.split("\t")
        if cell not in ("''", "' '"):
            assert cell not in why, line


# -- agreement with frictionless ------------------------------------------------------------

frictionless = pytest.importorskip("frictionless")

_ASCII_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|INF|-INF")


def _frictionless_leniency(kind: str, cell: str) -> bool:
    """Cells frictionless 5 reads although the Table Schema spec does not allow them.

    frictionless parses with Python's ``int()``, ``Decimal()`` and ``strptime``, which take
    surrounding spaces, ``_`` separators, any Unicode digit, and ``nan``/``Infinity`` in
    any case; the spec's integer, number (XML Schema decimal, plus NaN, INF, -INF) and
    date (``YYYY-MM-DD``) forms take none of them. We follow the spec.
    """
    if kind == "integer":
        return not re.fullmatch(r"[+-]?[0-9]+", cell)
    if kind == "number":
        return not _ASCII_NUMBER.fullmatch(cell)
    if kind == "date":
        return not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cell)
    return False


def _ours(name: str, field: dict[str, Any], cell: str) -> bool:
    by_name = {c.name: c for c in columns(TABLES[name].cls)}
    if field["name"] in by_name:
        return reason(by_name[field["name"]], cell) is None
    if field["type"] == "date":  # a derived date column: a day, required with its date
        if cell == "":
            return not field.get("constraints", {}).get("required")
        try:
            parse_day(cell)
        except CellError:
            return False
        return True
    allowed = field["constraints"]["enum"]  # a derived precision column
    return cell in allowed or (cell == "" and not field["constraints"].get("required"))


FIELDS = [(name, field) for name in BASE_ROWS for field in table_schema(TABLES[name])["fields"]]


@given(st.sampled_from(FIELDS), CELLS)
@example(FIELDS[0], "Bad Id")
def test_the_loader_agrees_with_frictionless_on_every_typed_field(where: tuple[str, dict[str, Any]], cell: str) -> None:
    _agree_with_frictionless(where, cell)


def test_the_loader_agrees_with_frictionless_on_every_edge_cell_of_every_field() -> None:
    for where in FIELDS:
        for cell in EDGES:
            _agree_with_frictionless(where, cell)


def _agree_with_frictionless(where: tuple[str, dict[str, Any]], cell: str) -> None:
    name, descriptor = where
    field = frictionless.Field.from_descriptor(descriptor)
    _, notes = field.read_cell(cell)
    theirs = notes is None and not (cell != "" and _frictionless_leniency(descriptor["type"], cell))
    ours = _ours(name, descriptor, cell)
    if descriptor.get("constraints", {}).get("pattern") == s.dates.EDTF_PATTERN and theirs and not ours:
        # an EDTF date of the right shape that is not a real date: a pattern cannot say so
        assert any(w in reason_of(name, descriptor["name"], cell) for w in CALENDAR_WORDS), cell
        return
    assert ours == theirs, (descriptor, cell, notes)


CALENDAR_WORDS = ("month", "day", "year 0000", "interval", "unspecified", "not supported")


def reason_of(name: str, column: str, cell: str) -> str:
    (found,) = [c for c in columns(TABLES[name].cls) if c.name == column]
    return reason(found, cell) or ""
