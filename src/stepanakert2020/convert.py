"""The one cattrs Converter between CSV rows and records, and the column-at-a-time fast path.

A row is a ``dict[str, str]`` as :mod:`csv` reads it. Each field is structured by the
parser of its column (:func:`stepanakert2020.cells.parser`), registered as the field's
cattrs hook; :func:`structure_columns` maps the very same parsers over whole columns,
so the two paths accept exactly the same cells and give equal values. Derived date
columns (``date_earliest`` …) are written by :func:`to_row` and checked, not read, on
loading (:func:`derived_mismatches`). No I/O here.

>>> from stepanakert2020.model import Actor, ActorKind
>>> row = to_row(Actor(id="hrw", name="Human Rights Watch", kind=ActorKind.NGO))
>>> row["kind"], row["parent"]
('ngo', '')
>>> from_row(Actor, row) == Actor(id="hrw", name="Human Rights Watch", kind=ActorKind.NGO)
True
"""

from __future__ import annotations

import _thread
import operator
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .cells import FACTORY, CellError, format_cell, parse_all, parser, reason
from .dates import DateSpec, parse_date
from .schema import DATE_SUFFIXES, columns, date_columns

if TYPE_CHECKING:
    import cattrs

    #: The converter between rows and records (built on first use: importing cattrs costs ~10 ms).
    converter: cattrs.Converter

__all__ = [
    "Dates",
    "RowError",
    "converter",
    "derived_mismatches",
    "from_row",
    "header_problems",
    "structure_cell",
    "structure_columns",
    "to_row",
]

T = TypeVar("T")

_lock = _thread.allocate_lock()


class Dates(dict[str, DateSpec]):
    """EDTF text -> :class:`DateSpec`, each text parsed once by :func:`parse_date` (share one per load).

    >>> dates = Dates()
    >>> dates["2020-10"] is dates["2020-10"]
    True
    """

    def __missing__(self, text: str) -> DateSpec:
        value = self[text] = parse_date(text)
        return value


def _record_hook_factory(conv: cattrs.Converter) -> Callable[[type[Any]], Callable[[Any, Any], Any]]:
    from cattrs.gen import make_dict_structure_fn, override

    def hook(parse: Callable[[str], Any]) -> Callable[[Any, Any], Any]:
        return lambda cell, _: parse(cell)

    def factory(cls: type[Any]) -> Callable[[Any, Any], Any]:
        hooks: dict[str, Any] = {
            c.name: override(struct_hook=hook(parser(c, fallback=structure_cell))) for c in columns(cls)
        }
        return make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True, **hooks
        )

    return factory


def _make_converter() -> cattrs.Converter:
    from cattrs.preconf.json import make_converter

    conv = make_converter(detailed_validation=True, forbid_extra_keys=True)
    conv.register_unstructure_hook(DateSpec, lambda d: d.edtf)
    # a record class (any attrs class with stored columns) is structured from a row of cells
    conv.register_structure_hook_factory(
        lambda cls: attrs.has(cls) and cls is not DateSpec and bool(columns(cls)), _record_hook_factory(conv)
    )
    return conv


_converters: list[cattrs.Converter] = []


def _converter() -> cattrs.Converter:
    """The converter between rows and records; every hook is registered in :func:`_make_converter`."""
    if not _converters:
        with _lock:
            if not _converters:
                _converters.append(_make_converter())
    return _converters[0]


def __getattr__(name: str) -> Any:
    if name == "converter":  # built on first use, so that loading valid rows never imports cattrs
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def structure_cell(cell: str, tp: Any) -> Any:
    """A cell of a field type that is none of the built-in ones, structured by the converter's hooks.

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    >>> structure_cell("red", Colour)
    <Colour.RED: 'red'>
    """
    import cattrs.errors

    try:
        return _converter().structure(cell, tp)
    except cattrs.errors.CattrsError as error:
        raise CellError(f"not a {getattr(tp, '__name__', tp)}: {error}") from None


