"""Every export read back by a real reader gives the same records; frictionless validates the packages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import stepanakert2020 as s
from stepanakert2020 import exports
from stepanakert2020.cli import main
from stepanakert2020.convert import from_row
from stepanakert2020.resources import bundled_root

DS = s.load()


def test_csv_read_back_with_csv_and_pandas() -> None:
    import pandas as pd

    text = exports.to_csv(DS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [e.id for e in DS.events()]
    for row, event in zip(rows, DS.events(), strict=True):
        assert from_row(s.Event, row) == event
        place: Any = DS.record(event.place)
        assert (float(row["latitude"]), float(row["longitude"])) == (place.latitude, place.longitude)
        assert int(row["claims"]) == len(DS.claims(event=event))
        assert row["source_ids"].split(";") == exports._source_ids(DS, event)
    frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(frame["id"]) == [e.id for e in DS.events()]


def test_json_validates_against_its_schema_and_round_trips() -> None:
    import jsonschema

    document = json.loads(exports.to_json(DS))
    jsonschema.validate(document, exports.json_schema())
    shipped = json.loads((Path(s.__file__).parent / "export.schema.json").read_text(encoding="utf-8"))
    assert shipped == exports.json_schema(), "regenerate src/stepanakert2020/export.schema.json"

    def back(cls: type[Any], data: dict[str, Any]) -> Any:
        row = {k: (v["edtf"] if isinstance(v, dict) and "edtf" in v else v) for k, v in data.items()}
        row = {
            k: ("" if v is None else ("true" if v is True else "false" if v is False else str(v)))
            for k, v in row.items()
        }
        return from_row(cls, row)

    for data, event in zip(document["events"], DS.events(), strict=True):
        assert back(s.Event, data) == event
        assert [back(s.Claim, c) for c in data["claims"]] == list(DS.claims(event=event))
        assert [back(s.Figure, f) for f in data["figures"]] == list(DS.figures(event=event))
        assert [c["source"] for c in data["citations"]] == [c.source for c in DS.citations_for(event)]
    expected = {x.id for x in DS.sources() if DS.events(source=x)}  # cited by the events and what hangs on them
    places = {p for e in DS.events() for p in exports._chain(e.place, DS.record)}
    places |= {p for f in DS.figures() for p in exports._chain(f.place, DS.record)}
    expected |= {c.source for p in places for c in DS.citations_for(p)}  # where the coordinates come from
    originals = {o for i in expected if (o := DS.source(i).original) is not None}
    while originals - expected:  # and the originals they copy
        expected |= originals
        originals = {o for i in expected if (o := DS.source(i).original) is not None}
    assert {x["id"] for x in document["sources"]} == expected


def test_geojson_is_valid_rfc7946_with_longitude_first() -> None:
    import geojson

    text = exports.to_geojson(DS)
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    for feature, event in zip(collection["features"], DS.events(), strict=True):
        place: Any = DS.record(event.place)
        assert feature["geometry"]["coordinates"] == [place.longitude, place.latitude]
        assert feature["properties"]["geo_precision"] == place.geo_precision.value


def test_datapackage_export_is_valid_and_loads_back(tmp_path: Path) -> None:
    from frictionless import Package

    strikes = DS.events(kind="context")
    descriptor = exports.write_datapackage(DS, tmp_path / "out", strikes)
    report = Package(str(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    back = s.load(bundled=False, extra=[tmp_path / "out"])
    assert back.events() == strikes
    assert set(back.claims()) >= {c for e in strikes for c in DS.claims(event=e)}


def test_bundled_package_passes_frictionless_and_a_broken_copy_does_not(tmp_path: Path) -> None:
    from frictionless import Package

    report = Package(str(bundled_root().joinpath("datapackage.json"))).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    broken = tmp_path / "broken"
    shutil.copytree(str(bundled_root()), broken, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    events = broken / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",stepanakert,", ",atlantis,", 1), encoding="utf-8")
    assert not Package(str(broken / "datapackage.json")).validate().valid


def test_csl_json_is_read_by_citeproc() -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(exports.to_csl_json(DS))
    assert [i["id"] for i in items] == sorted(x.id for x in DS.sources())
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    for item in items:
        assert any(item["title"][:20] in entry for entry in rendered)
    relays = [x for x in DS.sources() if x.original_publisher]
    assert relays, "the bundled data has republications"
    by_id = {item["id"]: item for item in items}
    for relay in relays:
        assert by_id[relay.id]["original-publisher"] == DS.actor(relay.original_publisher or "").name
    assert all("original-publisher" not in by_id[x.id] for x in DS.sources() if not x.original_publisher)


def test_bibtex_is_read_by_bibtexparser() -> None:
    import bibtexparser

    library = bibtexparser.parse_string(exports.to_bibtex(DS))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == sorted(x.id for x in DS.sources())
    for entry in library.entries:
        source: Any = DS.record(entry.key)
        assert entry["url"] == source.url
        assert entry["year"] == str(source.published.earliest.year)
        if source.original_publisher:
            assert entry["origpublisher"] == exports._bibtex_escape(DS.actor(source.original_publisher).name)
        else:
            assert "origpublisher" not in entry.fields_dict


def test_a_url_or_language_cannot_add_bibtex_fields() -> None:
    import attrs
    import bibtexparser

    source = attrs.evolve(DS.sources()[0], url="https://example.org/x},note={injected", language="en}, x={y")
    library = bibtexparser.parse_string(exports.bibtex_entry(DS, source))
    (entry,) = library.entries
    assert not library.failed_blocks
    assert entry["url"] == "https://example.org/x%7D,note=%7Binjected"
    known = {"title", "publisher", "institution", "year", "url", "language", "note", "month", "date"}
    known |= {"origpublisher", "author", "journal"}
    assert set(entry.fields_dict) <= known  # nothing injected
    assert "injected" not in entry["note"] and entry["language"].startswith("en")


def test_dataframes_have_proper_dtypes() -> None:
    for table in ("events", "claims", "figures", "sources", "citations", "places", "actors", "weapons"):
        frame = exports.to_dataframe(DS, table)
        assert len(frame) == len(exports._TABLE_RECORDS[table](DS))
    figures = exports.to_dataframe(DS, "figures")
    assert str(figures["low"].dtype) == "Int64"
    assert str(exports.to_dataframe(DS, "places")["latitude"].dtype) == "float64"
    with pytest.raises(ValueError, match="unknown table"):
        exports.to_dataframe(DS, "nope")


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError("no pandas here")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    with pytest.raises(ImportError, match=r"pip install pandas \(or install stepanakert2020 with its .pandas. extra\)"):
        exports.to_dataframe(DS, "events")


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_cli_export_matches_the_api(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / ("pkg" if fmt == "datapackage" else f"out.{fmt}")
    assert main(["export", "--format", fmt, "--kind", "context", "--output", str(out)]) == 0
    events = DS.events(kind="context")
    if fmt == "datapackage":
        assert s.load(bundled=False, extra=[out]).events() == events
    elif fmt == "parquet":
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        assert list(pq.read_table(out).column("id").to_pylist()) == [e.id for e in events]
    else:
        assert out.read_text(encoding="utf-8") == exports.export_text(DS, fmt, events=events)
    if fmt not in exports.WRITTEN_ONLY:
        assert main(["export", "--format", fmt, "--kind", "context"]) == 0
        assert capsys.readouterr().out.rstrip("\n") == exports.export_text(DS, fmt, events=events).rstrip("\n")


def test_an_exported_subset_carries_the_originals_its_sources_copy() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from stepanakert2020.testing import datasets

    @settings(max_examples=25, deadline=None)
    @given(datasets(max_events=3), st.data())
    def check(ds: Any, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(ds.events()), unique=True)) if ds.events() else []
        subset = exports.related(ds, chosen)
        source_ids = {x.id for x in subset["sources"]}
        actor_ids = {a.id for a in subset["actors"]}
        for source in subset["sources"]:
            assert source.original is None or source.original in source_ids
            assert source.original_publisher is None or source.original_publisher in actor_ids
        s.Dataset(**subset)  # a closed subset: every reference resolves, so it builds

    check()


def test_the_old_export_calls_still_work_and_warn(tmp_path: Path) -> None:
    with pytest.warns(DeprecationWarning, match="export_text"):
        assert exports.export(DS, "csv") == exports.export_text(DS, "csv")
    with pytest.warns(DeprecationWarning, match=r"to_dataframe\(ds, table\)"):
        old = exports.to_dataframe("claims", DS)  # type: ignore[arg-type]
    assert old.equals(exports.to_dataframe(DS, "claims"))
    path = exports.export(DS, "geojson", tmp_path / "events.geojson")
    assert path == tmp_path / "events.geojson" and path.read_text(encoding="utf-8") == exports.export_text(
        DS, "geojson"
    )
