"""The one cattrs Converter: CSV rows (dicts of strings) <-> record objects.

A row is a ``dict[str, str]`` as :mod:`csv` reads it. Empty cells are ``None`` for
optional fields; dates are EDTF strings; enums are their values; booleans are
``true``/``false``. Derived date columns (``date_earliest`` …) are written by
:func:`to_row` and checked, not read, by the loader.

>>> from stepanakert2020.model import Actor, ActorKind
>>> row = to_row(Actor(id="hrw", name="Human Rights Watch", kind=ActorKind.NGO))
>>> row["kind"], row["parent"]
('ngo', '')
>>> from_row(Actor, row) == Actor(id="hrw", name="Human Rights Watch", kind=ActorKind.NGO)
True
"""

from __future__ import annotations

import _thread
import builtins
import datetime as dt
import enum
import inspect
import itertools
import operator
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .dates import DateSpec, Precision, parse_date
from .schema import columns

if TYPE_CHECKING:
    import cattrs

    #: One stored field: (attribute, type without None, optional).
    Column = tuple[attrs.Attribute[Any], Any, bool]

    #: The converter between rows and records (built on first use: importing cattrs costs ~10 ms).
    converter: cattrs.Converter

__all__ = ["Dates", "RowError", "columns_of", "converter", "fast_reader", "from_row", "structure_columns", "to_row"]

T = TypeVar("T")

_BOOLEANS = {"true": True, "false": False}
_lock = _thread.allocate_lock()


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in _BOOLEANS:
        return _BOOLEANS[value]
    raise ValueError(f"{value!r} is not a boolean (use true or false)")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not an integer")
    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        raise ValueError(f"{value!r} is not an integer")
    return int(value)


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    return value


def _is_optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def _make_converter() -> cattrs.Converter:
    from cattrs.preconf.json import make_converter

    conv = make_converter(detailed_validation=True, forbid_extra_keys=True)

    def optional_hook(tp: Any) -> Any:
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]

        def structure(value: Any, _: Any) -> Any:
            return None if value is None or value == "" else conv.structure(value, inner)

        return structure

    conv.register_structure_hook(DateSpec, lambda v, _: v if isinstance(v, DateSpec) else parse_date(v))
    conv.register_unstructure_hook(DateSpec, lambda d: d.edtf)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook_factory(_is_optional, optional_hook)
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