class RowError(ValueError):
    """A row could not be structured: one ``(column, value, reason)`` per bad cell."""

    def __init__(self, cells: list[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(f"{c}={v!r}: {r}" for c, v, r in cells))
        self.cells = cells


def from_row(cls: type[T], row: dict[str, str]) -> T:
    """Structure one row into a record of ``cls`` (or a subclass) with the converter.

    Only the class's stored columns are read (a missing one counts as an empty cell).
    Raises :class:`RowError` listing every bad cell, from the converter's detailed validation.

    >>> from stepanakert2020.model import Weapon
    >>> from_row(Weapon, {"id": "x", "name": "X", "category": "rocket"}).cluster.value
    'unknown'
    >>> from_row(Weapon, {"id": "x", "name": "", "category": "rockets"})
    Traceback (most recent call last):
    ...
    stepanakert2020.convert.RowError: name='': a value is required; category='rockets': not one of: ...
    """
    import cattrs

    stored = columns(cls)
    cells = {c.name: row.get(c.name) or "" for c in stored}
    for field in stored:  # an empty cell of a field with a factory: attrs makes a fresh default
        if cells[field.name] == "" and field.has_factory:
            del cells[field.name]
    try:
        return _converter().structure(cells, cls)
    except cattrs.ClassValidationError as group:
        by_name = {c.name: c for c in stored}
        bad: list[tuple[str, str, str]] = []
        with_notes, without = group.group_exceptions()
        for error, note in with_notes:
            column = by_name.get(note.name)
            if column is None:  # a field that is no column (a tuple of a table of its own, say)
                bad.append((note.name, "", f"{type(error).__name__}: {error}"))
                continue
            cell = cells.get(note.name, "")
            bad.append((column.name, cell, reason(column, cell, structure_cell) or str(error)))
        bad.extend(("", "", f"{type(error).__name__}: {error}") for error in without)
        raise RowError(bad) from None
    except (ValueError, TypeError) as error:  # the class refused the values (a validator, __attrs_post_init__)
        raise RowError([("", "", f"{cls.__name__} refused the row: {error}")]) from None


def to_row(record: Any) -> dict[str, str]:
    """Unstructure a record into a CSV row, with the derived date columns.

    >>> from stepanakert2020.dates import parse_date
    >>> from stepanakert2020.model import Tombstone
    >>> to_row(Tombstone("old", "0.1.0", "merged"))["replaced_by"]
    ''
    """
    row: dict[str, str] = {}
    for column in columns(type(record)):
        value = getattr(record, column.name)
        row[column.name] = format_cell(value)
        if isinstance(value, DateSpec):
            row.update(zip(_derived_names(column.name), _derived(value), strict=True))
    return row


_EDTF = operator.attrgetter("edtf")


def _derived_names(name: str) -> tuple[str, ...]:
    return tuple(f"{name}_{suffix}" for suffix in DATE_SUFFIXES)


def _derived(value: DateSpec) -> tuple[str, str, str]:
    return value.earliest.isoformat(), value.latest.isoformat(), value.precision.value


def header_problems(cls: type[Any], header: Sequence[str]) -> list[tuple[str | None, str]]:
    """What is wrong with a table's header for ``cls``: ``(column, reason)`` pairs (none if it is fine).

    >>> from stepanakert2020.model import Actor
    >>> header_problems(Actor, ["id", "name", "colour"])
    [('colour', 'unknown column'), ('kind', 'required column is missing')]
    """
    known = {c.name for c in columns(cls)}
    known.update(name for c in date_columns(cls) for name in _derived_names(c.name))
    problems: list[tuple[str | None, str]] = [(name, "unknown column") for name in header if name not in known]
    problems.extend(
        (name, "this column appears twice in the header") for name in sorted(set(header)) if header.count(name) > 1
    )
    problems.extend((c.name, "required column is missing") for c in columns(cls) if c.required and c.name not in header)
    return problems


def structure_columns(cls: type[T], header: Sequence[str], cells: Sequence[Sequence[str]], dates: Dates) -> list[T]:
    """Structure whole columns at once: ``cells[i]`` holds the cells under ``header[i]``, one per row.

    The records :func:`from_row` gives, one per row, from the same parsers mapped over each
    column. Raises (:class:`~stepanakert2020.cells.CellError` or :class:`LookupError`) if any
    cell is refused: then structure row by row with :func:`from_row` to learn each problem.

    >>> from stepanakert2020.model import Actor
    >>> cells = [("a", "b"), ("A", "B"), ("ngo", "state")]
    >>> [a.kind.value for a in structure_columns(Actor, ["id", "name", "kind"], cells, Dates())]
    ['ngo', 'state']
    """
    where = {name: i for i, name in enumerate(header)}
    count = len(cells[0]) if cells else 0
    values: list[Any] = []
    for column in columns(cls):
        parse = parser(column, dates, structure_cell)
        position = where.get(column.name)
        if position is None:
            values.append([parse("")] * count)  # an absent column: every cell empty
        else:
            values.append(parse_all(parse, cells[position]))
    stored = columns(cls)
    names = [c.attribute.alias or c.name for c in stored]
    if not any(c.has_factory for c in stored):
        if all(not c.attribute.kw_only for c in stored) and len(stored) == len(attrs.fields(cls)):  # type: ignore[arg-type]
            return list(map(cls, *values))
        return [cls(**dict(zip(names, row, strict=True))) for row in zip(*values, strict=True)]
    # a field with a factory: an empty cell leaves the argument out, so that attrs makes a fresh default
    return [
        cls(**{name: value for name, value in zip(names, row, strict=True) if value is not FACTORY})
        for row in zip(*values, strict=True)
    ]


def derived_mismatches(
    cls: type[Any], header: Sequence[str], cells: Sequence[Sequence[str]], records: Sequence[Any]
) -> list[tuple[int, str, str, str]]:
    """The derived date cells that disagree with their record's date: ``(row, column, cell, reason)``.

    ``cells`` are columns as in :func:`structure_columns`; ``records`` the records of those rows.

    >>> from stepanakert2020.model import Tombstone
    >>> derived_mismatches(Tombstone, ["id"], [("a",)], [Tombstone("a", "0.1.0", "x")])
    []
    """
    where = {name: i for i, name in enumerate(header)}
    found: list[tuple[int, str, str, str]] = []
    for column in date_columns(cls):
        names = [(i, name) for i, name in enumerate(_derived_names(column.name)) if name in where]
        if not names:
            continue
        dates = list(map(operator.attrgetter(column.name), records))
        derived = {edtf: _derived(date) for edtf, date in dict(zip(map(_EDTF, dates), dates, strict=True)).items()}
        expected = list(map(derived.__getitem__, map(_EDTF, dates)))
        for i, name in names:
            stated = cells[where[name]]
            wanted = list(map(operator.itemgetter(i), expected))
            if stated == wanted or list(stated) == wanted:
                continue
            for row, (cell, want) in enumerate(zip(stated, wanted, strict=True)):
                if cell != want:
                    edtf = dates[row].edtf
                    found.append((row, name, cell, f"does not agree with {column.name} {edtf!r} (expected {want})"))
    found.sort()
    return found
