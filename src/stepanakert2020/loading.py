"""Loading: packages read into rows, rows into records, records merged, checked and cached.

The only module that knows both reading (:mod:`~stepanakert2020.read`) and the record sets
(:mod:`~stepanakert2020.dataset`). :func:`load` reads the bundled package (once, cached,
thread-safe) and any user packages, structures every row with the record classes asked
for, merges the packages (a user package replaces only the ids it declares it overrides),
checks every rule, and either returns a complete :class:`Dataset` or raises one
:class:`~stepanakert2020.DataError` listing every problem found. Nothing is ever half-loaded.

>>> import stepanakert2020
>>> stepanakert2020.load() is stepanakert2020.load()
True
"""

from __future__ import annotations

import _thread
import itertools
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, overload

import attrs

from . import resources
from .convert import Dates, RowError, derived_mismatches, from_row, header_problems, structure_columns
from .dataset import A, C, E, F, P, RecordSet, S, W, record_types
from .errors import PROBLEM_LIMIT, DataError, Problem
from .model import Actor, AltName, Claim, Event, Figure, Place, Source, Weapon
from .read import OVERRIDES, PackageRows, TableRows, read_package
from .rules import RECORD_TABLES, check
from .schema import TABLES

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover
    Self = Any

__all__ = ["BundledDataset", "Dataset", "load"]


class Dataset(RecordSet[E, C, F, S, P, A, W]):
    """The records of stepanakert2020, validated and immutable, with every query; see :class:`RecordSet`.

    Subclass it to add queries of your own, parameterised with your record classes;
    ``Mine.load()`` is :func:`load` with ``dataset_type=Mine``.

    >>> import stepanakert2020
    >>> class Mine(stepanakert2020.Dataset):
    ...     def strike_count(self) -> int:
    ...         return len(self.events(kind="strike"))
    >>> Mine.load().strike_count() == len(stepanakert2020.events(kind="strike"))
    True
    """

    __slots__ = ()

    @classmethod
    def load(cls, *, bundled: bool = True, extra: Iterable[str | os.PathLike[str]] = ()) -> Self:
        """:func:`load` into this class: ``Mine.load()`` is ``load(dataset_type=Mine)``."""
        return load(bundled=bundled, extra=extra, dataset_type=cls)


#: The type of the dataset :func:`load` returns with the default record classes.
BundledDataset = Dataset[Event, Claim, Figure, Source, Place, Actor, Weapon]

D = TypeVar("D", bound=Dataset[Any, Any, Any, Any, Any, Any, Any])

#: The keyword arguments of :func:`load` that name record classes, in the order of the type parameters.
TYPE_ARGUMENTS = ("event_type", "claim_type", "figure_type", "source_type", "place_type", "actor_type", "weapon_type")
_TYPED_TABLES = ("events", "claims", "figures", "sources", "places", "actors", "weapons")


class _Records:
    """Records and their (file, line) origins, table by table, plus every problem seen."""

    __slots__ = ("origins", "problems", "records", "unread", "unreadable")

    def __init__(self) -> None:
        #: the key cells (id; a citation's record; a place name's place) of rows that could not be read
        self.unreadable: dict[str, set[str]] = {name: set() for name in TABLES}
        #: the tables that could not be read in full (a bad header, unreadable bytes or CSV)
        self.unread: set[str] = set()
        self.records: dict[str, list[Any]] = {name: [] for name in TABLES}
        self.origins: dict[str, list[tuple[str, int | None]]] = {name: [] for name in TABLES}
        self.problems: list[Problem] = []


