"""Reading Data Packages into rows of cells: packages -> tables of rows, their origins, and problems.

:func:`read_package` reads a package's descriptor and each table it lists, checks the
bytes (UTF-8, no control characters, cell size) and the CSV syntax, and returns every
table as a header and rows (or columns) of cells, each row with the line it starts on. It
knows the tables' names but nothing of record classes or datasets;
:mod:`stepanakert2020.loading` turns rows into records.

>>> from stepanakert2020.resources import bundled_root
>>> package = read_package(bundled_root(), "")
>>> package.problems, package.tables["events"].header[:2]
([], ('id', 'kind'))
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from . import resources
from .errors import PROBLEM_LIMIT, DataError, Problem
from .schema import TABLES

__all__ = ["FIELD_LIMIT", "OVERRIDES", "CSVError", "PackageRows", "TableRows", "csv_records", "read_package"]

#: The longest cell accepted, in characters (the csv module's default limit, which other
#: libraries such as frictionless raise for the whole process).
FIELD_LIMIT = 131_072

#: The package-level descriptor property that lists the ids a user package replaces.
OVERRIDES = "stepanakert2020:overrides"

#: Characters no cell may hold: C0 and C1 controls (tab, line ends excepted) and the bidirectional
#: embeddings, overrides and isolates, which make text display other than it reads.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: Those, and the stand-ins (lone surrogates) for bytes that are not UTF-8.
_UNUSABLE = re.compile(f"[{_CONTROL}\udc80-\udcff]")
#: The UTF-8 lead bytes of the controls that are not single bytes (a quick test before the search).
_CONTROL_LEADS = (b"\xc2", b"\xe2\x80", b"\xe2\x81")
_STOPPED = f"the rest of the file is not checked after {PROBLEM_LIMIT} problems in it; fix those first"
_LINE_END = re.compile("\r\n|\r|\n")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


@attrs.frozen
class TableRows:
    """One table as read: its file, header, and rows of cells with the line each starts on."""

    file: str
    header: tuple[str, ...]
    rows: list[list[str]]
    lines: Sequence[int]
    header_line: int = 1
    #: False when reading stopped early (a CSV error): the rows before it are here, the rest lost
    complete: bool = True
    #: the cells column by column, when the file was read that way (then ``rows`` is empty)
    by_column: list[list[str]] | None = None

    def columns(self) -> list[tuple[str, ...]]:
        """The cells column by column (``columns()[i]`` is everything under ``header[i]``)."""
        if self.by_column is not None:
            return [tuple(column) for column in self.by_column]
        if not self.rows:
            return [() for _ in self.header]
        return list(zip(*self.rows, strict=True))


@attrs.frozen
class PackageRows:
    """One package as read: its descriptor's label, its tables, the ids it overrides, every problem.

    ``unread`` names the tables that could not be read in full; when a resource of the
    descriptor was refused, it is every table the package does not hold (which one was
    meant cannot be known), so that their absence is not reported again as broken links.
    """

    descriptor: str
    tables: dict[str, TableRows]
    overrides: frozenset[str]
    problems: list[Problem]
    unread: frozenset[str] = frozenset()


def read_package(root: Any, label: str, descriptor_name: str = resources.DESCRIPTOR) -> PackageRows:
    """Read the package at ``root`` (a Traversable) whose descriptor is the file ``descriptor_name``.

    ``label`` prefixes every file name in problems.
    """
    where = f"{label}{descriptor_name}"
    problems: list[Problem] = []
    tables: dict[str, TableRows] = {}
    try:
        descriptor = resources.read_descriptor(root, where, descriptor_name)
    except DataError as error:
        return PackageRows(where, tables, frozenset(), list(error.problems), frozenset(TABLES))
    overrides = descriptor.get(OVERRIDES, [])
    if not isinstance(overrides, list) or not all(isinstance(i, str) for i in overrides):
        problems.append(Problem(where, None, OVERRIDES, str(overrides), "must be a list of record ids"))
        overrides = []
    unread: set[str] = set()
    refused_any = False
    budget = [resources.PACKAGE_LIMIT]  # the bytes this package may still read, shared by its tables
    for number, resource in enumerate(descriptor["resources"], 1):
        named = _read_resource(root, label, where, number, resource, tables, problems, unread, budget)
        refused_any = refused_any or not named
    if refused_any:
        unread.update(name for name in TABLES if name not in tables)
    return PackageRows(where, tables, frozenset(overrides), problems, frozenset(unread))


def _read_resource(
    root: Any,
    label: str,
    where: str,
    number: int,
    resource: Any,
    tables: dict[str, TableRows],
    problems: list[Problem],
    unread: set[str],
    budget: list[int],
) -> bool:
    """Read one resource of the descriptor into ``tables``, or say why not; False if it names no table."""
    if not isinstance(resource, dict):
        problems.append(Problem(where, None, f"resources[{number}]", "", "a resource must be an object"))
        return False
    name, path = resource.get("name"), resource.get("path")
    if not isinstance(name, str) or name not in TABLES:
        known = ", ".join(TABLES)
        problems.append(Problem(where, None, f"resources[{number}].name", str(name), f"unknown table (known: {known})"))
        return False
    if name in tables:
        problems.append(Problem(where, None, f"resources[{number}].name", name, "table listed twice"))
        return True
    refused = resources.resolve(root, path, where)
    if refused is not None or not isinstance(path, str):
        problems.append(refused or Problem(where, None, "path", str(path), "a path is required"))
        unread.add(name)
        return True
    found = _read_table(root, path, f"{label}{path}", problems, budget)
    if found is None or not found.complete:
        unread.add(name)
    if found is not None:
        tables[name] = found
    return True


def _read_table(root: Any, path: str, file: str, problems: list[Problem], budget: list[int]) -> TableRows | None:
    """One table's rows, or None when nothing of it could be read; every problem in ``problems``.

    Lines holding a control character or bytes that are not UTF-8 are each reported and their
    records left out (the table then counts as incomplete); the rest of the file is still read.
    """
    try:
        data = resources.read_bytes(root, path, file, limit=budget[0])
    except DataError as error:
        problems.extend(error.problems)
        return None
    budget[0] -= len(data)
    try:
        text, decoded = resources.decode(data, file), True
    except DataError:  # each line with bytes that are not UTF-8 is reported below
        text, decoded = resources.decode(data, file, errors="surrogateescape"), False
    c0 = len(data.translate(None, _CONTROL_BYTES)) != len(data)  # a fast scan; UTF-8 never hides these bytes
    if not decoded or c0 or (any(lead in data for lead in _CONTROL_LEADS) and _UNUSABLE.search(text)):
        bad_lines = _unusable_lines(text, file, problems)
        if bad_lines is None:
            return None
        if bad_lines:
            return _careful_rows(text, file, problems, bad_lines)
    by_column = _columns_at_once(text, file)
    if by_column is not None:
        return by_column
    rows = _quick_rows(text)
    if rows is not None:
        if not rows:
            problems.append(Problem(file, 1, None, "", "the file is empty: a header row is required"))
            return None
        return TableRows(file, tuple(rows[0]), rows[1:], range(2, len(rows) + 1))
    return _careful_rows(text, file, problems)


def _unusable_lines(text: str, file: str, problems: list[Problem]) -> set[int] | None:
    """The numbers of the lines that hold a control character or bytes that are not UTF-8, each reported.

    None when there are too many to report (:data:`~stepanakert2020.errors.PROBLEM_LIMIT`).
    """
    bad: set[int] = set()
    for number, line_text in enumerate(_LINE_END.split(text), 1):  # CSV's line ends, no others
        found = _UNUSABLE.findall(line_text)
        if not found:
            continue
        if len(bad) == PROBLEM_LIMIT:
            problems.append(Problem(file, number, None, "", _STOPPED))
            return None
        bad.add(number)
        undecodable = [char for char in found if "\udc80" <= char <= "\udcff"]
        if undecodable:
            shown = " ".join(f"0x{ord(char) - 0xDC00:02X}" for char in undecodable[:8])
            more = f" and {len(undecodable) - 8} more" if len(undecodable) > 8 else ""
            problems.append(Problem(file, number, None, "", f"not valid UTF-8: byte {shown}{more}"))
        controls = [char for char in found if not "\udc80" <= char <= "\udcff"]
        if controls:
            code = f"U+{ord(controls[0]):04X}"
            problems.append(Problem(file, number, None, "", f"control character {code} is not allowed"))
    return bad


def _columns_at_once(text: str, file: str) -> TableRows | None:
    """The table read a column at a time, when nothing in it needs the CSV reader; else None.

    That is: no quote, no carriage return, no blank line, no long line, and every line with
    as many commas as the header. Then the cells are ``split(",")`` across the line ends, and
    column ``i`` is every ``width``-th cell from ``i``. The text is taken some lines at a time,
    so no list is ever made of all its lines or all its cells: only the columns are kept.
    """
    if '"' in text or "\r" in text or not text.endswith("\n") or "\n\n" in text or text.startswith("\n"):
        return None
    if text.index("\n") > FIELD_LIMIT:
        return None  # a header cell may be too long: the careful reader says so
    header = text[: text.index("\n")].split(",")
    width = len(header)
    columns: list[list[str]] = [[] for _ in header]
    for lines in _some_lines(text, text.index("\n") + 1):
        if set(map(str.count, lines, itertools.repeat(","))) != {width - 1}:
            return None
        if max(map(len, lines)) > FIELD_LIMIT:
            return None
        cells = ",".join(lines).split(",")
        for i, column in enumerate(columns):
            column.extend(cells[i::width])
    count = len(columns[0])
    return TableRows(file, tuple(header), [], range(2, count + 2), by_column=columns)


def _some_lines(text: str, start: int, size: int = 1 << 16) -> Iterator[list[str]]:
    """The lines of ``text`` from ``start`` on (the text ends with a line end), about ``size`` characters at a time."""
    last = len(text) - 1
    while start <= last:
        end = text.find("\n", min(start + size, last))
        yield text[start:end].split("\n")
        start = end + 1


def _quick_rows(text: str) -> list[list[str]] | None:
    """The rows of ``text`` when every record is one line and every cell is short; else None.

    A line without a quote has nothing for the CSV reader to interpret (no carriage return,
    no NUL: those never get here): its cells are ``line.split(",")``. The lines with a quote
    go through one reader, which must give exactly one record per line. Anything else (a
    cell over several lines, a stray quote, a blank line, a carriage return, a long line)
    is left to :func:`_careful_rows`, which reads it exactly as the CSV reader does.
    """
    if "\r" in text:
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line, not an empty line after it
    if len(text) > FIELD_LIMIT and max(map(len, lines), default=0) > FIELD_LIMIT:
        return None
    if "" in lines:
        return None
    quoted = [i for i, line in enumerate(lines) if '"' in line]
    parsed: list[list[str]] = []
    if quoted:  # read first: a file of broken quotes goes to the careful reader before any row is made
        reader = csv.reader([lines[i] for i in quoted], strict=True)
        try:
            parsed = list(reader)
        except csv.Error:
            return None
        if len(parsed) != len(quoted) or reader.line_num != len(quoted):
            return None
    rows = [line.split(",") for line in lines]
    for i, row in zip(quoted, parsed, strict=True):
        rows[i] = row
    return rows


class CSVError(ValueError):
    """Text that is not CSV (RFC 4180, as :mod:`csv` reads it in strict mode).

    ``line`` is where its record starts, and ``position`` the offset of that record in the text.
    """

    def __init__(self, line: int, reason: str, position: int = 0, detected: int | None = None) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.position = position
        #: where the text stopped being CSV (None: it never did before its end, as with an unclosed quote)
        self.detected = detected


_PLAIN = re.compile(r"[^,\r\n]*")


def _closing_quote(text: str, opening: int) -> int:
    """The position of the quote that closes the one at ``opening`` (doubled quotes are text), or -1.

    A search, not a regular expression: an unclosed quote costs one pass, not a backtracking storm.

    >>> _closing_quote('"a""b",c', 0)
    5
    """
    position = opening + 1
    while True:
        found = text.find('"', position)
        if found < 0 or not text.startswith('"', found + 1):
            return found
        position = found + 2


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    r"""Each record of a CSV text with the line it starts on, read as :func:`csv.reader` reads it
    (comma, double quote, doubled quotes, strict), with no limit on a cell's size.

    The csv module's own limit is process-wide (``csv.field_size_limit``, which other libraries
    change), so the careful path reads with this instead, and checks :data:`FIELD_LIMIT` itself.

    >>> list(csv_records('a,"b\nc"\n\nd\n'))
    [(1, ['a', 'b\nc']), (3, []), (4, ['d'])]
    """
    return ((start, cells) for start, _, cells in _records(text, 0, 1))


def _records(text: str, position: int, line: int) -> Iterator[tuple[int, int, list[str]]]:
    """Each record from ``position`` on (which starts line ``line``): its first and last line, its cells."""
    end = len(text)
    while position < end:
        start, opening = line, position
        cells: list[str] = []
        if text[position] not in "\r\n":
            while True:
                if text.startswith('"', position):
                    closing = _closing_quote(text, position)
                    if closing < 0:
                        raise CSVError(start, "unexpected end of data (a quote is never closed)", opening)
                    cell = text[position + 1 : closing]
                    line += len(_LINE_END.findall(cell))
                    cells.append(cell.replace('""', '"'))
                    position = closing + 1
                    if position < end and text[position] not in ",\r\n":
                        raise CSVError(start, "',' expected after '\"'", opening, position)
                else:
                    plain = _PLAIN.match(text, position)
                    assert plain is not None  # it matches the empty string anywhere
                    cells.append(plain.group())
                    position = plain.end()
                if not text.startswith(",", position):
                    break
                position += 1
        last = line
        if position < end:  # a line break: \r\n, \r or \n
            position += 2 if text.startswith("\r\n", position) else 1
            line += 1
        yield start, last, cells


def _careful_rows(text: str, file: str, problems: list[Problem], bad_lines: set[int] | None = None) -> TableRows | None:
    """Every record of the text, each with the line it starts on; every problem reported.

    A record that is not CSV is reported and reading goes on at the next line; records on
    ``bad_lines`` (already reported) are left out. Either makes the table incomplete.
    """
    records: list[list[str]] = []
    lines: list[int] = []
    complete = not bad_lines
    position, line, errors = 0, 1, 0
    while True:
        try:
            for start, last, cells in _records(text, position, line):
                if bad_lines and not bad_lines.isdisjoint(range(start, last + 1)):
                    if not records:
                        return None  # the header is unusable; why is already reported
                    continue
                if not cells:
                    continue  # a blank line
                if any(len(cell) > FIELD_LIMIT for cell in cells):
                    too_long = f"field larger than the limit of {FIELD_LIMIT} characters"
                    problems.append(Problem(file, start, None, "", too_long))
                    cells = [cell[:FIELD_LIMIT] for cell in cells]
                records.append(cells)
                lines.append(start)
            break
        except CSVError as error:
            reason = f"unreadable CSV in the record starting here: {error.reason}"
            problems.append(Problem(file, error.line, None, "", reason))
            complete = False
            errors += 1
            if errors == PROBLEM_LIMIT:
                problems.append(Problem(file, error.line, None, "", _STOPPED))
                return None
            if not records:
                return None  # without its header the table cannot be read
            # go on after the line where the text stopped being CSV; after an unclosed quote, which
            # swallows the rest of the file, after the line the record started on
            resume = error.position if error.detected is None else error.detected
            next_line = _LINE_END.search(text, resume)
            if next_line is None:
                break
            position = next_line.end()
            line = error.line + len(_LINE_END.findall(text, error.position, position))
    if not records:
        if complete:
            problems.append(Problem(file, 1, None, "", "the file is empty: a header row is required"))
        return None
    return TableRows(file, tuple(records[0]), records[1:], lines[1:], lines[0], complete)
