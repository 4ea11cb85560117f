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

from .model import ActorKind, EventKind, FigureScope, GeoPrecision, SourceKind, Subject

__all__ = [
    "INVESTIGATORS",
    "PARTIES",
    "actor_root",
    "disagreements",
    "encyclopedia_only",
    "figure_bounds",
    "independent",
    "office",
    "quality_report",
    "revisions",
]

WAR_START = dt.date(2020, 9, 27)
WAR_END = dt.date(2020, 11, 10)
#: The actors at the top of each party's tree: everyone under them (ministries, officials,
#: state media) speaks for a party to the war: the data records their word as claims.
PARTIES = frozenset(("armenia", "azerbaijan", "artsakh"))
#: The kinds of actor whose findings count as an independent investigator's.
INVESTIGATORS = frozenset((ActorKind.NGO, ActorKind.UN_BODY, ActorKind.INTERNATIONAL_ORGANISATION))


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
    for record in (*ds.events(), *ds.claims(), *ds.figures()):
        kinds = {s.kind for s in ds.sources_for(record)}
        if kinds == {SourceKind.ENCYCLOPEDIA}:
            found.append(record)
    return found


def office(ds: Any, actor_id: str) -> str:
    """The office an actor speaks for: an official's or a person's parent, else the actor itself.

    >>> import stepanakert2020
    >>> office(stepanakert2020.load(), "hrw")
    'hrw'
    """
    actor = ds.actor(actor_id)
    if actor.kind in (ActorKind.OFFICIAL, ActorKind.PERSON) and actor.parent is not None:
        return str(actor.parent)
    return str(actor.id)


def actor_root(ds: Any, actor_id: str) -> str:
    """The top of an actor's tree: a state for its ministries and officials, an office's state.

    >>> import stepanakert2020
    >>> actor_root(stepanakert2020.load(), "az-mod")
    'azerbaijan'
    """
    seen: set[str] = set()
    while actor_id not in seen:
        seen.add(actor_id)
        parent = ds.actor(actor_id).parent
        if parent is None:
            break
        actor_id = parent
    return actor_id


def _party(ds: Any, actor_id: str) -> str | None:
    """The party an actor belongs to (the root of its tree, if that is one of :data:`PARTIES`)."""
    root = actor_root(ds, actor_id)
    return root if root in PARTIES else None


def independent(ds: Any, source: Any) -> bool:
    """Whether a source's content is not a party's: whoever's content it carries (its original
    publisher, else its publisher) is outside :data:`PARTIES`.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> independent(ds, ds.source("hrw-2020-12-11-unlawful-strikes"))
    True
    """
    return _party(ds, source.original_publisher or source.publisher) is None


def _groups(ds: Any, by_office: bool) -> list[list[Any]]:
    groups: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for figure in ds.figures():
        key = (figure.event, figure.measure.value, figure.population.value, figure.place)
        groups[(*key, office(ds, figure.reported_by)) if by_office else key].append(figure)
    return [g for g in groups.values() if len({(f.low, f.high) for f in g}) > 1]


def disagreements(ds: Any) -> list[list[Any]]:
    """Groups of figures that count the same thing (event, measure, population, place)
    differently, where different offices give different numbers (not one office revising its own).

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> all(len({office(ds, f.reported_by) for f in group}) > 1 for group in disagreements(ds))
    True
    """
    found = []
    for group in _groups(ds, by_office=False):
        values = defaultdict(set)
        for figure in group:
            values[(figure.low, figure.high)].add(office(ds, figure.reported_by))
        offices = set().union(*values.values())
        if len(offices) > 1 and any(len(offices - those) > 0 for those in values.values()):
            found.append(group)
    return found


def revisions(ds: Any) -> list[list[Any]]:
    """Groups of figures in which one office gives different numbers for the same thing over
    time: a running total that grows, a state that changes, a count corrected.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> all(len({office(ds, f.reported_by) for f in group}) == 1 for group in revisions(ds))
    True
    """
    return _groups(ds, by_office=True)


_QUALIFIERS = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about ", "range": ""}


def figure_bounds(figure: Any) -> str:
    """A figure's bounds in words, as every output of the package says them.

    >>> from stepanakert2020.model import Figure, Measure, PopulationGroup, Qualifier
    >>> from stepanakert2020.dates import parse_date
    >>> about = Qualifier.ABOUT
    >>> figure = Figure("f", "e", Measure.KILLED, PopulationGroup.ALL, about, parse_date("2020"), "a", "p", 30, 40)
    >>> figure_bounds(figure)
    'about 30 to 40'
    """
    low, high = figure.low, figure.high
    if low is not None and high is not None and low != high:
        return f"{_QUALIFIERS[figure.qualifier.value]}{low:,} to {high:,}"
    if low is None and high is None:
        return "not reported"
    if high is None:
        return f"at least {low:,}"
    if low is None:
        return f"at most {high:,}"
    return f"{_QUALIFIERS[figure.qualifier.value]}{low:,}"


