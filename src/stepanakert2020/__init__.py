"""stepanakert2020: a sourced, typed dataset of the 2020 bombardment of Stepanakert.

Records are frozen ``attrs`` classes; :func:`load` returns the validated, cached
:class:`Dataset`; the module-level query functions run on the bundled data.

>>> import stepanakert2020
>>> first = stepanakert2020.timeline()[0]
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
    "events_citing",
    "figures",
    "load",
    "parse_date",
    "places",
    "sources",
    "sources_for",
    "timeline",
    "weapons",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stepanakert2020' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def _bundled() -> BundledDataset:
    from .loading import load

    return load()


def events(
    start: Any = None,
    end: Any = None,
    *,
    kind: Any = None,
    place: Any = None,
    actor: Any = None,
    weapon: Any = None,
    source: Any = None,
    text: str | None = None,
    within: Within = "possible",
) -> tuple[Event, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.events` on the bundled data.

    >>> import stepanakert2020
    >>> all(e.kind is stepanakert2020.EventKind.STRIKE for e in stepanakert2020.events(kind="strike"))
    True
    """
    return _bundled().events(
        start, end, kind=kind, place=place, actor=actor, weapon=weapon, source=source, text=text, within=within
    )


def event(event_id: str) -> Event:
    """:meth:`~stepanakert2020.dataset.RecordSet.event` on the bundled data.

    >>> import stepanakert2020
    >>> stepanakert2020.event("war-begins").date.edtf
    '2020-09-27'
    """
    return _bundled().event(event_id)


def timeline() -> tuple[Event, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.timeline` on the bundled data.

    >>> import stepanakert2020
    >>> len(stepanakert2020.timeline()) == len(stepanakert2020.events())
    True
    """
    return _bundled().timeline()


def claims(*, event: Any = None, claimant: Any = None, stance: Any = None, subject: Any = None) -> tuple[Claim, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.claims` on the bundled data.

    >>> import stepanakert2020
    >>> all(c.claimant for c in stepanakert2020.claims())
    True
    """
    return _bundled().claims(event=event, claimant=claimant, stance=stance, subject=subject)


def figures(*, event: Any = None, measure: Any = None, reporter: Any = None, scope: Any = None) -> tuple[Figure, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.figures` on the bundled data.

    >>> import stepanakert2020
    >>> all(f.reported_by for f in stepanakert2020.figures())
    True
    """
    return _bundled().figures(event=event, measure=measure, reporter=reporter, scope=scope)


def sources_for(record: Any) -> tuple[Source, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.sources_for` on the bundled data.

    >>> import stepanakert2020
    >>> all(s.url.startswith("http") for s in stepanakert2020.sources_for("war-begins"))
    True
    """
    return _bundled().sources_for(record)


def events_citing(source: Any) -> tuple[Event, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.events_citing` on the bundled data.

    >>> import stepanakert2020
    >>> s = stepanakert2020.sources_for("war-begins")[0]
    >>> stepanakert2020.event("war-begins") in stepanakert2020.events_citing(s)
    True
    """
    return _bundled().events_citing(source)


def places() -> tuple[Place, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.places` on the bundled data.

    >>> import stepanakert2020
    >>> any(p.id == "stepanakert" for p in stepanakert2020.places())
    True
    """
    return _bundled().places()


def actors() -> tuple[Actor, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.actors` on the bundled data.

    >>> import stepanakert2020
    >>> any(a.id == "hrw" for a in stepanakert2020.actors())
    True
    """
    return _bundled().actors()


def weapons() -> tuple[Weapon, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.weapons` on the bundled data.

    >>> import stepanakert2020
    >>> isinstance(stepanakert2020.weapons(), tuple)
    True
    """
    return _bundled().weapons()


def sources() -> tuple[Source, ...]:
    """:meth:`~stepanakert2020.dataset.RecordSet.sources` on the bundled data.

    >>> import stepanakert2020
    >>> len(stepanakert2020.sources()) == len({s.id for s in stepanakert2020.sources()})
    True
    """
    return _bundled().sources()
