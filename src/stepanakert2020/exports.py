"""Exports: the data in the formats its users already live in.

Every function takes a :class:`~stepanakert2020.Dataset` and, where it makes sense, the
events to export (default: the whole timeline); the related claims, figures, sources,
places, actors and weapons come along. Heavy libraries (pandas) are optional extras,
imported only when used.

>>> import json, stepanakert2020
>>> ds = stepanakert2020.load()
>>> data = json.loads(to_json(ds))
>>> len(data["events"]) == len(ds.events())
True
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, overload

from .convert import converter, to_row
from .dates import DateSpec
from .descriptor import package_metadata, resource_descriptor
from .errors import _printable, deprecated
from .model import Actor, Claim, Event, Figure, Place, Source, SourceKind, Weapon
from .schema import TABLES, PlaceNameRow, columns

__all__ = [
    "FORMATS",
    "bibtex_entry",
    "check_output",
    "csl_item",
    "export",
    "export_text",
    "json_schema",
    "related",
    "to_bibtex",
    "to_csl_json",
    "to_csv",
    "to_dataframe",
    "to_geojson",
    "to_json",
    "write_datapackage",
    "write_parquet",
]

#: The export formats, as the ``--format`` option of ``stepanakert2020 export`` names them.
FORMATS = (
    "csv", "json", "geojson", "datapackage", "csl-json", "bibtex", "acled", "ucdp-ged", "timelinejs", "kml", "parquet",
)  # fmt: skip
#: The formats that are files of bytes or folders, written by :func:`export` only.
WRITTEN_ONLY = ("datapackage", "parquet")

AnyDataset = Any


def _events(ds: AnyDataset, events: Iterable[Event] | None) -> tuple[Event, ...]:
    return ds.events() if events is None else tuple(events)


def _chain(record_id: str | None, lookup: Any) -> list[Any]:
    chain = []
    while record_id is not None:
        record = lookup(record_id)
        chain.append(record)
        record_id = record.parent
    return chain


def related(ds: AnyDataset, events: Iterable[Event] | None = None) -> dict[str, list[Any]]:
    """The events and every record they need, table by table (a closed subset of the data).

    A claim that answers a claim about another event needs that claim, and so that event:
    such events are added too, with everything they need.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> subset = related(ds, ds.events(kind="context"))
    >>> set(subset) >= {"events", "claims", "sources", "citations"}
    True
    """
    chosen = list(_events(ds, events))
    ids = {e.id for e in chosen}
    while True:  # a denial needs the claim it answers, and that claim its event
        claims = [c for e in chosen for c in ds.claims(event=e)]
        needed = {ds.claim(c.responds_to).event for c in claims if c.responds_to} - ids
        if not needed:
            break
        chosen += [ds.event(i) for i in sorted(needed)]
        ids |= needed
    figures = [f for e in chosen for f in ds.figures(event=e)]
    records: list[Any] = [*chosen, *claims, *figures]
    citations = [c for r in records for c in ds.citations_for(r)]
    places = {p for i in {e.place for e in chosen} | {f.place for f in figures} for p in _chain(i, ds.record)}
    citations += [c for p in sorted(places, key=lambda p: p.id) for c in ds.citations_for(p)]  # coordinates' sources
    sources = {ds.record(c.source) for c in citations}
    copied = {s.original for s in sources} - {None}
    while copied:  # the originals that the sources copy, and theirs
        originals = {ds.record(i) for i in copied} - sources
        sources |= originals
        copied = {s.original for s in originals} - {None}
    actor_ids = {s.publisher for s in sources} | {s.original_publisher for s in sources if s.original_publisher}
    actor_ids |= {c.claimant for c in claims} | {c.asserted_actor for c in claims if c.asserted_actor}
    actor_ids |= {f.reported_by for f in figures}
    actors = {a for i in actor_ids for a in _chain(i, ds.record)}
    weapons = {w for c in claims for w in _chain(c.asserted_weapon, ds.record)}

    def by_id(items: Iterable[Any]) -> list[Any]:
        return sorted(items, key=lambda r: r.id)

    return {
        "events": list(chosen),
        "claims": claims,
        "figures": figures,
        "sources": by_id(sources),
        "citations": citations,
        "places": by_id(places),
        "actors": by_id(actors),
        "weapons": by_id(weapons),
    }


def _source_ids(ds: AnyDataset, event: Event) -> list[str]:
    records = [event, *ds.claims(event=event), *ds.figures(event=event)]
    return sorted({c.source for r in records for c in ds.citations_for(r)})


# -- CSV -------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "kind",
    "title",
    "summary",
    "date",
    "date_earliest",
    "date_latest",
    "date_precision",
    "date_meaning",
    "place",
    "place_name",
    "latitude",
    "longitude",
    "geo_precision",
    "claims",
    "claimants",
    "figures",
    "sources",
    "source_ids",
    "notes",
)


def to_csv(ds: AnyDataset, events: Iterable[Event] | None = None) -> str:
    """Flat events, one row each, with their place, coordinates, claims and source counts.

    >>> import stepanakert2020
    >>> to_csv(stepanakert2020.load()).splitlines()[0].split(",")[:4]
    ['id', 'kind', 'title', 'summary']
    """
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in _events(ds, events):
        row = to_row(event)
        place = ds.record(event.place)
        claims = ds.claims(event=event)
        sources = _source_ids(ds, event)
        row.update(
            place_name=place.name,
            latitude=repr(place.latitude),
            longitude=repr(place.longitude),
            geo_precision=place.geo_precision.value,
            claims=str(len(claims)),
            claimants=";".join(sorted({c.claimant for c in claims})),
            figures=str(len(ds.figures(event=event))),
            sources=str(len(sources)),
            source_ids=";".join(sources),
        )
        writer.writerow({k: row[k] for k in CSV_COLUMNS})
    return out.getvalue()


# -- JSON ------------------------------------------------------------------------------


def _plain(record: Any) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(record)
    for column in columns(type(record)):
        attribute, tp = column.attribute, column.type
        if tp is DateSpec:
            date: DateSpec = getattr(record, attribute.name)
            data[attribute.name] = {
                "edtf": date.edtf,
                "earliest": date.earliest.isoformat(),
                "latest": date.latest.isoformat(),
                "precision": date.precision.value,
            }
    if isinstance(record, Place):
        data["alt_names"] = [{"name": a.name, "language": a.language} for a in record.alt_names]
    return data


def _with_citations(ds: AnyDataset, record: Any) -> dict[str, Any]:
    data = _plain(record)
    data["citations"] = [{"source": c.source, "locator": c.locator} for c in ds.citations_for(record)]
    return data


def to_json(ds: AnyDataset, events: Iterable[Event] | None = None, *, indent: int | None = 2) -> str:
    """Nested records: each event with its claims, figures and citations, then the referenced
    sources, places, actors and weapons. Valid against :func:`json_schema`.
    """
    from ._release import DATA_VERSION, SCHEMA_VERSION, __version__

    subset = related(ds, events)
    chosen = subset["events"]
    document = {
        "dataset": {
            "name": "stepanakert2020",
            "package_version": __version__,
            "data_version": DATA_VERSION,
            "schema_version": SCHEMA_VERSION,
            "license": "CC-BY-4.0",
        },
        "events": [
            {
                **_with_citations(ds, event),
                "claims": [_with_citations(ds, c) for c in ds.claims(event=event)],
                "figures": [_with_citations(ds, f) for f in ds.figures(event=event)],
            }
            for event in chosen
        ],
        "answered_claims": [_with_citations(ds, c) for c in subset["claims"] if c.event not in {e.id for e in chosen}],
        "sources": [_plain(s) for s in subset["sources"]],
        "places": [_plain(p) for p in subset["places"]],
        "actors": [_plain(a) for a in subset["actors"]],
        "weapons": [_plain(w) for w in subset["weapons"]],
    }
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def _property(tp: Any, optional: bool) -> dict[str, Any]:
    import enum

    if tp is DateSpec:
        schema: dict[str, Any] = {"$ref": "#/$defs/DateSpec"}
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        schema = {"type": "string", "enum": [m.value for m in tp]}
    else:
        schema = {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[tp]}
    return {"anyOf": [schema, {"type": "null"}]} if optional else schema


def _record_schema(cls: type[Any], extra: dict[str, Any] | None = None) -> dict[str, Any]:

    props = {c.name: _property(c.type, c.optional) for c in columns(cls)}
    required = [c.name for c in columns(cls) if c.required]
    props.update(extra or {})
    return {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
        "description": (cls.__doc__ or "").strip().splitlines()[0],
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of :func:`to_json`'s output, generated from the attrs classes.

    >>> json_schema()["$defs"]["Event"]["properties"]["kind"]["enum"][0]
    'strike'
    """
    citations = {"type": "array", "items": {"$ref": "#/$defs/CitationRef"}}
    alt_names = {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["name", "language"],
            "properties": {"name": {"type": "string"}, "language": {"type": "string"}},
            "additionalProperties": False,
        },
    }
    defs = {
        "DateSpec": {
            "type": "object",
            "required": ["edtf", "earliest", "latest", "precision"],
            "additionalProperties": False,
            "properties": {
                "edtf": {"type": "string"},
                "earliest": {"type": "string", "format": "date"},
                "latest": {"type": "string", "format": "date"},
                "precision": {"type": "string", "enum": ["day", "month", "year"]},
            },
        },
        "CitationRef": {
            "type": "object",
            "required": ["source", "locator"],
            "additionalProperties": False,
            "properties": {"source": {"type": "string"}, "locator": {"type": "string"}},
        },
        "Claim": _record_schema(Claim, {"citations": citations}),
        "Figure": _record_schema(Figure, {"citations": citations}),
        "Event": _record_schema(
            Event,
            {
                "citations": citations,
                "claims": {"type": "array", "items": {"$ref": "#/$defs/Claim"}},
                "figures": {"type": "array", "items": {"$ref": "#/$defs/Figure"}},
            },
        ),
        "Source": _record_schema(Source),
        "Place": _record_schema(Place, {"alt_names": alt_names}),
        "Actor": _record_schema(Actor),
        "Weapon": _record_schema(Weapon),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:stepanakert2020:export-schema",  # a name, not an address: the schema ships in the package
        "title": "stepanakert2020 JSON export",
        "type": "object",
        "required": ["dataset", "events", "answered_claims", "sources", "places", "actors", "weapons"],
        "additionalProperties": False,
        "properties": {
            "dataset": {"type": "object"},
            "events": {"type": "array", "items": {"$ref": "#/$defs/Event"}},
            "answered_claims": {"type": "array", "items": {"$ref": "#/$defs/Claim"}},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/Source"}},
            "places": {"type": "array", "items": {"$ref": "#/$defs/Place"}},
            "actors": {"type": "array", "items": {"$ref": "#/$defs/Actor"}},
            "weapons": {"type": "array", "items": {"$ref": "#/$defs/Weapon"}},
        },
        "$defs": defs,
    }


