"""Exports in other datasets' conventions: ACLED, UCDP GED, TimelineJS, KML and Parquet.

Each mapping decision is written once, here, and explained in docs/interop.md with what the
target format cannot hold. The strikes are the unit for ACLED and UCDP GED (the other events
are statements, reports and context, which those datasets do not record); TimelineJS and KML
take every selected event.

>>> import stepanakert2020
>>> rows = acled_rows(stepanakert2020.load())
>>> rows[0]["event_type"], rows[0]["disorder_type"]
('Explosions/Remote violence', 'Political violence')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import statistics
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from .model import Event, EventKind, GeoPrecision, Measure, PopulationGroup, Subject, WeaponCategory
from .report import INVESTIGATORS, actor_root
from .rules import RESPONSES

__all__ = [
    "ACLED_COLUMNS",
    "UCDP_COLUMNS",
    "acled_rows",
    "to_acled",
    "to_kml",
    "to_timelinejs",
    "to_ucdp_ged",
    "ucdp_rows",
]

#: ACLED's columns, in ACLED's order (its codebook, 2023 layout).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: UCDP GED's columns that this export fills, with its names.
UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "side_a", "side_b", "source_article", "source_office", "source_date",
    "source_original", "number_of_sources", "where_prec", "where_coordinates", "adm_1", "country", "latitude",
    "longitude", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
)  # fmt: skip

#: The parties' armed forces, named after ACLED's pattern for state forces, and UCDP's sides.
_FORCES = {
    "azerbaijan": ("Military Forces of Azerbaijan (2003-)", "Government of Azerbaijan"),
    "armenia": ("Military Forces of Armenia (2018-)", "Government of Armenia"),
    "artsakh": ("Military Forces of Nagorno-Karabakh", "Republic of Artsakh"),
}
#: ACLED's geo_precision and UCDP's where_prec for each of our precisions.
_ACLED_GEO = {GeoPrecision.EXACT: 1, GeoPrecision.APPROXIMATE: 1, GeoPrecision.CITY_CENTROID: 1, GeoPrecision.REGION: 3}
_UCDP_WHERE = {
    GeoPrecision.EXACT: 1,
    GeoPrecision.APPROXIMATE: 2,
    GeoPrecision.CITY_CENTROID: 2,
    GeoPrecision.REGION: 4,
}


def _strikes(ds: Any, events: Iterable[Event] | None) -> list[Event]:
    chosen = ds.events() if events is None else tuple(events)
    return [e for e in chosen if e.kind is EventKind.STRIKE]


def _perpetrator(ds: Any, event: Event) -> str | None:
    """The party named as perpetrator: an independent investigator's finding first, else the
    party most often alleged; None when no claim names one. Denials do not name a perpetrator."""
    named = [
        (ds.actor(c.claimant).kind in INVESTIGATORS, actor_root(ds, c.asserted_actor))
        for c in ds.claims(event=event, subject=Subject.PERPETRATOR)
        if c.asserted_actor and c.stance not in RESPONSES
    ]
    parties = [(independent, party) for independent, party in named if party in _FORCES]
    if not parties:
        return None
    found = [p for independent, p in parties if independent] or [p for _, p in parties]
    return max(sorted(set(found)), key=found.count)


def _killed(ds: Any, event: Event) -> list[Any]:
    """The figures of people killed in this one event (incident scope), every reporter's."""
    return [
        f for f in ds.figures(event=event, measure=Measure.KILLED) if f.scope is None or f.scope.value == "incident"
    ]


def _sub_event(ds: Any, event: Event) -> str:
    categories = {
        ds.weapon(c.asserted_weapon).category
        for c in ds.claims(event=event, subject=Subject.WEAPON)
        if c.asserted_weapon
    }
    if categories & {WeaponCategory.AIRCRAFT, WeaponCategory.DRONE}:
        return "Air/drone strike"
    return "Shelling/artillery/missile attack"


def _claims_note(ds: Any, event: Event) -> str:
    parts: dict[str, None] = {}  # in order, each once: two claims of one statement are said once
    for claim in ds.claims(event=event):
        if claim.subject in (Subject.PERPETRATOR, Subject.WEAPON, Subject.LEGALITY) or claim.stance in RESPONSES:
            who = f"{ds.actor(claim.claimant).name} {claim.stance.value} ({claim.subject.value})"
            parts[f"{who}: {claim.statement}"] = None
    return " ".join(parts)


