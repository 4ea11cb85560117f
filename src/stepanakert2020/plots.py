"""Pictures of the data (needs ``stepanakert2020[plot]``, i.e. matplotlib; no map tiles, no network).

* :func:`plot_timeline`: strike events per day across the bombardment (each counted once,
  on its first possible day), with the ceasefires, the reports published during the war
  and the end of the war marked, and the later reports listed.
* :func:`plot_places`: the places at their coordinates with their uncertainty as circles,
  around the city and in it, sized by the number of events; places farther away are listed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

from .model import EventKind, PlaceKind

__all__ = ["DPI", "SIZE", "WAR", "place_groups", "plot_places", "plot_timeline", "radius_in_degrees"]

#: The size of every picture in pixels (width, height), at :data:`DPI`.
SIZE = (1200, 600)
#: Dots per inch of every picture.
DPI = 100
#: The days of the bombardment, first and last.
WAR = (dt.date(2020, 9, 27), dt.date(2020, 11, 10))


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError(
            "plots need matplotlib: pip install matplotlib (or install stepanakert2020 with its 'plot' extra)"
        ) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _figure(plt: Any) -> tuple[Any, Any]:
    fig, ax = plt.subplots(figsize=(SIZE[0] / DPI, SIZE[1] / DPI), dpi=DPI)
    return fig, ax


def strikes_per_day(ds: Any) -> dict[dt.date, int]:
    """Strike events per day of the war, each counted once, on its first possible day (an
    overnight strike counts on the evening it began; one dated only to a window, on its first day).

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> counts = strikes_per_day(ds)
    >>> min(counts) == WAR[0] and max(counts) == WAR[1]
    True
    >>> sum(counts.values()) == len(ds.events(*WAR, kind="strike"))
    True
    """
    days = [WAR[0] + dt.timedelta(days=i) for i in range((WAR[1] - WAR[0]).days + 1)]
    counts: Counter[dt.date] = Counter({day: 0 for day in days})
    for event in ds.events(WAR[0], WAR[1], kind=EventKind.STRIKE):
        counts[max(event.date.earliest, WAR[0])] += 1
    return dict(sorted(counts.items()))


def _label(event: Any) -> str:
    """A short label for a report: its title up to its verb ("publishes" ...), or its first words."""
    for verb in (" publishes ", " releases ", " presents ", " updates "):
        if verb in event.title:
            return str(event.title.split(verb)[0])
    return _short(event.title, 28)


def plot_timeline(ds: Any, output: str | os.PathLike[str]) -> Path:
    """Draw strike events per day (each once, on its first possible day) with the ceasefires,
    the reports published during the war and the end of the war; list later reports. Save a PNG."""
    plt = _pyplot()
    fig, ax = _figure(plt)
    counts = strikes_per_day(ds)
    label = "strike events, each counted once on its first possible day"
    ax.bar(list(counts), list(counts.values()), width=0.8, color="#8c2d04", label=label)
    top = max([*counts.values(), 1]) + 2.5
    for event in ds.events(WAR[0], WAR[1] + dt.timedelta(days=1), kind=EventKind.CEASEFIRE):
        ax.axvline(event.date.earliest, color="#2b8cbe", linestyle="--", linewidth=1.2)
        title = _short(event.title, 40)
        ax.text(event.date.earliest, top - 0.2, title, rotation=90, va="top", ha="right", fontsize=7, color="#08519c")
    for event in ds.events(WAR[0], WAR[1], kind=EventKind.REPORT, within="certain"):
        ax.scatter([event.date.earliest], [top - 0.25], marker="v", color="#525252", zorder=3)
        ax.text(event.date.earliest, top - 0.5, _label(event), rotation=90, va="top", ha="left", fontsize=6.5)
    ax.scatter([], [], marker="v", color="#525252", label="report published during the war")
    ax.axvline(WAR[1], color="black", linewidth=2)
    ax.text(WAR[1], top * 0.45, " war ends\n (10 Nov)", fontsize=8, ha="left")
    ax.set_xlim(WAR[0] - dt.timedelta(days=1), WAR[1] + dt.timedelta(days=4))
    ax.set_ylim(0, top + 0.3)
    ax.set_ylabel("strike events (not munitions)")
    ax.set_title("Reported strikes on Stepanakert per day, 27 September - 10 November 2020")
    ax.plot([], [], color="#2b8cbe", linestyle="--", label="ceasefire or agreement")
    fig.legend(loc="lower center", ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.05))
    later = ds.events(WAR[1] + dt.timedelta(days=1), None, kind=EventKind.REPORT, within="certain")
    listed = "; ".join(f"{_label(e)} ({e.date.earliest:%d %b %Y})" for e in later)
    fig.text(0.01, 0.01, _wrap_line(f"Reports published after the war: {listed}", 210), fontsize=7, va="bottom")
    fig.subplots_adjust(bottom=0.3)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    return _save(plt, fig, output)


#: Half the side, in degrees, of the two maps: the region around the city, and the city.
REGION_SPAN = 2.2
CITY_SPAN = 0.045
_METRES_PER_DEGREE = 111_320.0


def radius_in_degrees(latitude: float, metres: float) -> tuple[float, float]:
    """A ground radius as (longitude, latitude) degrees at ``latitude`` (a sphere; close enough here).

    >>> lon, lat = radius_in_degrees(60.0, 111_320)
    >>> round(lat, 6), round(lon, 6)
    (1.0, 2.0)
    """
    import math

    return metres / (_METRES_PER_DEGREE * math.cos(math.radians(latitude))), metres / _METRES_PER_DEGREE


def place_groups(ds: Any, centre: Any, span: float) -> list[list[Any]]:
    """The places within ``span`` degrees of ``centre``, grouped by identical coordinates, largest
    group first (countries are never drawn: their point says nothing).

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> groups = place_groups(ds, ds.place("stepanakert"), CITY_SPAN)
    >>> any(p.id == "stepanakert" for group in groups for p in group)
    True
    """
    groups: dict[tuple[float, float], list[Any]] = {}
    for place in ds.places():
        near = abs(place.latitude - centre.latitude) <= span and abs(place.longitude - centre.longitude) <= span
        if near and place.kind is not PlaceKind.COUNTRY:
            groups.setdefault((place.latitude, place.longitude), []).append(place)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0].id))


def plot_places(ds: Any, output: str | os.PathLike[str]) -> Path:
    """Draw the places at their coordinates, each with its uncertainty as a circle: the region
    around Stepanakert on the left, the city on the right; places farther away are listed. Save a PNG."""
    plt = _pyplot()
    from matplotlib.patches import Ellipse

    fig, (wide, close) = plt.subplots(1, 2, figsize=(SIZE[0] / DPI, SIZE[1] / DPI), dpi=DPI)
    city = ds.place("stepanakert")
    events = Counter(e.place for e in ds.events())
    groups = place_groups(ds, city, REGION_SPAN)  # the city's are among them
    colour = {(g[0].latitude, g[0].longitude): _COLOURS[i % len(_COLOURS)] for i, g in enumerate(groups)}
    for ax, span, title in ((wide, REGION_SPAN, "Around Stepanakert"), (close, CITY_SPAN, "In Stepanakert")):
        for group in place_groups(ds, city, span):
            first = group[0]
            tint = colour[(first.latitude, first.longitude)]
            for place in group:
                if place.uncertainty_m:
                    width, height = radius_in_degrees(place.latitude, place.uncertainty_m)
                    centre = (place.longitude, place.latitude)
                    ax.add_patch(Ellipse(centre, 2 * width, 2 * height, fill=False, color=tint, alpha=0.6))
            count = sum(events[p.id] for p in group)
            ax.scatter(first.longitude, first.latitude, s=12 + 3 * count, color=tint, zorder=3)
        ax.set_xlim(city.longitude - span, city.longitude + span)
        ax.set_ylim(city.latitude - span, city.latitude + span)
        ax.set_aspect(1 / 0.768)  # cos(39.8 deg): keep distances true on the ground
        ax.set_xlabel("longitude (WGS84)")
        ax.set_ylabel("latitude (WGS84)")
        ax.set_title(f"{title} ({2 * span * 111:.0f} km north to south)", fontsize=9)
        _scale_bar(ax, city, span)
        ax.grid(alpha=0.3)
    for group in groups:
        names = [p.name for p in sorted(group, key=lambda p: (-events[p.id], p.name))]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        count = sum(events[p.id] for p in group)
        radii = sorted({p.uncertainty_m for p in group if p.uncertainty_m})
        circles = f"; circles of {', '.join(f'{r:,} m' for r in radii)}" if radii else ""
        label = f"{shown}: {count} event{'s' if count != 1 else ''}{circles}"
        wide.scatter([], [], color=colour[(group[0].latitude, group[0].longitude)], label=label)
    drawn = {p.id for group in groups for p in group}
    farther = sorted((p for p in ds.places() if p.id not in drawn), key=lambda p: (-events[p.id], p.name))
    listed = "; ".join(f"{p.name} ({events[p.id]})" for p in farther)
    fig.legend(loc="lower left", bbox_to_anchor=(0.01, 0.06), fontsize=7, frameon=False)
    fig.text(0.01, 0.01, _wrap_line(f"Farther away, not drawn (events): {listed}", 200), fontsize=7, va="bottom")
    fig.suptitle("Places of the events; each circle is a place's uncertainty (no basemap)", fontsize=11)
    fig.subplots_adjust(bottom=0.3, top=0.9, left=0.06, right=0.98, wspace=0.2)
    return _save(plt, fig, output)


def _scale_bar(ax: Any, centre: Any, span: float) -> None:
    """A bar of a round length in the lower left corner, drawn in degrees of longitude at the centre."""
    metres = 50_000 if span > 1 else 1_000
    width, _ = radius_in_degrees(centre.latitude, metres)
    x = centre.longitude - span * 0.9
    y = centre.latitude - span * 0.9
    ax.plot([x, x + width], [y, y], color="black", linewidth=2)
    ax.text(x + width / 2, y + span * 0.03, f"{metres // 1000} km", ha="center", va="bottom", fontsize=7)


_COLOURS = ("#8c2d04", "#2b8cbe", "#238b45", "#6a51a3", "#d94801", "#525252", "#ce1256", "#0868ac")


def _wrap_line(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _short(title: str, limit: int = 34) -> str:
    """A title up to its first comma or semicolon, cut at a word boundary with an ellipsis if still long."""
    title = title.split(",")[0].split(";")[0].strip()
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0] + "…"


def _within(ds: Any, place: Any, ancestor: str) -> bool:
    current = place.parent
    while current is not None:
        if current == ancestor:
            return True
        current = ds.record(current).parent
    return False


def _save(plt: Any, fig: Any, output: str | os.PathLike[str]) -> Path:
    path = Path(output)
    fig.savefig(path, dpi=DPI, format="png")
    plt.close(fig)
    return path
