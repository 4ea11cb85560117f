"""The pictures render to non-empty PNGs of the expected size."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

import stepanakert2020 as s
from stepanakert2020.cli import main
from stepanakert2020.plots import SIZE, WAR, strikes_per_day


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("what", ["timeline", "places"])
def test_plot_renders_png_of_expected_size(what: str, tmp_path: Path) -> None:
    out = tmp_path / f"{what}.png"
    assert main(["plot", what, "--output", str(out)]) == 0
    assert _png_size(out) == SIZE
    from PIL import Image

    pixels = Image.open(out).convert("L")
    low, high = pixels.getextrema()
    assert isinstance(low, int) and isinstance(high, int)
    assert high - low > 100, "the picture is blank"


def test_strikes_per_day_counts_every_strike_day() -> None:
    counts = strikes_per_day(s.load())
    assert len(counts) == (WAR[1] - WAR[0]).days + 1
    for event in s.events(*WAR, kind="strike", within="certain"):
        assert counts[event.date.earliest] >= 1


def test_every_place_is_drawn_once_or_listed_as_farther() -> None:
    from stepanakert2020.plots import CITY_SPAN, REGION_SPAN, place_groups

    ds = s.load()
    city = ds.place("stepanakert")
    region = [p for group in place_groups(ds, city, REGION_SPAN) for p in group]
    assert len(region) == len({p.id for p in region})
    for group in place_groups(ds, city, REGION_SPAN):
        assert len({(p.latitude, p.longitude) for p in group}) == 1
    inside = {p.id for group in place_groups(ds, city, CITY_SPAN) for p in group}
    assert inside <= {p.id for p in region} and "stepanakert" in inside
    for place in ds.places():
        near = (
            abs(place.latitude - city.latitude) <= REGION_SPAN and abs(place.longitude - city.longitude) <= REGION_SPAN
        )
        assert (place in region) == (near and place.kind is not s.PlaceKind.COUNTRY), place.id


def test_a_radius_in_degrees_is_wider_in_longitude_away_from_the_equator() -> None:
    from stepanakert2020.plots import radius_in_degrees

    assert radius_in_degrees(0.0, 111_320) == (1.0, 1.0)
    lon, lat = radius_in_degrees(39.8, 1000)
    assert lat == 1000 / 111_320 and 1.29 < lon / lat < 1.31  # 1 / cos(39.8 degrees)


def test_each_strike_is_counted_once_on_its_first_possible_day() -> None:
    ds = s.load()
    counts = strikes_per_day(ds)
    strikes = ds.events(*WAR, kind="strike")
    assert sum(counts.values()) == len(strikes)
    overnight = [e for e in strikes if e.date.earliest != e.date.latest]
    assert overnight, "the data has strikes dated to more than one day"
    for event in overnight:
        assert counts[max(event.date.earliest, WAR[0])] >= 1
