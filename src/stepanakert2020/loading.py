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

import csv
import io
import os
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from . import resources
from .dataset import A, C, Dataset, E, F, P, S, W
from .errors import DataError, Problem
from .model import Actor, Claim, Event, Figure, Place, Source, Weapon
from .schema import DATE_SUFFIXES, TABLES, PlaceNameRow, Table, columns

__all__ = ["BundledDataset", "load"]

#: The type of the dataset :func:`load` returns with the default record classes.
BundledDataset = Dataset[Event, Claim, Figure, Source, Place, Actor, Weapon]

_lock = threading.Lock()


@attrs.define
class _Collected:
    """Records and their (file, line) origins, table by table, plus every problem seen."""

    records: dict[str, list[Any]] = attrs.Factory(lambda: {name: [] for name in TABLES})
    origins: dict[str, list[tuple[str, int | None]]] = attrs.Factory(lambda: {name: [] for name in TABLES})
    problems: list[Problem] = attrs.Factory(list)


def _expected_columns(cls: type[Any]) -> tuple[set[str], set[str]]:
    """(all known columns, required columns) of a record class's table."""
    known: set[str] = set()
    required: set[str] = set()
    for attribute, tp, optional in columns(cls):
        known.add(attribute.name)
        if not optional and attribute.default is attrs.NOTHING:
            required.add(attribute.name)
        if tp.__name__ == "DateSpec":
            known.update(f"{attribute.name}_{suffix}" for suffix in DATE_SUFFIXES)
    return known, required


def _derived_problems(record: Any, row: dict[str, str], file: str, line: int) -> list[Problem]:
    problems = []
    for attribute, tp, _ in columns(type(record)):
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


#: The longest cell accepted, in characters (the csv module's default limit, which other
#: libraries such as frictionless raise for the whole process).
FIELD_LIMIT = 131_072

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _read_table(root: Any, table: Table, cls: type[Any], path: str, file: str, into: _Collected) -> None:
    try:
        text = resources.read_text(root, path, file)
    except DataError as error:
        into.problems.extend(error.problems)
        return
    if _CONTROL.search(text):
        for number, line_text in enumerate(text.splitlines(), 1):
            found = _CONTROL.search(line_text)
            if found:
                code = f"U+{ord(found.group()):04X}"
                into.problems.append(Problem(file, number, None, "", f"control character {code} is not allowed"))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        into.problems.append(Problem(file, 1, None, "", "the file is empty: a header row is required"))
        return
    except csv.Error as error:
        into.problems.append(Problem(file, 1, None, "", f"unreadable CSV: {error}"))
        return
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
    if bad_header:
        return
    line = 1
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            into.problems.append(Problem(file, reader.line_num, None, "", f"unreadable CSV: {error}"))
            break
        line = reader.line_num
        if not cells:
            continue
        if any(len(cell) > FIELD_LIMIT for cell in cells):
            into.problems.append(
                Problem(file, start, None, "", f"field larger than the limit of {FIELD_LIMIT} characters")
            )
            continue
        if len(cells) != len(header):
            into.problems.append(
                Problem(file, start, None, "", f"{len(cells)} cells, but the header has {len(header)}")
            )
            continue
        row = dict(zip(header, cells, strict=True))
        try:
            record = _structure(cls, row)
        except _RowProblems as error:
            into.problems.extend(
                Problem(file, start, column, value, reason, row.get("id") or None)
                for column, value, reason in error.cells
            )
            continue
        into.problems.extend(_derived_problems(record, row, file, start))
        into.records[table.name].append(record)
        into.origins[table.name].append((file, start))


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
        attrs.evolve(place, alt_names=place.alt_names + tuple(names.get(place.id, ())))
        for place in collected.records["places"]
    ]


def _build(packages: Sequence[tuple[Any, str]], types: dict[str, type[Any]], dataset_type: type[Any]) -> Any:
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