def _structure_table(cls: type[Any], table: TableRows, dates: Dates, into: _Records, name: str) -> None:
    """Structure one table's rows into ``into``: whole columns at once, row by row if any cell is refused."""
    bad_header = header_problems(cls, table.header)
    if bad_header:
        into.problems.extend(Problem(table.file, table.header_line, column, "", why) for column, why in bad_header)
        into.unread.add(name)
        return
    width = len(table.header)
    rows, lines = table.rows, table.lines
    key = table.header.index(TABLES[name].primary_key[0])  # the header has it: a required column
    if rows and set(map(len, rows)) != {width}:
        for cells, line in zip(rows, lines, strict=True):
            if len(cells) != width:
                into.problems.append(
                    Problem(table.file, line, None, "", f"{len(cells)} cells, but the header has {width}")
                )
                if key < len(cells):
                    into.unreadable[name].add(cells[key])
        kept = [i for i, cells in enumerate(rows) if len(cells) == width]
        rows, lines = [rows[i] for i in kept], [lines[i] for i in kept]
    if table.by_column is not None:
        columns: list[Sequence[str]] = list(table.by_column)
    else:
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.header]
    try:
        records = structure_columns(cls, table.header, columns, dates)
    except (ValueError, LookupError, TypeError):  # a refused cell: find each one, row by row
        records, kept_lines = [], []
        kept_rows: list[Sequence[str]] = []
        limit = len(into.problems) + PROBLEM_LIMIT
        # the rows one at a time, never all at once: a file of errors costs no more than its columns
        each_row: Iterable[Sequence[str]] = zip(*columns, strict=True) if table.by_column is not None else rows
        for i, row_cells in enumerate(each_row):
            if len(into.problems) >= limit:  # enough to go on with: bounded work for a file that is all errors
                left = len(lines) - i
                why = f"{left} more rows not checked after {PROBLEM_LIMIT} problems in this file; fix those first"
                into.problems.append(Problem(table.file, lines[i], None, "", why))
                into.unread.add(name)
                break
            row: dict[str, str] = dict(zip(table.header, row_cells, strict=True))
            try:
                records.append(from_row(cls, row))
            except RowError as error:
                into.unreadable[name].add(row_cells[key])
                into.problems.extend(
                    Problem(table.file, lines[i], column or None, value, why, row.get("id") or None)
                    for column, value, why in error.cells or [("", "", f"{cls.__name__} refused the row")]
                )
                continue
            kept_rows.append(row_cells)
            kept_lines.append(lines[i])
        lines = kept_lines
        columns = list(zip(*kept_rows, strict=True)) if kept_rows else [() for _ in table.header]
    for at, column, cell, why in derived_mismatches(cls, table.header, columns, records):
        into.problems.append(Problem(table.file, lines[at], column, cell, why, getattr(records[at], "id", None)))
    into.records[name].extend(records)
    into.origins[name].extend(zip(itertools.repeat(table.file), lines))


def _structure(package: PackageRows, types: dict[str, type[Any]], dates: Dates) -> _Records:
    found = _Records()
    found.problems.extend(package.problems)
    found.unread.update(package.unread)
    for name, table in package.tables.items():
        _structure_table(types[name], table, dates, found, name)
    return found


def _merge(into: _Records, package: _Records, overrides: frozenset[str], where: str) -> None:
    """Add one package's records to ``into``; an overridden id loses its earlier record, citations and names."""
    into.problems.extend(package.problems)
    owner = {r.id: name for name in RECORD_TABLES for r in into.records[name]}
    existing = set(owner)
    for record_id in sorted(overrides - existing):
        into.problems.append(Problem(where, None, OVERRIDES, record_id, "overrides an id that no earlier package has"))
    supplied = {r.id for name in RECORD_TABLES for r in package.records[name]}
    for name in RECORD_TABLES:
        supplied.update(package.unreadable[name])
    for record_id in sorted((overrides & existing) - supplied):
        into.problems.append(
            Problem(where, None, OVERRIDES, record_id, "overrides an id, but this package has no record with it")
        )
    for name in RECORD_TABLES:  # an id of an earlier package, reused without saying so
        taken = [i for i, r in enumerate(package.records[name]) if r.id in owner and r.id not in overrides]
        for i in taken:
            record_id = package.records[name][i].id
            file, line = package.origins[name][i]
            why = (
                f"this id is already used in {owner[record_id]} of an earlier package; "
                f"list it under {OVERRIDES!r} to replace that record"
            )
            into.problems.append(Problem(file, line, "id", record_id, why, record_id))
        if taken:
            keep = sorted(set(range(len(package.records[name]))) - set(taken))
            package.records[name] = [package.records[name][i] for i in keep]
            package.origins[name] = [package.origins[name][i] for i in keep]
    for name, table in TABLES.items():
        if overrides:
            key = table.primary_key[0]  # id; the record of a citation; the place of a place name
            keep = [i for i, r in enumerate(into.records[name]) if getattr(r, key) not in overrides]
            into.records[name] = [into.records[name][i] for i in keep]
            into.origins[name] = [into.origins[name][i] for i in keep]
        into.records[name].extend(package.records[name])
        into.origins[name].extend(package.origins[name])
        into.unreadable[name].update(package.unreadable[name])
    into.unread.update(package.unread)


def _with_names(records: _Records) -> list[Any]:
    """The places with their alternative names from the place_names table attached."""
    names: dict[str, list[AltName]] = {}
    for row in records.records["place_names"]:
        names.setdefault(row.place, []).append(AltName(row.name, row.language))
    return [
        attrs.evolve(place, alt_names=place.alt_names + tuple(names[place.id])) if place.id in names else place
        for place in records.records["places"]
    ]


def _build(packages: Sequence[tuple[Any, str, str]], types: dict[str, type[Any]], dataset_type: type[Any]) -> Any:
    collected = _Records()
    dates = Dates()  # each EDTF text parsed once per load
    for root, label, descriptor in packages:
        package = read_package(root, label, descriptor)
        _merge(collected, _structure(package, types, dates), package.overrides, package.descriptor)
    problems = collected.problems + check(
        collected.records,
        collected.origins,
        values_checked=True,
        unreadable=collected.unreadable,
        unread=collected.unread,
    )
    if problems:
        raise DataError(problems)
    tables: dict[str, Sequence[Any]] = {**collected.records, "places": _with_names(collected)}
    return dataset_type._from_checked(tables)


