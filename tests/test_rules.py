"""Every documented rule fires on a minimal bad dataset, and not on the minimal good one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import stepanakert2020 as s
from stepanakert2020.convert import to_row
from stepanakert2020.dates import parse_date
from stepanakert2020.rules import check
from stepanakert2020.schema import TABLES, PlaceNameRow, table_schema

D = parse_date


def minimal() -> dict[str, list[Any]]:
    """The smallest dataset that uses every table, and breaks no rule."""
    return {
        "actors": [s.Actor("state", "A State", s.ActorKind.STATE), s.Actor("ngo", "An NGO", s.ActorKind.NGO)],
        "places": [
            s.Place("city", "City", s.PlaceKind.CITY, 39.8, 46.75, s.GeoPrecision.CITY_CENTROID, 3000),
            s.Place("square", "Square", s.PlaceKind.SQUARE, 39.81, 46.75, s.GeoPrecision.APPROXIMATE, 300, "city"),
        ],
        "place_names": [PlaceNameRow("city", "Ville", "fr")],
        "weapons": [s.Weapon("mrl", "Launcher", s.WeaponCategory.MULTIPLE_ROCKET_LAUNCHER)],
        "sources": [
            s.Source("src", s.SourceKind.NEWS_REPORT, "ngo", "Report", "https://example.org/r", D("2020-10-05"), "en"),
            s.Source(
                "copy",
                s.SourceKind.NEWS_REPORT,
                "state",
                "Report",
                "https://example.org/c",
                D("2020-10-06"),
                "en",
                original="src",
                original_publisher="ngo",
            ),
        ],
        "events": [
            s.Event(
                "strike", s.EventKind.STRIKE, "A strike", "Shelling.", D("2020-10-04"), s.DateMeaning.POINT, "city"
            ),
            s.Event(
                "war",
                s.EventKind.CONTEXT,
                "Background",
                "Before.",
                D("2020-09/2020-10"),
                s.DateMeaning.DURATION,
                "city",
            ),
        ],
        "claims": [
            s.Claim(
                "says",
                "strike",
                "ngo",
                s.Stance.ALLEGES,
                s.Subject.WEAPON,
                "It was rockets.",
                D("2020-10-05"),
                asserted_weapon="mrl",
            ),
            s.Claim(
                "no",
                "strike",
                "state",
                s.Stance.DENIES,
                s.Subject.WEAPON,
                "It was not.",
                D("2020-10-05"),
                responds_to="says",
            ),
            s.Claim("early", "war", "state", s.Stance.REPORTS, s.Subject.OCCURRENCE, "Said.", D("2020-08")),
        ],
        "figures": [
            s.Figure(
                "killed",
                "strike",
                s.Measure.KILLED,
                s.PopulationGroup.CIVILIAN,
                s.Qualifier.EXACT,
                D("2020-10-05"),
                "ngo",
                "city",
                1,
                1,
            ),
            *(
                s.Figure(
                    f"total-{day}",
                    "war",
                    s.Measure.KILLED,
                    s.PopulationGroup.CIVILIAN,
                    s.Qualifier.AT_LEAST,
                    D(f"2020-10-{day}"),
                    "ngo",
                    "city",
                    count,
                    scope=s.FigureScope.CUMULATIVE,
                )
                for day, count in (("04", 10), ("05", 12))
            ),
        ],
        "citations": [s.Citation(r, "src") for r in ("strike", "says", "no", "killed", "total-04", "total-05")]
        + [s.Citation("war", "src"), s.Citation("early", "src"), s.Citation("square", "src")],
        "withdrawn": [s.Tombstone("gone", "0.1.0", "merged", replaced_by="strike")],
    }


def _replace(table: str, record_id: str, **changes: Any) -> Callable[[dict[str, list[Any]]], None]:
    def change(tables: dict[str, list[Any]]) -> None:
        key = "id" if table not in ("place_names", "citations") else None
        for i, record in enumerate(tables[table]):
            if key is None or record.id == record_id:
                tables[table][i] = attrs.evolve(record, **changes)
                return

    return change


def _add(table: str, record: Any) -> Callable[[dict[str, list[Any]]], None]:
    return lambda tables: tables[table].append(record)


def _drop_citation(record_id: str) -> Callable[[dict[str, list[Any]]], None]:
    def change(tables: dict[str, list[Any]]) -> None:
        tables["citations"] = [c for c in tables["citations"] if c.record != record_id]

    return change


# (name, change, column, words in the reason): each documented rule, broken once
BROKEN: list[tuple[str, Callable[[dict[str, list[Any]]], None], str | None, str]] = [
    ("duplicate id in one table", _add("actors", s.Actor("ngo", "Again", s.ActorKind.NGO)), "id", "duplicate id"),
    (
        "duplicate id across tables",
        _add("weapons", s.Weapon("city", "X", s.WeaponCategory.OTHER)),
        "id",
        "already used in places",
    ),
    ("duplicate citation", _add("citations", s.Citation("strike", "src")), "record", "duplicate citation"),
    ("duplicate place name", _add("place_names", PlaceNameRow("city", "Ville", "fr")), "place", "duplicate place name"),
    ("withdrawn id in use", _add("withdrawn", s.Tombstone("city", "0.1.0", "x")), "id", "withdrawn id is still used"),
    (
        "replacement missing",
        _replace("withdrawn", "gone", replaced_by="nowhere"),
        "replaced_by",
        "no record has this id",
    ),
    ("event place missing", _replace("events", "strike", place="nowhere"), "place", "no places record"),
    ("claimant missing", _replace("claims", "says", claimant="nobody"), "claimant", "no actors record"),
    (
        "named weapon missing",
        _replace("claims", "says", asserted_weapon="nothing"),
        "asserted_weapon",
        "no weapons record",
    ),
    ("answered claim missing", _replace("claims", "no", responds_to="nothing"), "responds_to", "no claims record"),
    ("figure reporter missing", _replace("figures", "killed", reported_by="nobody"), "reported_by", "no actors record"),
    ("source publisher missing", _replace("sources", "src", publisher="nobody"), "publisher", "no actors record"),
    ("cited source missing", _replace("citations", "", source="nothing"), "source", "no sources record"),
    ("cited record missing", _add("citations", s.Citation("nothing", "src")), "record", "no record has this id"),
    ("place name of no place", _add("place_names", PlaceNameRow("nowhere", "X", "fr")), "place", "no places record"),
    ("parent cycle", _replace("places", "city", parent="square"), "parent", "parents form a cycle"),
    ("parent is itself", _replace("actors", "ngo", parent="ngo"), "parent", "parents form a cycle"),
    (
        "weapon parent cycle",
        _add("weapons", s.Weapon("w2", "W2", s.WeaponCategory.OTHER, parent="w2")),
        "parent",
        "cycle",
    ),
    ("duplicate tombstone", _add("withdrawn", s.Tombstone("gone", "0.1.0", "again")), "id", "duplicate id"),
    (
        "claims answer each other",
        _replace("claims", "says", stance=s.Stance.DISPUTES, responds_to="no"),
        "responds_to",
        "form a cycle",
    ),
    ("uncited event", _drop_citation("strike"), "id", "no citation"),
    ("uncited claim", _drop_citation("says"), "id", "no citation"),
    ("uncited figure", _drop_citation("killed"), "id", "no citation"),
    ("source before its event", _replace("sources", "src", published=D("2020-10-03")), "id", "published"),
    (
        "point with an interval",
        _replace("events", "strike", date=D("2020-10-04/2020-10-05")),
        "date",
        "needs a single date",
    ),
    ("duration with one date", _replace("events", "war", date=D("2020-09")), "date", "needs an interval"),
    ("low above high", _replace("figures", "killed", low=3, high=2), "low", "greater than high"),
    ("exact with two bounds", _replace("figures", "killed", high=2), "qualifier", "'exact' needs"),
    (
        "at_least with a high",
        _replace("figures", "killed", qualifier=s.Qualifier.AT_LEAST),
        "qualifier",
        "'at_least' needs",
    ),
    (
        "at_most with a low",
        _replace("figures", "killed", qualifier=s.Qualifier.AT_MOST),
        "qualifier",
        "'at_most' needs",
    ),
    (
        "about without high",
        _replace("figures", "killed", qualifier=s.Qualifier.ABOUT, high=None),
        "qualifier",
        "'about' needs",
    ),
    ("range of one number", _replace("figures", "killed", qualifier=s.Qualifier.RANGE), "qualifier", "'range' needs"),
    ("negative figure", _replace("figures", "killed", low=-1, high=-1), "low", "out of range"),
    ("latitude out of range", _replace("places", "city", latitude=90.5), "latitude", "out of range"),
    ("longitude out of range", _replace("places", "city", longitude=-180.5), "longitude", "out of range"),
    ("id not a slug", _replace("actors", "state", id="A State"), "id", "does not match the pattern"),
    ("denial answers nothing", _replace("claims", "no", responds_to=None), "responds_to", "must name the claim"),
    ("claim answers itself", _replace("claims", "no", responds_to="no"), "responds_to", "cannot answer itself"),
    (
        "claim before its event",
        _replace("claims", "says", stated_on=D("2020-10-03")),
        "stated_on",
        "stated before its event",
    ),
    (
        "exact place kilometres wide",
        _replace("places", "square", geo_precision=s.GeoPrecision.EXACT),
        "uncertainty_m",
        "'exact' needs an uncertainty",
    ),
    ("city centroid metres wide", _replace("places", "city", uncertainty_m=999), "uncertainty_m", "1000 to 25000 m"),
    (
        "region as narrow as a city",
        _replace("places", "city", geo_precision=s.GeoPrecision.REGION),
        "uncertainty_m",
        "10000 m or more",
    ),
    ("located place without a source", _drop_citation("square"), "id", "must cite its coordinates"),
    (
        "copy without original publisher",
        _replace("sources", "copy", original_publisher=None),
        "original_publisher",
        "must name its original_publisher",
    ),
    (
        "original published after its copy",
        _replace("sources", "copy", published=D("2020-10-04")),
        "original",
        "after this copy",
    ),
    ("source copies itself", _replace("sources", "copy", original="copy"), "original", "form a cycle"),
    (
        "sources copy each other",
        _replace("sources", "src", original="copy", original_publisher="state"),
        "original",
        "form a cycle",
    ),
    ("original is no source", _replace("sources", "copy", original="nothing"), "original", "no sources record"),
    (
        "original publisher is no actor",
        _replace("sources", "copy", original_publisher="nobody"),
        "original_publisher",
        "no actors record",
    ),
    ("running total goes down", _replace("figures", "total-05", low=9), "low", "goes down from 10"),
]


def _tables(tables: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {name: list(records) for name, records in tables.items()}


def test_the_minimal_dataset_breaks_no_rule() -> None:
    assert check(minimal()) == []


@pytest.mark.parametrize(("name", "change", "column", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_rule_fires_where_it_is_broken(name: str, change: Any, column: str | None, words: str) -> None:
    tables = _tables(minimal())
    change(tables)
    problems = check(tables)
    assert problems, name
    assert any(p.column == column and words in p.reason for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    "change",
    [
        _replace("claims", "says", stated_on=D("2020-10-03"), prospective=True),  # a forecast may come first
        _replace("claims", "early", stated_on=D("2019")),  # so may a claim about background
        _replace("figures", "killed", qualifier=s.Qualifier.AT_LEAST, high=None),
        _replace("figures", "killed", qualifier=s.Qualifier.RANGE, high=5),
        _replace("figures", "killed", low=0, high=0),  # reported as none
        _replace("places", "city", latitude=-90.0, longitude=180.0),  # the bounds themselves
        _replace("sources", "src", published=D("2020-10")),  # a month that contains the days it documents
        _replace("places", "square", geo_precision=s.GeoPrecision.EXACT, uncertainty_m=250),
        _replace("places", "city", uncertainty_m=1000),
        _replace("places", "city", uncertainty_m=None),  # not stated
        _replace("sources", "copy", published=D("2020-10-05")),  # published the same day as its original
        _replace("figures", "total-05", low=10),  # a running total that stays
        _replace("figures", "total-05", low=9, notes="The office corrected its count."),  # goes down, says why
        _replace("figures", "total-05", low=9, scope=s.FigureScope.SNAPSHOT),  # a state can go down
        _drop_citation("city"),  # a place located to its city needs no source of its own
    ],
)
def test_no_rule_fires_at_its_edge(change: Any) -> None:
    tables = _tables(minimal())
    change(tables)
    assert check(tables) == []


def test_the_loader_runs_the_same_rules_and_places_them_in_the_files(tmp_path: Path) -> None:
    tables = _tables(minimal())
    _replace("claims", "no", responds_to="no")(tables)
    _replace("figures", "killed", low=-1, high=-1)(tables)
    folder = tmp_path / "pkg"
    folder.mkdir()
    resources = []
    for name, table in TABLES.items():
        header = [f["name"] for f in table_schema(table)["fields"]]
        lines = [",".join(header)] + [",".join(_quote(to_row(r).get(h, "")) for h in header) for r in tables[name]]
        (folder / table.path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        resources.append({"name": name, "path": table.path})
    (folder / "datapackage.json").write_text(json.dumps({"name": "mini", "resources": resources}), encoding="utf-8")
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder])
    found = {(Path(p.file).name, p.line, p.column) for p in info.value.problems}
    assert found == {("claims.csv", 3, "responds_to"), ("figures.csv", 2, "low"), ("figures.csv", 2, "high")}


def _quote(cell: str) -> str:
    return f'"{cell}"' if "," in cell else cell
