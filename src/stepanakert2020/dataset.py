"""The queries over validated, immutable records, and the indexes that answer them.

A :class:`RecordSet` is built from records in memory (validated by every rule of
:mod:`stepanakert2020.rules`) and answers every query from indexes built once: a date
window is found by bisection, other filters by id. :class:`stepanakert2020.Dataset`, what
:func:`stepanakert2020.load` returns, is a RecordSet that also knows how to load itself.
Nothing here reads a file.

>>> import stepanakert2020
>>> ds = stepanakert2020.load()
>>> strikes = ds.events("2020-10-01", "2020-10-31", kind="strike")
>>> all(s.kind.value == "strike" for s in strikes)
True
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import sys
import typing
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .dates import EDTFError, parse_date
from .errors import DataError, UnknownRecordError, deprecated
from .indexes import EventIndex, Within, meet
from .model import (
    Actor,
    Citation,
    Claim,
    Event,
    EventKind,
    EventKindName,
    Figure,
    FigureScope,
    Measure,
    MeasureName,
    Place,
    PopulationGroup,
    PopulationName,
    ScopeName,
    Source,
    Stance,
    StanceName,
    Subject,
    SubjectName,
    Tombstone,
    Weapon,
)
from .rules import RECORD_TABLES, check
from .schema import PlaceNameRow

__all__ = ["RecordSet", "Within", "record_types"]

if sys.version_info >= (3, 11):
    from typing import Self
else:  # pragma: no cover
    Self = Any

if TYPE_CHECKING:  # PEP 696 defaults, so a bare ``Dataset`` means the bundled record types
    import typing_extensions as te

    E = te.TypeVar("E", bound=Event, default=Event)
    C = te.TypeVar("C", bound=Claim, default=Claim)
    F = te.TypeVar("F", bound=Figure, default=Figure)
    S = te.TypeVar("S", bound=Source, default=Source)
    P = te.TypeVar("P", bound=Place, default=Place)
    A = te.TypeVar("A", bound=Actor, default=Actor)
    W = te.TypeVar("W", bound=Weapon, default=Weapon)
else:
    E = TypeVar("E", bound=Event)
    C = TypeVar("C", bound=Claim)
    F = TypeVar("F", bound=Figure)
    S = TypeVar("S", bound=Source)
    P = TypeVar("P", bound=Place)
    A = TypeVar("A", bound=Actor)
    W = TypeVar("W", bound=Weapon)


DateLike = dt.date | str


def _to_date(value: DateLike, name: str, end: bool = False) -> dt.date:
    """A window bound: a date, or any EDTF date string (its first day for a start, its last for an end)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name}={value!r}: give a datetime.date or a date string such as '2020-10-28'")
    try:
        spec = parse_date(value)
    except EDTFError as error:
        raise ValueError(
            f"{name}={value!r} is not a date ({error}); use 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' (EDTF)"
        ) from None
    return spec.latest if end else spec.earliest


N = TypeVar("N", bound=enum.Enum)


def _choice(kind: type[N], value: N | str, name: str) -> N:
    """``value`` as a member of the enumeration ``kind``; a ValueError naming every allowed value if not."""
    try:
        return kind(value)
    except ValueError:
        import difflib

        allowed = [member.value for member in kind]
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name}={value!r} is not one of: {', '.join(allowed)}{hint}") from None


def _id_of(value: Any) -> str:
    return value if isinstance(value, str) else str(value.id)


class _Frozen:
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")