# -- GeoJSON ---------------------------------------------------------------------------


def to_geojson(ds: AnyDataset, events: Iterable[Event] | None = None) -> str:
    """An RFC 7946 FeatureCollection: one Point per event at its place, longitude first.

    ``geo_precision`` and ``uncertainty_m`` (the radius, in metres, within which the place
    lies; ``null`` when not stated) in the properties say how exactly the point locates it.

    >>> import json, stepanakert2020
    >>> feature = json.loads(to_geojson(stepanakert2020.load()))["features"][0]
    >>> feature["geometry"]["type"], len(feature["geometry"]["coordinates"])
    ('Point', 2)
    """
    features = []
    for event in _events(ds, events):
        place = ds.record(event.place)
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": {
                    "id": event.id,
                    "kind": event.kind.value,
                    "title": event.title,
                    "date": event.date.edtf,
                    "earliest": event.date.earliest.isoformat(),
                    "latest": event.date.latest.isoformat(),
                    "precision": event.date.precision.value,
                    "place": place.id,
                    "place_name": place.name,
                    "geo_precision": place.geo_precision.value,
                    "uncertainty_m": place.uncertainty_m,
                    "sources": len(_source_ids(ds, event)),
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n"


# -- Data Package ----------------------------------------------------------------------


def _csv_text(table: str, rows: Sequence[dict[str, str]]) -> bytes:
    from .schema import table_schema

    header = [f["name"] for f in table_schema(TABLES[table])["fields"]]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    return out.getvalue().encode("utf-8")


