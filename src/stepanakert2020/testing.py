"""Hypothesis strategies for stepanakert2020 records and whole valid datasets.

Needs Hypothesis (``pip install stepanakert2020[testing]``). Every strategy produces
records that pass the library's own validation; :func:`datasets` builds complete,
consistent :class:`~stepanakert2020.Dataset` objects for property tests.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(edtf_strings())
... def check(text):
...     assert parse_date(text).edtf == text
>>> check()
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without hypothesis only
    raise ImportError("stepanakert2020.testing needs Hypothesis: pip install 'stepanakert2020[testing]'") from error

from .dates import DateSpec, parse_date
from .loading import Dataset
from .model import (
    Actor,
    ActorKind,
    Citation,
    Claim,
    Cluster,
    DateMeaning,
    Event,
    EventKind,
    Figure,
    FigureScope,
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
    Weapon,
    WeaponCategory,
)
from .rules import LOCATED, UNCERTAINTY_M

__all__ = [
    "actors",
    "claims_for",
    "datasets",
    "date_specs",
    "edtf_strings",
    "extra_fields",
    "figures_for",
    "ids",
    "places",
    "records_of",
    "single_dates",
    "sources",
    "weapons",
]

_FIRST = dt.date(2018, 1, 1)
_LAST = dt.date(2023, 12, 31)

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s != ""
)


def ids(prefix: str = "") -> st.SearchStrategy[str]:
    """Valid record ids: lower-case words joined by hyphens, optionally with a prefix."""
    word = st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)
    return st.lists(word, min_size=1, max_size=3).map(lambda ws: prefix + "-".join(ws))


def _single(day: dt.date, precision: str, qualifier: str) -> str:
    text = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": day.isoformat()[:4],
        "month-xx": day.isoformat()[:7] + "-XX",
        "year-xx": day.isoformat()[:4] + "-XX-XX",
    }[precision]
    return text + qualifier


def single_dates(
    min_value: dt.date = _FIRST, max_value: dt.date = _LAST, *, qualifiers: bool = True
) -> st.SearchStrategy[str]:
    """EDTF strings for one date (day, month or year, perhaps ``XX`` digits and a qualifier)."""
    return st.builds(
        _single,
        st.dates(min_value=min_value, max_value=max_value),
        st.sampled_from(["day", "day", "month", "year", "month-xx", "year-xx"]),
        st.sampled_from(["", "?", "~", "%"]) if qualifiers else st.just(""),
    )


@st.composite
def edtf_strings(draw: st.DrawFn, min_value: dt.date = _FIRST, max_value: dt.date = _LAST) -> str:
    """EDTF strings of the supported subset: single dates and intervals."""
    first = draw(single_dates(min_value, max_value))
    if "X" in first or not draw(st.booleans()):
        return first
    start = parse_date(first)
    end_day = draw(st.dates(min_value=max(start.latest, min_value), max_value=max(start.latest, max_value)))
    end = draw(st.builds(_single, st.just(end_day), st.sampled_from(["day", "month"]), st.sampled_from(["", "~"])))
    if parse_date(end).latest < start.latest:
        end = end_day.isoformat()
    return f"{first}/{end}"


def date_specs(min_value: dt.date = _FIRST, max_value: dt.date = _LAST) -> st.SearchStrategy[DateSpec]:
    """Parsed dates of the supported subset."""
    return edtf_strings(min_value, max_value).map(parse_date)


def _enum(cls: Any) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(cls))


def actors(record_id: st.SearchStrategy[str] | None = None, parent: str | None = None) -> st.SearchStrategy[Actor]:
    """Actors with an optional fixed parent."""
    return st.builds(
        Actor,
        id=ids("a-") if record_id is None else record_id,
        name=texts,
        kind=_enum(ActorKind),
        parent=st.just(parent),
    )


@st.composite
def _precision_and_radius(draw: st.DrawFn) -> tuple[GeoPrecision, int | None]:
    precision = draw(_enum(GeoPrecision))
    least, most = UNCERTAINTY_M[precision]
    return precision, draw(st.none() | st.integers(least, most if most is not None else 10 * least))


def places(record_id: st.SearchStrategy[str] | None = None, parent: str | None = None) -> st.SearchStrategy[Place]:
    """Places with coordinates inside WGS84 bounds and an uncertainty their precision allows."""
    return st.builds(
        lambda precision_and_radius, **fields: Place(
            geo_precision=precision_and_radius[0], uncertainty_m=precision_and_radius[1], **fields
        ),
        _precision_and_radius(),
        id=ids("p-") if record_id is None else record_id,
        name=texts,
        kind=_enum(PlaceKind),
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
        parent=st.just(parent),
    )


def weapons(record_id: st.SearchStrategy[str] | None = None, parent: str | None = None) -> st.SearchStrategy[Weapon]:
    """Weapons with an optional fixed parent."""
    return st.builds(
        Weapon,
        id=ids("w-") if record_id is None else record_id,
        name=texts,
        category=_enum(WeaponCategory),
        cluster=_enum(Cluster),
        parent=st.just(parent),
    )


def sources(publishers: list[str], record_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources published by one of ``publishers``."""
    return st.builds(
        Source,
        id=ids("s-") if record_id is None else record_id,
        kind=_enum(SourceKind),
        publisher=st.sampled_from(publishers),
        title=texts,
        url=ids().map(lambda s: f"https://example.org/{s}"),
        published=date_specs(),
        language=st.sampled_from(["en", "hy", "az", "ru"]),
    )


