"""The bundled ``datapackage.json``, generated from the schema and the CSVs' bytes.

:func:`render` is what ``scripts/refresh_data.py`` writes and what the tests compare
the shipped descriptor with. :func:`verify` checks an install against its hashes.

>>> d = package_metadata()
>>> d["licenses"][0]["name"]
'CC-BY-4.0'
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .schema import TABLES, table_schema

__all__ = ["package_metadata", "render", "resource_descriptor", "sha256", "verify"]


def sha256(data: bytes) -> str:
    """The ``hash`` property of a resource: ``sha256:`` and the hex digest."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def package_metadata() -> dict[str, Any]:
    """The package-level properties of the bundled descriptor (everything but resources)."""
    from ._release import DATA_VERSION, SCHEMA_VERSION, __version__

    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "stepanakert2020",
        "title": "The 2020 bombardment of Stepanakert: events, claims, figures and sources",
        "description": (
            "Sourced, attributed records of the bombardment of Stepanakert (27 September - "
            "10 November 2020), its background and the investigations that followed. "
            "Dates are EDTF strings with derived earliest/latest/precision columns."
        ),
        "version": DATA_VERSION,
        "created": f"{DATA_VERSION}T00:00:00Z",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "contributors": [{"title": "stepanakert2020 maintainers", "roles": ["creator"]}],
        "sources": [{"title": "Per-record sources: see the sources and citations tables"}],
        "stepanakert2020": {
            "package_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "data_version": DATA_VERSION,
        },
    }


def resource_descriptor(name: str, data: bytes) -> dict[str, Any]:
    """The descriptor of one table's resource, with its hash and size."""
    table = TABLES[name]
    return {
        "name": name,
        "type": "table",
        "path": table.path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
        "bytes": len(data),
        "hash": sha256(data),
        "schema": table_schema(table),
    }


def render(folder: Any) -> str:
    """The full descriptor text for the CSVs in ``folder`` (a Traversable or Path)."""
    descriptor = package_metadata()
    descriptor["resources"] = [
        resource_descriptor(name, folder.joinpath(table.path).read_bytes()) for name, table in TABLES.items()
    ]
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"


def verify(folder: Any) -> list[str]:
    """Every mismatch between the descriptor's hashes and sizes and the files in ``folder``.

    >>> from stepanakert2020.resources import bundled_root
    >>> verify(bundled_root())
    []
    """
    descriptor = json.loads(folder.joinpath("datapackage.json").read_text(encoding="utf-8"))
    problems = []
    for resource in descriptor["resources"]:
        try:
            data = folder.joinpath(resource["path"]).read_bytes()
        except FileNotFoundError:
            problems.append(f"{resource['path']}: missing")
            continue
        if sha256(data) != resource.get("hash"):
            problems.append(f"{resource['path']}: SHA-256 {sha256(data)} does not match {resource.get('hash')}")
        if len(data) != resource.get("bytes"):
            problems.append(f"{resource['path']}: {len(data)} bytes, the descriptor says {resource.get('bytes')}")
    return problems
