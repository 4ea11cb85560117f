"""stepanakert2020: a sourced, typed dataset of the 2020 bombardment of Stepanakert.

Records are frozen ``attrs`` classes; :func:`load` returns the validated, cached
:class:`Dataset`; the module-level query functions run on the bundled data.

>>> import stepanakert2020
>>> first = stepanakert2020.events()[0]
>>> bool(stepanakert2020.sources_for(first))
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._release import DATA_VERSION, SCHEMA_VERSION, __version__

if TYPE_CHECKING:
    from .dataset import RecordSet, Within
    from .dates import DateSpec, EDTFError, Precision, parse_date
    from .errors import DataError, Problem, UnknownRecordError
    from .functions import (
        actors,
        claims,
        event,
        events,
        figures,
        find,
        places,
        record,
        replies,
        search,
        sources,
        sources_behind,
        sources_for,
        weapons,
        withdrawn,
    )
    from .functions import (
        events_citing as events_citing,  # deprecated: not in __all__
    )
    from .functions import (
        timeline as timeline,  # deprecated: not in __all__
    )
    from .loading import BundledDataset, Dataset, load
    from .model import (
        Actor,
        ActorKind,
        AltName,
        Citation,
        Claim,
        Cluster,
        DateMeaning,
        Event,
        EventKind,
        Figure,
        FigureScope,
        GeoPrecision,
        Measure,
        Place,
        PlaceKind,
        PopulationGroup,
        Qualifier,
        Source,
        SourceKind,
        Stance,
        Subject,
        Tombstone,
        Weapon,
        WeaponCategory,
    )

# Nothing is imported, read or parsed at import time: each public name is fetched from
# its module on first use (and then kept), so `import stepanakert2020` costs almost nothing.
_LAZY = {
    **dict.fromkeys(("RecordSet", "Within"), "dataset"),
    **dict.fromkeys(("DateSpec", "EDTFError", "Precision", "parse_date"), "dates"),
    **dict.fromkeys(("DataError", "Problem", "UnknownRecordError"), "errors"),
    **dict.fromkeys(("BundledDataset", "Dataset", "load"), "loading"),
    **dict.fromkeys(
        (
            "actors",
            "claims",
            "event",
            "events",
            "events_citing",
            "figures",
            "find",
            "places",
            "record",
            "replies",
            "search",
            "sources",
            "sources_behind",
            "sources_for",
            "timeline",
            "weapons",
            "withdrawn",
        ),
        "functions",
    ),
    **dict.fromkeys(
        (
            "Actor",
            "ActorKind",
            "AltName",
            "Citation",
            "Claim",
            "Cluster",
            "DateMeaning",
            "Event",
            "EventKind",
            "Figure",
            "FigureScope",
            "GeoPrecision",
            "Measure",
            "Place",
            "PlaceKind",
            "PopulationGroup",
            "Qualifier",
            "Source",
            "SourceKind",
            "Stance",
            "Subject",
            "Tombstone",
            "Weapon",
            "WeaponCategory",
        ),
        "model",
    ),
}


__all__ = [
    "DATA_VERSION",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "AltName",
    "BundledDataset",
    "Citation",
    "Claim",
    "Cluster",
    "DataError",
    "Dataset",
    "DateMeaning",
    "DateSpec",
    "EDTFError",
    "Event",
    "EventKind",
    "Figure",
    "FigureScope",
    "GeoPrecision",
    "Measure",
    "Place",
    "PlaceKind",
    "PopulationGroup",
    "Precision",
    "Problem",
    "Qualifier",
    "RecordSet",
    "Source",
    "SourceKind",
    "Stance",
    "Subject",
    "Tombstone",
    "UnknownRecordError",
    "Weapon",
    "WeaponCategory",
    "Within",
    "__version__",
    "actors",
    "claims",
    "event",
    "events",
    "figures",
    "find",
    "load",
    "parse_date",
    "places",
    "record",
    "replies",
    "search",
    "sources",
    "sources_behind",
    "sources_for",
    "weapons",
    "withdrawn",
]

#: Submodules reachable as attributes (``stepanakert2020.exports``), imported on first use.
_SUBMODULES = frozenset(
    (
        "cite",
        "crosswalk",
        "dataset",
        "dates",
        "descriptor",
        "errors",
        "exports",
        "functions",
        "loading",
        "model",
        "plots",
        "report",
        "rules",
        "schema",
        "site",
        "testing",
    )
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stepanakert2020' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