_lock = _thread.RLock()
_cache: dict[tuple[type[Any], ...], Any] = {}
_building: set[tuple[type[Any], ...]] = set()


def _cached(key: tuple[type[Any], ...], types: dict[str, type[Any]], dataset_type: type[Any]) -> Any:
    with _lock:  # re-entrant: a record class's own code that calls load() meets the check below, not a deadlock
        if key in _cache:
            return _cache[key]
        if key in _building:
            raise RuntimeError("load() was called again while it was loading these types (from a record class's code?)")
        _building.add(key)
        try:
            found = _cache[key] = _build([(resources.bundled_root(), "", resources.DESCRIPTOR)], types, dataset_type)
        finally:
            _building.discard(key)
        return found


def _types(given: dict[str, Any], dataset_type: type[Any]) -> dict[str, type[Any]]:
    if not (isinstance(dataset_type, type) and issubclass(dataset_type, Dataset)):
        raise TypeError(f"dataset_type: {dataset_type!r} is not a subclass of stepanakert2020.Dataset")
    types: dict[str, type[Any]] = {name: table.cls for name, table in TABLES.items()}
    declared = dict(zip(TYPE_ARGUMENTS, record_types(dataset_type), strict=True))
    for argument, name in zip(TYPE_ARGUMENTS, _TYPED_TABLES, strict=True):
        cls, base = given[argument], TABLES[name].cls
        if cls is None:
            cls = declared[argument]
        elif declared[argument] is not base and cls is not declared[argument]:
            raise TypeError(
                f"{argument}={cls.__name__} disagrees with {dataset_type.__name__}'s {declared[argument].__name__}"
            )
        if not (isinstance(cls, type) and issubclass(cls, base) and attrs.has(cls)):
            raise TypeError(f"{argument}: {cls!r} is not an attrs subclass of {base.__name__}")
        types[name] = cls
    return types


@overload
def load(*, bundled: bool = ..., extra: Iterable[str | os.PathLike[str]] = ..., dataset_type: type[D]) -> D: ...


@overload
def load(
    *,
    bundled: bool = ...,
    extra: Iterable[str | os.PathLike[str]] = ...,
    event_type: type[E] = ...,
    claim_type: type[C] = ...,
    figure_type: type[F] = ...,
    source_type: type[S] = ...,
    place_type: type[P] = ...,
    actor_type: type[A] = ...,
    weapon_type: type[W] = ...,
) -> Dataset[E, C, F, S, P, A, W]: ...


def load(
    *,
    bundled: bool = True,
    extra: Iterable[str | os.PathLike[str]] = (),
    event_type: type[Any] | None = None,
    claim_type: type[Any] | None = None,
    figure_type: type[Any] | None = None,
    source_type: type[Any] | None = None,
    place_type: type[Any] | None = None,
    actor_type: type[Any] | None = None,
    weapon_type: type[Any] | None = None,
    dataset_type: type[Any] = Dataset,
) -> Any:
    """The bundled dataset (built once, cached, thread-safe), merged with user packages if given.

    ``extra`` lists user Data Packages (folders or ``datapackage.json`` paths) in the
    same format as the bundled one; any subset of tables may be present and their
    references may point into the bundled data. A user package replaces an earlier
    record only if its descriptor lists the id under ``"stepanakert2020:overrides"``
    (the record's earlier citations and place names go with it: cite it afresh).
    ``bundled=False`` uses only the user packages. ``event_type`` … ``weapon_type``
    structure the records into subclasses of the record classes (extra columns fill
    their extra fields); ``dataset_type`` returns your :class:`Dataset` subclass, with
    the record classes it is parameterised with. Raises :class:`~stepanakert2020.DataError`
    listing every problem; nothing is merged when any is found.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> len(ds.events()) > 0
    True
    """
    extra = tuple(extra)
    given = dict(
        zip(
            TYPE_ARGUMENTS,
            (event_type, claim_type, figure_type, source_type, place_type, actor_type, weapon_type),
            strict=True,
        )
    )
    types = _types(given, dataset_type)
    if bundled and not extra:
        return _cached((*types.values(), dataset_type), types, dataset_type)
    packages: list[tuple[Any, str, str]] = [(resources.bundled_root(), "", resources.DESCRIPTOR)] if bundled else []
    problems: list[Problem] = []
    for path in extra:
        try:
            root, descriptor = resources.package_root(path)
        except DataError as error:
            problems.extend(error.problems)
            continue
        packages.append((root, f"{root}{os.sep}", descriptor))
    if problems:
        raise DataError(problems)
    return _build(packages, types, dataset_type)
