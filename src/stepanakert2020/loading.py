"""Building a validated :class:`~stepanakert2020.dataset.Dataset` from Data Packages.

:func:`load` reads the bundled package (once, cached, thread-safe) and any user
packages, structures every row with the one converter, checks every rule, and either
returns a complete Dataset or raises one :class:`~stepanakert2020.DataError` listing
every problem found. Nothing is ever half-loaded.

>>> import stepanakert2020
>>> stepanakert2020.load() is stepanakert2020.load()
True
"""

from __future__ import annotations

import _thread
import csv
import gc
import io
import itertools
import operator
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from . import resources
from .convert import Dates, columns_of, fast_reader, structure_columns
from .dataset import A, C, Dataset, E, F, P, S, W
from .errors import DataError, Problem
from .model import Actor, Claim, Event, Figure, Place, Source, Weapon
from .schema import DATE_SUFFIXES, TABLES, PlaceNameRow, Table

__all__ = ["BundledDataset", "load"]

#: The type of the dataset :func:`load` returns with the default record classes.
BundledDataset = Dataset[Event, Claim, Figure, Source, Place, Actor, Weapon]

_lock = _thread.allocate_lock()


class _Collected:
    """Records and their (file, line) origins, table by table, plus every problem seen."""

    __slots__ = ("dates", "expected", "origins", "problems", "records")

    def __init__(self) -> None:
        self.records: dict[str, list[Any]] = {name: [] for name in TABLES}
        self.origins: dict[str, list[tuple[str, int | None]]] = {name: [] for name in TABLES}
        self.problems: list[Problem] = []
        self.dates = Dates()  # EDTF text -> DateSpec, parsed once per package
        self.expected: dict[str, tuple[str, str, str]] = {}  # EDTF text -> derived column values


_EXPECTED: dict[type[Any], tuple[set[str], set[str]]] = {}


def _expected_columns(cls: type[Any]) -> tuple[set[str], set[str]]:
    """(all known columns, required columns) of a record class's table (computed once per class)."""
    found = _EXPECTED.get(cls)
    if found is not None:
        return found
    known: set[str] = set()
    required: set[str] = set()
    for attribute, tp, optional in columns_of(cls):
        known.add(attribute.name)
        if not optional and attribute.default is attrs.NOTHING:
            required.add(attribute.name)
        if tp.__name__ == "DateSpec":
            known.update(f"{attribute.name}_{suffix}" for suffix in DATE_SUFFIXES)
    _EXPECTED[cls] = known, required
    return known, required


def _derived_problems(record: Any, row: dict[str, str], file: str, line: int) -> list[Problem]:
    problems = []
    for attribute, tp, _ in columns_of(type(record)):
        if tp.__name__ != "DateSpec":
            continue
        value = getattr(record, attribute.name)
        derived = {
            "earliest": value.earliest.isoformat(),
            "latest": value.latest.isoformat(),
            "precision": value.precision.value,
        }
        for suffix, expected in derived.items():
            column = f"{attribute.name}_{suffix}"
            if column in row and row[column] != expected:
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        row[column],
                        f"does not agree with {attribute.name} {value.edtf!r} (expected {expected})",
                        getattr(record, "id", None),
                    )
                )
    return problems


def _derived_check(
    cls: type[Any], header: list[str], expected: dict[str, tuple[str, str, str]]
) -> Callable[[Any, list[str]], bool]:
    """A fast test that a row's derived date columns agree with its dates (False: find the problems)."""
    checks = []
    for attribute, tp, _ in columns_of(cls):
        if tp.__name__ != "DateSpec" or attribute.name not in header:
            continue
        present = [
            (i, header.index(f"{attribute.name}_{suffix}"))
            for i, suffix in enumerate(DATE_SUFFIXES)
            if f"{attribute.name}_{suffix}" in header
        ]
        if present:
            which, positions = tuple(i for i, _ in present), [p for _, p in present]
            checks.append((attribute.name, header.index(attribute.name), which, positions))
    if not checks:
        return lambda record, cells: True

    def derived(record: Any, name: str) -> tuple[str, str, str]:
        value = getattr(record, name)
        found = expected[value.edtf] = (value.earliest.isoformat(), value.latest.isoformat(), value.precision.value)
        return found

    def agree(record: Any, cells: list[str]) -> bool:
        for name, at, which, positions in checks:
            full = expected.get(cells[at]) or derived(record, name)
            if which == (0, 1, 2):
                if (cells[positions[0]], cells[positions[1]], cells[positions[2]]) != full:
                    return False
            elif tuple(cells[p] for p in positions) != tuple(full[i] for i in which):
                return False
        return True

    return agree


