"""Query laws over generated datasets, checked against brute force."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stepanakert2020 import DataError, Dataset, Event, UnknownRecordError, load
from stepanakert2020.testing import datasets

windows = st.tuples(st.dates(dt.date(2018, 6, 1), dt.date(2022, 6, 1)), st.integers(0, 400)).map(
    lambda t: (t[0], t[0] + dt.timedelta(days=t[1]))
)

AnyDataset = Dataset[Any, Any, Any, Any, Any, Any, Any]


def _key(e: Event) -> tuple[dt.date, dt.date, str]:
    return (e.date.earliest, e.date.latest, e.id)


@given(datasets(), windows)
def test_window_readings_match_brute_force(ds: AnyDataset, window: tuple[dt.date, dt.date]) -> None:
    start, end = window
    possible = ds.events(start, end)
    certain = ds.events(start.isoformat(), end.isoformat(), within="certain")
    assert possible == tuple(e for e in ds.events() if e.date.earliest <= end and e.date.latest >= start)
    assert certain == tuple(e for e in ds.events() if start <= e.date.earliest and e.date.latest <= end)
    assert set(certain) <= set(possible)


@given(datasets(), windows, st.integers(0, 300), st.integers(0, 300))
def test_widening_a_window_never_loses_a_result(
    ds: AnyDataset, window: tuple[dt.date, dt.date], before: int, after: int
) -> None:
    start, end = window
    wider = (start - dt.timedelta(days=before), end + dt.timedelta(days=after))
    for within in ("possible", "certain"):
        assert set(ds.events(start, end, within=within)) <= set(ds.events(*wider, within=within))


@given(datasets(), st.data())
def test_filters_compose_as_intersections(ds: AnyDataset, data: st.DataObject) -> None:
    filters: dict[str, Any] = {}
    if bool(ds.events()) and data.draw(st.booleans()):
        filters["kind"] = data.draw(st.sampled_from(ds.events())).kind
    if data.draw(st.booleans()):
        filters["place"] = data.draw(st.sampled_from(ds.places()))
    if data.draw(st.booleans()):
        filters["actor"] = data.draw(st.sampled_from(ds.actors())).id
    if bool(ds.weapons()) and data.draw(st.booleans()):
        filters["weapon"] = data.draw(st.sampled_from(ds.weapons()))
    if data.draw(st.booleans()):
        filters["source"] = data.draw(st.sampled_from(ds.sources())).id
    together = set(ds.events(**filters))
    apart = set(ds.events())
    for name, value in filters.items():
        apart &= set(ds.events(**{name: value}))
    assert together == apart


@given(datasets(), st.data())
def test_each_filter_returns_exactly_what_it_promises(ds: AnyDataset, data: st.DataObject) -> None:
    place = data.draw(st.sampled_from(ds.places()))
    under = {p.id for p in ds.places() if place.id in _chain(ds, p.id, "places")}
    assert set(ds.events(place=place)) == {e for e in ds.events() if e.place in under}
    actor = data.draw(st.sampled_from(ds.actors()))
    expected = set()
    for claim in ds.claims():
        involved = {claim.claimant, claim.asserted_actor} - {None}
        if any(actor.id in _chain(ds, a, "actors") for a in involved):
            expected.add(claim.event)
    for figure in ds.figures():
        if actor.id in _chain(ds, figure.reported_by, "actors"):
            expected.add(figure.event)
    assert {e.id for e in ds.events(actor=actor)} == expected
    source = data.draw(st.sampled_from(ds.sources()))
    cited = {c.record for c in ds.citations() if c.source == source.id}
    expected_events = {r for r in cited if r in {e.id for e in ds.events()}}
    expected_events |= {c.event for c in ds.claims() if c.id in cited} | {
        f.event for f in ds.figures() if f.id in cited
    }
    assert {e.id for e in ds.events(source=source)} == expected_events
    if ds.events():
        word = data.draw(st.sampled_from(ds.events())).title[:3]
        assert set(ds.events(text=word)) == {
            e for e in ds.events() if word.casefold() in f"{e.title}\n{e.summary}\n{e.notes}".casefold()
        }


def _chain(ds: AnyDataset, record_id: str, table: str) -> set[str]:
    parents = {r.id: r.parent for r in getattr(ds, table)()}
    seen: set[str] = set()
    current: str | None = record_id
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


@given(datasets(), st.data())
def test_every_query_is_sorted(ds: AnyDataset, data: st.DataObject) -> None:
    assert list(ds.events()) == sorted(ds.events(), key=_key)
    kinds = {e.kind for e in ds.events()}
    for kind in kinds:
        found = ds.events(kind=kind)
        assert list(found) == sorted(found, key=_key)
    assert list(ds.claims()) == sorted(ds.claims(), key=lambda c: (c.stated_on.earliest, c.id))
    assert list(ds.figures()) == sorted(ds.figures(), key=lambda f: (f.as_of.earliest, f.id))


@given(datasets(max_events=3))
def test_rebuilding_from_its_own_records_gives_the_same_dataset(ds: AnyDataset) -> None:
    again = Dataset(
        events=ds.events(),
        claims=ds.claims(),
        figures=ds.figures(),
        sources=ds.sources(),
        citations=ds.citations(),
        places=ds.places(),
        actors=ds.actors(),
        weapons=ds.weapons(),
    )
    assert again.events() == ds.events() and again.claims() == ds.claims()


@given(datasets(max_events=3))
def test_datasets_and_their_collections_are_immutable(ds: AnyDataset) -> None:
    with pytest.raises(AttributeError):
        ds._timeline = ()
    with pytest.raises(AttributeError):
        ds.anything = 1
    for collection in (
        ds.events(),
        ds.claims(),
        ds.figures(),
        ds.sources(),
        ds.places(),
        ds.actors(),
        ds.weapons(),
        ds.citations(),
        ds.withdrawn(),
    ):
        assert isinstance(collection, tuple)
        for record in collection[:2]:
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                object.__getattribute__(record, "__setattr__")("source", "changed")
    assert isinstance(ds._by_id, MappingProxyType)


def test_in_memory_records_are_validated_and_every_problem_reported() -> None:
    ds = load()
    bad_event = attrs.evolve(ds.events()[0], place="nowhere")
    with pytest.raises(DataError) as info:
        Dataset(
            events=[bad_event], claims=[], sources=ds.sources(), actors=ds.actors(), places=ds.places(), citations=[]
        )
    problems = info.value.problems
    assert {(p.file, p.line, p.column, p.value) for p in problems if "places" in p.reason} == {
        ("<events>", 1, "place", "nowhere")
    }
    assert any(p.record == bad_event.id and "no citation" in p.reason for p in problems)


def test_unknown_ids_suggest_close_matches() -> None:
    ds = load()
    with pytest.raises(UnknownRecordError, match="did you mean 'hrw'"):
        ds.events(actor="hrv")
    with pytest.raises(UnknownRecordError, match="no event with id 'nope'"):
        ds.event("nope")


def test_bad_windows_are_refused() -> None:
    ds = load()
    with pytest.raises(ValueError, match="not a date"):
        ds.events("2020-13")
    with pytest.raises(ValueError, match="after end"):
        ds.events("2020-10-02", "2020-10-01")
    with pytest.raises(ValueError, match="within="):
        ds.events(within="maybe")  # type: ignore[arg-type]


def test_typed_accessors_find_only_their_own_table() -> None:
    ds = load()
    assert ds.actor("hrw").name == "Human Rights Watch"
    assert ds.place("stepanakert") is ds.record("stepanakert")
    for accessor, what in (
        (ds.actor, "actor"),
        (ds.source, "source"),
        (ds.claim, "claim"),
        (ds.figure, "figure"),
        (ds.place, "place"),
        (ds.weapon, "weapon"),
    ):
        with pytest.raises(UnknownRecordError, match=f"no {what} with id 'war-begins'"):
            accessor("war-begins")


# -- finding: EDTF bounds, ids in any case or by prefix, every figure filter, replies --------


@given(st.integers(2019, 2021), st.integers(1, 12))
def test_a_month_as_a_bound_means_its_first_or_last_day(year: int, month: int) -> None:
    ds = load()
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    for within in ("possible", "certain"):
        by_month = ds.events(f"{year}-{month:02d}", f"{year}-{month:02d}", within=within)
        by_days = ds.events(f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}", within=within)
        assert by_month == by_days
    assert ds.events(str(year), str(year)) == ds.events(dt.date(year, 1, 1), dt.date(year, 12, 31))


def test_ids_are_found_in_any_case_and_by_a_prefix_only_one_id_begins_with() -> None:
    ds = load()
    ids = [e.id for e in ds.events()]
    for event in ds.events():
        assert ds.event(event.id.upper()) is event
        prefix = event.id[: max(len(event.id) - 3, 1)]
        owners = [i for i in ids if i.startswith(prefix)]
        if owners == [event.id]:
            assert ds.event(prefix) is event
        else:
            with pytest.raises(UnknownRecordError, match="did you mean"):
                ds.event(prefix)


@given(datasets(), st.data())
def test_each_figure_filter_returns_exactly_what_it_promises(ds: AnyDataset, data: st.DataObject) -> None:
    figures = ds.figures()
    place = data.draw(st.sampled_from(ds.places()))
    covered = {p.id for p in ds.places() if place.id in _chain(ds, p.id, "places")}
    assert ds.figures(place=place) == tuple(f for f in figures if f.place in covered)
    actor = data.draw(st.sampled_from(ds.actors()))
    speaking = {a.id for a in ds.actors() if actor.id in _chain(ds, a.id, "actors")}
    assert ds.figures(reported_by=actor) == tuple(f for f in figures if f.reported_by in speaking)
    for field, values in (("population", ["civilian", "all"]), ("scope", ["incident", "cumulative", "snapshot"])):
        value = data.draw(st.sampled_from(values))
        expected = tuple(f for f in figures if getattr(f, field) is not None and getattr(f, field).value == value)
        assert ds.figures(**{field: value}) == expected  # type: ignore[arg-type]
    low, high = data.draw(windows)
    assert ds.figures(low, high) == tuple(f for f in figures if f.as_of.earliest <= high and low <= f.as_of.latest)
    certain = ds.figures(low, high, within="certain")
    assert certain == tuple(f for f in figures if low <= f.as_of.earliest and f.as_of.latest <= high)
    if ds.claims():
        claim = data.draw(st.sampled_from(ds.claims()))
        assert ds.replies(claim) == tuple(c for c in ds.claims() if c.responds_to == claim.id)


def test_a_wrong_value_lists_the_allowed_ones_and_the_closest() -> None:
    ds = load()
    with pytest.raises(ValueError, match=r"scope='running' is not one of: incident, cumulative, snapshot"):
        ds.figures(scope="running")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"did you mean 'denies'"):
        ds.claims(stance="denied")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        ds.events(start=12345)  # type: ignore[arg-type]


def test_a_withdrawn_id_says_so_and_is_never_resolved_by_prefix() -> None:
    ds = load()
    gone = ds.withdrawn()[0]
    with pytest.raises(UnknownRecordError, match=f"withdrawn in {gone.withdrawn_in}") as info:
        ds.record(gone.id)
    assert (not gone.replaced_by) or info.value.suggestions == (gone.replaced_by,)


def test_find_prefers_an_exact_id_in_any_table_then_an_event() -> None:
    ds = load()
    assert ds.find("hrw").id == "hrw"
    assert ds.find("strike-2020-10-28").id == "strike-2020-10-28-maternity-hospital"


def test_deprecation_warnings_point_at_the_callers_line() -> None:
    import stepanakert2020

    with pytest.warns(DeprecationWarning) as caught:
        stepanakert2020.timeline()
    assert caught[0].filename == __file__


def test_old_names_still_work_and_warn() -> None:
    ds = load()
    source = ds.sources()[0]
    with pytest.warns(DeprecationWarning, match="events"):
        assert ds.timeline() == ds.events()
    with pytest.warns(DeprecationWarning, match="source="):
        assert ds.events_citing(source) == ds.events(source=source)
    with pytest.warns(DeprecationWarning, match="withdrawn"):
        assert ds.tombstones() == ds.withdrawn()
    with pytest.warns(DeprecationWarning, match="reported_by"):
        assert ds.figures(reporter="artsakh-ombudsman") == ds.figures(reported_by="artsakh-ombudsman")
