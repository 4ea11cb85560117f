"""The loader's column-at-a-time fast path gives exactly what the cattrs converter gives, row by row."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import stepanakert2020 as s
from stepanakert2020.convert import from_row
from stepanakert2020.exports import related, write_datapackage
from stepanakert2020.resources import bundled_root
from stepanakert2020.schema import TABLES
from stepanakert2020.testing import datasets

COLLECTIONS = {
    "events": "events",
    "claims": "claims",
    "figures": "figures",
    "sources": "sources",
    "citations": "citations",
    "actors": "actors",
    "weapons": "weapons",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(datasets(max_events=8))
def test_generated_packages_load_back_exactly(tmp_path_factory: Any, ds: Any) -> None:
    folder = tmp_path_factory.mktemp("pkg")
    write_datapackage(ds, folder)  # the events and everything they need
    back = s.load(bundled=False, extra=[folder])
    expected = related(ds)
    for table, method in COLLECTIONS.items():
        assert sorted(getattr(back, method)(), key=repr) == sorted(expected[table], key=repr), table
    assert list(back.places()) == sorted(expected["places"], key=lambda p: p.id)


def test_bundled_records_equal_the_cattrs_structuring_of_every_row() -> None:
    ds = s.load()
    folder = Path(str(bundled_root()))
    for table, method in COLLECTIONS.items():
        by_cattrs = [from_row(TABLES[table].cls, row) for row in _rows(folder / TABLES[table].path)]
        assert sorted(by_cattrs, key=repr) == sorted(getattr(ds, method)(), key=repr), table