class RecordSet(_Frozen, Generic[E, C, F, S, P, A, W]):
    """Validated, immutable records with indexes; every query returns tuples.

    Build one from records in memory with keyword arguments (each a sequence of
    records); every rule of the bundled data is checked and all problems are raised
    together in one :class:`~stepanakert2020.DataError`.

    >>> from stepanakert2020.model import Actor, ActorKind
    >>> RecordSet(actors=[Actor("un", "United Nations", ActorKind.UN_BODY)]).actor("un").name
    'United Nations'
    """

    __slots__ = (
        "_actors",
        "_by_id",
        "_by_table",
        "_citations",
        "_claims",
        "_event_index",
        "_figures",
        "_places",
        "_sources",
        "_timeline",
        "_tombstones",
        "_weapons",
    )

    _timeline: tuple[E, ...]
    _claims: tuple[C, ...]
    _figures: tuple[F, ...]
    _sources: tuple[S, ...]
    _places: tuple[P, ...]
    _actors: tuple[A, ...]
    _weapons: tuple[W, ...]
    _tombstones: tuple[Tombstone, ...]
    _citations: tuple[Citation, ...]
    _by_table: Mapping[str, Mapping[str, Any]]
    _by_id: Mapping[str, Any]
    _event_index: EventIndex

    def __init__(
        self,
        *,
        events: Iterable[E] = (),
        claims: Iterable[C] = (),
        figures: Iterable[F] = (),
        sources: Iterable[S] = (),
        citations: Iterable[Citation] = (),
        places: Iterable[P] = (),
        actors: Iterable[A] = (),
        weapons: Iterable[W] = (),
        tombstones: Iterable[Tombstone] = (),
    ) -> None:
        tables: dict[str, tuple[Any, ...]] = {
            "events": tuple(events),
            "claims": tuple(claims),
            "figures": tuple(figures),
            "sources": tuple(sources),
            "citations": tuple(citations),
            "places": tuple(places),
            "actors": tuple(actors),
            "weapons": tuple(weapons),
            "withdrawn": tuple(tombstones),
        }
        names = [PlaceNameRow(p.id, a.name, a.language) for p in tables["places"] for a in p.alt_names]
        problems = check({**tables, "place_names": names})
        if problems:
            raise DataError(problems)
        self._fill(tables)

    @classmethod
    def _from_checked(cls, tables: Mapping[str, Sequence[Any]]) -> Self:
        """A record set of ``tables`` (table name -> records) that :func:`~stepanakert2020.rules.check` passed."""
        found = cls.__new__(cls)
        found._fill(tables)
        return found

    def _fill(self, tables: Mapping[str, Sequence[Any]]) -> None:
        put = object.__setattr__
        put(self, "_timeline", tuple(sorted(tables["events"], key=_TIMELINE_KEY)))

        def by_id(name: str) -> tuple[Any, ...]:
            return tuple(sorted(tables[name], key=_ID_KEY))

        put(self, "_claims", tuple(sorted(tables["claims"], key=_CLAIM_KEY)))
        put(self, "_figures", tuple(sorted(tables["figures"], key=_FIGURE_KEY)))
        put(self, "_sources", by_id("sources"))
        put(self, "_places", by_id("places"))
        put(self, "_actors", by_id("actors"))
        put(self, "_weapons", by_id("weapons"))
        put(self, "_tombstones", by_id("withdrawn"))
        put(self, "_citations", tuple(tables["citations"]))
        by_table = {name: {r.id: r for r in tables[name]} for name in RECORD_TABLES}
        put(self, "_by_table", MappingProxyType({name: MappingProxyType(ids) for name, ids in by_table.items()}))
        every: dict[str, Any] = {}
        for ids in by_table.values():
            every.update(ids)
        put(self, "_by_id", MappingProxyType(every))
        # the indexes are built on first use, each once: a date window needs none of the others
        put(
            self,
            "_event_index",
            EventIndex(
                self._timeline,
                self._claims,
                self._figures,
                self._citations,
                self._places,
                self._actors,
                self._weapons,
                every,
            ),
        )

    if not TYPE_CHECKING:

        def __class_getitem__(cls, params: Any) -> Any:
            # the PEP 696 defaults at run time too: Dataset[TaggedEvent] means the rest are the bundled types
            given = params if isinstance(params, tuple) else (params,)
            return super().__class_getitem__(given + DEFAULT_TYPES[len(given) :])

    # -- lookups -------------------------------------------------------------------

    def _get(self, table: str, record_id: str, what: str) -> Any:
        """The record with this id in ``table`` (all tables if empty): exactly, else ignoring case,
        else the one id it begins; :class:`UnknownRecordError` with close matches if none."""
        records = self._by_table[table] if table else self._by_id
        try:
            return records[record_id]
        except (KeyError, TypeError):
            pass
        gone = next((t for t in self._tombstones if t.id == record_id), None)
        if gone is not None:  # never resolved by a prefix: say what happened to it
            instead = [gone.replaced_by] if gone.replaced_by else []
            raise UnknownRecordError(str(record_id), what, instead, withdrawn_in=gone.withdrawn_in)
        wanted = str(record_id).casefold()
        same = [key for key in records if key.casefold() == wanted]
        if len(same) == 1:
            return records[same[0]]
        starting = sorted(key for key in records if key.casefold().startswith(wanted)) if wanted else []
        if len(starting) == 1:
            return records[starting[0]]
        import difflib  # only when a lookup fails

        matches = difflib.get_close_matches(wanted, starting or list(records), n=3, cutoff=0.6)
        raise UnknownRecordError(str(record_id), what, matches or starting[:3], prefix_of=len(starting)) from None

    def find(self, record_id: str) -> E | C | F | S | P | A | W:
        """The record a person means by ``record_id``: the one with exactly this id in any table,
        else an event found ignoring case or by a prefix only one event id begins with (so a
        date such as ``strike-2020-10-28`` finds that day's strike), else any record found so.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> ds.find("hrw").id, ds.find("STRIKE-2020-10-28").id
        ('hrw', 'strike-2020-10-28-maternity-hospital')
        """
        exact = self._by_id.get(record_id)
        if exact is not None:
            return exact  # type: ignore[no-any-return]
        try:
            return self.event(record_id)
        except UnknownRecordError:
            return self.record(record_id)

    def record(self, record_id: str) -> E | C | F | S | P | A | W:
        """The record with this id, from any table.

        >>> import stepanakert2020
        >>> stepanakert2020.load().record("stepanakert").name
        'Stepanakert'
        """
        return self._get("", record_id, "record")  # type: ignore[no-any-return]

    def event(self, event_id: str) -> E:
        """The event with this id; :class:`UnknownRecordError` (with close matches) if none.

        >>> import stepanakert2020
        >>> stepanakert2020.load().event("war-begins").kind.value
        'context'
        """
        return self._get("events", event_id, "event")  # type: ignore[no-any-return]

    def claim(self, claim_id: str) -> C:
        """The claim with this id (typed, unlike :meth:`record`); :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> stepanakert2020.load().claim("war-begins-hrw-perpetrator").claimant
        'hrw'
        """
        return self._get("claims", claim_id, "claim")  # type: ignore[no-any-return]

    def figure(self, figure_id: str) -> F:
        """The figure with this id; :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> ds.figure(ds.figures()[0].id) is ds.figures()[0]
        True
        """
        return self._get("figures", figure_id, "figure")  # type: ignore[no-any-return]

    def source(self, source_id: str) -> S:
        """The source with this id; :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> ds.source(ds.sources()[0].id).url.startswith("http")
        True
        """
        return self._get("sources", source_id, "source")  # type: ignore[no-any-return]

    def place(self, place_id: str) -> P:
        """The place with this id; :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> stepanakert2020.load().place("stepanakert").kind.value
        'city'
        """
        return self._get("places", place_id, "place")  # type: ignore[no-any-return]

    def actor(self, actor_id: str) -> A:
        """The actor with this id; :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> stepanakert2020.load().actor("hrw").name
        'Human Rights Watch'
        """
        return self._get("actors", actor_id, "actor")  # type: ignore[no-any-return]

    def weapon(self, weapon_id: str) -> W:
        """The weapon with this id; :class:`UnknownRecordError` if none.

        >>> import stepanakert2020
        >>> stepanakert2020.load().weapon("smerch").category.value
        'multiple_rocket_launcher'
        """
        return self._get("weapons", weapon_id, "weapon")  # type: ignore[no-any-return]

    # -- collections ---------------------------------------------------------------

    def timeline(self) -> tuple[E, ...]:
        """Every event: deprecated, use :meth:`~stepanakert2020.dataset.RecordSet.events`
        (with no filter it returns every event)."""
        deprecated("timeline()", "events()")
        return self._timeline

    def sources(self) -> tuple[S, ...]:
        """Every source, sorted by id.

        >>> import stepanakert2020
        >>> len(stepanakert2020.load().sources()) > 0
        True
        """
        return self._sources

    def places(self) -> tuple[P, ...]:
        """Every place, sorted by id.

        >>> import stepanakert2020
        >>> "stepanakert" in {p.id for p in stepanakert2020.load().places()}
        True
        """
        return self._places

    def actors(self) -> tuple[A, ...]:
        """Every actor, sorted by id.

        >>> import stepanakert2020
        >>> "hrw" in {a.id for a in stepanakert2020.load().actors()}
        True
        """
        return self._actors

    def weapons(self) -> tuple[W, ...]:
        """Every weapon, sorted by id.

        >>> import stepanakert2020
        >>> all(w.name for w in stepanakert2020.load().weapons())
        True
        """
        return self._weapons

    def citations(self) -> tuple[Citation, ...]:
        """Every citation, in the order of the data.

        >>> import stepanakert2020
        >>> len(stepanakert2020.load().citations()) > 0
        True
        """
        return self._citations

    def withdrawn(self) -> tuple[Tombstone, ...]:
        """Every withdrawn id with when and why, and what replaces it, sorted by id.

        >>> import stepanakert2020
        >>> all(w.withdrawn_in for w in stepanakert2020.load().withdrawn())
        True
        """
        return self._tombstones

    def tombstones(self) -> tuple[Tombstone, ...]:
        """Deprecated, use :meth:`~stepanakert2020.dataset.RecordSet.withdrawn` (the name of the table)."""
        deprecated("tombstones()", "withdrawn()")
        return self._tombstones

    # -- queries -------------------------------------------------------------------

    def events(
        self,
        start: DateLike | None = None,
        end: DateLike | None = None,
        *,
        kind: EventKind | EventKindName | None = None,
        place: P | str | None = None,
        actor: A | str | None = None,
        weapon: W | str | None = None,
        source: S | str | None = None,
        text: str | None = None,
        within: Within = "possible",
    ) -> tuple[E, ...]:
        """Events in a date window matching every filter given, sorted by (earliest, latest, id).

        ``within="possible"`` keeps events whose dates overlap [start, end];
        ``within="certain"`` keeps those whose dates lie entirely inside it. ``place``,
        ``actor`` and ``weapon`` match the record and everything under it (a district is
        in its city; a ministry is part of its state). ``actor`` matches events on which
        the actor made a claim or reported a figure, or to which a claim attributes the
        actor; ``weapon`` matches events for which a claim names the weapon; ``source``
        matches events cited by the source directly or through their claims and figures.
        ``text`` is a case-insensitive search of title, summary and notes. ``start`` and
        ``end`` are dates or EDTF date strings: ``"2020-10"`` starts on 1 October when it is
        the start and ends on 31 October when it is the end. Ids may be given in any case, or
        by a prefix that only one id begins with.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> october = ds.events("2020-10", "2020-10", within="certain")
        >>> all(e.date.earliest.month == 10 == e.date.latest.month for e in october)
        True
        >>> hits = ds.events("2020-10-04", "2020-10-04", kind="strike", within="certain")
        >>> [e.date.edtf for e in hits][:1]
        ['2020-10-04']
        """
        if within not in ("possible", "certain"):
            raise ValueError(f"within={within!r}: use 'possible' or 'certain'")
        index = self._event_index
        low = None if start is None else _to_date(start, "start")
        high = None if end is None else _to_date(end, "end", end=True)
        if low is not None and high is not None and low > high:
            raise ValueError(f"start {low} is after end {high}")
        positions: set[int] | None = None
        if low is not None or high is not None:
            positions = index.window(low, high, within)
        if kind is not None:
            positions = meet(positions, index.kind(_choice(EventKind, kind, "kind")))
        for value, table, what in (
            ("place", "places", "place"),
            ("actor", "actors", "actor"),
            ("weapon", "weapons", "weapon"),
        ):
            chosen = {"place": place, "actor": actor, "weapon": weapon}[value]
            if chosen is not None:
                record_id = self._get(table, _id_of(chosen), what).id
                positions = meet(positions, index.under(what, record_id))  # type: ignore[arg-type]
        if source is not None:
            source_id = self._get("sources", _id_of(source), "source").id
            positions = meet(positions, index.by_source.get(source_id, frozenset()))
        if text is not None:
            positions = meet(positions, index.text(text, positions))
        if positions is None:
            return self._timeline
        return tuple(self._timeline[i] for i in sorted(positions))

    def claims(
        self,
        *,
        event: E | str | None = None,
        claimant: A | str | None = None,
        stance: Stance | StanceName | None = None,
        subject: Subject | SubjectName | None = None,
    ) -> tuple[C, ...]:
        """Claims matching every filter given, sorted by (date stated, id).

        >>> import stepanakert2020
        >>> denials = stepanakert2020.load().claims(stance="denies")
        >>> all(c.responds_to for c in denials)
        True
        """
        found: Sequence[C] = self._claims
        if event is not None:
            found = self._event_index.claims_of.get(self.event(_id_of(event)).id, ())
        if claimant is not None:
            claimant_id = self._get("actors", _id_of(claimant), "actor").id
            if event is None:
                found = self._event_index.claims_by.get(claimant_id, ())
            else:
                found = [c for c in found if c.claimant == claimant_id]
        if stance is not None:
            wanted_stance = _choice(Stance, stance, "stance")
            found = [c for c in found if c.stance is wanted_stance]
        if subject is not None:
            wanted_subject = _choice(Subject, subject, "subject")
            found = [c for c in found if c.subject is wanted_subject]
        return tuple(found)

    def figures(
        self,
        start: DateLike | None = None,
        end: DateLike | None = None,
        *,
        event: E | str | None = None,
        measure: Measure | MeasureName | None = None,
        reported_by: A | str | None = None,
        place: P | str | None = None,
        population: PopulationGroup | PopulationName | None = None,
        scope: FigureScope | ScopeName | None = None,
        within: Within = "possible",
        reporter: A | str | None = None,
    ) -> tuple[F, ...]:
        """Figures matching every filter given, sorted by (as-of date, id).

        ``start``/``end``/``within`` select by the as-of date as
        :meth:`~stepanakert2020.dataset.RecordSet.events` does by an event's date.
        ``reported_by`` is an actor and everyone under it: an office and the officials who
        speak for it (their ``parent``), a state and its ministries. ``place``
        is the area a figure covers and every place under it. ``scope`` is ``incident`` (one
        event's toll), ``cumulative`` (a running total) or ``snapshot`` (a state on a date).
        ``reporter`` is the deprecated name of ``reported_by``.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> figs = ds.figures(measure="population")
        >>> all(f.measure.value == "population" for f in figs)
        True
        >>> totals = ds.figures("2020-10", "2020-10", scope="cumulative", measure="killed", within="certain")
        >>> all(f.scope.value == "cumulative" and f.as_of.earliest.month == 10 for f in totals)
        True
        """
        if reporter is not None:
            deprecated("figures(reporter=...)", "figures(reported_by=...)")
            reported_by = reported_by if reported_by is not None else reporter
        if within not in ("possible", "certain"):
            raise ValueError(f"within={within!r}: use 'possible' or 'certain'")
        found: Sequence[F] = self._figures
        if event is not None:
            found = self._event_index.figures_of.get(self.event(_id_of(event)).id, ())
        if reported_by is not None:
            reporter_id = self._get("actors", _id_of(reported_by), "actor").id
            reporters = self._event_index.subtree(reporter_id)
            if event is None and len(reporters) == 1:
                found = self._event_index.figures_by.get(reporter_id, ())
            else:
                speaking = set(reporters)
                found = [f for f in found if f.reported_by in speaking]
        if place is not None:
            covered = set(self._event_index.subtree(self._get("places", _id_of(place), "place").id))
            found = [f for f in found if f.place in covered]
        for value, kind, field in (
            (measure, Measure, "measure"),
            (population, PopulationGroup, "population"),
            (scope, FigureScope, "scope"),
        ):
            if value is not None:
                wanted = _choice(kind, value, field)
                found = [f for f in found if getattr(f, field) is wanted]
        if start is not None or end is not None:
            low = dt.date.min if start is None else _to_date(start, "start")
            high = dt.date.max if end is None else _to_date(end, "end", end=True)
            if low > high:
                raise ValueError(f"start {low} is after end {high}")
            if within == "certain":
                found = [f for f in found if low <= f.as_of.earliest and f.as_of.latest <= high]
            else:
                found = [f for f in found if f.as_of.earliest <= high and low <= f.as_of.latest]
        return tuple(found)

    def citations_for(self, record: Any) -> tuple[Citation, ...]:
        """The citations of a record (given by id or as the record).

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> all(c.record == "war-begins" for c in ds.citations_for("war-begins"))
        True
        """
        record_id = self._get("", _id_of(record), "record").id
        return self._event_index.citing.get(record_id, ())

    def sources_for(self, record: Any) -> tuple[S, ...]:
        """The sources cited for a record, sorted by id, each once.

        >>> import stepanakert2020
        >>> len(stepanakert2020.load().sources_for("war-begins")) >= 1
        True
        """
        ids = {c.source for c in self.citations_for(record)}
        return tuple(s for s in self._sources if s.id in ids)

    def events_citing(self, source: S | str) -> tuple[E, ...]:
        """Deprecated, use ``events(source=...)``."""
        deprecated("events_citing(source)", "events(source=source)")
        return self.events(source=source)

    def sources_behind(self, record: Any) -> tuple[S, ...]:
        """Every source behind a record, sorted by id, each once: its own and, for an event,
        those of its claims and figures (what ``stepanakert2020 show`` and ``cite`` cover).

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> set(ds.sources_for("war-begins")) <= set(ds.sources_behind("war-begins"))
        True
        """
        found = self._get("", _id_of(record), "record")
        parts = [found]
        if isinstance(found, Event):
            parts += [*self.claims(event=found.id), *self.figures(event=found.id)]
        ids = {c.source for part in parts for c in self.citations_for(part)}
        return tuple(s for s in self._sources if s.id in ids)

    def search(self, text: str) -> tuple[E | C | F | S | P | A | W, ...]:
        """Every record whose words contain ``text`` (ignoring case): events (title, summary,
        notes), claims (statement, notes), figures (notes), sources (title, URL), places (names,
        notes), actors and weapons (name, notes); events first, in timeline order, then the
        other tables in that order.

        >>> import stepanakert2020
        >>> found = stepanakert2020.load().search("maternity")
        >>> any(r.id == "strike-2020-10-28-maternity-hospital" for r in found)
        True
        """
        needle = text.casefold()
        if not needle.strip():
            raise ValueError("search text is empty: give a word or phrase")
        tables: tuple[tuple[Sequence[Any], tuple[str, ...]], ...] = (
            (self._timeline, ("title", "summary", "notes")),
            (self._claims, ("statement", "notes")),
            (self._figures, ("notes",)),
            (self._sources, ("title", "url")),
            (self._places, ("name", "notes")),
            (self._actors, ("name", "notes")),
            (self._weapons, ("name", "notes")),
        )
        found: list[Any] = []
        for records, fields in tables:
            for record in records:
                words = [getattr(record, field) for field in fields]
                words += [alt.name for alt in getattr(record, "alt_names", ())]
                if any(needle in word.casefold() for word in words):
                    found.append(record)
        return tuple(found)

    def replies(self, claim: C | str) -> tuple[C, ...]:
        """The claims that answer a claim (deny, dispute, retract or otherwise respond to it),
        sorted like :meth:`~stepanakert2020.dataset.RecordSet.claims`.

        >>> import stepanakert2020
        >>> ds = stepanakert2020.load()
        >>> denial = ds.claims(stance="denies")[0]
        >>> denial in ds.replies(denial.responds_to)
        True
        """
        claim_id = self._get("claims", _id_of(claim), "claim").id
        return tuple(c for c in self._claims if c.responds_to == claim_id)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: {len(self._timeline)} events, {len(self._claims)} claims, "
            f"{len(self._figures)} figures, {len(self._sources)} sources>"
        )


