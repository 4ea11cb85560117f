"""The rules across records, each written once: keys, references, citations, dates, figures, chains.

:func:`check` runs every rule over the tables and collects every problem it finds; it never
stops at the first, so one :class:`~stepanakert2020.errors.DataError` can list them all.
Each rule finds the positions of the records that break it in one pass over the columns it
reads (``map``, ``compress``: no second, faster copy of the rule), then says what is wrong
at each. No I/O here.

>>> from stepanakert2020.model import Actor, ActorKind
>>> problems = check({"actors": (Actor("un", "UN", ActorKind.UN_BODY, parent="nobody"),)})
>>> print(problems[0])
<actors>:1 record 'un' column 'parent': 'nobody': no actors record has this id
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .cells import CellError, check_value
from .errors import Problem
from .model import DateMeaning, EventKind, FigureScope, GeoPrecision, Qualifier, Stance
from .schema import TABLES, columns

__all__ = ["RECORD_TABLES", "Origins", "check"]

#: Where each record came from: table -> one (file, line) per record, in order.
Origins = Mapping[str, Sequence[tuple[str, int | None]]]

#: The tables whose records have ids, unique across all of them.
RECORD_TABLES = ("actors", "places", "weapons", "sources", "events", "claims", "figures")
#: The tables whose every record needs a citation, and the date each record documents.
CITED = {"events": "date", "claims": "stated_on", "figures": "as_of"}
#: A claim with one of these stances answers another claim (``responds_to``).
RESPONSES = frozenset((Stance.DENIES, Stance.DISPUTES, Stance.RETRACTS))

#: One broken rule: (table, position in it, column, value, reason).
Finding = tuple[str, int, str | None, Any, str]


def _positions(flags: Iterable[Any]) -> Iterator[int]:
    """The positions at which ``flags`` is true."""
    return itertools.compress(itertools.count(), flags)


def _column(records: Sequence[Any], field: str) -> list[Any]:
    return list(map(operator.attrgetter(field), records))


class _Tables:
    """The tables being checked, with the indexes several rules share (each built once)."""

    def __init__(
        self, tables: Mapping[str, Sequence[Any]], unreadable: Mapping[str, Iterable[str]], unread: Iterable[str]
    ) -> None:
        self.tables = tables
        self.unreadable = unreadable
        self.unread = frozenset(unread)
        self._ids: dict[str, dict[str, int]] = {}

    def __getitem__(self, name: str) -> Sequence[Any]:
        return self.tables.get(name, ())

    def ids(self, name: str) -> dict[str, int]:
        """Id -> first position, in one table."""
        found = self._ids.get(name)
        if found is None:
            keys = _column(self[name], "id")
            found = self._ids[name] = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        return found

    def owner(self) -> dict[str, str]:
        """Id -> the table that holds it, for every record table."""
        return {key: name for name in reversed(RECORD_TABLES) for key in self.ids(name)}


# -- the rules ----------------------------------------------------------------------------


def _values(t: _Tables) -> Iterator[Finding]:
    """Field values obey their column's pattern and range (for records that never were cells)."""
    for name in TABLES:
        records = t[name]
        if not records:
            continue
        for column in columns(type(records[0])):
            if column.pattern is None and column.minimum is None and column.maximum is None:
                continue
            for i, record in enumerate(records):
                value = getattr(record, column.name)
                try:
                    check_value(column, value)
                except (CellError, TypeError) as error:
                    yield name, i, column.name, value, str(error)


_KEY_NAMES = {"citations": "citation", "place_names": "place name"}


def _primary_keys(t: _Tables) -> Iterator[Finding]:
    """Within each table, no two records share a primary key."""
    for name, table in TABLES.items():
        records = t[name]
        keys = list(map(operator.attrgetter(*table.primary_key), records))
        first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        for i in _positions(map(operator.ne, map(first.__getitem__, keys), itertools.count())):
            key = keys[i]
            yield (
                name,
                i,
                table.primary_key[0],
                key if isinstance(key, str) else key[0],
                (f"duplicate {_KEY_NAMES.get(name, 'id')} (the same {', '.join(table.primary_key)} as an earlier row)"),
            )