def _figure_table(ds: Any, groups: list[list[Any]]) -> list[str]:
    rows = [
        (
            f"`{figure.event}`",
            figure.measure.value,
            figure.population.value,
            figure_bounds(figure),
            ds.record(figure.reported_by).name,
            figure.as_of.edtf,
            figure.scope.value if figure.scope else "",
        )
        for group in groups
        for figure in sorted(group, key=lambda f: (office(ds, f.reported_by), f.as_of.earliest, f.id))
    ]
    header = ("event", "measure", "population", "figure", "reported by", "as of", "scope")
    return _table(header, rows) if rows else ["None.", ""]


def _span(values: list[int]) -> str:
    if not values:
        return ""
    return f"{values[0]:,}" if values[0] == values[-1] else f"{values[0]:,} to {values[-1]:,}"


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
        ("events", len(ds.events())),
        ("claims", len(ds.claims())),
        ("figures", len(ds.figures())),
        ("sources", len(ds.sources())),
        ("citations", len(ds.citations())),
        ("places", len(ds.places())),
        ("actors", len(ds.actors())),
        ("weapons", len(ds.weapons())),
        ("withdrawn ids", len(ds.withdrawn())),
    ]
    out += _table(("table", "records"), counts)
    out += ["## Events by kind", ""]
    kinds = Counter(e.kind.value for e in ds.events())
    out += _table(("kind", "events"), _by_count(kinds))
    strike_days = {e.date.earliest for e in ds.events(kind=EventKind.STRIKE) if e.date.precision.value == "day"}
    out += [f"Distinct first days of dated strike events: {len(strike_days)}.", ""]
    out += ["## Claims by stance and subject", ""]
    stances = Counter((c.stance.value, c.subject.value) for c in ds.claims())
    out += _table(("stance", "subject", "claims"), [(a, b, n) for (a, b), n in sorted(stances.items())])
    out += ["## Figures by measure", ""]
    out += _table(("measure", "figures"), sorted(Counter(f.measure.value for f in ds.figures()).items()))
    out += ["## Figures by scope", ""]
    scopes = Counter(f.scope.value if f.scope else "not stated" for f in ds.figures())
    out += _table(("scope", "figures"), [(scope.value, scopes[scope.value]) for scope in FigureScope])
    if scopes["not stated"]:
        out += [f"{scopes['not stated']} figures do not state their scope.", ""]
    out += ["## Places by precision", ""]
    places = [(precision, [p for p in ds.places() if p.geo_precision is precision]) for precision in GeoPrecision]
    radii = {
        precision.value: sorted(p.uncertainty_m for p in found if p.uncertainty_m is not None)
        for precision, found in places
    }
    out += _table(
        ("precision", "places", "uncertainty (m)"),
        [(precision.value, len(found), _span(radii[precision.value])) for precision, found in places],
    )
    out += ["## Strikes: independent sources and weapon claims", ""]
    strikes = ds.events(kind=EventKind.STRIKE)
    lacking_independent = [e for e in strikes if not any(independent(ds, x) for x in ds.sources_behind(e))]
    lacking_weapon = [e for e in strikes if not ds.claims(event=e, subject=Subject.WEAPON)]
    lacking_investigator = [
        e for e in strikes if not any(ds.actor(c.claimant).kind in INVESTIGATORS for c in ds.claims(event=e))
    ]
    out += [
        f"{len(strikes)} strike events. A source is independent when whoever's content it carries "
        "(its original publisher, else its publisher) is not a party to the war "
        f"({', '.join(sorted(PARTIES))} and everyone under them, state media included).",
        "",
    ]
    out += [f"Strikes without an independent source ({len(lacking_independent)}):", ""]
    out += [f"- `{e.id}`" for e in lacking_independent] or ["None."]
    out += [
        "",
        f"Strikes without a claim of an independent investigator (an NGO, a UN body or an international "
        f"organisation) ({len(lacking_investigator)}):",
        "",
    ]
    out += [f"- `{e.id}`" for e in lacking_investigator] or ["None."]
    out += ["", f"Strikes without a weapon claim ({len(lacking_weapon)}):", ""]
    out += [f"- `{e.id}`" for e in lacking_weapon] or ["None."]
    out += ["", "## Republications without their original", ""]
    relays = [x for x in ds.sources() if x.original_publisher is not None]
    orphans = [x for x in relays if x.original is None]
    out += [
        f"{len(relays)} sources carry another's content; {len(orphans)} of them cite an original that is "
        "not in the data (not in the stored pages):",
        "",
    ]
    out += [f"- `{x.id}` (content of {ds.actor(x.original_publisher).name})" for x in orphans] or ["None."]
    out += [""]
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
        "Figures in which different offices count the same thing for the same event and place differently; "
        "every reporter's number is kept. One office's own updates are listed apart, below.",
        "",
    ]
    out += _figure_table(ds, disagreements(ds))
    out += [
        "## Figures revised over time",
        "",
        "Figures in which one office gives different numbers for the same thing at different dates: "
        "running totals that grow, states that change, corrections (the notes say which).",
        "",
    ]
    out += _figure_table(ds, revisions(ds))
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
