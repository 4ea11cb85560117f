"""The tables of the Data Package: which class each holds, its keys, and its Table Schema.

The Table Schemas in ``datapackage.json`` are generated from the record classes here,
and a test checks the shipped descriptor against them, so the two cannot drift.
No I/O here.

>>> TABLES["events"].cls.__name__
'Event'
>>> [f["name"] for f in table_schema(TABLES["withdrawn"])["fields"]]
['id', 'withdrawn_in', 'reason', 'replaced_by']
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

from . import model
from .dates import DateSpec, Precision

__all__ = ["DATE_SUFFIXES", "TABLES", "PlaceNameRow", "Table", "columns", "table_schema"]

#: Columns derived from every EDTF date column ``x``: ``x_earliest``, ``x_latest``, ``x_precision``.
DATE_SUFFIXES = ("earliest", "latest", "precision")


@attrs.frozen
class PlaceNameRow:
    """One row of ``place_names``: another name of a place in a language."""

    place: str
    name: str
    language: str


@attrs.frozen
class Table:
    """A table of the Data Package: its name, record class, keys and CSV path."""

    name: str
    cls: type[Any]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (field, referenced table)

    @property
    def path(self) -> str:
        """The CSV file's path inside the package, e.g. ``events.csv``."""
        return f"{self.name}.csv"


TABLES: typing.Final[dict[str, Table]] = {
    t.name: t
    for t in (
        Table("actors", model.Actor, foreign_keys=(("parent", "actors"),)),
        Table("places", model.Place, foreign_keys=(("parent", "places"),)),
        Table(
            "place_names",
            PlaceNameRow,
            primary_key=("place", "name", "language"),
            foreign_keys=(("place", "places"),),
        ),
        Table("weapons", model.Weapon, foreign_keys=(("parent", "weapons"),)),
        Table("sources", model.Source, foreign_keys=(("publisher", "actors"),)),
        Table("events", model.Event, foreign_keys=(("place", "places"),)),
        Table(
            "claims",
            model.Claim,
            foreign_keys=(
                ("event", "events"),
                ("claimant", "actors"),
                ("asserted_actor", "actors"),
                ("asserted_weapon", "weapons"),
                ("responds_to", "claims"),
            ),
        ),
        Table(
            "figures",
            model.Figure,
            foreign_keys=(("event", "events"), ("reported_by", "actors"), ("place", "places")),
        ),
        Table(
            "citations",
            model.Citation,
            primary_key=("record", "source", "locator"),
            foreign_keys=(("source", "sources"),),
        ),
        Table("withdrawn", model.Tombstone),
    )
}

_PRIMITIVES: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _field_type(tp: Any) -> tuple[Any, bool]:
    """The non-None type of an annotation, and whether None is allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return inner, True
    return tp, False


def columns(cls: type[Any]) -> list[tuple[attrs.Attribute[Any], Any, bool]]:
    """The stored fields of a record class: (attribute, type, optional), tuples excluded."""
    hints = typing.get_type_hints(cls)
    result = []
    for attribute in attrs.fields(cls):
        tp, optional = _field_type(hints[attribute.name])
        if typing.get_origin(tp) is tuple:
            continue  # held in a table of its own (place names)
        result.append((attribute, tp, optional))
    return result


def _field_descriptor(attribute: attrs.Attribute[Any], tp: Any, optional: bool) -> list[dict[str, Any]]:
    required = not optional and attribute.default is attrs.NOTHING
    constraints: dict[str, Any] = {"required": True} if required else {}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        constraints["enum"] = [member.value for member in tp]
        return [{"name": attribute.name, "type": "string", "constraints": constraints}]
    if tp is DateSpec:
        base = {"name": attribute.name, "type": "string", "constraints": constraints}
        derived: list[dict[str, Any]] = [
            {"name": f"{attribute.name}_earliest", "type": "date", "constraints": dict(constraints)},
            {"name": f"{attribute.name}_latest", "type": "date", "constraints": dict(constraints)},
            {
                "name": f"{attribute.name}_precision",
                "type": "string",
                "constraints": {**constraints, "enum": [p.value for p in Precision]},
            },
        ]
        return [base, *derived]
    if tp not in _PRIMITIVES:
        raise TypeError(f"{attribute.name}: no Table Schema type for {tp!r}")
    descriptor: dict[str, Any] = {"name": attribute.name, "type": _PRIMITIVES[tp]}
    if constraints:
        descriptor["constraints"] = constraints
    return [descriptor]


def table_schema(table: Table, cls: type[Any] | None = None) -> dict[str, Any]:
    """The Table Schema (Frictionless v2) of a table, generated from its record class."""
    fields: list[dict[str, Any]] = []
    for attribute, tp, optional in columns(cls or table.cls):
        fields.extend(_field_descriptor(attribute, tp, optional))
    foreign = [
        {"fields": field, "reference": {"resource": "" if ref == table.name else ref, "fields": "id"}}
        for field, ref in table.foreign_keys
    ]
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def markdown_tables() -> str:
    """The field tables of every table in Markdown, for docs/data-model.md (kept in sync by a test)."""
    out: list[str] = []
    for table in TABLES.values():
        schema = table_schema(table)
        out.append(f"### `{table.name}` ({table.path})\n")
        doc = (table.cls.__doc__ or "").strip().splitlines()[0]
        out.append(f"{doc} Primary key: `{', '.join(table.primary_key)}`.\n")
        out.append("| column | type | required | allowed values / reference |")
        out.append("|---|---|---|---|")
        refs = dict(table.foreign_keys)
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            allowed = ", ".join(f"`{v}`" for v in constraints.get("enum", []))
            if field["name"] in refs:
                allowed = f"id in `{refs[field['name']]}`"
            required = "yes" if constraints.get("required") else ""
            out.append(f"| `{field['name']}` | {field['type']} | {required} | {allowed} |")
        out.append("")
    return "\n".join(out)
