"""Pictures of the data (needs ``stepanakert2020[plot]``, i.e. matplotlib; no map tiles, no network).

* :func:`plot_timeline`: strike events per day across the bombardment, with the
  ceasefires, the publications of reports and the end of the war marked.
* :func:`plot_places`: the city's named places at their coordinates, sized by the number
  of events; places located only to the city are gathered in one marked group.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

from .model import EventKind, GeoPrecision

__all__ = ["SIZE", "WAR", "plot_places", "plot_timeline"]

#: The size of every picture in pixels (width, height), at :data:`DPI`.
SIZE = (1200, 600)
DPI = 100
#: The days of the bombardment, first and last.
WAR = (dt.date(2020, 9, 27), dt.date(2020, 11, 10))


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ImportError("plots need matplotlib: pip install 'stepanakert2020[plot]'") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _figure(plt: Any) -> tuple[Any, Any]:
    fig, ax = plt.subplots(figsize=(SIZE[0] / DPI, SIZE[1] / DPI), dpi=DPI)
    return fig, ax


def strikes_per_day(ds: Any) -> dict[dt.date, int]:
    """Strike events that possibly fell on each day of the war (an overnight event counts on both days).

    >>> import stepanakert2020
    >>> counts = strikes_per_day(stepanakert2020.load())
    >>> min(counts) == WAR[0] and max(counts) == WAR[1]
    True
    """
    days = [WAR[0] + dt.timedelta(days=i) for i in range((WAR[1] - WAR[0]).days + 1)]
    counts: Counter[dt.date] = Counter({day: 0 for day in days})
    for event in ds.events(WAR[0], WAR[1], kind=EventKind.STRIKE):
        for day in days:
            if event.date.earliest <= day <= event.date.latest:
                counts[day] += 1
    return dict(sorted(counts.items()))


def plot_timeline(ds: Any, output: str | os.PathLike[str]) -> Path:
    """Draw strike events per day with ceasefires, reports and the end of the war; save a PNG."""
    plt = _pyplot()
    fig, ax = _figure(plt)
    counts = strikes_per_day(ds)
    ax.bar(list(counts), list(counts.values()), width=0.8, color="#8c2d04", label="strike events reported that day")
    top = max([*counts.values(), 1]) + 1.5
    for event in ds.events(WAR[0], WAR[1] + dt.timedelta(days=1), kind=EventKind.CEASEFIRE):
        ax.axvline(event.date.earliest, color="#2b8cbe", linestyle="--", linewidth=1.2)
        ax.text(
            event.date.earliest,
            top - 0.6,
            _short(event.title),
            rotation=90,
            va="top",
            ha="right",
            fontsize=7,
            color="#08519c",
        )
    reports = ds.events(WAR[0], WAR[1], kind=EventKind.REPORT)
    if reports:
        ax.scatter(
            [e.date.earliest for e in reports],
            [top - 0.2] * len(reports),
            marker="v",
            color="#525252",
            label="report or investigation published",
            zorder=3,
        )
    ax.axvline(WAR[1], color="black", linewidth=2)
    ax.text(WAR[1], top * 0.55, " war ends\n (10 Nov)", fontsize=8, ha="left")
    ax.set_xlim(WAR[0] - dt.timedelta(days=1), WAR[1] + dt.timedelta(days=3))
    ax.set_ylim(0, top + 0.3)
    ax.set_ylabel("strike events (not munitions)")
    ax.set_title("Reported strikes on Stepanakert per day, 27 September - 10 November 2020 (dashed: ceasefires)")
    ax.plot([], [], color="#2b8cbe", linestyle="--", label="ceasefire or agreement")
    fig.legend(loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.subplots_adjust(bottom=0.2)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    return _save(plt, fig, output)


def plot_places(ds: Any, output: str | os.PathLike[str]) -> Path:
    """Draw the city's named places at their coordinates, sized by their events; save a PNG."""
    plt = _pyplot()
    fig, ax = _figure(plt)
    city = ds.record("stepanakert")
    inside = [p for p in ds.places() if p.id != city.id and _within(ds, p, city.id)]
    located = [p for p in inside if p.geo_precision in (GeoPrecision.EXACT, GeoPrecision.APPROXIMATE)]
    unlocated = [p for p in inside if p not in located]
    count = {p.id: len([e for e in ds.timeline() if e.place == p.id]) for p in [city, *inside]}
    for place in located:
        ax.scatter(place.longitude, place.latitude, s=60 + 40 * count[place.id], color="#8c2d04", alpha=0.7)
        ax.annotate(
            f"{place.name} ({count[place.id]})",
            (place.longitude, place.latitude),
            fontsize=8,
            xytext=(6, 6),
            textcoords="offset points",
        )
    total = count[city.id] + sum(count[p.id] for p in unlocated)
    ax.scatter(city.longitude, city.latitude, s=60 + 40 * total, facecolor="none", edgecolor="#2b8cbe", linewidth=2)
    lines = [f"{p.name}: {count[p.id]}" for p in sorted(unlocated, key=lambda p: -count[p.id])]
    label = f"Located only to the city centre ({len(unlocated)} places):\n" + "\n".join(lines[:14])
    label += f"\nStepanakert (whole city): {count[city.id]}"
    ax.annotate(
        label,
        (city.longitude, city.latitude),
        xytext=(40, 10),
        textcoords="offset points",
        fontsize=9,
        va="top",
        color="#08519c",
    )
    fig.text(
        0.01,
        0.01,
        "Only the city centre has sourced coordinates: no stored source locates a site more exactly.",
        fontsize=8,
    )
    pad = 0.012
    ax.set_xlim(city.longitude - pad, city.longitude + 2.2 * pad)
    ax.set_ylim(city.latitude - pad, city.latitude + pad)
    ax.set_aspect(1 / 0.768)  # cos(39.8 deg): keep distances true on the ground
    ax.set_xlabel("longitude (WGS84)")
    ax.set_ylabel("latitude (WGS84)")
    ax.set_title("Named places in Stepanakert, sized by the number of events there (in brackets)")
    ax.grid(alpha=0.3)
    return _save(plt, fig, output)


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
