"""The careful path's CSV reader reads exactly what csv.reader (strict) reads, and its result does
not depend on the process-wide csv.field_size_limit."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import stepanakert2020 as s
from stepanakert2020.read import CSVError, csv_records

#: Text made mostly of the characters that matter to CSV, plus anything else.
CSV_TEXT = st.text(alphabet=st.sampled_from('ab,"\r\n x'), max_size=40) | st.text(max_size=30)


@pytest.fixture(scope="module")
def no_csv_limit() -> Iterator[None]:
    before = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    yield
    csv.field_size_limit(before)


def _theirs(text: str) -> tuple[list[tuple[int, list[str]]], int | None]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, line = [], 0
    try:
        for row in reader:
            records.append((line + 1, row))
            line = reader.line_num
    except csv.Error:
        return records, line + 1
    return records, None


def _ours(text: str) -> tuple[list[tuple[int, list[str]]], int | None]:
    records = []
    try:
        for record in csv_records(text):
            records.append(record)
    except CSVError as error:
        return records, error.line
    return records, None


@given(CSV_TEXT.filter(lambda t: "\x00" not in t))
@example('"a"b,c\n')
@example('"a\nb",c\r\nx\rz\n\n')
@example('x,"abc')
@example('ab"c,d\n')
def test_our_reader_reads_what_the_csv_module_reads(no_csv_limit: None, text: str) -> None:
    assert _ours(text) == _theirs(text)


def test_a_low_process_wide_csv_limit_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    notes = '"' + "a long note, over many lines\n" * 20 + '"'
    (folder / "actors.csv").write_text(f"id,name,kind,parent,notes\nmine,Mine,ngo,,{notes}\n", encoding="utf-8")
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "actors", "path": "actors.csv"}]}), encoding="utf-8"
    )
    expected = s.load(extra=[folder]).actor("mine").notes
    before = csv.field_size_limit()
    csv.field_size_limit(50)
    try:
        assert s.load(extra=[folder]).actor("mine").notes == expected
    finally:
        csv.field_size_limit(before)


@given(st.text(alphabet=st.sampled_from("ab,\n "), max_size=40))
@example("a,b\nc,d\n")
@example("a,b\nc\n")
@example("a\n\nb\n")
def test_reading_a_column_at_a_time_gives_what_the_careful_reader_gives(text: str) -> None:
    from stepanakert2020.read import _careful_rows, _columns_at_once

    fast = _columns_at_once(text, "t.csv")
    if fast is None:
        return  # not a table it reads: the other paths do (the test below makes sure it reads some)
    careful = _careful_rows(text, "t.csv", [])
    assert careful is not None
    assert (fast.header, fast.columns(), list(fast.lines)) == (careful.header, careful.columns(), careful.lines)


def test_a_plain_table_is_read_a_column_at_a_time_and_others_are_not() -> None:
    from stepanakert2020.read import _columns_at_once

    plain = _columns_at_once("a,b\nc,d\ne,f\n", "t.csv")
    assert plain is not None and plain.columns() == [("c", "e"), ("d", "f")] and list(plain.lines) == [2, 3]
    for other in ('a,b\n"c",d\n', "a,b\nc\n", "a,b\r\nc,d\r\n", "a,b\n\nc,d\n", "a,b\nc,d"):
        assert _columns_at_once(other, "t.csv") is None, other