#: The longest cell accepted, in characters (the csv module's default limit, which other
#: libraries such as frictionless raise for the whole process).
FIELD_LIMIT = 131_072

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _read_header(reader: Any, table: Table, cls: type[Any], file: str, into: _Collected) -> list[str] | None:
    try:
        header: list[str] = next(reader)
    except StopIteration:
        into.problems.append(Problem(file, 1, None, "", "the file is empty: a header row is required"))
        return None
    except csv.Error as error:
        into.problems.append(Problem(file, 1, None, "", f"unreadable CSV: {error}"))
        return None
    known, required = _expected_columns(cls)
    bad_header = False
    for column in header:
        if column not in known:
            into.problems.append(Problem(file, 1, column, "", f"unknown column for table {table.name!r}"))
            bad_header = True
    if len(set(header)) != len(header):
        into.problems.append(Problem(file, 1, None, "", "a column name appears twice in the header"))
        bad_header = True
    for column in sorted(required - set(header)):
        into.problems.append(Problem(file, 1, column, "", "required column is missing"))
        bad_header = True
    return None if bad_header else header


def _read_table(root: Any, table: Table, cls: type[Any], path: str, file: str, into: _Collected) -> None:
    try:
        data = resources.read_bytes(root, path, file)
        text = resources.decode(data, file)
    except DataError as error:
        into.problems.extend(error.problems)
        return
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):  # a fast scan; UTF-8 never hides these bytes
        for number, line_text in enumerate(text.splitlines(), 1):
            found = _CONTROL.search(line_text)
            if found:
                code = f"U+{ord(found.group()):04X}"
                into.problems.append(Problem(file, number, None, "", f"control character {code} is not allowed"))
        return
    lines = _lines(text)
    reader = csv.reader(lines, strict=True)
    header = _read_header(reader, table, cls, file, into)
    if header is None:
        return
    if _longest_line(text, lines) > FIELD_LIMIT or not _read_columns(
        lines, reader, header, cls, file, table.name, into
    ):
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        next(reader)  # the header, read and checked above
        _read_rows(reader, header, cls, file, table.name, into)


def _lines(text: str) -> Iterable[str]:
    """The lines of ``text`` for the CSV reader: split at each ``\\n`` when that changes nothing.

    Without a carriage return, lines end exactly where ``io.StringIO(text, newline="")`` ends
    them (which costs a copy of the text in 4 bytes a character). The line ends themselves
    matter only inside a quoted cell over several lines: the header has none when its first
    line has no quote, and such rows take the detailed path, which reads through io.StringIO.
    """
    if "\r" in text or '"' in text.partition("\n")[0]:
        return io.StringIO(text, newline="")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line, not an empty line after it
    return lines


def _longest_line(text: str, lines: Iterable[str]) -> int:
    """An upper bound of the longest line: no cell on one line is longer (cells over several lines go row by row)."""
    if len(text) <= FIELD_LIMIT:
        return len(text)
    return max(map(len, lines if isinstance(lines, list) else text.split("\n")))


def _split_rows(lines: list[str]) -> list[list[str]] | None:
    """The cells of each line, as the CSV reader reads them; None if a record spans lines or is unreadable.

    A line without a quote has nothing for the reader to interpret (no carriage return, no
    NUL: those never get here): its cells are ``line.split(",")``, much faster. The lines
    with a quote go through one reader, which must give one record per line.
    """
    rows = [line.split(",") if line else [] for line in lines]
    quoted = [i for i, line in enumerate(lines) if '"' in line]
    if quoted:
        reader = csv.reader([lines[i] for i in quoted], strict=True)
        try:
            parsed = list(reader)
        except csv.Error:
            return None
        if len(parsed) != len(quoted) or reader.line_num != len(quoted):
            return None
        for i, row in zip(quoted, parsed, strict=True):
            rows[i] = row
    return rows