def _days(event: Event) -> list[tuple[dt.date, int]]:
    """ACLED's (event_date, time_precision) rows of an event: one per day of a duration; one
    for a single day (1); for a window, its middle day, with 2 up to a week and 3 beyond."""
    date = event.date
    span = (date.latest - date.earliest).days
    if span == 0:
        return [(date.earliest, 1)]
    if event.date_meaning.value == "duration":
        return [(date.earliest + dt.timedelta(days=i), 1) for i in range(span + 1)]
    return [(date.earliest + dt.timedelta(days=span // 2), 2 if span < 7 else 3)]


def acled_rows(ds: Any, events: Iterable[Event] | None = None) -> list[dict[str, Any]]:
    """One row per strike and day in ACLED's columns and codes (see docs/interop.md)."""
    rows = []
    for event in _strikes(ds, events):
        place = ds.place(event.place)
        perpetrator = _perpetrator(ds, event)
        killed = [f.low for f in _killed(ds, event) if f.low is not None]
        sources = ds.sources_behind(event)
        days = _days(event)
        for number, (day, precision) in enumerate(days):
            rows.append(
                {
                    "event_id_cnty": event.id if len(days) == 1 else f"{event.id}-{day.isoformat()}",
                    "event_date": day.isoformat(),
                    "year": day.year,
                    "time_precision": precision,
                    "disorder_type": "Political violence",
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": _sub_event(ds, event),
                    "actor1": _FORCES[perpetrator][0] if perpetrator else "",
                    "assoc_actor_1": "",
                    "inter1": 1 if perpetrator else "",
                    "actor2": "Civilians (Azerbaijan)",
                    "assoc_actor_2": "",
                    "inter2": 7,
                    "interaction": 17 if perpetrator else 70,
                    "civilian_targeting": "",
                    "iso": 31,
                    "region": "Caucasus and Central Asia",
                    "country": "Azerbaijan",
                    "admin1": "Nagorno-Karabakh",
                    "admin2": "",
                    "admin3": "",
                    "location": "Stepanakert" if place.geo_precision is not GeoPrecision.REGION else place.name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "geo_precision": _ACLED_GEO[place.geo_precision],
                    "source": "; ".join(sorted({ds.actor(s.original_publisher or s.publisher).name for s in sources})),
                    "source_scale": "",
                    "notes": f"{event.summary} {_claims_note(ds, event)}".strip(),
                    "fatalities": (min(killed) if killed else 0) if number == 0 else 0,
                    "tags": "",
                    "timestamp": "",
                }
            )
    return rows


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_acled(ds: Any, events: Iterable[Event] | None = None) -> str:
    """The strikes as an ACLED-style CSV.

    >>> import stepanakert2020
    >>> to_acled(stepanakert2020.load()).splitlines()[0].split(",")[:3]
    ['event_id_cnty', 'event_date', 'year']
    """
    return _csv(acled_rows(ds, events), ACLED_COLUMNS)


def _date_prec(event: Event) -> int:
    """UCDP's date_prec: 1 a day, 2 a span of 2-6 days, 3 a week, 4 a month, 5 a year."""
    span = (event.date.latest - event.date.earliest).days + 1
    if span == 1:
        return 1
    if span <= 6:
        return 2
    if span <= 7:
        return 3
    return 4 if span <= 31 else 5


def _clear(event: Event, place: Any) -> bool:
    """UCDP's event_clarity 1: the day is known (not a window) and the site is located itself."""
    known_day = event.date.precision.value == "day" and not event.date.interval
    return known_day and place.geo_precision in (GeoPrecision.EXACT, GeoPrecision.APPROXIMATE)


def ucdp_rows(ds: Any, events: Iterable[Event] | None = None) -> list[dict[str, Any]]:
    """One row per strike in UCDP GED's columns and codes (see docs/interop.md)."""
    rows = []
    for event in _strikes(ds, events):
        place = ds.place(event.place)
        perpetrator = _perpetrator(ds, event)
        counts = sorted(f.low for f in _killed(ds, event) if f.low is not None)
        highs = [f.high if f.high is not None else f.low for f in _killed(ds, event) if f.low is not None]
        best = int(statistics.median_low(counts)) if counts else 0
        civilian = all(f.population is PopulationGroup.CIVILIAN for f in _killed(ds, event))
        sources = ds.sources_behind(event)
        rows.append(
            {
                "id": event.id,
                "year": event.date.earliest.year,
                "type_of_violence": 1,
                "side_a": _FORCES[perpetrator][1] if perpetrator else "",
                "side_b": "",
                "source_article": "; ".join(
                    f'{ds.actor(s.publisher).name}, "{s.title}", {s.published}' for s in sources
                ),
                "source_office": "; ".join(sorted({ds.actor(s.publisher).name for s in sources})),
                "source_date": "; ".join(sorted({str(s.published) for s in sources})),
                "source_original": "; ".join(sorted({ds.actor(c.claimant).name for c in ds.claims(event=event)})),
                "number_of_sources": len(sources),
                "where_prec": _UCDP_WHERE[place.geo_precision],
                "where_coordinates": place.name,
                "adm_1": "Nagorno-Karabakh",
                "country": "Azerbaijan",
                "latitude": place.latitude,
                "longitude": place.longitude,
                "event_clarity": 1 if _clear(event, place) else 2,
                "date_prec": _date_prec(event),
                "date_start": event.date.earliest.isoformat(),
                "date_end": event.date.latest.isoformat(),
                "deaths_a": 0,
                "deaths_b": 0,
                "deaths_civilians": best if civilian else 0,
                "deaths_unknown": 0 if civilian else best,
                "best": best,
                "high": max(highs) if highs else 0,
                "low": counts[0] if counts else 0,
            }
        )
    return rows


def to_ucdp_ged(ds: Any, events: Iterable[Event] | None = None) -> str:
    """The strikes as a UCDP GED-style CSV.

    >>> import stepanakert2020
    >>> "date_prec" in to_ucdp_ged(stepanakert2020.load()).splitlines()[0]
    True
    """
    return _csv(ucdp_rows(ds, events), UCDP_COLUMNS)


def _timeline_date(day: dt.date, precision: str) -> dict[str, str]:
    date = {"year": str(day.year)}
    if precision in ("month", "day"):
        date["month"] = str(day.month)
    if precision == "day":
        date["day"] = str(day.day)
    return date


def to_timelinejs(ds: Any, events: Iterable[Event] | None = None) -> str:
    """A TimelineJS3 JSON document: each event at its dates and precision, its text with its
    sources, the kinds as groups, and the ceasefires as eras.

    >>> import json, stepanakert2020
    >>> doc = json.loads(to_timelinejs(stepanakert2020.load()))
    >>> sorted(doc)
    ['eras', 'events', 'title']
    """
    chosen = ds.events() if events is None else tuple(events)
    items = []
    for event in chosen:
        precision = event.date.precision.value
        links = "".join(
            f'<li><a href="{escape(s.url)}">{escape(ds.actor(s.publisher).name)}: {escape(s.title)}</a>'
            f" ({s.published})</li>"
            for s in ds.sources_behind(event)
        )
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _timeline_date(event.date.earliest, precision),
            "text": {"headline": escape(event.title), "text": f"<p>{escape(event.summary)}</p><ul>{links}</ul>"},
            "group": event.kind.value,
        }
        if event.date.interval:
            item["end_date"] = _timeline_date(event.date.latest, precision)
        items.append(item)
    ceasefires = sorted(ds.events(kind=EventKind.CEASEFIRE), key=lambda e: e.date.earliest)
    eras = []
    for this, following in zip(ceasefires, [*ceasefires[1:], None], strict=True):
        end = following.date.earliest - dt.timedelta(days=1) if following else this.date.latest
        end = max(end, this.date.latest)
        eras.append(
            {
                "start_date": _timeline_date(this.date.earliest, "day"),
                "end_date": _timeline_date(end, "day"),
                "text": {"headline": escape(this.title)},
            }
        )
    title = {
        "text": {
            "headline": "The bombardment of Stepanakert, 2020",
            "text": "From stepanakert2020: every event with its sources.",
        }
    }
    return json.dumps({"title": title, "events": items, "eras": eras}, ensure_ascii=False, indent=1) + "\n"


def _circle(latitude: float, longitude: float, metres: float, points: int = 36) -> str:
    """A ring of ``points`` around a point at ``metres`` (a sphere; KML's lon,lat,alt order)."""
    coordinates = []
    for i in range(points + 1):
        angle = 2 * math.pi * i / points
        lat = latitude + metres / 111_320 * math.sin(angle)
        lon = longitude + metres / (111_320 * math.cos(math.radians(latitude))) * math.cos(angle)
        coordinates.append(f"{lon:.6f},{lat:.6f},0")
    return " ".join(coordinates)


def to_kml(ds: Any, events: Iterable[Event] | None = None) -> str:
    """A KML 2.2 document for Google Earth: a Placemark per event at its place, with the place's
    uncertainty drawn as a circle where it is known.

    >>> import stepanakert2020
    >>> to_kml(stepanakert2020.load()).startswith('<?xml version="1.0" encoding="UTF-8"?>')
    True
    """
    chosen = ds.events() if events is None else tuple(events)
    marks = []
    for event in chosen:
        place = ds.place(event.place)
        geometry = f"<Point><coordinates>{place.longitude},{place.latitude},0</coordinates></Point>"
        if place.uncertainty_m:
            ring = _circle(place.latitude, place.longitude, place.uncertainty_m)
            ring = f"<LinearRing><coordinates>{ring}</coordinates></LinearRing>"
            polygon = f"<Polygon><outerBoundaryIs>{ring}</outerBoundaryIs></Polygon>"
            geometry = f"<MultiGeometry>{geometry}{polygon}</MultiGeometry>"
        description = escape(f"{event.date.edtf}: {event.summary} (place: {place.name}, {place.geo_precision.value})")
        marks.append(
            f'<Placemark id="{escape(event.id)}"><name>{escape(event.title)}</name>'
            f"<description>{description}</description>"
            f"<TimeSpan><begin>{event.date.earliest}</begin><end>{event.date.latest}</end></TimeSpan>{geometry}</Placemark>"
        )
    body = "\n".join(marks)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>stepanakert2020</name>\n{body}\n</Document></kml>\n"
    )