def _ids_across_tables(t: _Tables) -> Iterator[Finding]:
    """An id names one record in the whole dataset, and a withdrawn id is never used again."""
    owner: dict[str, str] = {}
    for name in RECORD_TABLES:
        ids = t.ids(name)
        for key in sorted(ids.keys() & owner.keys(), key=ids.__getitem__):
            yield name, ids[key], "id", key, f"duplicate id (already used in {owner[key]})"
        for key in ids:
            owner.setdefault(key, name)
    for i, tomb in enumerate(t["withdrawn"]):
        if tomb.id in owner:
            yield "withdrawn", i, "id", tomb.id, f"withdrawn id is still used in {owner[tomb.id]}"


#: Broken references per column that get a did-you-mean (finding the closest id costs a pass over the ids).
_HINTS = 50


def _closest(value: Any, ids: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the id closest to ``value``, or nothing if none is close."""
    found = difflib.get_close_matches(str(value), list(ids), n=1, cutoff=0.75)
    return f"; did you mean {found[0]!r}?" if found else ""


def _references(t: _Tables) -> Iterator[Finding]:
    """Every reference resolves: foreign keys, a citation's record, a tombstone's replacement."""
    for table in TABLES.values():
        records = t[table.name]
        for field, target in table.foreign_keys:
            if target in t.unread:
                continue  # the table could not be read: its absent records are not reported again
            allowed: set[Any] = {*t.ids(target), *t.unreadable.get(target, ()), None}
            values = _column(records, field)
            for count, i in enumerate(_positions(map(operator.not_, map(allowed.__contains__, values)))):
                hint = _closest(values[i], t.ids(target)) if count < _HINTS else ""
                yield table.name, i, field, values[i], f"no {target} record has this id{hint}"
    owner = t.owner()
    if t.unread & set(RECORD_TABLES):
        return
    for name, field in (("citations", "record"), ("withdrawn", "replaced_by")):
        values = _column(t[name], field)
        allowed_ids: set[Any] = {*owner, None}
        for ids in t.unreadable.values():
            allowed_ids.update(ids)
        for count, i in enumerate(_positions(map(operator.not_, map(allowed_ids.__contains__, values)))):
            hint = _closest(values[i], owner) if count < _HINTS else ""
            yield name, i, field, values[i], f"no record has this id{hint}"


def _cycles(links: Mapping[str, str | None]) -> set[str]:
    """The keys that lie on a cycle of ``links`` (key -> next key), in time linear in their number."""
    state: dict[str, int] = {}  # 1: on the path being followed, 2: done
    on_cycle: set[str] = set()
    for start in links:
        path: list[str] = []
        key: str | None = start
        while key is not None and key in links and key not in state:
            state[key] = 1
            path.append(key)
            key = links[key]
        if key is not None and state.get(key) == 1:  # the path came back to itself
            on_cycle.update(path[path.index(key) :])
        for visited in path:
            state[visited] = 2
    return on_cycle


def _chains(t: _Tables) -> Iterator[Finding]:
    """Parents (actors, places, weapons) and answers (claims' ``responds_to``) never form a cycle."""
    for name, field, what in (
        ("actors", "parent", "parents form a cycle"),
        ("places", "parent", "parents form a cycle"),
        ("weapons", "parent", "parents form a cycle"),
        ("claims", "responds_to", "claims answering each other form a cycle"),
        ("sources", "original", "republications copying each other form a cycle"),
    ):
        records = t[name]
        links = dict(zip(_column(records, "id"), _column(records, field), strict=True))
        looped = _cycles(links)
        for i in _positions(map(looped.__contains__, _column(records, "id"))):
            yield name, i, field, getattr(records[i], field), what


def _citations(t: _Tables) -> Iterator[Finding]:
    """Every event, claim and figure is cited, by no source published before the date it documents."""
    citations = t["citations"]
    cited = set(_column(citations, "record"))
    cited.update(t.unreadable.get("citations", ()))  # the record of a citation row that could not be read
    starts: dict[str, dt.date] = {}
    where: dict[str, tuple[str, int]] = {}
    for name, field in CITED.items():
        records = t[name]
        ids = _column(records, "id")
        uncited = () if "citations" in t.unread else _positions(map(operator.not_, map(cited.__contains__, ids)))
        for i in uncited:
            yield name, i, "id", ids[i], "no citation: every event, claim and figure needs a source"
        starts.update(zip(ids, _column(records, f"{field}.earliest"), strict=True))
        where.update(zip(ids, zip(itertools.repeat(name), itertools.count()), strict=False))
    sources = t["sources"]
    published = dict(zip(_column(sources, "id"), _column(sources, "published.latest"), strict=True))
    records, source_ids = _column(citations, "record"), _column(citations, "source")
    late = map(published.get, source_ids, itertools.repeat(dt.date.max))
    for i in _positions(map(operator.lt, late, map(starts.get, records, itertools.repeat(dt.date.min)))):
        name, position = where[records[i]]
        record = t[name][position]
        documented = getattr(record, CITED[name])
        yield (
            name,
            position,
            "id",
            records[i],
            (
                f"cited source {source_ids[i]!r} was published ({published[source_ids[i]]}) "
                f"before the date it documents ({documented})"
            ),
        )


def _event_dates(t: _Tables) -> Iterator[Finding]:
    """An event's ``date_meaning`` agrees with its date: ``point`` for one date, else an interval."""
    events = t["events"]
    points = map(operator.is_, _column(events, "date_meaning"), itertools.repeat(DateMeaning.POINT))
    for i in _positions(map(operator.eq, points, _column(events, "date.interval"))):
        event = events[i]
        want = "a single date" if event.date_meaning is DateMeaning.POINT else "an interval A/B"
        yield "events", i, "date", event.date, f"date_meaning {event.date_meaning.value!r} needs {want}"


#: What each qualifier needs of a figure's bounds.
QUALIFIER_RULES: dict[Qualifier, tuple[str, Callable[[int | None, int | None], bool]]] = {
    Qualifier.EXACT: ("low and high equal", lambda low, high: low is not None and low == high),
    Qualifier.ABOUT: ("low and high both given", lambda low, high: low is not None and high is not None),
    Qualifier.AT_LEAST: ("low given and high empty", lambda low, high: low is not None and high is None),
    Qualifier.AT_MOST: ("high given and low empty", lambda low, high: low is None and high is not None),
    Qualifier.RANGE: (
        "low and high both given, low below high",
        lambda low, high: low is not None and high is not None and low < high,
    ),
}


def _figures(t: _Tables) -> Iterator[Finding]:
    """A figure's low is not above its high, and its qualifier agrees with its bounds."""
    for i, figure in enumerate(t["figures"]):
        low, high = figure.low, figure.high
        if low is not None and high is not None and low > high:
            yield "figures", i, "low", low, f"low {low} is greater than high {high}"
            continue
        needs, holds = QUALIFIER_RULES[figure.qualifier]
        if not holds(low, high):
            yield (
                "figures",
                i,
                "qualifier",
                figure.qualifier.value,
                (f"qualifier {figure.qualifier.value!r} needs {needs} (low={low}, high={high})"),
            )


def _claims(t: _Tables) -> Iterator[Finding]:
    """A denial, dispute or retraction names the claim it answers, which is not itself;
    no claim is stated before its event, unless it is a forecast (``prospective``) or the
    event is background (``context``)."""
    claims, events = t["claims"], t["events"]
    event_at = t.ids("events")
    for i, claim in enumerate(claims):
        if claim.stance in RESPONSES and claim.responds_to is None:
            yield "claims", i, "responds_to", "", f"a claim that {claim.stance.value} must name the claim it answers"
        if claim.responds_to is not None and claim.responds_to == claim.id:
            yield "claims", i, "responds_to", claim.responds_to, "a claim cannot answer itself"
        position = event_at.get(claim.event)
        if position is None or claim.prospective:
            continue
        event = events[position]
        if event.kind is not EventKind.CONTEXT and claim.stated_on.latest < event.date.earliest:
            yield (
                "claims",
                i,
                "stated_on",
                claim.stated_on,
                (f"stated before its event ({event.date}); mark it prospective if it is a forecast or warning"),
            )


def _sources(t: _Tables) -> Iterator[Finding]:
    """A republication names whose content it carries, and the source it copies is another
    source, published no later than the copy."""
    sources = t["sources"]
    at = t.ids("sources")
    for i, source in enumerate(sources):
        if source.original is None:
            continue
        if source.original_publisher is None:
            why = "a source that copies another must name its original_publisher"
            yield "sources", i, "original_publisher", "", why
        position = at.get(source.original)  # itself, or in a cycle: reported by _chains
        if position is not None and position != i and sources[position].published.earliest > source.published.latest:
            why = f"the original was published ({sources[position].published}) after this copy ({source.published})"
            yield "sources", i, "original", source.original, why


#: The radius, in metres, that each precision allows: (at least, at most; None: no limit).
UNCERTAINTY_M: dict[GeoPrecision, tuple[int, int | None]] = {
    GeoPrecision.EXACT: (0, 250),
    GeoPrecision.APPROXIMATE: (50, 25_000),
    GeoPrecision.CITY_CENTROID: (1_000, 25_000),
    GeoPrecision.REGION: (10_000, None),
}
#: Precisions finer than a city's: a place located so precisely must cite where from.
LOCATED = frozenset((GeoPrecision.EXACT, GeoPrecision.APPROXIMATE))


def _places(t: _Tables) -> Iterator[Finding]:
    """A place's uncertainty agrees with its precision, and a place located more precisely than
    its city cites the source of its coordinates."""
    cited = set(_column(t["citations"], "record")) | set(t.unreadable.get("citations", ()))
    for i, place in enumerate(t["places"]):
        least, most = UNCERTAINTY_M[place.geo_precision]
        radius = place.uncertainty_m
        if radius is not None and (radius < least or (most is not None and radius > most)):
            allowed = f"{least} m or more" if most is None else f"{least} to {most} m"
            why = f"precision {place.geo_precision.value!r} needs an uncertainty of {allowed}"
            yield "places", i, "uncertainty_m", radius, why
        if place.geo_precision in LOCATED and place.id not in cited and "citations" not in t.unread:
            why = f"no citation: a place located as {place.geo_precision.value!r} must cite its coordinates"
            yield "places", i, "id", place.id, why


def _count(figure: Any) -> int:
    """The number a cumulative figure gives: its low bound, or its high bound when it has no low."""
    count = figure.low if figure.low is not None else figure.high
    return -1 if count is None else int(count)


def _running_totals(t: _Tables) -> Iterator[Finding]:
    """A running total (``cumulative``) of one reporter, measure, population and place never
    goes down over ``as_of``, unless the lower figure's notes say why."""
    figures = t["figures"]
    series: dict[tuple[Any, ...], list[int]] = {}
    for i, figure in enumerate(figures):
        if figure.scope is FigureScope.CUMULATIVE and _count(figure) >= 0:
            key = (figure.reported_by, figure.measure, figure.population, figure.place)
            series.setdefault(key, []).append(i)
    for positions in series.values():
        positions.sort(key=lambda i: (figures[i].as_of.latest, figures[i].as_of.earliest, figures[i].id))
        highest = figures[positions[0]]
        for i in positions[1:]:
            figure = figures[i]
            if _count(figure) < _count(highest) and not figure.notes:
                why = (
                    f"a running total of {figure.measure.value} goes down from {_count(highest)} "
                    f"({highest.id}, as of {highest.as_of}) to {_count(figure)}: say why in notes"
                )
                yield "figures", i, "low" if figure.low is not None else "high", _count(figure), why
            if _count(figure) > _count(highest):
                highest = figure


#: Every cross-record rule, in the order :func:`check` runs them.
RULES: tuple[Callable[[_Tables], Iterator[Finding]], ...] = (
    _primary_keys,
    _ids_across_tables,
    _references,
    _chains,
    _citations,
    _event_dates,
    _figures,
    _running_totals,
    _claims,
    _sources,
    _places,
)


def check(
    tables: Mapping[str, Sequence[Any]],
    origins: Origins | None = None,
    *,
    values_checked: bool = False,
    unreadable: Mapping[str, Iterable[str]] | None = None,
    unread: Iterable[str] = (),
) -> list[Problem]:
    """Every problem across ``tables`` (table name -> records), located through ``origins``.

    Records built in memory are first checked against their columns' patterns and ranges;
    pass ``values_checked=True`` for records structured from cells, which already were.
    ``unreadable`` names the ids (table -> ids) of rows that could not be read, whose
    problems are already reported: a reference to one of them is not reported again; nor
    is a reference into a table of ``unread``, the tables that could not be read in full.
    """
    found = _Tables(tables, unreadable or {}, unread)
    rules = RULES if values_checked else (_values, *RULES)
    problems: list[Problem] = []
    for rule in rules:
        for table, index, column, value, why in rule(found):
            origin = (origins or {}).get(table)
            file, line = origin[index] if origin is not None and index < len(origin) else (f"<{table}>", index + 1)
            record_id = getattr(found[table][index], "id", None)
            problems.append(Problem(file, line, column, "" if value is None else str(value), why, record_id))
    return problems
