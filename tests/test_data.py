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
    for event in load().timeline():
        if event.kind is not EventKind.CONTEXT:
            assert event.date.earliest.year >= 2020, event.id


def test_released_ids_still_exist_or_are_tombstoned() -> None:
    ds = load()
    records: list[Any] = [
        *ds.timeline(),
        *ds.claims(),
        *ds.figures(),
        *ds.sources(),
        *ds.places(),
        *ds.actors(),
        *ds.weapons(),
    ]
    live = {r.id for r in records}
    withdrawn = {t.id for t in ds.tombstones()}
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