#: The record classes a record set holds, in the order of its type parameters.
DEFAULT_TYPES: tuple[type[Any], ...] = (Event, Claim, Figure, Source, Place, Actor, Weapon)


def record_types(cls: type[Any]) -> tuple[type[Any], ...]:
    """The record classes a RecordSet subclass was parameterised with (the defaults where it was not).

    >>> class Mine(RecordSet[Event]): ...
    >>> record_types(Mine) == DEFAULT_TYPES
    True
    """
    for klass in cls.__mro__:
        for base in getattr(klass, "__orig_bases__", ()):
            origin = typing.get_origin(base)
            if isinstance(origin, type) and issubclass(origin, RecordSet):
                args = typing.get_args(base)
                return tuple(a if isinstance(a, type) else d for a, d in zip(args, DEFAULT_TYPES, strict=True))
    return DEFAULT_TYPES


_TIMELINE_KEY = operator.attrgetter("date.earliest", "date.latest", "id")
_CLAIM_KEY = operator.attrgetter("stated_on.earliest", "id")
_FIGURE_KEY = operator.attrgetter("as_of.earliest", "id")
_ID_KEY = operator.attrgetter("id")


_ID_TABLES = ("events", "claims", "figures", "sources", "places", "actors", "weapons")


def __getattr__(name: str) -> Any:
    if name == "Dataset":  # deprecated in 0.2.0, removed in 0.3.0
        import warnings

        warnings.warn(
            "stepanakert2020.dataset.Dataset is now stepanakert2020.dataset.RecordSet (the queries); "
            "use stepanakert2020.Dataset, which can also load itself",
            DeprecationWarning,
            stacklevel=2,
        )
        return RecordSet
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