@st.composite
def _event(draw: st.DrawFn, event_id: str, place_ids: list[str]) -> Event:
    date = draw(date_specs(dt.date(2019, 1, 1), dt.date(2021, 12, 31)))
    meaning = (
        DateMeaning.POINT if not date.interval else draw(st.sampled_from([DateMeaning.DURATION, DateMeaning.WINDOW]))
    )
    return Event(
        id=event_id,
        kind=draw(_enum(EventKind)),
        title=draw(texts),
        summary=draw(texts),
        date=date,
        date_meaning=meaning,
        place=draw(st.sampled_from(place_ids)),
        notes=draw(st.just("") | texts),
    )


@st.composite
def claims_for(draw: st.DrawFn, event: Event, claim_id: str, actor_ids: list[str], earlier: list[str]) -> Claim:
    """A valid claim about ``event``; a denial answers one of ``earlier`` claim ids."""
    prospective = draw(st.booleans()) if event.kind is not EventKind.CONTEXT else False
    low = dt.date(2018, 1, 1) if prospective else event.date.earliest
    stance = draw(_enum(Stance))
    responds_to = None
    if stance in (Stance.DENIES, Stance.DISPUTES, Stance.RETRACTS):
        if not earlier:
            stance = Stance.REPORTS
        else:
            responds_to = draw(st.sampled_from(earlier))
    return Claim(
        id=claim_id,
        event=event.id,
        claimant=draw(st.sampled_from(actor_ids)),
        stance=stance,
        subject=draw(_enum(Subject)),
        statement=draw(texts),
        stated_on=draw(date_specs(low, max(low, dt.date(2023, 12, 31)))),
        asserted_actor=draw(st.none() | st.sampled_from(actor_ids)),
        responds_to=responds_to,
        prospective=prospective,
        unconfirmed=draw(st.booleans()),
    )


@st.composite
def figures_for(draw: st.DrawFn, event: Event, figure_id: str, actor_ids: list[str], place_ids: list[str]) -> Figure:
    """A valid figure about ``event``, its bounds agreeing with its qualifier."""
    qualifier = draw(_enum(Qualifier))
    a, b = sorted(draw(st.lists(st.integers(0, 100_000), min_size=2, max_size=2, unique=True)))
    low, high = {
        Qualifier.EXACT: (a, a),
        Qualifier.ABOUT: (a, draw(st.sampled_from([a, b]))),
        Qualifier.AT_LEAST: (a, None),
        Qualifier.AT_MOST: (None, b),
        Qualifier.RANGE: (a, b),
    }[qualifier]
    scope = draw(st.none() | _enum(FigureScope))
    return Figure(
        id=figure_id,
        event=event.id,
        measure=draw(_enum(Measure)),
        population=draw(_enum(PopulationGroup)),
        qualifier=qualifier,
        as_of=draw(date_specs(event.date.earliest, dt.date(2023, 12, 31))),
        reported_by=draw(st.sampled_from(actor_ids)),
        place=draw(st.sampled_from(place_ids)),
        low=low,
        high=high,
        scope=scope,
        notes="A running total; it may be revised." if scope is FigureScope.CUMULATIVE else "",
    )


def _field_strategy(tp: Any, optional: bool) -> st.SearchStrategy[Any]:
    inner: st.SearchStrategy[Any]
    if tp is str:
        inner = texts
    elif tp is DateSpec:
        inner = date_specs()
    else:
        inner = st.from_type(tp)
    return st.none() | inner if optional else inner