def _read_columns(
    lines: Iterable[str], reader: Any, header: list[str], cls: type[Any], file: str, name: str, into: _Collected
) -> bool:
    """The fast path: every row at once, column by column. False if any row needs a closer look.

    It applies when every row is one line with as many cells as the header, every cell
    structures and every derived date column agrees; then the rows are records, row ``i``
    (from 0) starting on line ``i + 2``. Otherwise nothing is added, and :func:`_read_rows`
    goes row by row and reports each problem where it is.
    """
    if isinstance(lines, list):  # the header is its first line
        rows = _split_rows(lines[1:])
        if rows is None:
            return False
    else:
        try:
            rows = list(reader)
        except csv.Error:
            return False
        if reader.line_num != len(rows) + 1:
            return False  # a cell over several lines
    count = len(rows)
    if not count:
        return True
    if set(map(len, rows)) != {len(header)}:
        return False  # a blank line, or a row of the wrong width
    columns = list(zip(*rows, strict=True))
    del rows
    try:
        found = structure_columns(cls, header, columns, into.dates)
        if not _derived_columns_agree(cls, header, columns, into):
            return False
    except Exception:  # a problem in some row: _read_rows finds it and reports it
        return False
    into.records[name].extend(found)
    into.origins[name].extend(zip(itertools.repeat(file), range(2, count + 2)))
    return True


def _derived_columns_agree(cls: type[Any], header: list[str], columns: list[tuple[str, ...]], into: _Collected) -> bool:
    """Whether every derived date column (``date_earliest`` …) agrees with its date, checked a column at a time."""
    for attribute, tp, _ in columns_of(cls):
        if tp.__name__ != "DateSpec" or attribute.name not in header:
            continue
        dates = columns[header.index(attribute.name)]
        expected = into.expected
        for text in set(dates) - expected.keys():
            value = into.dates[text]
            expected[text] = (value.earliest.isoformat(), value.latest.isoformat(), value.precision.value)
        derived = list(map(expected.__getitem__, dates))
        for i, suffix in enumerate(DATE_SUFFIXES):
            column = f"{attribute.name}_{suffix}"
            if column in header:
                stated = columns[header.index(column)]
                if not all(map(operator.eq, stated, map(operator.itemgetter(i), derived))):
                    return False
    return True


def _read_rows(reader: Any, header: list[str], cls: type[Any], file: str, name: str, into: _Collected) -> None:
    """The detailed path: row by row, reporting every problem at the line where its record starts."""
    try:
        fast = fast_reader(cls, header, into.dates) or _detailed_only
    except Exception:  # a field type no plain hook can serve (an enum of lists, say)
        fast = _detailed_only
    agree = _derived_check(cls, header, into.expected)
    width = len(header)
    records, origins, problems = into.records[name], into.origins[name], into.problems
    line = 1
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not cells:
                continue
            if any(len(cell) > FIELD_LIMIT for cell in cells):
                problems.append(
                    Problem(file, start, None, "", f"field larger than the limit of {FIELD_LIMIT} characters")
                )
                continue
            if len(cells) != width:
                problems.append(Problem(file, start, None, "", f"{len(cells)} cells, but the header has {width}"))
                continue
            try:
                record = fast(cells)
            except Exception:  # the row has a problem, or no fast path: structure it in detail
                row = dict(zip(header, cells, strict=True))
                try:
                    record = _structure(cls, row)
                except _RowProblems as error:
                    problems.extend(
                        Problem(file, start, column, value, reason, row.get("id") or None)
                        for column, value, reason in error.cells
                    )
                    continue
            if not agree(record, cells):
                problems.extend(_derived_problems(record, dict(zip(header, cells, strict=True)), file, start))
            records.append(record)
            origins.append((file, start))
    except csv.Error as error:
        problems.append(Problem(file, reader.line_num, None, "", f"unreadable CSV: {error}"))


