"""Invariants of the bundled data, its descriptor and its versions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import stepanakert2020
from stepanakert2020 import EventKind, SourceKind, load
from stepanakert2020.descriptor import render
from stepanakert2020.resources import bundled_root

ROOT = Path(__file__).resolve().parent.parent
RELEASED_IDS = Path(__file__).with_name("released_ids.txt")


def test_descriptor_is_generated_from_schema_and_files() -> None:
    shipped = bundled_root().joinpath("datapackage.json").read_text(encoding="utf-8")
    assert shipped == render(bundled_root()), "run: python scripts/refresh_data.py"


def test_versions_agree_everywhere() -> None:
    descriptor = json.loads(bundled_root().joinpath("datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == stepanakert2020.DATA_VERSION
    meta = descriptor["stepanakert2020"]
    assert meta == {
        "package_version": stepanakert2020.__version__,
        "schema_version": stepanakert2020.SCHEMA_VERSION,
        "data_version": stepanakert2020.DATA_VERSION,
    }
    semver = r"\d+\.\d+\.\d+"
    assert re.fullmatch(semver, stepanakert2020.__version__)
    assert re.fullmatch(semver, stepanakert2020.SCHEMA_VERSION)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{stepanakert2020.__version__}]" in changelog


def test_installed_metadata_agrees_when_installed() -> None:
    from importlib import metadata

    try:
        version = metadata.version("stepanakert2020")
    except metadata.PackageNotFoundError:
        pytest.skip("not installed (running from a source tree)")
    assert version == stepanakert2020.__version__


def test_sources_are_citable() -> None:
    for source in load().sources():
        assert source.url.startswith(("https://", "http://")), source.id
        assert source.title and source.publisher and source.language


def test_dates_are_within_scope() -> None:
    for event in load().events():
        if event.kind is not EventKind.CONTEXT:
            assert event.date.earliest.year >= 2020, event.id


def test_released_ids_still_exist_or_are_tombstoned() -> None:
    ds = load()
    records: list[Any] = [
        *ds.events(),
        *ds.claims(),
        *ds.figures(),
        *ds.sources(),
        *ds.places(),
        *ds.actors(),
        *ds.weapons(),
    ]
    live = {r.id for r in records}
    withdrawn = {t.id for t in ds.withdrawn()}
    released = {line.strip() for line in RELEASED_IDS.read_text(encoding="utf-8").splitlines() if line.strip()}
    missing = released - live - withdrawn
    assert not missing, f"ids released before and now gone without a tombstone: {sorted(missing)}"
    assert live <= released, f"new ids must be added to tests/released_ids.txt: {sorted(live - released)}"


def test_encyclopedias_are_marked() -> None:
    for source in load().sources():
        if "wikipedia.org" in source.url:
            assert source.kind is SourceKind.ENCYCLOPEDIA


def test_data_model_page_shows_the_current_schema() -> None:
    from stepanakert2020.schema import markdown_tables

    page = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    marker = "<!-- generated: stepanakert2020.schema.markdown_tables() -->\n"
    assert page.split(marker, 1)[1] == markdown_tables(), "regenerate the tables in docs/data-model.md"


# -- editorial rules of DATA-RULES.md that the bundled data keeps (beyond what load() enforces) --

#: Query parameters that only track readers: a URL with one is not the canonical address.
TRACKING = re.compile(r"[?&](utm_[a-z]+|fbclid|gclid|yclid|mc_cid|mc_eid|traffic_source|chat_room_id|doing_wp_cron)=")


def test_urls_are_canonical_web_addresses() -> None:
    for source in load().sources():
        for url in filter(None, (source.url, source.archive_url)):
            assert url.startswith(("http://", "https://")), (source.id, url)
            assert not TRACKING.search(url), (source.id, url)


@pytest.mark.parametrize(
    ("url", "tracked"),
    [
        ("https://example.org/a?utm_source=x", True),
        ("https://example.org/a?id=3&fbclid=abc", True),
        ("https://example.org/a?id=3", False),
        ("https://example.org/utm_source/a", False),
    ],
)
def test_the_tracking_pattern_finds_tracking_parameters_only(url: str, tracked: bool) -> None:
    assert bool(TRACKING.search(url)) is tracked


def test_titles_are_titles() -> None:
    for source in load().sources():
        assert "relaying" not in source.title.lower(), source.id
        assert source.title.strip() == source.title and source.title, source.id
        if source.title.startswith("["):
            assert source.title.endswith("]"), source.id  # a supplied title, bracketed whole


def test_notes_are_written_for_users() -> None:
    ds = load()
    records: tuple[Any, ...] = (*ds.events(), *ds.claims(), *ds.figures(), *ds.places(), *ds.actors(), *ds.weapons())
    for record in records:
        notes = record.notes.lower()
        assert "curator" not in notes and "could not be re-found" not in notes, record.id


def test_every_place_has_a_cited_uncertainty_and_every_figure_a_scope() -> None:
    ds = load()
    for place in ds.places():
        assert place.uncertainty_m is not None, place.id
        assert ds.citations_for(place), f"{place.id}: where do its coordinates come from?"
    assert all(figure.scope is not None for figure in ds.figures())


def test_a_region_is_not_given_a_citys_precision() -> None:
    for place in load().places():
        if place.kind in (stepanakert2020.PlaceKind.REGION, stepanakert2020.PlaceKind.COUNTRY):
            assert place.geo_precision is stepanakert2020.GeoPrecision.REGION, place.id