class RowError(ValueError):
    """A row could not be structured: one ``(column, value, reason)`` per bad cell."""

    def __init__(self, cells: list[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(f"{c}={v!r}: {r}" for c, v, r in cells))
        self.cells = cells


_COLUMNS: dict[type[Any], tuple[Column, ...]] = {}
_STORED: dict[type[Any], tuple[tuple[str, bool, bool, bool], ...]] = {}


def columns_of(cls: type[Any]) -> tuple[Column, ...]:
    """:func:`stepanakert2020.schema.columns` of ``cls``, computed once per class.

    Annotations that are plain names or ``X | None`` are looked up directly in the module
    that declares them (``typing.get_type_hints`` compiles each one: ~1 ms for the bundled
    classes); anything else goes through :func:`~stepanakert2020.schema.columns`.

    >>> from stepanakert2020.schema import TABLES, columns
    >>> all(columns_of(t.cls) == tuple(columns(t.cls)) for t in TABLES.values())
    True
    """
    found = _COLUMNS.get(cls)
    if found is None:
        found = _COLUMNS[cls] = _plain_columns(cls) or tuple(columns(cls))
    return found


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _plain_columns(cls: type[Any]) -> tuple[Column, ...] | None:
    found: list[Column] = []
    declared = [(k, inspect.get_annotations(k)) for k in cls.__mro__]
    for attribute in attrs.fields(cls):
        owner = next((k for k, annotations in declared if attribute.name in annotations), None)
        text = attribute.type
        if owner is None or not isinstance(text, str):
            return None
        scope = vars(sys.modules[owner.__module__])
        if text.startswith("tuple[") and text.endswith(", ...]") and _NAME.fullmatch(text[6:-6]):
            if text[6:-6] not in scope or text[6:-6] in vars(owner):
                return None
            continue  # a tuple field: held in a table of its own, like schema.columns says
        parts = [part.strip() for part in text.split("|")]
        optional = len(parts) == 2 and "None" in parts
        if optional:
            parts.remove("None")
        name = parts[0] if len(parts) == 1 and _NAME.fullmatch(parts[0]) else ""
        tp = scope.get(name, getattr(builtins, name, None)) if name else None
        if not isinstance(tp, type) or typing.get_origin(tp) is not None or name in vars(owner):
            return None
        found.append((attribute, tp, optional))
    return tuple(found)


def _stored(cls: type[Any]) -> tuple[tuple[str, bool, bool, bool], ...]:
    """(name, optional, has default, is str) for each stored field of ``cls`` (cached per class)."""
    found = _STORED.get(cls)
    if found is None:
        found = tuple((a.name, opt, a.default is not attrs.NOTHING, tp is str) for a, tp, opt in columns_of(cls))
        _STORED[cls] = found
    return found


# -- the fast path ----------------------------------------------------------------------
#
# Loading structures every row of a valid package with plain functions chosen once per
# (class, header): the very rules of from_row and of the converter's hooks, without building
# cattrs' per-cell error reports. Any row that fails on the fast path is structured again by
# from_row, which raises the detailed RowError, so problems are reported exactly as before.


class Dates(dict[str, DateSpec]):
    """EDTF text -> :class:`DateSpec`, each text parsed once (dates recur: share one per load).

    >>> dates = Dates()
    >>> dates["2020-10"] is dates["2020-10"]
    True
    """

    def __missing__(self, text: str) -> DateSpec:
        value = self[text] = _day(text) or parse_date(text)
        return value


_DIGITS = frozenset("0123456789")


def _day(text: str) -> DateSpec | None:
    """What :func:`parse_date` gives for a plain ASCII ``YYYY-MM-DD`` (the usual date), faster; else None.

    >>> _day("2020-10-04") == parse_date("2020-10-04"), _day("2020-10"), _day("2020-02-30")
    (True, None, None)
    """
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not _DIGITS.issuperset(text[:4] + text[5:7] + text[8:]):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:  # 0000, month 13, 30 February ...: parse_date says what is wrong
        return None
    return DateSpec(edtf=text, earliest=day, latest=day, precision=Precision.DAY)


class _Required:
    """The empty value of a required field: there is none (the row takes the detailed path)."""


_REQUIRED = _Required()
_call: Callable[[Callable[[str], Any], str], Any] = getattr(operator, "call", lambda hook, cell: hook(cell))


def _or_none(cell: str) -> str | None:
    return cell or None


#: ``_EMPTY_IS_NONE.get(cell, cell)`` is ``_or_none(cell)``, mapped over a column without a Python call per cell.
_EMPTY_IS_NONE: dict[str, None] = {"": None}


def _int(cell: str) -> int:
    return _structure_int(cell, int)


def _float(cell: str) -> float:
    return _structure_float(cell, float)


def _fast_hook(tp: Any, optional: bool, default: Any, dates: Dates) -> Callable[[str], Any] | None:
    """One cell -> one field value, following from_row's rules for empty cells; None if no plain hook fits."""
    if tp is str:  # an empty cell is None if optional, kept as "" otherwise (required ones never get here)
        return _or_none if optional else str
    empty: Any = _REQUIRED
    if optional:
        empty = None
    elif default is not attrs.NOTHING:
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return None
        empty = default
    if tp is bool or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
        table: dict[str, Any] = dict(_BOOLEANS) if tp is bool else {member.value: member for member in tp}
        if empty is not _REQUIRED:
            table[""] = empty
        return table.__getitem__
    base: Callable[[str], Any]
    if tp is DateSpec:
        base = dates.__getitem__
    elif tp is int:
        base = _int
    elif tp is float:
        base = _float
    else:  # a user's own field type: the converter, and its hooks, decide

        def base(cell: str) -> Any:
            return _converter().structure(cell, tp)

    if empty is _REQUIRED:
        return base
    return lambda cell: empty if cell == "" else base(cell)


def _getter(positions: Sequence[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    if len(positions) == 1:
        (only,) = positions
        return lambda cells: (cells[only],)
    return operator.itemgetter(*positions)


def _identity(value: Any) -> Any:
    return value


class _Plan:
    """How to fill each positional argument of a class from a row: a cell and a hook, or a constant."""

    __slots__ = ("fields", "required")

    def __init__(self) -> None:
        self.fields: list[tuple[int | None, Any]] = []  # (cell position, hook) or (None, a constant)
        self.required: list[int] = []  # positions of cells that may not be empty


def _plan(cls: type[Any], header: Sequence[str], dates: Dates) -> _Plan | None:
    stored = {attribute.name: (tp, optional) for attribute, tp, optional in columns_of(cls)}
    where = {name: i for i, name in enumerate(header)}
    plan = _Plan()
    for attribute in attrs.fields(cls):
        if not attribute.init or attribute.kw_only or attribute.name.startswith("_"):
            return None
        name, default = attribute.name, attribute.default
        if name not in stored or name not in where:  # not a column, or an absent one: a constant
            if name in stored and stored[name][1]:
                plan.fields.append((None, None))
            elif default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                plan.fields.append((None, default))
            else:
                return None
            continue
        tp, optional = stored[name]
        hook = _fast_hook(tp, optional, default, dates)
        if hook is None:
            return None
        plan.fields.append((where[name], hook))
        if not optional and default is attrs.NOTHING:
            plan.required.append(where[name])
    return plan


def fast_reader(cls: type[T], header: Sequence[str], dates: Dates) -> Callable[[list[str]], T] | None:
    """A function structuring the cells of one row (in ``header``'s order) into a ``cls``, or None.

    It gives the record :func:`from_row` would give, or raises when the row has a problem
    (then call :func:`from_row` for the detailed :class:`RowError`). None when ``cls`` has
    fields it cannot fill positionally (``kw_only``, ``init=False``, private names, factory
    defaults): use :func:`from_row` for every row then. Field types other than ``str``,
    ``int``, ``float``, ``bool``, enums and :class:`DateSpec` go through the converter.

    >>> from stepanakert2020.model import Actor
    >>> read = fast_reader(Actor, ["id", "name", "kind"], Dates())
    >>> read(["hrw", "HRW", "ngo"]) == from_row(Actor, {"id": "hrw", "name": "HRW", "kind": "ngo"})
    True
    """
    plan = _plan(cls, header, dates)
    if plan is None:
        return None
    picks: list[int] = []
    hooks: list[Callable[[str], Any]] = []
    fixed: list[Any] = []
    for position, hook in plan.fields:
        if position is None:  # a constant, appended to the cells
            picks.append(len(header) + len(fixed))
            fixed.append(hook)
            hooks.append(_identity)
        else:
            picks.append(position)
            hooks.append(hook)
    pick, need, steps = _getter(picks), _getter(plan.required) if plan.required else None, tuple(hooks)

    def read(cells: list[str]) -> T:
        if need is not None and "" in need(cells):
            raise ValueError("a required cell is empty")
        return cls(*map(_call, steps, pick(cells + fixed if fixed else cells)))

    return read


def structure_columns(cls: type[T], header: Sequence[str], columns: Sequence[Sequence[str]], dates: Dates) -> list[T]:
    """Structure whole columns at once (``columns[i]`` holds the cells under ``header[i]``, one per row).

    The records :func:`from_row` would give, one per row; each hook runs over a column in
    one ``map`` and the class is called once per row, with no other per-row Python work. Raises
    if any row has a problem, or if :func:`fast_reader` would return None: structure row by row then.

    >>> from stepanakert2020.model import Actor
    >>> columns = [("a", "b"), ("A", "B"), ("ngo", "state")]
    >>> [a.kind.value for a in structure_columns(Actor, ["id", "name", "kind"], columns, Dates())]
    ['ngo', 'state']
    """
    plan = _plan(cls, header, dates)
    if plan is None:
        raise LookupError(f"{cls.__name__} has no fast path: structure its rows one by one")
    count = len(columns[0]) if columns else 0
    if not count:
        return []
    for required in plan.required:
        if "" in columns[required]:
            raise ValueError(f"an empty cell in required column {header[required]!r}")
    arguments: list[Iterable[Any]] = []
    for position, hook in plan.fields:
        if position is None:
            arguments.append(itertools.repeat(hook, count))
        elif hook is str:  # the cells are the values
            arguments.append(columns[position])
        elif hook is _or_none:
            arguments.append(list(map(_EMPTY_IS_NONE.get, columns[position], columns[position])))
        else:
            arguments.append(list(map(hook, columns[position])))
    return list(map(cls, *arguments))


def _flatten(group: BaseException) -> list[BaseException]:
    nested = getattr(group, "exceptions", None)  # ExceptionGroup (or its 3.10 backport)
    if nested is not None:
        return [leaf for sub in nested for leaf in _flatten(sub)]
    return [group]


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    """Structure one row into a record of ``cls`` (or a subclass).

    Only the class's stored fields are read. An empty or missing cell is ``None`` for
    an optional field and the default for a field that has one; for a required field
    it is an error. Raises :class:`RowError` listing every bad cell.
    """
    values: dict[str, Any] = {}
    bad: list[tuple[str, str, str]] = []
    for name, optional, has_default, is_str in _stored(cls):
        value = row.get(name)
        if value is None or (value == "" and not (is_str and has_default)):
            if optional:
                values[name] = None
            elif not has_default:
                bad.append((name, "" if value is None else value, "a value is required"))
            continue
        values[name] = value
    import cattrs
    from cattrs.errors import AttributeValidationNote

    try:
        record = _converter().structure(values, cls)
    except cattrs.ClassValidationError as group:
        for leaf in _flatten(group):
            notes = getattr(leaf, "__notes__", [])
            column = next((n.name for n in notes if isinstance(n, AttributeValidationNote)), "?")
            if column not in {cell[0] for cell in bad}:
                bad.append((column, str(values.get(column, "")), str(leaf)))
    except (ValueError, TypeError) as error:
        bad.append(("?", "", str(error)))
    else:
        if not bad:
            return record
    raise RowError(bad)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_row(record: Any) -> dict[str, str]:
    """Unstructure a record into a CSV row, with the derived date columns."""
    row: dict[str, str] = {}
    unstructured = _converter().unstructure(record)
    for name, *_ in _stored(type(record)):
        value = getattr(record, name)
        row[name] = _cell(unstructured[name])
        if isinstance(value, DateSpec):
            row[f"{name}_earliest"] = value.earliest.isoformat()
            row[f"{name}_latest"] = value.latest.isoformat()
            row[f"{name}_precision"] = value.precision.value
    return row
