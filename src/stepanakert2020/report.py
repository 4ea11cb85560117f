"""The data-quality report: what the dataset holds, where it is thin, where reporters disagree.

``stepanakert2020 report`` prints it; docs/report.md is generated from it (a test keeps
the page current).

>>> import stepanakert2020
>>> text = quality_report(stepanakert2020.load())
>>> text.splitlines()[0]
'# Data-quality report'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from .model import EventKind, SourceKind

__all__ = ["disagreements", "encyclopedia_only", "quality_report"]

WAR_START = dt.date(2020, 9, 27)
WAR_END = dt.date(2020, 11, 10)


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    """Counted keys, most frequent first, ties by name."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def encyclopedia_only(ds: Any) -> list[Any]:
    """Events, claims and figures whose every source is an encyclopedia.

    >>> import stepanakert2020
    >>> all(r.id for r in encyclopedia_only(stepanakert2020.load()))
    True
    """
    found = []
    for record in (*ds.timeline(), *ds.claims(), *ds.figures()):
        kinds = {s.kind for s in ds.sources_for(record)}
        if kinds == {SourceKind.ENCYCLOPEDIA}:
            found.append(record)
    return found


def disagreements(ds: Any) -> list[list[Any]]:
    """Groups of figures that count the same thing (event, measure, population, place) differently.

    >>> import stepanakert2020
    >>> all(len({(f.low, f.high) for f in group}) > 1 for group in disagreements(stepanakert2020.load()))
    True
    """
    groups: dict[tuple[str, str, str, str], list[Any]] = defaultdict(list)
    for figure in ds.figures():
        groups[(figure.event, figure.measure.value, figure.population.value, figure.place)].append(figure)
    return [g for g in groups.values() if len({(f.low, f.high) for f in g}) > 1]


def _bounds(figure: Any) -> str:
    if figure.low == figure.high:
        return f"{figure.qualifier.value} {figure.low}"
    if figure.high is None:
        return f"at least {figure.low}"
    if figure.low is None:
        return f"at most {figure.high}"
    return f"{figure.low}-{figure.high}"


def quality_report(ds: Any) -> str:
    """The data-quality report of a dataset, as Markdown."""
    from ._release import DATA_VERSION

    out = [
        "# Data-quality report",
        "",
        f"Generated from the data release {DATA_VERSION} by `stepanakert2020 report`.",
        "",
    ]
    out += ["## Records by table", ""]
    counts = [
        ("events", len(ds.timeline())),
        ("claims", len(ds.claims())),
        ("figures", len(ds.figures())),
        ("sources", len(ds.sources())),
        ("citations", len(ds.citations())),
        ("places", len(ds.places())),
        ("actors", len(ds.actors())),
        ("weapons", len(ds.weapons())),
        ("withdrawn ids", len(ds.tombstones())),
    ]
    out += _table(("table", "records"), counts)
    out += ["## Events by kind", ""]
    kinds = Counter(e.kind.value for e in ds.timeline())
    out += _table(("kind", "events"), _by_count(kinds))
    strike_days = {e.date.earliest for e in ds.events(kind=EventKind.STRIKE) if e.date.precision.value == "day"}
    out += [f"Distinct first days of dated strike events: {len(strike_days)}.", ""]
    out += ["## Claims by stance and subject", ""]
    stances = Counter((c.stance.value, c.subject.value) for c in ds.claims())
    out += _table(("stance", "subject", "claims"), [(a, b, n) for (a, b), n in sorted(stances.items())])
    out += ["## Figures by measure", ""]
    out += _table(("measure", "figures"), sorted(Counter(f.measure.value for f in ds.figures()).items()))
    out += ["## Sources by kind", ""]
    source_kinds = Counter(s.kind.value for s in ds.sources())
    out += _table(("kind", "sources"), _by_count(source_kinds))
    out += ["## Sources by publisher (publishers with two or more)", ""]
    publishers = Counter(ds.record(s.publisher).name for s in ds.sources())
    out += _table(
        ("publisher", "sources"),
        [(p, n) for p, n in _by_count(publishers) if n > 1],
    )
    out += [f"{sum(1 for n in publishers.values() if n == 1)} further publishers have one source each.", ""]
    out += ["## Records supported only by an encyclopedia", ""]
    only = encyclopedia_only(ds)
    out += [f"- `{r.id}` ({type(r).__name__})" for r in only] or ["None."]
    out += [
        "",
        "## Unconfirmed claims",
        "",
        "Claims that only a relay, an aggregator or an encyclopedia makes, with no primary source in the stored pages.",
        "",
    ]
    unconfirmed = [c for c in ds.claims() if c.unconfirmed]
    out += [f"- `{c.id}` ({ds.record(c.claimant).name}, {c.stated_on})" for c in unconfirmed] or ["None."]
    out += [
        "",
        "## Figures in disagreement",
        "",
        "Figures that count the same thing for the same event and place but differ; every reporter's number is kept.",
        "",
    ]
    rows = []
    for group in disagreements(ds):
        for figure in group:
            rows.append(
                (
                    f"`{figure.event}`",
                    figure.measure.value,
                    figure.population.value,
                    _bounds(figure),
                    ds.record(figure.reported_by).name,
                    figure.as_of.edtf,
                )
            )
    out += _table(("event", "measure", "population", "figure", "reported by", "as of"), rows) if rows else ["None.", ""]
    out += [
        "## Events per week of the bombardment",
        "",
        "Weeks start on Sunday 27 September 2020; an event counts in every week its dates overlap.",
        "",
    ]
    weeks = []
    start = WAR_START
    while start <= WAR_END:
        end = min(start + dt.timedelta(days=6), WAR_END)
        weeks.append(
            (
                f"{start.isoformat()} - {end.isoformat()}",
                len(ds.events(start, end, kind=EventKind.STRIKE)),
                len(ds.events(start, end)),
            )
        )
        start += dt.timedelta(days=7)
    out += _table(("week", "strike events", "all events"), weeks)
    return "\n".join(out).rstrip("\n") + "\n"
