"""Data-level rules across records: keys, references, citations, dates and figures.

:func:`check` collects every problem it finds and never stops at the first, so a
:class:`~stepanakert2020.errors.DataError` can list them all. No I/O here.

>>> from stepanakert2020.model import Actor, ActorKind
>>> problems = check({"actors": (Actor("un", "UN", ActorKind.UN_BODY, parent="nobody"),)})
>>> print(problems[0])
<actors>:1 record 'un' column 'parent': 'nobody': no actors record has this id
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .dates import DateSpec
from .errors import Problem
from .model import Claim, EventKind, Figure, Qualifier, Stance
from .schema import TABLES

__all__ = ["ID_PATTERN", "Origins", "check", "check_and_index"]

#: What an id looks like: lower-case words of letters and digits joined by hyphens.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")

#: Where each record came from: table -> one (file, line) per record, in order.
Origins = Mapping[str, Sequence[tuple[str, int | None]]]

_CITED_TABLES = ("events", "claims", "figures")
_DOCUMENTED = ("date.earliest", "stated_on.earliest", "as_of.earliest")  # the day each cited table's records document
_CONTEXT = EventKind.CONTEXT
_NONES = itertools.repeat(None)
_RESPONSES = (Stance.DENIES, Stance.DISPUTES, Stance.RETRACTS)
_RECORD_TABLES = ("actors", "places", "weapons", "sources", "events", "claims", "figures")
#: The fields the shortcuts read, table by table: ids, references, and what the other rules look at.
_SHORTCUT_FIELDS = {
    **{table.name: ("id", *(field for field, _ in table.foreign_keys)) for table in TABLES.values()},
    "citations": ("record", "source", "locator"),
    "sources": ("id", "publisher", "published.latest"),
    "events": ("id", "place", "kind", "date_meaning.value", "date.interval", "date.earliest"),
    "claims": (
        "id",
        "event",
        "claimant",
        "asserted_actor",
        "asserted_weapon",
        "responds_to",
        "stance",
        "prospective",
        "stated_on.earliest",
        "stated_on.latest",
    ),
    "figures": ("id", "event", "reported_by", "place", "as_of.earliest"),
    "withdrawn": ("id", "replaced_by"),
}


def _qualifier_problem(figure: Figure) -> str | None:
    low, high, q = figure.low, figure.high, figure.qualifier
    if (low is not None and low < 0) or (high is not None and high < 0):
        return "figures cannot be negative"
    if low is not None and high is not None and low > high:
        return f"low {low} is greater than high {high}"
    expected = {
        Qualifier.EXACT: low is not None and low == high,
        Qualifier.ABOUT: low is not None and high is not None,
        Qualifier.AT_LEAST: low is not None and high is None,
        Qualifier.AT_MOST: low is None and high is not None,
        Qualifier.RANGE: low is not None and high is not None and low < high,
    }[q]
    if not expected:
        rules = {
            Qualifier.EXACT: "low and high equal",
            Qualifier.ABOUT: "low and high both given",
            Qualifier.AT_LEAST: "low given and high empty",
            Qualifier.AT_MOST: "high given and low empty",
            Qualifier.RANGE: "low and high both given, low below high",
        }
        return f"qualifier {q.value!r} needs {rules[q]} (low={low}, high={high})"
    return None


class _Checker:
    def __init__(self, tables: Mapping[str, Sequence[Any]], origins: Origins | None) -> None:
        self.tables = tables
        self.origins = origins or {}
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, Any]] = {name: {} for name in TABLES}
        self.columns: dict[str, dict[str, Sequence[Any]]] = {}
        self.cited_ids: set[str] | None = None
        self.owner: Mapping[str, Any] = {}
        self.every: dict[str, Any] | None = None  # every record by id, when the ids were checked a column at a time

    def where(self, table: str, index: int) -> tuple[str, int | None]:
        origin = self.origins.get(table)
        if origin is not None and index < len(origin):
            return origin[index]
        return f"<{table}>", index + 1

    def add(self, table: str, index: int, record: Any, column: str | None, value: Any, reason: str) -> None:
        file, line = self.where(table, index)
        record_id = getattr(record, "id", None)
        self.problems.append(Problem(file, line, column, "" if value is None else str(value), reason, record_id))

    def rows(self, table: str) -> Iterator[tuple[int, Any]]:
        return enumerate(self.tables.get(table, ()))

    def run(self) -> list[Problem]:
        # Each rule first asks, a whole column at a time, whether any record can break it; only
        # then does it go record by record to report each problem in order. The shortcut is
        # taken only while no problem has been found, so that every id is known and unique.
        if not self._keys_hold():
            self.keys()
        for holds, rule in (
            (self._references_hold, self.references),
            (None, self.hierarchies),
            (self._citations_hold, self.citations),
            (self._dates_hold, self.dates),
            (None, self.figures),
            (self._claims_hold, self.claims),
            (None, self.places),
        ):
            if holds is None or self.problems or not holds():
                rule()
        return self.problems

    # -- the shortcuts: True when no record can break the rule ---------------------------

    def column(self, table: str, field: str) -> Sequence[Any]:
        """One field of every record of a table, in order; all the fields the shortcuts need
        are read in one pass over the records (a pass over memory is what costs, at scale)."""
        found = self.columns.get(table)
        if found is None:
            fields = _SHORTCUT_FIELDS[table]
            records = self.tables.get(table, ())
            values = list(zip(*map(operator.attrgetter(*fields), records), strict=True)) or [()] * len(fields)
            found = self.columns[table] = dict(zip(fields, values, strict=True))
        return found[field]

    def cited(self) -> set[str]:
        """The ids of the records that have a citation (computed once)."""
        if self.cited_ids is None:
            self.cited_ids = set(self.column("citations", "record"))
        return self.cited_ids

    def _keys_hold(self) -> bool:
        every: dict[str, Any] = {}  # id -> record, across the tables
        ids: dict[str, dict[str, Any]] = {}
        for table in _RECORD_TABLES:
            keys = self.column(table, "id")
            try:
                if not all(map(ID_PATTERN.fullmatch, keys)):
                    return False
            except TypeError:  # an id that is not a string
                return False
            ids[table] = dict(zip(keys, self.tables.get(table, ()), strict=True))
            before = len(every)
            every.update(ids[table])
            if len(ids[table]) != len(keys) or len(every) != before + len(keys):
                return False  # a duplicate id
        for tomb in self.tables.get("withdrawn", ()):
            if not isinstance(tomb.id, str) or not ID_PATTERN.fullmatch(tomb.id) or tomb.id in every:
                return False
            if tomb.replaced_by is not None and tomb.replaced_by not in every:
                return False
        column = functools.partial(self.column, "citations")
        if len(set(zip(column("record"), column("source"), column("locator"), strict=True))) != len(column("record")):
            return False  # a duplicate citation
        self.ids.update(ids)
        self.owner = self.every = every  # the rules below only ask whether an id is taken
        return True

    def _references_hold(self) -> bool:
        for table in TABLES.values():
            for field, target in table.foreign_keys:
                if table.name == "place_names":
                    continue
                values = set(self.column(table.name, field))
                values.discard(None)
                if not values <= self.ids[target].keys():
                    return False
        return self.cited() <= self.owner.keys()

    def _citations_hold(self) -> bool:
        records, sources = self.column("citations", "record"), self.column("citations", "source")
        cited = self.cited()
        starts: dict[str, dt.date] = {}
        for table, documented in zip(_CITED_TABLES, _DOCUMENTED, strict=True):
            keys = self.column(table, "id")
            if not cited.issuperset(keys):
                return False  # a record without a citation
            starts.update(zip(keys, self.column(table, documented), strict=True))
        published = dict(zip(self.column("sources", "id"), self.column("sources", "published.latest"), strict=True))
        late = map(published.get, sources, itertools.repeat(dt.date.max))
        return not any(map(operator.lt, late, map(starts.get, records, itertools.repeat(dt.date.min))))

    def _dates_hold(self) -> bool:
        points = map(operator.eq, self.column("events", "date_meaning.value"), itertools.repeat("point"))
        return not any(map(operator.eq, points, self.column("events", "date.interval")))

    def _claims_hold(self) -> bool:
        column = functools.partial(self.column, "claims")
        stances, answers = column("stance"), column("responds_to")
        unanswered = map(operator.and_, map(_RESPONSES.__contains__, stances), map(operator.is_, answers, _NONES))
        if any(unanswered) or any(map(operator.eq, answers, column("id"))):
            return False
        events = zip(
            self.column("events", "id"),
            self.column("events", "date.earliest"),
            self.column("events", "kind"),
            strict=True,
        )
        begun = {event: day for event, day, kind in events if kind is not _CONTEXT}
        timely = list(map(operator.not_, column("prospective")))
        stated = itertools.compress(column("stated_on.latest"), timely)
        starts = map(begun.get, itertools.compress(column("event"), timely), itertools.repeat(dt.date.min))
        return not any(map(operator.lt, stated, starts))

    # -- the rules, record by record ------------------------------------------------------

    def keys(self) -> None:
        owner: dict[str, str] = {}
        for table in (*_RECORD_TABLES, "withdrawn"):
            for i, record in self.rows(table):
                rid = record.id
                if not isinstance(rid, str) or not ID_PATTERN.fullmatch(rid):
                    self.add(
                        table, i, record, "id", rid, "ids are lower-case letters and digits joined by '-', '_' or '.'"
                    )
                if table == "withdrawn":
                    continue
                if rid in owner:
                    self.add(table, i, record, "id", rid, f"duplicate id (already used in {owner[rid]})")
                    continue
                owner[rid] = table
                self.ids[table][rid] = record
        for i, tomb in self.rows("withdrawn"):
            if tomb.id in owner:
                self.add("withdrawn", i, tomb, "id", tomb.id, f"withdrawn id is still used in {owner[tomb.id]}")
            if tomb.replaced_by is not None and tomb.replaced_by not in owner:
                self.add("withdrawn", i, tomb, "replaced_by", tomb.replaced_by, "no record has this id")
        seen: set[tuple[str, str, str]] = set()
        for i, citation in self.rows("citations"):
            key = (citation.record, citation.source, citation.locator)
            if key in seen:
                self.add("citations", i, citation, "record", citation.record, "duplicate citation")
            seen.add(key)
        self.owner = owner

    def references(self) -> None:
        for table in TABLES.values():
            if table.name in ("place_names",):
                continue
            for i, record in self.rows(table.name):
                for field, target in table.foreign_keys:
                    value = getattr(record, field)
                    if value is not None and value not in self.ids[target]:
                        self.add(table.name, i, record, field, value, f"no {target} record has this id")
        for i, citation in self.rows("citations"):
            if citation.record not in self.owner:
                self.add("citations", i, citation, "record", citation.record, "no record has this id")

    def hierarchies(self) -> None:
        for table in ("actors", "places", "weapons"):
            parents = {rid: r.parent for rid, r in self.ids[table].items()}
            for i, record in self.rows(table):
                seen, current = {record.id}, parents.get(record.id)
                while current is not None and current in parents:
                    if current in seen:
                        self.add(table, i, record, "parent", record.parent, "parents form a cycle")
                        break
                    seen.add(current)
                    current = parents[current]

    def citations(self) -> None:
        cited: dict[str, list[str]] = {}
        for _, citation in self.rows("citations"):
            cited.setdefault(citation.record, []).append(citation.source)
        sources = self.ids["sources"]
        for table in _CITED_TABLES:
            for i, record in self.rows(table):
                source_ids = cited.get(record.id)
                if not source_ids:
                    self.add(
                        table, i, record, "id", record.id, "no citation: every event, claim and figure needs a source"
                    )
                    continue
                start = self._documented_date(table, record)
                for source_id in source_ids:
                    source = sources.get(source_id)
                    if source is not None and start is not None and source.published.latest < start.earliest:
                        self.add(
                            table,
                            i,
                            record,
                            "id",
                            record.id,
                            f"cited source {source_id!r} was published ({source.published}) "
                            f"before the date it documents ({start})",
                        )

    def _documented_date(self, table: str, record: Any) -> DateSpec | None:
        if table == "events":
            return record.date  # type: ignore[no-any-return]
        if table == "claims":
            return record.stated_on  # type: ignore[no-any-return]
        return record.as_of  # type: ignore[no-any-return]

    def dates(self) -> None:
        for i, event in self.rows("events"):
            if (event.date_meaning.value == "point") == event.date.interval:
                want = "a single date" if event.date_meaning.value == "point" else "an interval A/B"
                self.add(
                    "events", i, event, "date", event.date, f"date_meaning {event.date_meaning.value!r} needs {want}"
                )

    def figures(self) -> None:
        for i, figure in self.rows("figures"):
            reason = _qualifier_problem(figure)
            if reason is not None:
                self.add("figures", i, figure, "qualifier", figure.qualifier.value, reason)

    def claims(self) -> None:
        events = self.ids["events"]
        for i, claim in self.rows("claims"):
            self._claim(i, claim, events.get(claim.event))

    def _claim(self, i: int, claim: Claim, event: Any) -> None:
        if claim.stance in _RESPONSES and claim.responds_to is None:
            self.add(
                "claims",
                i,
                claim,
                "responds_to",
                "",
                f"a claim that {claim.stance.value} must name the claim it answers",
            )
        if claim.responds_to == claim.id:
            self.add("claims", i, claim, "responds_to", claim.responds_to, "a claim cannot answer itself")
        if event is None or claim.prospective or event.kind is EventKind.CONTEXT:
            return
        if claim.stated_on.latest < event.date.earliest:
            self.add(
                "claims",
                i,
                claim,
                "stated_on",
                claim.stated_on,
                f"stated before its event ({event.date}); mark it prospective if it is a forecast or warning",
            )

    def places(self) -> None:
        for i, place in self.rows("places"):
            if not -90 <= place.latitude <= 90:
                self.add("places", i, place, "latitude", place.latitude, "latitude must be within -90..90")
            if not -180 <= place.longitude <= 180:
                self.add("places", i, place, "longitude", place.longitude, "longitude must be within -180..180")


def check(tables: Mapping[str, Sequence[Any]], origins: Origins | None = None) -> list[Problem]:
    """Every problem across ``tables`` (table name -> records), located through ``origins``."""
    return _Checker(tables, origins).run()


def check_and_index(
    tables: Mapping[str, Sequence[Any]], origins: Origins | None = None
) -> tuple[list[Problem], dict[str, dict[str, Any]], dict[str, Any] | None]:
    """:func:`check`, with the indexes the checks build anyway: the records by id of each table
    with ids, and of all of them together (None when the checks had to go record by record).

    >>> from stepanakert2020.model import Actor, ActorKind
    >>> problems, ids, every = check_and_index({"actors": (Actor("un", "UN", ActorKind.UN_BODY),)})
    >>> problems, list(ids["actors"]), list(every or ())
    ([], ['un'], ['un'])
    """
    checker = _Checker(tables, origins)
    return checker.run(), checker.ids, checker.every
