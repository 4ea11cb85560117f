"""Helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

from stepanakert2020.resources import bundled_root


def copy_bundled(tmp_path: Path) -> Path:
    """A copy of the bundled Data Package in a new folder ``pkg`` under ``tmp_path``."""
    target = tmp_path / "pkg"
    target.mkdir(parents=True)
    for entry in bundled_root().iterdir():
        if entry.name.endswith((".csv", ".json")):
            (target / entry.name).write_bytes(entry.read_bytes())
    return target
