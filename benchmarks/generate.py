"""Write synthetic, valid stepanakert2020 Data Packages of any size, for the scale benchmarks.

    python benchmarks/generate.py 100000 /tmp/synthetic-1e5     # one package of 10^5 events

A package of ``n`` events holds about ``1.2 n`` claims (a fifth of events get a denial that
answers the first claim), ``n / 4`` figures, ``n / 10`` sources, ``2.6 n`` citations,
``n / 20`` buildings in districts in cities in a region (with names in other languages),
a few dozen actors, a dozen weapons and a few withdrawn ids. Every row is written through
:func:`stepanakert2020.convert.to_row` in the bundled package's column order, and
``datapackage.json`` through :func:`stepanakert2020.descriptor.render`, so the files are in
exactly the real format and pass every rule of :func:`stepanakert2020.load`.

Events are spread at a constant density of about ten a day from 1990-01-01 on (a package of
10^6 events spans 274 years), so a date window of fixed length returns about the same number
of events ``k`` at every size. Most dates are days; some are approximate, month or year
dates, or intervals of a few days. Rows are shuffled so that nothing arrives presorted.
Generated packages are benchmark fixtures: write them to a temporary folder, never commit them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from stepanakert2020 import descriptor
from stepanakert2020.convert import to_row
from stepanakert2020.dates import DateSpec, parse_date
from stepanakert2020.model import (
    Actor,
    ActorKind,
    Citation,
    Claim,
    Cluster,
    DateMeaning,
    Event,
    EventKind,
    Figure,
    GeoPrecision,
    Measure,
    Place,
    PlaceKind,
    PopulationGroup,
    Qualifier,
    Source,
    SourceKind,
    Stance,
    Subject,
    Tombstone,
    Weapon,
    WeaponCategory,
)
from stepanakert2020.schema import TABLES, PlaceNameRow, table_schema

__all__ = ["EVENTS_PER_DAY", "FIRST_DAY", "generate", "window"]

#: The first day of the synthetic timeline.
FIRST_DAY = dt.date(1990, 1, 1)
#: About this many events start on each day, at every size.
EVENTS_PER_DAY = 10

_WORDS = [
    "shelling",
    "strike",
    "rocket",
    "artillery",
    "drone",
    "residential",
    "district",
    "market",
    "school",
    "hospital",
    "maternity",
    "shelter",
    "water",
    "power",
    "line",
    "street",
    "square",
    "cathedral",
    "bridge",
    "road",
    "convoy",
    "report",
    "witness",
    "photograph",
    "crater",
    "submunition",
    "fragment",
    "damage",
    "casualties",
    "evacuated",
    "families",
    "basement",
    "night",
    "morning",
    "afternoon",
    "centre",
    "north",
    "south",
    "east",
    "west",
    "outskirts",
]
_KINDS = [
    (EventKind.STRIKE, 50),
    (EventKind.REPORT, 10),
    (EventKind.STATEMENT, 15),
    (EventKind.HUMANITARIAN, 10),
    (EventKind.CEASEFIRE, 2),
    (EventKind.LEGAL, 3),
    (EventKind.CONTEXT, 10),
]
_SUBJECTS = (Subject.OCCURRENCE, Subject.PERPETRATOR, Subject.WEAPON, Subject.CASUALTIES, Subject.DAMAGE)


def window(events: int, days: int = 10) -> tuple[dt.date, dt.date]:
    """A window of ``days`` days inside a generated package of ``events`` events, the same at every size.

    It starts 3,000 days in, or in the middle of a package too short for that (10^3 events span
    100 days), so a query over it returns about the same events ``k`` at every size.
    """
    span = events // EVENTS_PER_DAY
    start = FIRST_DAY + dt.timedelta(days=min(3_000, max(0, (span - days) // 2)))
    return start, start + dt.timedelta(days=days - 1)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(_WORDS, k=words))


class _Dates:
    """EDTF strings parsed once each (the same strings recur across records)."""

    def __init__(self) -> None:
        self.cache: dict[str, DateSpec] = {}

    def __call__(self, text: str) -> DateSpec:
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = parse_date(text)
        return found


def _event_date(rng: random.Random, day: dt.date, dates: _Dates) -> tuple[DateSpec, DateMeaning]:
    roll = rng.random()
    if roll < 0.04:
        end = day + dt.timedelta(days=rng.randint(1, 4))
        meaning = DateMeaning.DURATION if rng.random() < 0.5 else DateMeaning.WINDOW
        return dates(f"{day.isoformat()}/{end.isoformat()}"), meaning
    if roll < 0.07:
        return dates(day.strftime("%Y-%m")), DateMeaning.POINT
    if roll < 0.08:
        return dates(f"{day.year:04d}"), DateMeaning.POINT
    if roll < 0.10:
        return dates(day.isoformat() + "~"), DateMeaning.POINT
    return dates(day.isoformat()), DateMeaning.POINT


def _actors(n: int) -> list[Actor]:
    actors = [
        Actor("state-a", "State A", ActorKind.STATE),
        Actor("state-b", "State B", ActorKind.STATE),
        Actor("forces-a", "Armed forces of State A", ActorKind.ARMED_FORCES, parent="state-a"),
        Actor("forces-b", "Armed forces of State B", ActorKind.ARMED_FORCES, parent="state-b"),
        Actor("ministry-a", "Ministry of Defence of State A", ActorKind.GOVERNMENT_BODY, parent="state-a"),
        Actor("ministry-b", "Ministry of Defence of State B", ActorKind.GOVERNMENT_BODY, parent="state-b"),
        Actor("city-authority", "City administration", ActorKind.LOCAL_AUTHORITY),
        Actor("ombudsman", "Human rights ombudsman", ActorKind.OFFICIAL),
        Actor("un-ohchr", "UN human rights office", ActorKind.UN_BODY),
        Actor("icrc", "International Committee of the Red Cross", ActorKind.INTERNATIONAL_ORGANISATION),
    ]
    actors += [Actor(f"ngo-{i}", f"NGO {i}", ActorKind.NGO) for i in range(1, 6)]
    actors += [Actor(f"media-{i}", f"News outlet {i}", ActorKind.MEDIA) for i in range(1, 16 + n // 1_000)]
    actors += [Actor(f"person-{i}", f"Witness {i}", ActorKind.PERSON, notes="synthetic") for i in range(1, 6)]
    return actors


def _places(n: int, rng: random.Random) -> tuple[list[Place], list[PlaceNameRow], list[str]]:
    places = [Place("region", "Region", PlaceKind.REGION, 39.8, 46.75, GeoPrecision.REGION)]
    names = []
    cities = [f"city-{i}" for i in range(1, max(2, n // 5_000) + 1)]
    for i, city in enumerate(cities):
        places.append(
            Place(
                city,
                f"City {i + 1}",
                PlaceKind.CITY,
                39.0 + i * 0.01,
                46.0,
                GeoPrecision.CITY_CENTROID,
                parent="region",
            )
        )
        names += [PlaceNameRow(city, f"Քաղաք {i + 1}", "hy"), PlaceNameRow(city, f"Şəhər {i + 1}", "az")]
    districts = [f"district-{i}" for i in range(1, max(5, n // 200) + 1)]
    for i, district in enumerate(districts):
        places.append(
            Place(
                district,
                f"District {i + 1}",
                PlaceKind.DISTRICT,
                39.8,
                46.7 + (i % 100) * 0.001,
                GeoPrecision.APPROXIMATE,
                parent=cities[i % len(cities)],
            )
        )
    buildings = [f"building-{i}" for i in range(1, max(10, n // 20) + 1)]
    for i, building in enumerate(buildings):
        places.append(
            Place(
                building,
                f"Building {i + 1}",
                PlaceKind.BUILDING,
                39.81,
                46.75,
                GeoPrecision.EXACT,
                parent=districts[i % len(districts)],
                notes=_text(rng, 3),
            )
        )
    return places, names, cities + districts + buildings


def _weapons() -> list[Weapon]:
    return [
        Weapon("artillery", "Artillery", WeaponCategory.ARTILLERY, Cluster.NO),
        Weapon("mlrs", "Multiple rocket launchers", WeaponCategory.MULTIPLE_ROCKET_LAUNCHER),
        Weapon("mlrs-a", "Launcher A", WeaponCategory.MULTIPLE_ROCKET_LAUNCHER, parent="mlrs"),
        Weapon("rocket-a", "Rocket A", WeaponCategory.ROCKET, Cluster.YES, parent="mlrs-a"),
        Weapon("rocket-b", "Rocket B", WeaponCategory.ROCKET, Cluster.NO, parent="mlrs-a"),
        Weapon("cluster", "Cluster munitions", WeaponCategory.CLUSTER_MUNITION, Cluster.YES),
        Weapon("drone", "Drones", WeaponCategory.DRONE, Cluster.NO),
        Weapon("drone-a", "Loitering munition A", WeaponCategory.DRONE, Cluster.NO, parent="drone"),
        Weapon("aircraft", "Aircraft", WeaponCategory.AIRCRAFT),
        Weapon("missile", "Ballistic missiles", WeaponCategory.MISSILE),
        Weapon("missile-a", "Missile A", WeaponCategory.MISSILE, Cluster.UNKNOWN, parent="missile"),
        Weapon("other", "Other weapons", WeaponCategory.OTHER),
    ]


def _records(n: int, seed: int) -> dict[str, list[Any]]:
    """Every table of a valid package of ``n`` events."""
    rng = random.Random(seed)
    dates = _Dates()
    actors = _actors(n)
    claimants = [a.id for a in actors]
    places, place_names, place_ids = _places(n, rng)
    weapons = _weapons()
    kinds, weights = zip(*_KINDS, strict=True)
    events: list[Event] = []
    claims: list[Claim] = []
    figures: list[Figure] = []
    sources: list[Source] = []
    citations: list[Citation] = []
    chunk: list[Any] = []  # records of the current source, cited when it is published

    def publish(index: int, latest: dt.date) -> None:
        source = Source(
            f"source-{index:07d}",
            rng.choice(list(SourceKind)),
            rng.choice(claimants),
            f"Report {index}: {_text(rng, 6)}",
            f"https://example.org/reports/{index}",
            dates((latest + dt.timedelta(days=5)).isoformat()),
            "en",
        )
        sources.append(source)
        for record in chunk:
            citations.append(Citation(record.id, source.id, f"p. {rng.randint(1, 40)}" if rng.random() < 0.3 else ""))
        chunk.clear()

    latest = FIRST_DAY
    for i in range(n):
        day = FIRST_DAY + dt.timedelta(days=i // EVENTS_PER_DAY)
        date, meaning = _event_date(rng, day, dates)
        kind = rng.choices(kinds, weights)[0]
        event = Event(
            f"event-{i:07d}",
            kind,
            f"{kind.value.capitalize()}: {_text(rng, 5)}",
            _text(rng, 25),
            date,
            meaning,
            rng.choice(place_ids),
            notes=_text(rng, 4) if rng.random() < 0.2 else "",
        )
        events.append(event)
        chunk.append(event)
        stated = dates((date.latest + dt.timedelta(days=rng.randint(0, 3))).isoformat())
        subject = rng.choice(_SUBJECTS)
        first = Claim(
            f"claim-{i:07d}-1",
            event.id,
            rng.choice(claimants),
            Stance.ALLEGES if rng.random() < 0.5 else Stance.REPORTS,
            subject,
            _text(rng, 15),
            stated,
            asserted_actor=rng.choice(("forces-a", "forces-b")) if subject is Subject.PERPETRATOR else None,
            asserted_weapon=rng.choice(weapons).id if subject is Subject.WEAPON else None,
        )
        claims.append(first)
        chunk.append(first)
        if rng.random() < 0.2:
            denial = Claim(
                f"claim-{i:07d}-2",
                event.id,
                rng.choice(("ministry-a", "ministry-b")),
                Stance.DENIES,
                subject,
                _text(rng, 10),
                stated,
                responds_to=first.id,
            )
            claims.append(denial)
            chunk.append(denial)
        if rng.random() < 0.25:
            low = rng.randint(0, 30)
            qualifier = rng.choice(list(Qualifier))
            bounds = {
                Qualifier.EXACT: (low, low),
                Qualifier.ABOUT: (low, low + 5),
                Qualifier.AT_LEAST: (low, None),
                Qualifier.AT_MOST: (None, low),
                Qualifier.RANGE: (low, low + 10),
            }[qualifier]
            figure = Figure(
                f"figure-{i:07d}",
                event.id,
                rng.choice((Measure.KILLED, Measure.INJURED, Measure.BUILDINGS_DAMAGED)),
                rng.choice(list(PopulationGroup)),
                qualifier,
                dates((date.latest + dt.timedelta(days=1)).isoformat()),
                rng.choice(claimants),
                rng.choice(place_ids),
                low=bounds[0],
                high=bounds[1],
            )
            figures.append(figure)
            chunk.append(figure)
        latest = max(latest, stated.latest)
        if (i + 1) % 10 == 0 or i == n - 1:
            publish(len(sources) + 1, latest)
    # a fifth of events also cite the source after their own one (published later, so still valid)
    for i, event in enumerate(events[: len(events) - 10]):
        if rng.random() < 0.2:
            citations.append(Citation(event.id, sources[i // 10 + 1].id, "annex"))
    withdrawn = [Tombstone(f"withdrawn-{i}", "0.1.0", "merged into another event", events[i].id) for i in range(3)]
    return {
        "actors": actors,
        "places": places,
        "place_names": place_names,
        "weapons": weapons,
        "sources": sources,
        "events": events,
        "claims": claims,
        "figures": figures,
        "citations": citations,
        "withdrawn": withdrawn,
    }


def _rows(records: Iterable[Any]) -> Iterator[dict[str, str]]:
    for record in records:
        if isinstance(record, PlaceNameRow):
            yield {"place": record.place, "name": record.name, "language": record.language}
        else:
            yield to_row(record)


def generate(n: int, folder: str | Path, seed: int = 0) -> Path:
    """Write a valid package of ``n`` events into ``folder`` (created; must not hold a package yet)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    if (target / "datapackage.json").exists():
        raise FileExistsError(f"{target} already holds a package")
    tables = _records(n, seed)
    shuffle = random.Random(seed + 1)
    for name, table in TABLES.items():
        rows = tables[name]
        shuffle.shuffle(rows)
        header = [field["name"] for field in table_schema(table)["fields"]]
        with (target / table.path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="raise")
            writer.writeheader()
            writer.writerows(_rows(rows))
    text = json.loads(descriptor.render(target))
    text["name"] = f"synthetic-{n}"
    text["title"] = f"Synthetic benchmark package: {n} events (seed {seed})"
    (target / "datapackage.json").write_text(json.dumps(text, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="number of events, e.g. 100000")
    parser.add_argument("folder", help="an empty or new folder to write the package into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folder = generate(args.events, args.folder, args.seed)
    print(f"wrote {args.events} events to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
