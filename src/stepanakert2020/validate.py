"""Data-level rules across records: keys, references, citations, dates and figures.

:func:`check` collects every problem it finds and never stops at the first, so a
:class:`~stepanakert2020.errors.DataError` can list them all. No I/O here.

>>> from stepanakert2020.model import Actor, ActorKind
>>> problems = check({"actors": (Actor("un", "UN", ActorKind.UN_BODY, parent="nobody"),)})
>>> print(problems[0])
<actors>:1 record 'un' column 'parent': 'nobody': no actors record has this id
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .dates import DateSpec
from .errors import Problem
from .model import Claim, EventKind, Figure, Qualifier, Stance
from .schema import TABLES

__all__ = ["ID_PATTERN", "Origins", "check"]

#: What an id looks like: lower-case words of letters and digits joined by hyphens.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")

#: Where each record came from: table -> one (file, line) per record, in order.
Origins = Mapping[str, Sequence[tuple[str, int | None]]]

_CITED_TABLES = ("events", "claims", "figures")
_RESPONSES = (Stance.DENIES, Stance.DISPUTES, Stance.RETRACTS)
_RECORD_TABLES = ("actors", "places", "weapons", "sources", "events", "claims", "figures")


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
        self.keys()
        self.references()
        self.hierarchies()
        self.citations()
        self.dates()
        self.figures()
        self.claims()
        self.places()
        return self.problems

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
