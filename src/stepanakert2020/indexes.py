"""The indexes behind the queries: sorted and inverted lookups over a timeline, each built once.

An :class:`EventIndex` holds positions in a timeline (a tuple of events sorted by date). A
date window is found by bisection in buckets of events of similar span; places, actors and
weapons are looked up through their subtrees (a query for a city finds the events of its
districts), in time linear in the subtree, whatever its depth. No I/O here.

>>> import stepanakert2020
>>> ds = stepanakert2020.load()
>>> tables = ds.events(), ds.claims(), ds.figures(), ds.citations(), ds.places(), ds.actors(), ds.weapons()
>>> index = EventIndex(*tables, {})
>>> sorted(index.window(None, None, "possible")) == list(range(len(ds.events())))
True
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

from .model import Citation, Claim, Event, EventKind, Figure

__all__ = ["EventIndex", "Within", "meet"]

#: How a date window is read: ``possible`` = overlaps it, ``certain`` = lies inside it.
Within = Literal["possible", "certain"]


class EventIndex:
    """Sorted and inverted indexes over a dataset's timeline (positions in it), each built on first use.

    Building one is idempotent, so two threads racing to build it get equal indexes.
    """

    __slots__ = ("_built", "actors", "by_id", "citations", "claims", "figures", "places", "timeline", "weapons")

    def __init__(
        self,
        timeline: Sequence[Any],
        claims: Sequence[Any],
        figures: Sequence[Any],
        citations: Sequence[Any],
        places: Sequence[Any],
        actors: Sequence[Any],
        weapons: Sequence[Any],
        by_id: Mapping[str, Any],
    ) -> None:
        self.timeline = timeline
        self.claims = claims
        self.figures = figures
        self.citations = citations
        self.places = places
        self.actors = actors
        self.weapons = weapons
        self.by_id = by_id
        self._built: dict[str, Any] = {}

    def _get(self, name: str) -> Any:
        try:
            return self._built[name]
        except KeyError:
            value = self._built[name] = getattr(self, f"_make_{name}")()
            return value

    # -- the indexes, each computed once ----------------------------------------------

    @property
    def position(self) -> Mapping[str, int]:
        """Event id -> position in the timeline."""
        return self._get("position")  # type: ignore[no-any-return]

    def _make_position(self) -> Mapping[str, int]:
        return {e.id: i for i, e in enumerate(self.timeline)}

    @property
    def buckets(self) -> dict[int, tuple[list[int], list[int], list[int]]]:
        """Span length in days (as a power of two) -> (firsts, lasts, positions), sorted by first day."""
        return self._get("buckets")  # type: ignore[no-any-return]

    def _make_buckets(self) -> dict[int, tuple[list[int], list[int], list[int]]]:
        # bucket by span length (power of two days) so that overlap needs no scan
        buckets: dict[int, list[tuple[int, int, int]]] = {}
        for i, event in enumerate(self.timeline):
            first, last = event.date.earliest.toordinal(), event.date.latest.toordinal()
            buckets.setdefault((last - first).bit_length(), []).append((first, last, i))
        return {
            bits: ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]) for bits, rows in buckets.items()
        }

    @property
    def kinds(self) -> dict[EventKind, frozenset[int]]:
        return self._get("kinds")  # type: ignore[no-any-return]

    def _make_kinds(self) -> dict[EventKind, frozenset[int]]:
        kinds: dict[EventKind, set[int]] = {}
        for i, event in enumerate(self.timeline):
            kinds.setdefault(event.kind, set()).add(i)
        return {k: frozenset(v) for k, v in kinds.items()}

    @property
    def at_place(self) -> dict[str, set[int]]:
        """Place id -> positions of the events placed directly there."""
        return self._get("at_place")  # type: ignore[no-any-return]

    def _make_at_place(self) -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for i, event in enumerate(self.timeline):
            found.setdefault(event.place, set()).add(i)
        return found

    @property
    def of_actor(self) -> dict[str, set[int]]:
        """Actor id -> positions of the events it made a claim or reported a figure on, or a claim names it."""
        return self._get("of_actor")  # type: ignore[no-any-return]

    def _make_of_actor(self) -> dict[str, set[int]]:
        position = self.position
        found: dict[str, set[int]] = {}
        for claim in self.claims:
            for actor in (claim.claimant, claim.asserted_actor):
                if actor is not None:
                    found.setdefault(actor, set()).add(position[claim.event])
        for figure in self.figures:
            found.setdefault(figure.reported_by, set()).add(position[figure.event])
        return found

    @property
    def of_weapon(self) -> dict[str, set[int]]:
        """Weapon id -> positions of the events for which a claim names it."""
        return self._get("of_weapon")  # type: ignore[no-any-return]

    def _make_of_weapon(self) -> dict[str, set[int]]:
        position = self.position
        found: dict[str, set[int]] = {}
        for claim in self.claims:
            if claim.asserted_weapon is not None:
                found.setdefault(claim.asserted_weapon, set()).add(position[claim.event])
        return found

    @property
    def children(self) -> dict[str, list[str]]:
        """Place, actor or weapon id -> the ids whose parent it is."""
        return self._get("children")  # type: ignore[no-any-return]

    def _make_children(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for records in (self.places, self.actors, self.weapons):
            for record in records:
                if record.parent is not None:
                    found.setdefault(record.parent, []).append(record.id)
        return found

    def subtree(self, root: str) -> list[str]:
        """``root`` and every id under it (children, their children …), each once."""
        children, found, seen = self.children, [root], {root}
        for current in found:  # grows while it is walked: a breadth-first walk
            for child in children.get(current, ()):
                if child not in seen:
                    seen.add(child)
                    found.append(child)
        return found

    def under(self, what: Literal["place", "actor", "weapon"], root: str) -> set[int]:
        """Positions of the events of ``root`` or anything under it, for a place, actor or weapon."""
        direct = {"place": self.at_place, "actor": self.of_actor, "weapon": self.of_weapon}[what]
        found: set[int] = set()
        for key in self.subtree(root):
            found.update(direct.get(key, ()))
        return found

    @property
    def by_source(self) -> dict[str, frozenset[int]]:
        """Source id -> positions of the events it documents, directly or through claims and figures."""
        return self._get("by_source")  # type: ignore[no-any-return]

    def _make_by_source(self) -> dict[str, frozenset[int]]:
        position, by_id = self.position, self.by_id
        by_source: dict[str, set[int]] = {}
        for citation in self.citations:
            hits = by_source.setdefault(citation.source, set())
            event_id = _event_of(by_id.get(citation.record))
            if event_id is not None:
                hits.add(position[event_id])
        return _freeze(by_source)

    @property
    def claims_of(self) -> Mapping[str, tuple[Any, ...]]:
        """Event id -> its claims, in the dataset's claim order."""
        return self._get("claims_of")  # type: ignore[no-any-return]

    def _make_claims_of(self) -> Mapping[str, tuple[Any, ...]]:
        return _group(self.claims, "event")

    @property
    def claims_by(self) -> Mapping[str, tuple[Any, ...]]:
        """Claimant id -> their claims, in the dataset's claim order."""
        return self._get("claims_by")  # type: ignore[no-any-return]

    def _make_claims_by(self) -> Mapping[str, tuple[Any, ...]]:
        return _group(self.claims, "claimant")

    @property
    def figures_of(self) -> Mapping[str, tuple[Any, ...]]:
        """Event id -> its figures, in the dataset's figure order."""
        return self._get("figures_of")  # type: ignore[no-any-return]

    def _make_figures_of(self) -> Mapping[str, tuple[Any, ...]]:
        return _group(self.figures, "event")

    @property
    def figures_by(self) -> Mapping[str, tuple[Any, ...]]:
        """Reporter id -> the figures they reported, in the dataset's figure order."""
        return self._get("figures_by")  # type: ignore[no-any-return]

    def _make_figures_by(self) -> Mapping[str, tuple[Any, ...]]:
        return _group(self.figures, "reported_by")

    @property
    def citing(self) -> Mapping[str, tuple[Citation, ...]]:
        """Record id -> its citations, in the order of the data."""
        return self._get("citing")  # type: ignore[no-any-return]

    def _make_citing(self) -> Mapping[str, tuple[Citation, ...]]:
        return _group(self.citations, "record")

    @property
    def texts(self) -> tuple[str, ...]:
        """Casefolded title, summary and notes of each event, in timeline order."""
        return self._get("texts")  # type: ignore[no-any-return]

    def _make_texts(self) -> tuple[str, ...]:
        return tuple(f"{e.title}\n{e.summary}\n{e.notes}".casefold() for e in self.timeline)

    # -- lookups ------------------------------------------------------------------------

    def window(self, low: dt.date | None, high: dt.date | None, within: Within) -> set[int]:
        lo = -1 if low is None else low.toordinal()
        hi = dt.date.max.toordinal() + 1 if high is None else high.toordinal()
        found: set[int] = set()
        for bits, (firsts, lasts, positions) in self.buckets.items():
            if within == "possible":
                # any overlap: first <= hi and last >= lo; spans here are below 2**bits days
                begin = bisect.bisect_left(firsts, lo - (1 << bits) + 1)
                stop = bisect.bisect_right(firsts, hi)
                found.update(positions[j] for j in range(begin, stop) if lasts[j] >= lo)
            else:
                begin = bisect.bisect_left(firsts, lo)
                stop = bisect.bisect_right(firsts, hi)
                found.update(positions[j] for j in range(begin, stop) if lasts[j] <= hi)
        return found

    def kind(self, kind: EventKind) -> frozenset[int]:
        return self.kinds.get(kind, frozenset())

    def text(self, needle: str, positions: set[int] | None) -> set[int]:
        texts = self.texts
        folded = needle.casefold()
        candidates = range(len(texts)) if positions is None else positions
        return {i for i in candidates if folded in texts[i]}


def _group(records: Sequence[Any], field: str) -> Mapping[str, tuple[Any, ...]]:
    groups: dict[str, list[Any]] = {}
    for record in records:
        groups.setdefault(getattr(record, field), []).append(record)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _freeze(index: dict[str, set[int]]) -> dict[str, frozenset[int]]:
    return {key: frozenset(value) for key, value in index.items()}


def meet(current: set[int] | None, other: Iterable[int]) -> set[int]:
    """``other`` as a set if ``current`` is None (no filter yet), else their intersection.

    >>> meet(None, [1, 2]), meet({1, 2}, [2, 3])
    ({1, 2}, {2})
    """
    return set(other) if current is None else current.intersection(other)


def _event_of(record: Any) -> str | None:
    """The id of the event a record documents: itself, or the event of a claim or figure."""
    if isinstance(record, Event):
        return record.id
    if isinstance(record, (Claim, Figure)):
        return record.event
    return None
