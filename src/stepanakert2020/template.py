"""Writing an empty, valid user Data Package to start from (``stepanakert2020 new PATH``).

>>> import tempfile, pathlib, stepanakert2020
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "mine"
>>> written = new_package(folder)
>>> stepanakert2020.load(extra=[folder]) == stepanakert2020.load(extra=[folder])
False
>>> len(stepanakert2020.load(extra=[folder]).events()) == len(stepanakert2020.events())
True
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from .schema import TABLES, columns

__all__ = ["new_package"]


def new_package(path: str | os.PathLike[str], name: str | None = None) -> list[Path]:
    """Write an empty user Data Package (descriptor and one header-only CSV per table) into a new folder.

    Refuses to write into a folder that already has files. Returns the paths written.
    """
    folder = Path(path)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    resources = []
    for table in TABLES.values():
        target = folder / table.path
        with target.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerow([c.name for c in columns(table.cls)])
        written.append(target)
        resources.append({"name": table.name, "path": table.path, "format": "csv", "encoding": "utf-8"})
    descriptor = {
        "name": name or folder.name.lower().replace(" ", "-"),
        "title": "My additions to stepanakert2020",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "stepanakert2020:overrides": [],
        "resources": resources,
    }
    target = folder / "datapackage.json"
    target.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    written.append(target)
    return written
