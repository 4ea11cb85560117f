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

import types
import typing
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote
from cattrs.preconf.json import make_converter

from .dates import DateSpec, parse_date
from .schema import columns

__all__ = ["RowError", "converter", "from_row", "to_row"]

T = TypeVar("T")

_BOOLEANS = {"true": True, "false": False}


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


#: The converter between rows and records; every hook is registered in :func:`_make_converter`.
converter: cattrs.Converter = _make_converter()


class RowError(ValueError):
    """A row could not be structured: one ``(column, value, reason)`` per bad cell."""

    def __init__(self, cells: list[tuple[str, str, str]]) -> None:
        super().__init__("; ".join(f"{c}={v!r}: {r}" for c, v, r in cells))
        self.cells = cells


_STORED: dict[type[Any], tuple[tuple[str, bool, bool, bool], ...]] = {}


def _stored(cls: type[Any]) -> tuple[tuple[str, bool, bool, bool], ...]:
    """(name, optional, has default, is str) for each stored field of ``cls`` (cached per class)."""
    found = _STORED.get(cls)
    if found is None:
        found = tuple((a.name, opt, a.default is not attrs.NOTHING, tp is str) for a, tp, opt in columns(cls))
        _STORED[cls] = found
    return found


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
    try:
        record = converter.structure(values, cls)
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
    unstructured = converter.unstructure(record)
    for name, *_ in _stored(type(record)):
        value = getattr(record, name)
        row[name] = _cell(unstructured[name])
        if isinstance(value, DateSpec):
            row[f"{name}_earliest"] = value.earliest.isoformat()
            row[f"{name}_latest"] = value.latest.isoformat()
            row[f"{name}_precision"] = value.precision.value
    return row
