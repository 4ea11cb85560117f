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
from .dates import EDTF_PATTERN, DateSpec, Precision

__all__ = [
    "DATE_SUFFIXES",
    "ID_PATTERN",
    "TABLES",
    "Column",
    "PlaceNameRow",
    "Table",
    "columns",
    "date_columns",
    "table_schema",
]

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
        Table(
            "sources",
            model.Source,
            foreign_keys=(("publisher", "actors"), ("original", "sources"), ("original_publisher", "actors")),
        ),
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

#: What an id looks like (a Table Schema ``pattern``): lower-case letters and digits in words
#: joined by ``-``, ``_`` or ``.``.
ID_PATTERN = "[a-z0-9]+([-_.][a-z0-9]+)*"


@attrs.frozen
class Column:
    """One stored field of a record class: its name, type and every rule a cell in it obeys.

    ``type`` is the field's type without ``None``; ``optional`` says whether ``None`` is
    allowed (an empty cell means ``None``). ``minimum``, ``maximum`` and ``pattern`` come
    from the attrs field's metadata (and ``pattern`` from the table's id rule). The Table
    Schema of the column (:func:`table_schema`) and the parser of its cells
    (:func:`stepanakert2020.cells.parser`) are both derived from this one description.

    >>> [c.name for c in columns(model.Figure) if c.minimum is not None]
    ['low', 'high']
    """

    attribute: attrs.Attribute[Any]
    type: Any
    optional: bool
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None

    @property
    def name(self) -> str:
        """The column's name: the attribute's name."""
        return self.attribute.name

    @property
    def has_default(self) -> bool:
        """Whether the field has a default (an empty cell then means the default)."""
        return self.attribute.default is not attrs.NOTHING

    @property
    def required(self) -> bool:
        """Whether an empty cell is refused: not optional and no default."""
        return not self.optional and not self.has_default

    @property
    def has_factory(self) -> bool:
        """Whether the default is made anew for each record (``attrs.Factory``)."""
        return isinstance(self.attribute.default, attrs.Factory)  # type: ignore[arg-type]

    def default(self) -> Any:
        """The field's default value; for a factory, see :attr:`has_factory`."""
        return self.attribute.default


def _field_type(tp: Any) -> tuple[Any, bool]:
    """The non-None type of an annotation, and whether None is allowed."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return inner, True
    return tp, False


_COLUMNS: dict[type[Any], tuple[Column, ...]] = {}


def columns(cls: type[Any]) -> tuple[Column, ...]:
    """The stored fields of a record class, in order (tuple fields, held in tables of their own, excluded).

    Computed once per class.

    >>> [c.name for c in columns(model.Actor)]
    ['id', 'name', 'kind', 'parent', 'notes']
    """
    found = _COLUMNS.get(cls)
    if found is not None:
        return found
    fields = attrs.fields(cls)
    if all(isinstance(a.type, str) is False and a.type is not None for a in fields):
        hints = {a.name: a.type for a in fields}  # annotations evaluated when the class was made
    else:  # string annotations (``from __future__ import annotations``): resolved in their modules
        hints = typing.get_type_hints(cls)
    keyed = any(t.primary_key == ("id",) and issubclass(cls, t.cls) for t in TABLES.values())
    result = []
    for attribute in fields:
        tp, optional = _field_type(hints[attribute.name])
        if typing.get_origin(tp) is tuple or not attribute.init:
            continue  # held in a table of its own (place names), or not set from data
        metadata = attribute.metadata
        pattern = metadata.get("pattern", ID_PATTERN if keyed and attribute.name == "id" else None)
        result.append(Column(attribute, tp, optional, metadata.get("minimum"), metadata.get("maximum"), pattern))
    found = _COLUMNS[cls] = tuple(result)
    return found


def date_columns(cls: type[Any]) -> tuple[Column, ...]:
    """The EDTF date columns of a record class (each has derived ``_earliest`` … columns).

    >>> [c.name for c in date_columns(model.Claim)]
    ['stated_on']
    """
    return tuple(c for c in columns(cls) if c.type is DateSpec)


def _constraints(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": True} if column.required else {}
    if isinstance(column.type, type) and issubclass(column.type, enum.Enum):
        constraints["enum"] = [member.value for member in column.type]
    if column.pattern is not None:
        constraints["pattern"] = column.pattern
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    return constraints


def _field_descriptor(column: Column) -> list[dict[str, Any]]:
    constraints = _constraints(column)
    tp = column.type
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [{"name": column.name, "type": "string", "constraints": constraints}]
    if tp is DateSpec:
        required = {"required": True} if column.required else {}
        base = {"name": column.name, "type": "string", "constraints": {**required, "pattern": EDTF_PATTERN}}
        derived: list[dict[str, Any]] = [
            {"name": f"{column.name}_earliest", "type": "date", "constraints": dict(required)},
            {"name": f"{column.name}_latest", "type": "date", "constraints": dict(required)},
            {
                "name": f"{column.name}_precision",
                "type": "string",
                "constraints": {**required, "enum": [p.value for p in Precision]},
            },
        ]
        return [base, *derived]
    if tp not in _PRIMITIVES:
        raise TypeError(f"{column.name}: no Table Schema type for {tp!r}")
    descriptor: dict[str, Any] = {"name": column.name, "type": _PRIMITIVES[tp]}
    if tp is bool:  # only the words the loader reads (Table Schema's default also has True, TRUE, 1 ...)
        descriptor.update(trueValues=["true"], falseValues=["false"])
    if constraints:
        descriptor["constraints"] = constraints
    return [descriptor]


def table_schema(table: Table, cls: type[Any] | None = None) -> dict[str, Any]:
    """The Table Schema (Frictionless v2) of a table, generated from its record class."""
    fields: list[dict[str, Any]] = []
    for column in columns(cls or table.cls):
        fields.extend(_field_descriptor(column))
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
