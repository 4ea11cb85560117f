"""The offline explorer: a static, self-contained website of a dataset (needs Jinja2).

:func:`build_site` writes an index with the timeline and its filters, a page per event,
place, actor and source, the weapons, and the data-quality report. Every page works from
``file://`` and from any static host with no network request at all: no CDN, no web font,
no map tile, no external image; the maps are inline SVG drawn from the data's own
coordinates; every link between pages is relative. The sources' own addresses are plain
links, opened only when a reader follows one. Templates, CSS and the filter script live in
``site_templates/`` beside this module.
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ._release import DATA_VERSION, __version__
from .dates import DateSpec, Precision, parse_date
from .model import Actor, Claim, Event, Figure, Place, Source, Stance, Subject, Weapon
from .plots import CITY_SPAN, REGION_SPAN, place_groups, radius_in_degrees
from .report import figure_bounds

if TYPE_CHECKING:
    import jinja2

__all__ = ["build_site"]

#: The bombardment, as schema.org ``temporalCoverage`` (ISO 8601 interval).
TEMPORAL_COVERAGE = "2020-09-27/2020-11-10"
_ANSWERING = frozenset((Stance.DENIES, Stance.DISPUTES, Stance.RETRACTS))
_SUBJECTS = {
    Subject.OCCURRENCE: "Whether it happened",
    Subject.PERPETRATOR: "Who did it",
    Subject.WEAPON: "With what weapon",
    Subject.CASUALTIES: "Who was killed or hurt",
    Subject.DAMAGE: "What was damaged",
    Subject.TARGET: "What was hit, and whether it was the target",
    Subject.LEGALITY: "Whether it was lawful",
}
_LICENSE = {"@type": "CreativeWork", "name": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
_MONTHS = "January February March April May June July August September October November December".split()  # noqa: SIM905
#: The kinds of place a map labels a group of places at one point by, first preferred.
_LABEL_ORDER = ("city", "town", "district", "square", "street", "building", "facility", "region", "country")
_MAP_SIZE = (640, 420)


def build_site(ds: Any, outdir: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the static site of ``ds`` into ``outdir`` and return the path of its ``index.html``.

    ``outdir`` is created if it does not exist; a folder that already holds files is refused
    (:class:`FileExistsError`, by :func:`~stepanakert2020.exports.check_output`) unless ``force``
    is true, in which case the site's files are written over and any other file is left alone.

    >>> import shutil, tempfile
    >>> import stepanakert2020
    >>> index = build_site(stepanakert2020.load(), tempfile.mkdtemp())
    >>> index.name, (index.parent / "events" / "war-begins.html").is_file()
    ('index.html', True)
    >>> shutil.rmtree(index.parent)
    """
    try:
        import jinja2
    except ImportError:
        raise ImportError(
            "the site needs Jinja2: pip install jinja2 (or install stepanakert2020 with its 'site' extra)"
        ) from None
    from .exports import check_output

    check_output(outdir, folder=True, force=force)  # the one rule against writing over a user's work
    out = Path(outdir)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("stepanakert2020", "site_templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    _Site(ds, env, out).build()
    return out / "index.html"


def _date_label(spec: DateSpec) -> str:
    """A date in words at its precision: ``28 October 2020``, ``October 2020``, ``about 2020``."""
    if spec.interval:
        start, _, end = spec.edtf.partition("/")
        return f"{_date_label(parse_date(start))} to {_date_label(parse_date(end))}"
    day = spec.earliest
    text = {
        Precision.DAY: f"{day.day} {_MONTHS[day.month - 1]} {day.year}",
        Precision.MONTH: f"{_MONTHS[day.month - 1]} {day.year}",
        Precision.YEAR: str(day.year),
    }[spec.precision]
    return ("about " if spec.approximate else "") + text + (" (uncertain)" if spec.uncertain else "")


def _date_attr(spec: DateSpec) -> str:
    """The HTML ``datetime`` of a date (``2020-10``), or ``""`` for what HTML cannot say (intervals, XX)."""
    return "" if spec.interval or "X" in spec.edtf else spec.edtf.rstrip("?~%")


def _nice(metres: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``metres``."""
    power = 10 ** math.floor(math.log10(metres))
    return float(max(step * power for step in (1, 2, 5) if step * power <= metres))


def _distance(metres: float) -> str:
    """A distance in round words: ``490 km``, ``2.5 km``, ``500 m``."""
    if metres >= 10_000:
        return f"{metres / 1000:,.0f} km"
    return f"{metres / 1000:,.3g} km" if metres >= 1000 else f"{metres:,.0f} m"


def _map(ds: Any, centre: Place, half_m: float, key: str, highlight: str | None = None) -> dict[str, Any]:
    """An SVG map (as numbers for the template) of the places within ``half_m`` metres north and
    south of ``centre`` and the matching width: a circle per place at its uncertainty, a label
    per point, a scale bar. Places at the same point share a label; countries are not drawn
    unless highlighted (their point says nothing)."""
    width, height = _MAP_SIZE
    half_lon = radius_in_degrees(centre.latitude, half_m * width / height)[0]
    half_lat = radius_in_degrees(centre.latitude, half_m)[1]
    per_m = height / 2 / half_m

    def xy(place: Place) -> tuple[float, float]:
        x = width / 2 + (place.longitude - centre.longitude) / half_lon * width / 2
        return x, height / 2 - (place.latitude - centre.latitude) / half_lat * height / 2

    groups = [g for g in place_groups(ds, centre, max(half_lon, half_lat)) if 0 <= xy(g[0])[1] <= height]
    if highlight and not any(p.id == highlight for g in groups for p in g):
        groups.insert(0, [ds.place(highlight)])
    circles: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    taken: list[float] = []
    rows: list[Place] = []
    for group in sorted(groups, key=lambda g: xy(g[0])[1]):
        x, y = xy(group[0])
        rows += group
        for metres in sorted({p.uncertainty_m or 0 for p in group}, reverse=True):  # one circle per radius
            on = any(p.id == highlight and (p.uncertainty_m or 0) == metres for p in group)
            circles.append({"x": x, "y": y, "r": metres * per_m, "on": on})
        first = min(group, key=lambda p: (p.id != highlight, _LABEL_ORDER.index(p.kind.value), p.name))
        text = first.name if len(first.name) <= 32 else first.name[:31] + "…"
        text += f" and {len(group) - 1} more" if len(group) > 1 else ""
        right = x < width * 0.6
        ly = y - 8
        while any(abs(ly - other) < 24 for other in taken):  # (room for the larger labels on a phone)
            ly += 24
        taken.append(ly)
        labels.append({"x": x + 7 if right else x - 7, "y": ly, "anchor": "start" if right else "end", "text": text})
    bar = _nice(width / 5 / per_m)
    rows.sort(key=lambda p: (p.id != highlight, p.name))
    names = ", ".join(p.name for p in rows[:6]) + (f" and {len(rows) - 6} more" if len(rows) > 6 else "")
    return {
        "key": key,
        "width": width,
        "height": height,
        "circles": circles,
        "labels": labels,
        "rows": rows,
        "bar": {"px": bar * per_m, "text": _distance(bar)},
        "label": (
            f"Map, {_distance(2 * half_m)} north to south, centred on {centre.name}, with no basemap: "
            f"{names}, each at its coordinates with a circle for its uncertainty."
        ),
    }


def _place_map(ds: Any, place: Place) -> dict[str, Any]:
    """The map of a place's page: the place highlighted, its circle and some room around it (5 km at least)."""
    return _map(ds, place, max((place.uncertainty_m or 0) * 1.6, 5000), "map", place.id)


def _report_blocks(markdown: str, paths: dict[str, str]) -> list[dict[str, Any]]:
    """The data-quality report's Markdown as blocks (heading, paragraph, list, table) of inline
    parts: text, ``code`` and links to the pages of the record ids it names."""

    def inline(text: str) -> list[dict[str, str]]:
        parts = []
        for i, piece in enumerate(re.split(r"`([^`]*)`", text)):
            if piece:
                parts.append({"text": piece, "code": "1" if i % 2 else "", "href": paths.get(piece, "")})
        return parts

    blocks: list[dict[str, Any]] = []
    heading, labels = "", set[str]()
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = chunk.splitlines()
        if lines[0].startswith("#"):
            level, _, heading = lines[0].partition(" ")
            blocks.append({"kind": "heading", "level": len(level), "parts": inline(heading)})
            lines = lines[1:]
        if not lines:
            continue
        if lines[0].startswith("|"):
            rows = [
                [inline(cell.strip()) for cell in line.strip("|").split("|")] for line in lines if "---" not in line
            ]
            label = heading.replace("`", "") + (f" ({len(labels)})" if heading in labels else "")
            labels.add(heading)
            blocks.append({"kind": "table", "head": rows[0], "rows": rows[1:], "label": label})
        elif lines[0].startswith("- "):
            blocks.append({"kind": "list", "entries": [inline(line[2:]) for line in lines]})
        else:
            blocks.append({"kind": "paragraph", "parts": inline(" ".join(lines))})
    return blocks


class _Site:
    """One build: the dataset, the templates, the output folder and the indexes built once."""

    def __init__(self, ds: Any, env: jinja2.Environment, out: Path) -> None:
        self.ds, self.env, self.out = ds, env, out
        self.citing: dict[str, list[Any]] = defaultdict(list)
        for citation in ds.citations():
            self.citing[citation.source].append(citation)
        self.naming: dict[str, list[Claim]] = defaultdict(list)
        for claim in ds.claims():
            for named in (claim.asserted_actor, claim.asserted_weapon):
                if named:
                    self.naming[named].append(claim)
        self.published: dict[str, list[Source]] = defaultdict(list)
        for source in ds.sources():
            for actor in {source.publisher, source.original_publisher} - {None}:
                self.published[str(actor)].append(source)
        env.globals.update(
            ds=ds,
            path_of=self.path_of,
            name_of=self.name_of,
            date_label=_date_label,
            date_attr=_date_attr,
            number=figure_bounds,
            naming=self.naming,
            published=self.published,
            jsonld=self.jsonld,
            subjects=_SUBJECTS,
            answering=_ANSWERING,
            data_version=DATA_VERSION,
            version=__version__,
        )

    def path_of(self, record: Any) -> str:
        """The page of a record (a claim or figure: its place on its event's page), from the root."""
        if isinstance(record, str):
            record = self.ds.record(record)
        folder: dict[type[Any], str] = {Event: "events", Place: "places", Actor: "actors", Source: "sources"}
        for cls, name in folder.items():
            if isinstance(record, cls):
                return f"{name}/{quote(record.id)}.html"
        if isinstance(record, Claim | Figure):
            return f"events/{quote(record.event)}.html#{type(record).__name__.lower()}-{quote(record.id)}"
        if isinstance(record, Weapon):
            return f"weapons.html#weapon-{quote(record.id)}"
        raise TypeError(f"{record!r}: no page for this kind of record")

    def name_of(self, record_id: str) -> str:
        record = self.ds.record(record_id)
        return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)

    def write(self, path: str, template: str, **context: Any) -> None:
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = self.env.get_template(template).render(root="../" * path.count("/"), **context)
        target.write_text(html, encoding="utf-8", newline="\n")

    def build(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        for asset in ("site.css", "filter.js"):
            text, _, _ = self.env.loader.get_source(self.env, asset)  # type: ignore[union-attr]
            (self.out / "assets").mkdir(exist_ok=True)
            (self.out / "assets" / asset).write_text(text, encoding="utf-8", newline="\n")
        self.index()
        for event in self.ds.events():
            self.event(event)
        self.places()
        for actor in self.ds.actors():
            self.write(f"actors/{actor.id}.html", "actor.html", actor=actor)
        self.write("actors.html", "actors.html", section="actors")
        for source in self.ds.sources():
            self.write(f"sources/{source.id}.html", "source.html", source=source, citations=self.citing[source.id])
        self.write("sources.html", "sources.html", section="sources")
        self.write("weapons.html", "weapons.html", section="weapons")
        from .report import quality_report

        paths = {r.id: self.path_of(r) for r in (*self.ds.events(), *self.ds.claims(), *self.ds.figures())}
        paths.update({r.id: self.path_of(r) for r in (*self.ds.sources(), *self.ds.places(), *self.ds.actors())})
        blocks = _report_blocks(quality_report(self.ds), paths)
        self.write("report.html", "report.html", section="report", blocks=blocks)

    def _matches(self, records: Iterable[Any], what: str) -> tuple[list[Any], dict[str, list[str]]]:
        """The records that match at least one event as the ``what`` filter of ``events()``, by
        name, and the ids each event matches (the filter's own rule: a place holds its parts)."""
        per_event: dict[str, list[str]] = defaultdict(list)
        options = []
        for record in records:
            found = self.ds.events(**{what: record})
            for event in found:
                per_event[event.id].append(record.id)
            if found:
                options.append(record)
        return sorted(options, key=lambda r: r.name.casefold()), per_event

    def index(self) -> None:
        ds = self.ds
        places, in_place = self._matches(ds.places(), "place")
        actors, by_actor = self._matches(ds.actors(), "actor")
        weapons, with_weapon = self._matches(ds.weapons(), "weapon")
        rows = [
            {
                "event": event,
                "places": " ".join(in_place[event.id]),
                "actors": " ".join(by_actor[event.id]),
                "weapons": " ".join(with_weapon[event.id]),
                "text": " ".join((event.title, event.summary, event.notes)).lower(),
            }
            for event in ds.events()
        ]
        days = sorted(d.isoformat() for e in ds.events() for d in (e.date.earliest, e.date.latest)) or [""]
        kinds = sorted({e.kind.value for e in ds.events()})
        choices = {"places": places, "actors": actors, "weapons": weapons, "kinds": kinds}
        self.write("index.html", "index.html", section="timeline", rows=rows, first=days[0], last=days[-1], **choices)

    def jsonld(self) -> dict[str, Any]:
        """The schema.org ``Dataset`` description of the data (no address: the site has none of its own)."""
        from .cite import AUTHOR, TITLE

        ds = self.ds
        where: dict[str, Any] = {"@type": "Place", "name": "Stepanakert"}
        for city in (p for p in ds.places() if p.id == "stepanakert"):
            where["geo"] = {"@type": "GeoCoordinates", "latitude": city.latitude, "longitude": city.longitude}
        measures = sorted({f.measure.value for f in ds.figures()})
        return {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": TITLE,
            "description": (
                f"A sourced, typed dataset of the 2020 bombardment of Stepanakert: {len(ds.events())} events, "
                f"{len(ds.claims())} attributed claims and {len(ds.figures())} reported figures, each backed "
                f"by sources a reader can open ({len(ds.sources())} sources). Every event is dated with its "
                "precision and placed; every claim names who makes it and who denies it; every figure names "
                "who reported it, as of when."
            ),
            "license": _LICENSE,
            "version": DATA_VERSION,
            "datePublished": DATA_VERSION,
            "temporalCoverage": TEMPORAL_COVERAGE,
            "spatialCoverage": where,
            "variableMeasured": [
                {"@type": "PropertyValue", "name": m, "description": f"{m.replace('_', ' ')}, as reported"}
                for m in measures
            ],
            "creator": {"@type": "Organization", "name": AUTHOR},
            "keywords": ["Nagorno-Karabakh", "Stepanakert", "conflict data", "human rights", "2020"],
            "isAccessibleForFree": True,
        }

    def event(self, event: Event) -> None:
        from .cite import cite_record

        ds = self.ds
        claims = ds.claims(event=event)
        supports: dict[str, list[Any]] = defaultdict(list)
        for part in (event, *claims, *ds.figures(event=event)):
            for source in ds.sources_for(part):
                supports[source.id].append(part)
        place = ds.place(event.place)
        self.write(
            f"events/{event.id}.html",
            "event.html",
            event=event,
            place=place,
            claims=claims,
            sources=[(s, supports[s.id]) for s in ds.sources_behind(event)],
            cite_text=cite_record(ds, event.id, "text"),
            cite_bibtex=cite_record(ds, event.id, "bibtex"),
            map=_place_map(ds, place),
        )

    def places(self) -> None:
        ds = self.ds
        for place in ds.places():
            self.write(f"places/{place.id}.html", "place.html", place=place, map=_place_map(ds, place))
        maps: list[tuple[str, dict[str, Any]]] = []
        drawn: set[str] = set()
        if "stepanakert" in {p.id for p in ds.places()}:
            city = ds.place("stepanakert")
            for half, title in ((REGION_SPAN, "Around Stepanakert"), (CITY_SPAN, "In Stepanakert")):
                maps.append(
                    (title, _map(ds, city, half / radius_in_degrees(city.latitude, 1.0)[1], f"map-{len(maps)}"))
                )
                drawn |= {p.id for p in maps[-1][1]["rows"]}
        farther = [p for p in ds.places() if p.id not in drawn]
        self.write("places.html", "places.html", section="places", maps=maps, farther=farther)
