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