def extra_fields(cls: type[Any], base: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Values for the fields a subclass ``cls`` adds to the record class ``base``."""
    from .schema import columns

    known = {a.name for a in attrs.fields(base)}
    return st.fixed_dictionaries(
        {c.name: _field_strategy(c.type, c.optional) for c in columns(cls) if c.name not in known}
    )


@st.composite
def records_of(draw: st.DrawFn, cls: type[Any], base: st.SearchStrategy[Any]) -> Any:
    """Instances of a user subclass ``cls``: a record drawn from ``base`` plus its extra fields.

    >>> import attrs, stepanakert2020
    >>> @attrs.frozen
    ... class TaggedActor(stepanakert2020.Actor):
    ...     verified_by: str = ""
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(records_of(TaggedActor, actors()))
    ... def check(actor):
    ...     assert isinstance(actor, TaggedActor) and isinstance(actor.verified_by, str)
    >>> check()
    """
    record = draw(base)
    return _upgrade(draw, record, cls)


def _upgrade(draw: st.DrawFn, record: Any, cls: type[Any] | None) -> Any:
    if cls is None or type(record) is cls:
        return record
    extra = draw(extra_fields(cls, type(record)))
    return cls(**attrs.asdict(record, recurse=False), **extra)


def _unique(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


@st.composite
def datasets(
    draw: st.DrawFn,
    max_events: int = 12,
    *,
    event_type: type[Any] | None = None,
    claim_type: type[Any] | None = None,
    figure_type: type[Any] | None = None,
    source_type: type[Any] | None = None,
    place_type: type[Any] | None = None,
    actor_type: type[Any] | None = None,
    weapon_type: type[Any] | None = None,
) -> Dataset[Any, Any, Any, Any, Any, Any, Any]:
    """A complete valid dataset: every reference resolves and every record is cited.

    Pass subclasses of the record classes (``event_type=TaggedEvent`` …) to get datasets
    whose records are instances of them, with their extra fields generated from their
    attrs fields.
    """
    actor_ids = _unique("actor-", draw(st.integers(1, 5)))
    all_actors = [
        draw(actors(st.just(aid), parent=actor_ids[i - 1] if i and draw(st.booleans()) else None))
        for i, aid in enumerate(actor_ids)
    ]
    place_ids = _unique("place-", draw(st.integers(1, 4)))
    all_places = [
        draw(places(st.just(pid), parent=place_ids[i - 1] if i and draw(st.booleans()) else None))
        for i, pid in enumerate(place_ids)
    ]
    weapon_ids = _unique("weapon-", draw(st.integers(0, 3)))
    all_weapons = [
        draw(weapons(st.just(wid), parent=weapon_ids[i - 1] if i and draw(st.booleans()) else None))
        for i, wid in enumerate(weapon_ids)
    ]
    all_sources = [draw(sources(actor_ids, st.just(sid))) for sid in _unique("source-", draw(st.integers(0, 4)))]
    late = Source(
        id="source-late",
        kind=SourceKind.OTHER,
        publisher=actor_ids[0],
        title="Late source",
        url="https://example.org/late",
        published=parse_date("2024"),
        language="en",
    )
    all_sources.append(late)
    for i, source in enumerate(all_sources):  # some copy an earlier source published no later
        earlier = [o for o in all_sources[:i] if o.published.earliest <= source.published.latest]
        copies = draw(st.booleans())
        if earlier and copies:
            original = draw(st.sampled_from(earlier))
            copied = attrs.evolve(source, original=original.id, original_publisher=draw(st.sampled_from(actor_ids)))
            all_sources[i] = copied
    events = [draw(_event(eid, place_ids)) for eid in _unique("event-", draw(st.integers(0, max_events)))]
    all_claims: list[Claim] = []
    all_figures: list[Figure] = []
    for event in events:
        for _ in range(draw(st.integers(0, 3))):
            claim = draw(claims_for(event, f"claim-{len(all_claims)}", actor_ids, [c.id for c in all_claims]))
            if weapon_ids and claim.subject is Subject.WEAPON:
                claim = attrs.evolve(claim, asserted_weapon=draw(st.sampled_from(weapon_ids)))
            all_claims.append(claim)
        for _ in range(draw(st.integers(0, 2))):
            all_figures.append(draw(figures_for(event, f"figure-{len(all_figures)}", actor_ids, place_ids)))
    citations: list[Citation] = []
    located = [(p, parse_date("2019")) for p in all_places if p.geo_precision in LOCATED]
    for record, date in (
        [(e, e.date) for e in events]
        + [(c, c.stated_on) for c in all_claims]
        + [(f, f.as_of) for f in all_figures]
        + located
    ):
        usable = [s for s in all_sources if s.published.latest >= date.earliest]
        for source in draw(st.lists(st.sampled_from(usable), min_size=1, max_size=2, unique_by=lambda s: s.id)):
            citations.append(Citation(record=record.id, source=source.id, locator=draw(st.just("") | texts)))

    def up(records: list[Any], cls: type[Any] | None) -> list[Any]:
        return [_upgrade(draw, r, cls) for r in records]

    return Dataset(
        events=up(draw(st.permutations(events)), event_type),
        claims=up(all_claims, claim_type),
        figures=up(all_figures, figure_type),
        sources=up(all_sources, source_type),
        citations=citations,
        places=up(all_places, place_type),
        actors=up(all_actors, actor_type),
        weapons=up(all_weapons, weapon_type),
    )