def _detailed_only(cells: list[str]) -> Any:
    raise LookupError("no fast path for this class: every row takes the detailed one")


class _RowProblems(Exception):
    def __init__(self, cells: list[tuple[str, str, str]]) -> None:
        self.cells = cells


def _structure(cls: type[Any], row: dict[str, str]) -> Any:
    from .convert import RowError, from_row

    try:
        return from_row(cls, row)
    except RowError as error:
        raise _RowProblems(error.cells) from None


#: The package-level descriptor property that lists the ids a user package replaces.
OVERRIDES = "stepanakert2020:overrides"


def _read_package(root: Any, label: str, types: dict[str, type[Any]], into: _Collected) -> set[str]:
    """Read one package into ``into``; return the ids it declares it overrides."""
    where = f"{label}{resources.DESCRIPTOR}"
    try:
        descriptor = resources.read_descriptor(root, where)
    except DataError as error:
        into.problems.extend(error.problems)
        return set()
    overrides = descriptor.get(OVERRIDES, [])
    if not isinstance(overrides, list) or not all(isinstance(i, str) for i in overrides):
        into.problems.append(Problem(where, None, OVERRIDES, str(overrides), "must be a list of record ids"))
        overrides = []
    seen: set[str] = set()
    for number, resource in enumerate(descriptor["resources"], 1):
        if not isinstance(resource, dict):
            into.problems.append(Problem(where, None, f"resources[{number}]", "", "a resource must be an object"))
            continue
        name, path = resource.get("name"), resource.get("path")
        if name not in TABLES:
            known = ", ".join(TABLES)
            into.problems.append(
                Problem(where, None, f"resources[{number}].name", str(name), f"unknown table (known: {known})")
            )
            continue
        if name in seen:
            into.problems.append(Problem(where, None, f"resources[{number}].name", name, "table listed twice"))
            continue
        seen.add(name)
        refused = resources.resolve(root, path, where)
        if refused is not None or not isinstance(path, str):
            into.problems.append(refused or Problem(where, None, "path", str(path), "a path is required"))
            continue
        _read_table(root, TABLES[name], types[name], path, f"{label}{path}", into)
    return set(overrides)


def _merge(into: _Collected, package: _Collected, overrides: set[str], where: str) -> None:
    """Add one package's records to ``into``, replacing the records it declares it overrides."""
    into.problems.extend(package.problems)
    existing = {r.id for name in into.records if name not in _KEYLESS for r in into.records[name]}
    for record_id in sorted(overrides - existing):
        into.problems.append(Problem(where, None, OVERRIDES, record_id, "overrides an id that no earlier package has"))
    for name in TABLES:
        if overrides and name not in _KEYLESS:
            keep = [i for i, r in enumerate(into.records[name]) if r.id not in overrides]
            into.records[name] = [into.records[name][i] for i in keep]
            into.origins[name] = [into.origins[name][i] for i in keep]
        into.records[name].extend(package.records[name])
        into.origins[name].extend(package.origins[name])


_KEYLESS = ("citations", "place_names")


def _attach_place_names(collected: _Collected) -> list[Any]:
    names: dict[str, list[Any]] = {}
    from .model import AltName

    for row in collected.records["place_names"]:
        assert isinstance(row, PlaceNameRow)
        names.setdefault(row.place, []).append(AltName(row.name, row.language))
    known = {place.id for place in collected.records["places"]}
    for row, (file, line) in zip(collected.records["place_names"], collected.origins["place_names"], strict=True):
        if row.place not in known:
            collected.problems.append(Problem(file, line, "place", row.place, "no places record has this id"))
    return [
        attrs.evolve(place, alt_names=place.alt_names + tuple(names[place.id])) if place.id in names else place
        for place in collected.records["places"]
    ]


