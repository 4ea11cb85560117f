"""pytest-benchmark suite for the query functions: ``pytest benchmarks/`` (never part of the default run).

Needs the ``bench`` extra (``pip install -e '.[bench]'``). A synthetic package of
``STEPANAKERT2020_BENCH_EVENTS`` events (10^4 by default) is generated once per session into a
temporary folder by ``benchmarks/generate.py``; each query is called once before it is timed,
so that the index it needs (built on first use) is measured apart, in ``test_index_build``.
Compare runs with ``pytest benchmarks/ --benchmark-autosave`` and ``pytest-benchmark compare``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate
import pytest

import stepanakert2020 as s

pytest.importorskip("pytest_benchmark")

EVENTS = int(os.environ.get("STEPANAKERT2020_BENCH_EVENTS", "10000"))
WINDOW = generate.window(EVENTS)


@pytest.fixture(scope="session")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.generate(EVENTS, tmp_path_factory.mktemp("bench") / f"events-{EVENTS}")


@pytest.fixture(scope="session")
def ds(package: Path) -> s.Dataset:
    return s.load(bundled=False, extra=[package])


def _timed(benchmark: Any, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    query(*args, **kwargs)  # build the index it needs first
    return benchmark(query, *args, **kwargs)


# -- date windows: O(log n + k) through the sorted index -------------------------------------


def test_events_window_possible(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.events, *WINDOW)


def test_events_window_certain(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.events, *WINDOW, within="certain")


def test_events_window_as_strings(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.events, WINDOW[0].isoformat(), WINDOW[1].isoformat())


def test_events_one_day(benchmark: Any, ds: s.Dataset) -> None:
    _timed(benchmark, ds.events, WINDOW[0], WINDOW[0], within="certain")


# -- a window and one filter, and filters alone: prebuilt indexes by id ----------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [("kind", "strike"), ("place", "city-1"), ("actor", "forces-a"), ("weapon", "mlrs"), ("text", "hospital")],
)
def test_events_window_and_filter(benchmark: Any, ds: s.Dataset, name: str, value: str) -> None:
    _timed(benchmark, ds.events, *WINDOW, **{name: value})


@pytest.mark.parametrize(("name", "value"), [("kind", "ceasefire"), ("place", "district-1"), ("weapon", "rocket-a")])
def test_events_filter_alone(benchmark: Any, ds: s.Dataset, name: str, value: str) -> None:
    assert _timed(benchmark, ds.events, **{name: value})


def test_events_by_source(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, lambda source: ds.events(source=source), ds.sources()[len(ds.sources()) // 2])


def test_timeline(benchmark: Any, ds: s.Dataset) -> None:
    assert len(_timed(benchmark, ds.timeline)) == EVENTS


# -- lookups and related records ------------------------------------------------------------


def test_event_by_id(benchmark: Any, ds: s.Dataset) -> None:
    event_id = ds.events()[EVENTS // 2].id
    assert _timed(benchmark, ds.event, event_id).id == event_id


def test_record_by_id(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.record, "forces-a").id == "forces-a"


def test_claims_of_an_event(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.claims, event=ds.events()[EVENTS // 2])


def test_claims_by_claimant_and_stance(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.claims, claimant="ministry-a", stance="denies")


def test_figures_of_an_event(benchmark: Any, ds: s.Dataset) -> None:
    event = next(f.event for f in ds.figures())
    assert _timed(benchmark, ds.figures, event=event)


def test_sources_for_an_event(benchmark: Any, ds: s.Dataset) -> None:
    assert _timed(benchmark, ds.sources_for, ds.events()[EVENTS // 2])


def test_unknown_id_suggests_close_matches(benchmark: Any, ds: s.Dataset) -> None:
    def miss() -> None:
        with pytest.raises(s.UnknownRecordError):
            ds.event("event-00000x1")

    benchmark.pedantic(miss, rounds=5, iterations=1)


# -- the indexes themselves, built on first use ------------------------------------------------


@pytest.mark.parametrize("index", ["buckets", "kinds", "by_place", "by_actor", "by_source", "texts", "claims_of"])
def test_index_build(benchmark: Any, ds: s.Dataset, index: str) -> None:
    def build() -> object:
        fresh = type(ds._event_index)(ds)
        return getattr(fresh, index)

    benchmark.pedantic(build, rounds=5, iterations=1)


# -- the module-level functions on the bundled data --------------------------------------------


def test_bundled_events_window(benchmark: Any) -> None:
    assert _timed(benchmark, s.events, dt.date(2020, 10, 1), dt.date(2020, 10, 31))


def test_bundled_events_window_and_kind(benchmark: Any) -> None:
    _timed(benchmark, s.events, "2020-10-01", "2020-10-31", kind="strike")


def test_bundled_event_and_its_sources(benchmark: Any) -> None:
    event_id = s.events()[0].id
    assert _timed(benchmark, lambda: s.sources_for(s.event(event_id)))


def test_bundled_claims(benchmark: Any) -> None:
    _timed(benchmark, s.claims, stance="denies")