def write_datapackage(ds: AnyDataset, folder: str | os.PathLike[str], events: Iterable[Event] | None = None) -> Path:
    """Write the events and every record they need as a valid Frictionless Data Package folder.

    The result loads with ``load(bundled=False, extra=[folder])`` and passes
    ``frictionless validate``. Returns the path of its ``datapackage.json``.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    subset = related(ds, events)
    tables: dict[str, list[dict[str, str]]] = {name: [to_row(r) for r in records] for name, records in subset.items()}
    tables["place_names"] = [
        to_row(PlaceNameRow(p.id, a.name, a.language)) for p in subset["places"] for a in p.alt_names
    ]
    tables["withdrawn"] = []
    descriptor = package_metadata()
    descriptor["name"] = "stepanakert2020-export"
    descriptor["resources"] = []
    for name, table in TABLES.items():
        data = _csv_text(name, tables[name])
        (target / table.path).write_bytes(data)
        descriptor["resources"].append(resource_descriptor(name, data))
    path = target / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# -- citations: CSL-JSON and BibTeX ----------------------------------------------------

_CSL_TYPES = {
    SourceKind.INVESTIGATION: "report",
    SourceKind.UN_DOCUMENT: "report",
    SourceKind.OFFICIAL_STATEMENT: "webpage",
    SourceKind.NEWS_REPORT: "article-newspaper",
    SourceKind.ENCYCLOPEDIA: "entry-encyclopedia",
    SourceKind.OTHER: "webpage",
}


def _date_parts(date: DateSpec) -> list[int]:
    parts = [date.earliest.year, date.earliest.month, date.earliest.day]
    return parts[: {"year": 1, "month": 2, "day": 3}[date.precision.value]]


def _sources(ds: AnyDataset, sources: Iterable[Source] | None) -> list[Source]:
    return sorted(ds.sources() if sources is None else sources, key=lambda s: s.id)


def csl_item(ds: AnyDataset, source: Source) -> dict[str, Any]:
    """One source as a CSL-JSON item."""
    publisher = ds.record(source.publisher).name
    item: dict[str, Any] = {
        "id": source.id,
        "type": _CSL_TYPES[source.kind],
        "title": source.title,
        "URL": source.url,
        "publisher": publisher,
        "author": [{"literal": publisher}],  # the institution speaks: no person is named as author
        "issued": {"date-parts": [_date_parts(source.published)]},
        "language": source.language,
    }
    if source.kind is SourceKind.NEWS_REPORT:
        item["container-title"] = publisher
    if source.published.interval or source.published.approximate or source.published.uncertain:
        item["issued"]["circa"] = True
    if source.archive_url:
        item["archive_location"] = source.archive_url
    if source.original_publisher is not None:
        item["original-publisher"] = ds.record(source.original_publisher).name
    return item


def to_csl_json(ds: AnyDataset, sources: Iterable[Source] | None = None) -> str:
    """The sources as CSL-JSON (Zotero, Mendeley and pandoc import it).

    >>> import json, stepanakert2020
    >>> json.loads(to_csl_json(stepanakert2020.load()))[0]["issued"]["date-parts"][0][0] >= 1990
    True
    """
    return json.dumps([csl_item(ds, s) for s in _sources(ds, sources)], indent=2, ensure_ascii=False) + "\n"


def _bibtex_url(url: str) -> str:
    """A URL for a BibTeX ``url`` field (read verbatim): braces and backslashes percent-encoded,
    so that no URL can close the field and add fields of its own.

    >>> _bibtex_url("https://example.org/a}b{c")
    'https://example.org/a%7Db%7Bc'
    """
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex_escape(text: str) -> str:
    table = {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
    return "".join(table.get(ch, ch) for ch in text)


def bibtex_entry(ds: AnyDataset, source: Source) -> str:
    """One source as a BibTeX entry: ``@techreport`` for investigations and UN documents,
    ``@article`` for news reports (the outlet as ``journal``), ``@misc`` otherwise. The
    publisher is the institutional author (double braces, so styles do not split it into
    names), so that author-date styles such as APA do not move the title into the author slot.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> print(bibtex_entry(ds, ds.source("hrw-2020-12-11-unlawful-strikes")).splitlines()[1])
      author = {{Human Rights Watch}},
    """
    kind = {SourceKind.INVESTIGATION: "techreport", SourceKind.UN_DOCUMENT: "techreport"}.get(source.kind, "misc")
    kind = "article" if source.kind is SourceKind.NEWS_REPORT else kind
    publisher = _bibtex_escape(ds.record(source.publisher).name)
    where = {"techreport": "institution", "article": "journal"}.get(kind, "publisher")
    fields = {
        "author": "{" + publisher + "}",
        "title": "{" + _bibtex_escape(source.title) + "}",
        where: publisher,
        "year": str(source.published.earliest.year),
        "url": _bibtex_url(source.url),
        "language": _bibtex_escape(source.language),
        "note": f"Published {source.published.edtf}",
    }
    if source.published.precision.value != "year":
        fields["month"] = str(source.published.earliest.month)
    if source.published.precision.value == "day" and not source.published.interval:
        fields["date"] = source.published.earliest.isoformat()
    if source.original_publisher is not None:
        original = _bibtex_escape(ds.record(source.original_publisher).name)
        fields["origpublisher"] = original  # BibLaTeX's field; BibTeX styles ignore it, so the note says it too
        fields["note"] += f"; republishes content of {original}"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{{source.id},\n{body}\n}}\n"


def to_bibtex(ds: AnyDataset, sources: Iterable[Source] | None = None) -> str:
    """The sources as BibTeX, one entry each, keyed by source id.

    >>> import stepanakert2020
    >>> to_bibtex(stepanakert2020.load()).lstrip().startswith("@")
    True
    """
    return "\n".join(bibtex_entry(ds, s) for s in _sources(ds, sources))


# -- pandas ----------------------------------------------------------------------------

_TABLE_RECORDS = {
    "events": lambda ds: ds.events(),
    "claims": lambda ds: ds.claims(),
    "figures": lambda ds: ds.figures(),
    "sources": lambda ds: ds.sources(),
    "citations": lambda ds: ds.citations(),
    "places": lambda ds: ds.places(),
    "actors": lambda ds: ds.actors(),
    "weapons": lambda ds: ds.weapons(),
    "withdrawn": lambda ds: ds.withdrawn(),
}


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f"this needs {module}: pip install {module} (or install stepanakert2020 with its '{extra}' extra)"
        ) from None


def to_dataframe(ds: AnyDataset = None, table: str = "events") -> Any:
    """A table of ``ds`` (default: the bundled data) as a pandas DataFrame with proper dtypes
    (needs pandas). The dataset comes first, as in every other export.

    Strings are ``string``, enumerated columns ``category``, derived dates ``datetime64``,
    counts nullable ``Int64``, flags ``boolean``. The order of 0.2 (``to_dataframe("events",
    ds)``) still works, with a DeprecationWarning, until 0.4.0.

    >>> import stepanakert2020
    >>> df = to_dataframe(stepanakert2020.load(), "events")
    >>> str(df["date_earliest"].dtype), str(df["kind"].dtype)
    ('datetime64[s]', 'category')
    """
    import enum

    if isinstance(ds, str):  # the order of 0.2: (table, ds)
        deprecated("to_dataframe(table, ds)", "to_dataframe(ds, table)")
        ds, table = (None if table == "events" else table), ds

    pd = _require("pandas", "pandas")
    if table not in _TABLE_RECORDS:
        raise ValueError(f"unknown table {table!r}: choose one of {', '.join(_TABLE_RECORDS)}")
    if ds is None:
        from .loading import load

        ds = load()
    cls = TABLES[table].cls
    records = _TABLE_RECORDS[table](ds)
    frame = pd.DataFrame([to_row(r) for r in records], columns=[f["name"] for f in _fields(table)])
    for column in columns(cls):
        attribute, tp = column.attribute, column.type
        name = attribute.name
        if tp is DateSpec:
            frame[name] = frame[name].astype("string")
            for suffix in ("earliest", "latest"):
                frame[f"{name}_{suffix}"] = pd.to_datetime(frame[f"{name}_{suffix}"]).astype("datetime64[s]")
            frame[f"{name}_precision"] = pd.Categorical(frame[f"{name}_precision"], categories=["day", "month", "year"])
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            frame[name] = pd.Categorical(frame[name], categories=[m.value for m in tp])
        elif tp is int:
            frame[name] = pd.array([None if v == "" else int(v) for v in frame[name]], dtype="Int64")
        elif tp is float:
            frame[name] = frame[name].astype("float64")
        elif tp is bool:
            frame[name] = frame[name].map({"true": True, "false": False}).astype("boolean")
        else:
            column = frame[name].replace("", None) if _optional(cls, name) else frame[name]
            frame[name] = column.astype("string")
    return frame


def write_parquet(ds: AnyDataset, output: str | os.PathLike[str], events: Iterable[Event] | None = None) -> Path:
    """The selected events as a Parquet file with the typed columns of :func:`to_dataframe`
    (needs pyarrow and pandas).

    >>> import stepanakert2020, tempfile, os
    >>> path = write_parquet(stepanakert2020.load(), os.path.join(tempfile.mkdtemp(), "events.parquet"))
    >>> path.suffix
    '.parquet'
    """
    pa = _require("pyarrow", "parquet")
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    frame = to_dataframe(ds, "events")
    chosen = {e.id for e in _events(ds, events)}
    frame = frame[frame["id"].isin(chosen)].reset_index(drop=True)
    path = Path(output)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return path


def _fields(table: str) -> list[dict[str, Any]]:
    from .schema import table_schema

    return list(table_schema(TABLES[table])["fields"])


def _optional(cls: type[Any], name: str) -> bool:
    return any(c.name == name and c.optional for c in columns(cls))


# -- one entry point -------------------------------------------------------------------


def check_output(path: str | os.PathLike[str], *, folder: bool, force: bool) -> None:
    """Refuse to write over a user's work: an existing file, or a folder with files in it, unless
    ``force``; a folder where a file is asked for, or a file where a folder is, always.

    >>> import tempfile
    >>> check_output(tempfile.mkdtemp(), folder=True, force=False)  # an empty folder is fine
    """
    path = os.fspath(path)
    if folder:
        if os.path.exists(path) and not os.path.isdir(path):
            raise FileExistsError(f"{_printable(path)} exists and is not a folder")
        if os.path.isdir(path) and os.listdir(path) and not force:
            raise FileExistsError(f"{_printable(path)} is a folder with files in it: choose a new one or add --force")
        return
    if os.path.isdir(path):
        raise IsADirectoryError(f"{_printable(path)} is a folder: give a file name")
    if os.path.lexists(path) and not force:
        raise FileExistsError(f"{_printable(path)} exists: choose a new name or add --force to replace it")


def export_text(ds: AnyDataset, fmt: str, events: Iterable[Event] | None = None) -> str:
    """The export in format ``fmt`` as text: any of :data:`FORMATS` but ``datapackage`` (a folder).

    >>> import stepanakert2020
    >>> export_text(stepanakert2020.load(), "csv").startswith("id,kind")
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt in WRITTEN_ONLY:
        raise ValueError(f"the {fmt} format is written to a file or folder: use export(ds, {fmt!r}, output)")
    chosen = _events(ds, events)
    if fmt in ("csl-json", "bibtex"):
        subset = related(ds, chosen)["sources"]
        return to_csl_json(ds, subset) if fmt == "csl-json" else to_bibtex(ds, subset)
    from . import crosswalk

    writers = {
        "csv": to_csv,
        "json": to_json,
        "geojson": to_geojson,
        "acled": crosswalk.to_acled,
        "ucdp-ged": crosswalk.to_ucdp_ged,
        "timelinejs": crosswalk.to_timelinejs,
        "kml": crosswalk.to_kml,
    }
    return writers[fmt](ds, chosen)