def _build(packages: Sequence[tuple[Any, str]], types: dict[str, type[Any]], dataset_type: type[Any]) -> Any:
    # Records hold no cycles, so the cyclic garbage collector has nothing to find among them;
    # left on, it rescans every record already built, again and again, while they are built.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_all(packages, types, dataset_type)
    finally:
        if paused:
            gc.enable()


def _build_all(packages: Sequence[tuple[Any, str]], types: dict[str, type[Any]], dataset_type: type[Any]) -> Any:
    collected = _Collected()
    for root, label in packages:
        package = _Collected()
        overrides = _read_package(root, label, types, package)
        _merge(collected, package, overrides, f"{label}{resources.DESCRIPTOR}")
    places = _attach_place_names(collected)
    records = collected.records
    try:
        dataset = dataset_type(
            events=records["events"],
            claims=records["claims"],
            figures=records["figures"],
            sources=records["sources"],
            citations=records["citations"],
            places=places,
            actors=records["actors"],
            weapons=records["weapons"],
            tombstones=records["withdrawn"],
            origins=collected.origins,
        )
    except DataError as error:
        raise DataError([*collected.problems, *error.problems]) from None
    if collected.problems:
        raise DataError(collected.problems)
    return dataset


_cache: dict[tuple[type[Any], ...], Any] = {}


def load(
    *,
    bundled: bool = True,
    extra: Iterable[str | os.PathLike[str]] = (),
    event_type: type[E] = Event,  # type: ignore[assignment]
    claim_type: type[C] = Claim,  # type: ignore[assignment]
    figure_type: type[F] = Figure,  # type: ignore[assignment]
    source_type: type[S] = Source,  # type: ignore[assignment]
    place_type: type[P] = Place,  # type: ignore[assignment]
    actor_type: type[A] = Actor,  # type: ignore[assignment]
    weapon_type: type[W] = Weapon,  # type: ignore[assignment]
    dataset_type: type[Dataset[Any, Any, Any, Any, Any, Any, Any]] = Dataset,
) -> Dataset[E, C, F, S, P, A, W]:
    """The bundled dataset (built once, cached, thread-safe), merged with user packages if given.

    ``extra`` lists user Data Packages (folders or ``datapackage.json`` paths) in the
    same format as the bundled one; any subset of tables may be present and their
    references may point into the bundled data. A user package replaces an earlier
    record only if its descriptor lists the id under ``"stepanakert2020:overrides"``.
    ``bundled=False`` uses only the user packages. ``event_type`` … ``weapon_type``
    structure the records into subclasses of the record classes (extra columns fill
    their extra fields). Raises :class:`~stepanakert2020.DataError` listing every
    problem; nothing is merged when any is found.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> len(ds.timeline()) > 0
    True
    """
    extra = tuple(extra)
    types: dict[str, type[Any]] = {name: table.cls for name, table in TABLES.items()}
    given = {
        "events": event_type,
        "claims": claim_type,
        "figures": figure_type,
        "sources": source_type,
        "places": place_type,
        "actors": actor_type,
        "weapons": weapon_type,
    }
    for name, cls in given.items():
        base = TABLES[name].cls
        if not (isinstance(cls, type) and issubclass(cls, base) and attrs.has(cls)):
            raise TypeError(f"{name}: {cls!r} is not an attrs subclass of {base.__name__}")
        types[name] = cls
    if not (isinstance(dataset_type, type) and issubclass(dataset_type, Dataset)):
        raise TypeError(f"dataset_type: {dataset_type!r} is not a subclass of Dataset")
    if bundled and not extra:
        key = (*types.values(), dataset_type)
        with _lock:
            if key not in _cache:
                _cache[key] = _build([(resources.bundled_root(), "")], types, dataset_type)
            return _cache[key]  # type: ignore[no-any-return]
    packages: list[tuple[Any, str]] = [(resources.bundled_root(), "")] if bundled else []
    for path in extra:
        root, _ = resources.package_root(path)
        packages.append((root, f"{root}{os.sep}"))
    return _build(packages, types, dataset_type)  # type: ignore[no-any-return]
