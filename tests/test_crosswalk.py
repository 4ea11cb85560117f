"""The crosswalk exports read back by real readers, with column names and code sets checked
against lists kept here (from ACLED's and UCDP's codebooks), not imported from the code."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import stepanakert2020 as s
from stepanakert2020 import exports

DS = s.load()
STRIKES = DS.events(kind="strike")

ACLED = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
ACLED_EVENT_TYPES = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
}  # fmt: skip
ACLED_REMOTE = {
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
}  # fmt: skip
ACLED_DISORDER = {
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
}
UCDP = [
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "source_office", "source_date",
    "source_original", "number_of_sources", "where_prec", "where_coordinates", "adm_1", "country", "latitude",
    "longitude", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
]  # fmt: skip


def test_acled_is_read_by_pandas_with_acleds_columns_and_codes() -> None:
    import pandas as pd

    frame = pd.read_csv(io.StringIO(exports.export_text(DS, "acled")), keep_default_na=False)
    assert list(frame.columns) == ACLED
    assert set(frame["time_precision"]) <= {1, 2, 3} and set(frame["geo_precision"]) <= {1, 2, 3}
    assert set(frame["event_type"]) <= ACLED_EVENT_TYPES and set(frame["sub_event_type"]) <= ACLED_REMOTE
    assert set(frame["disorder_type"]) <= ACLED_DISORDER
    assert {str(v) for v in frame["inter1"]} <= {"", *map(str, range(1, 9))} and set(frame["inter2"]) <= set(
        range(1, 9)
    )
    for row in frame.itertuples():
        expected = int(f"{row.inter1}{row.inter2}") if row.inter1 != "" else 70
        assert row.interaction == expected
        assert dt.date.fromisoformat(row.event_date).year == row.year
    assert list(frame["event_id_cnty"]) == [e.id for e in STRIKES]  # no bundled strike lasts days: one row each


def test_acled_splits_a_strike_that_lasted_days_into_one_row_a_day() -> None:
    import attrs

    from stepanakert2020.crosswalk import acled_rows
    from stepanakert2020.dates import parse_date

    event = DS.event("strike-2020-10-31-central-market")
    lasting = attrs.evolve(event, date=parse_date("2020-10-31/2020-11-02"), date_meaning=s.DateMeaning.DURATION)
    window = attrs.evolve(event, date=parse_date("2020-10-31/2020-11-02"), date_meaning=s.DateMeaning.WINDOW)
    killed = [f.low for f in DS.figures(event=event, measure="killed") if f.low is not None]
    rows = acled_rows(DS, [lasting])
    assert [r["event_date"] for r in rows] == ["2020-10-31", "2020-11-01", "2020-11-02"]
    assert rows[1]["event_id_cnty"] == f"{event.id}-2020-11-01"
    assert [r["fatalities"] for r in rows] == [min(killed) if killed else 0, 0, 0]  # the toll once, on day one
    (middle,) = acled_rows(DS, [window])
    assert (middle["event_date"], middle["time_precision"]) == ("2020-11-01", 2)


def test_acled_fatalities_follow_acleds_conservative_rule() -> None:
    import pandas as pd

    frame = pd.read_csv(io.StringIO(exports.export_text(DS, "acled")), keep_default_na=False)
    for event in STRIKES:
        rows = frame[frame["event_id_cnty"].str.startswith(event.id)]
        killed = [
            f.low
            for f in DS.figures(event=event, measure="killed")
            if f.low is not None and (f.scope is None or f.scope.value == "incident")
        ]
        assert int(rows["fatalities"].sum()) == (min(killed) if killed else 0), event.id


def test_ucdp_ged_is_read_by_pandas_with_its_columns_and_codes() -> None:
    import pandas as pd

    frame = pd.read_csv(io.StringIO(exports.export_text(DS, "ucdp-ged")), keep_default_na=False)
    assert list(frame.columns) == UCDP and len(frame) == len(STRIKES)
    assert set(frame["date_prec"]) <= set(range(1, 6)) and set(frame["where_prec"]) <= set(range(1, 8))
    assert set(frame["type_of_violence"]) <= {1, 2, 3} and set(frame["event_clarity"]) <= {1, 2}
    for row in frame.itertuples():
        assert row.date_start <= row.date_end and row.low <= row.best <= row.high
        assert row.number_of_sources == len(DS.sources_behind(row.id))
        assert row.deaths_civilians + row.deaths_unknown + row.deaths_a + row.deaths_b == row.best
        event = DS.event(row.id)
        assert (row.date_start, row.date_end) == (event.date.earliest.isoformat(), event.date.latest.isoformat())


def test_timelinejs_follows_the_documented_structure() -> None:
    document = json.loads(exports.export_text(DS, "timelinejs"))
    assert set(document) == {"title", "events", "eras"} and document["title"]["text"]["headline"]
    ids = [item["unique_id"] for item in document["events"]]
    assert ids == [e.id for e in DS.events()] and len(set(ids)) == len(ids)

    def date(value: dict[str, str]) -> tuple[int, ...]:
        assert set(value) <= {"year", "month", "day"} and value["year"].isdigit()
        return tuple(int(value.get(k, "1")) for k in ("year", "month", "day"))

    for item in document["events"]:
        assert item["text"]["headline"] and item["group"]
        start = date(item["start_date"])
        if "end_date" in item:
            assert date(item["end_date"]) >= start
    assert document["eras"] and all(date(era["end_date"]) >= date(era["start_date"]) for era in document["eras"])


def test_parquet_is_read_by_pyarrow_with_the_dataframes_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path = exports.export(DS, "parquet", tmp_path / "strikes.parquet", events=STRIKES)
    frame = pq.read_table(path).to_pandas()
    expected = exports.to_dataframe(DS, "events")
    expected = expected[expected["kind"] == "strike"].reset_index(drop=True)
    assert list(frame["id"]) == [e.id for e in STRIKES]

    def kinds(dtypes: object) -> dict[str, str]:  # Parquet keeps no second-resolution timestamps: ms comes back
        return {c: str(t).replace("datetime64[ms]", "datetime64[s]") for c, t in dtypes.items()}  # type: ignore[attr-defined]

    assert kinds(frame.dtypes) == kinds(expected.dtypes)


def _distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def test_kml_is_valid_xml_with_the_required_elements_and_true_circles() -> None:
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.fromstring(exports.export_text(DS, "kml").encode("utf-8"))
    assert root.tag == "{http://www.opengis.net/kml/2.2}kml" and root.find("k:Document", ns) is not None
    marks = root.findall(".//k:Placemark", ns)
    assert [m.get("id") for m in marks] == [e.id for e in DS.events()]
    for mark in marks:
        place = DS.place(DS.event(mark.get("id") or "").place)
        assert mark.findtext("k:name", namespaces=ns)
        lon, lat, _ = map(float, (mark.findtext(".//k:Point/k:coordinates", namespaces=ns) or "").split(","))
        assert (lat, lon) == (place.latitude, place.longitude)
        ring = mark.findtext(".//k:LinearRing/k:coordinates", namespaces=ns)
        assert (ring is not None) == bool(place.uncertainty_m)
        if ring:
            points = [tuple(map(float, p.split(",")[:2])) for p in ring.split()]
            assert points[0] == points[-1]  # a closed ring
            for x, y in points:
                assert _distance(lat, lon, y, x) == pytest.approx(place.uncertainty_m, rel=0.02)


@pytest.mark.parametrize("fmt", ["acled", "ucdp-ged", "timelinejs", "kml"])
def test_cli_writes_each_crosswalk(fmt: str, tmp_path: Path) -> None:
    from stepanakert2020.cli import main

    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--format", fmt, "--output", str(out), "--kind", "strike"]) == 0
    assert out.read_text(encoding="utf-8") == exports.export_text(DS, fmt, events=STRIKES)