@overload
def export(ds: AnyDataset, fmt: str, output: str | os.PathLike[str], events: Iterable[Event] | None = None) -> Path: ...
@overload
def export(ds: AnyDataset, fmt: str, output: None = None, events: Iterable[Event] | None = None) -> str: ...
def export(
    ds: AnyDataset, fmt: str, output: str | os.PathLike[str] | None = None, events: Iterable[Event] | None = None
) -> Path | str:
    """Write the export in format ``fmt`` (one of :data:`FORMATS`) to ``output`` and return its path
    (for ``datapackage``, the folder's ``datapackage.json``). For the text, use :func:`export_text`.

    Without ``output`` it returns the text, as before 0.3.0: deprecated, to be removed in 0.4.0.

    >>> import stepanakert2020, tempfile, os
    >>> path = export(stepanakert2020.load(), "csv", os.path.join(tempfile.mkdtemp(), "events.csv"))
    >>> path.name
    'events.csv'
    """
    if output is None:
        deprecated("export() without an output", "export_text() for the text")
        return export_text(ds, fmt, events)
    if fmt == "datapackage":
        return write_datapackage(ds, output, events)
    if fmt == "parquet":
        return write_parquet(ds, output, events)
    text = export_text(ds, fmt, events)
    path = Path(output)
    path.write_text(text, encoding="utf-8", newline="")
    return path
