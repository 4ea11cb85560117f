"""The record classes of stepanakert2020: what a record is, and nothing else (no I/O).

Every class is a frozen, slotted ``attrs`` class; collections are tuples. Ids are
readable slugs, unique across the whole dataset. Subclass a record class with
``@attrs.frozen`` to add fields of your own (see docs/extending.md).

>>> from stepanakert2020.dates import parse_date
>>> a = Actor(id="hrw", name="Human Rights Watch", kind=ActorKind.NGO)
>>> a.kind.value
'ngo'
"""

import enum
from typing import Literal

import attrs

from .dates import DateSpec

__all__ = [
    "URL_PATTERN",
    "Actor",
    "ActorKind",
    "AltName",
    "Citation",
    "Claim",
    "Cluster",
    "DateMeaning",
    "Event",
    "EventKind",
    "EventKindName",
    "Figure",
    "FigureScope",
    "GeoPrecision",
    "Measure",
    "MeasureName",
    "Place",
    "PlaceKind",
    "PopulationGroup",
    "PopulationName",
    "Qualifier",
    "Record",
    "ScopeName",
    "Source",
    "SourceKind",
    "Stance",
    "StanceName",
    "Subject",
    "SubjectName",
    "Tombstone",
    "Weapon",
    "WeaponCategory",
]


#: What a source's URL looks like: ``http`` or ``https``, a host, no spaces (a Table Schema pattern).
URL_PATTERN = r"https?://[^\s/?#]+[^\s]*"


class EventKind(enum.Enum):
    """What kind of thing happened."""

    STRIKE = "strike"
    REPORT = "report"
    STATEMENT = "statement"
    CEASEFIRE = "ceasefire"
    HUMANITARIAN = "humanitarian"
    LEGAL = "legal"
    CONTEXT = "context"


class DateMeaning(enum.Enum):
    """How to read an event's date: a single date, a duration, or a window of uncertainty."""

    POINT = "point"
    DURATION = "duration"
    WINDOW = "window"


class Stance(enum.Enum):
    """The claimant's stance toward what the claim is about."""

    REPORTS = "reports"
    ALLEGES = "alleges"
    CONFIRMS = "confirms"
    ACKNOWLEDGES = "acknowledges"
    DENIES = "denies"
    DISPUTES = "disputes"
    RETRACTS = "retracts"


class Subject(enum.Enum):
    """What a claim asserts something about."""

    OCCURRENCE = "occurrence"
    PERPETRATOR = "perpetrator"
    WEAPON = "weapon"
    CASUALTIES = "casualties"
    DAMAGE = "damage"
    TARGET = "target"
    LEGALITY = "legality"


class Measure(enum.Enum):
    """What a figure counts."""

    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    DISPLACED = "displaced"
    RETURNED = "returned"
    BUILDINGS_DAMAGED = "buildings_damaged"
    BUILDINGS_DESTROYED = "buildings_destroyed"
    #: property items of any kind (flats, houses, shops, cars ...), as some reporters count damage
    PROPERTY_DAMAGED = "property_damaged"
    SCHOOLS_DAMAGED = "schools_damaged"
    #: people left without a home (not the same as people who left: ``displaced``)
    HOMELESS = "homeless"
    POPULATION = "population"


class FigureScope(enum.Enum):
    """What a figure counts over time."""

    #: one event's toll
    INCIDENT = "incident"
    #: a running total since the start of the war, as of the figure's date: it never decreases
    CUMULATIVE = "cumulative"
    #: a state on the figure's date (population, people still displaced), which can go down
    SNAPSHOT = "snapshot"


class PopulationGroup(enum.Enum):
    """Whom a figure counts."""

    CIVILIAN = "civilian"
    COMBATANT = "combatant"
    UNKNOWN = "unknown"
    ALL = "all"


class Qualifier(enum.Enum):
    """How a figure's bounds are to be read."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    RANGE = "range"


class SourceKind(enum.Enum):
    """What kind of publication a source is."""

    INVESTIGATION = "investigation"
    UN_DOCUMENT = "un_document"
    OFFICIAL_STATEMENT = "official_statement"
    NEWS_REPORT = "news_report"
    ENCYCLOPEDIA = "encyclopedia"
    OTHER = "other"


class PlaceKind(enum.Enum):
    """What kind of place a place is."""

    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    TOWN = "town"
    DISTRICT = "district"
    SQUARE = "square"
    STREET = "street"
    BUILDING = "building"
    FACILITY = "facility"


class GeoPrecision(enum.Enum):
    """How exactly a place's coordinates locate it."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    #: only the city is known: the point is the city's centre
    CITY_CENTROID = "city_centroid"
    #: the record concerns a whole region: the point is its administrative centre, a display point only
    REGION = "region"


class ActorKind(enum.Enum):
    """What kind of actor an actor is."""

    STATE = "state"
    ARMED_FORCES = "armed_forces"
    LOCAL_AUTHORITY = "local_authority"
    GOVERNMENT_BODY = "government_body"
    OFFICIAL = "official"
    NGO = "ngo"
    UN_BODY = "un_body"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    MEDIA = "media"
    PERSON = "person"


class WeaponCategory(enum.Enum):
    """The broad category of a weapon or munition."""

    CLUSTER_MUNITION = "cluster_munition"
    MULTIPLE_ROCKET_LAUNCHER = "multiple_rocket_launcher"
    ROCKET = "rocket"
    ARTILLERY = "artillery"
    AIRCRAFT = "aircraft"
    DRONE = "drone"
    MISSILE = "missile"
    OTHER = "other"


class Cluster(enum.Enum):
    """Whether a weapon delivers cluster submunitions."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@attrs.frozen
class AltName:
    """Another name of a place, in a language (BCP 47 tag such as ``hy`` or ``az-Latn``)."""

    name: str
    language: str


@attrs.frozen
class Actor:
    """Someone who acts, speaks or reports: a state, a ministry, an official, an NGO, a UN body."""

    id: str
    name: str
    kind: ActorKind
    parent: str | None = None
    notes: str = ""


@attrs.frozen
class Place:
    """A place with WGS84 coordinates and how exactly they locate it.

    ``uncertainty_m`` is the radius, in metres, of the circle around the point within which
    the place lies, as far as its cited sources show (``None``: not stated).
    """

    id: str
    name: str
    kind: PlaceKind
    latitude: float = attrs.field(metadata={"minimum": -90, "maximum": 90})
    longitude: float = attrs.field(metadata={"minimum": -180, "maximum": 180})
    geo_precision: GeoPrecision
    uncertainty_m: int | None = attrs.field(default=None, metadata={"minimum": 0})
    parent: str | None = None
    alt_names: tuple[AltName, ...] = ()
    notes: str = ""


@attrs.frozen
class Weapon:
    """A weapon or munition as the sources name it, in a hierarchy (rocket < launcher < category)."""

    id: str
    name: str
    category: WeaponCategory
    cluster: Cluster = Cluster.UNKNOWN
    parent: str | None = None
    notes: str = ""


@attrs.frozen
class Source:
    """A publication a reader can open: URL, publisher, title, publication date and kind.

    A republication (a reprint, an aggregator's copy, a story relaying a statement) names
    whose content it carries (``original_publisher``, an actor id) and, when the original is
    in the data too, which source it copies (``original``).
    """

    id: str
    kind: SourceKind
    publisher: str
    title: str
    url: str = attrs.field(metadata={"pattern": URL_PATTERN})
    published: DateSpec
    language: str
    archive_url: str = attrs.field(default="", metadata={"pattern": URL_PATTERN})
    original: str | None = None
    original_publisher: str | None = None


@attrs.frozen
class Event:
    """Something that happened: a strike, a report's publication, a statement, a ceasefire.

    Who did it, with what, and to whom are claims (:class:`Claim`), not fields here.
    """

    id: str
    kind: EventKind
    title: str
    summary: str
    date: DateSpec
    date_meaning: DateMeaning
    place: str
    notes: str = ""


@attrs.frozen
class Claim:
    """An attributed assertion about an event: who says what, with which stance, when.

    Denials and disputes are claims whose ``responds_to`` names the claim they answer.
    ``asserted_actor`` and ``asserted_weapon`` hold the actor or weapon the claim names
    (for subjects ``perpetrator`` and ``weapon``); ``statement`` says the rest in words.
    ``prospective`` marks a claim made before the event it concerns (a forecast or warning).
    """

    id: str
    event: str
    claimant: str
    stance: Stance
    subject: Subject
    statement: str
    stated_on: DateSpec
    asserted_actor: str | None = None
    asserted_weapon: str | None = None
    responds_to: str | None = None
    prospective: bool = False
    unconfirmed: bool = False
    notes: str = ""


@attrs.frozen
class Figure:
    """A number as reported: who reported it, as of when, with bounds and a qualifier.

    ``None`` for a bound means "not reported"; ``0`` means "reported as none".
    ``place`` is the area the figure covers (the city, or a wider region). ``scope`` says
    whether it is one incident's toll, a running total or a state on its date (``None``:
    not stated).
    """

    id: str
    event: str
    measure: Measure
    population: PopulationGroup
    qualifier: Qualifier
    as_of: DateSpec
    reported_by: str
    place: str
    low: int | None = attrs.field(default=None, metadata={"minimum": 0})
    high: int | None = attrs.field(default=None, metadata={"minimum": 0})
    scope: FigureScope | None = None
    notes: str = ""


@attrs.frozen
class Citation:
    """A link from any record (by id) to a source, with an optional locator in the source."""

    record: str
    source: str
    locator: str = ""


@attrs.frozen
class Tombstone:
    """A withdrawn id: when it was withdrawn, why, and what replaces it (if anything)."""

    id: str
    withdrawn_in: str
    reason: str
    replaced_by: str | None = None


# The values of the enumerations that queries take as strings, for type checkers: with these
# in a signature, mypy rejects kind="strikes". tests/test_typing.py checks each against its
# enumeration, so the two cannot drift apart.
EventKindName = Literal["strike", "report", "statement", "ceasefire", "humanitarian", "legal", "context"]
StanceName = Literal["reports", "alleges", "confirms", "acknowledges", "denies", "disputes", "retracts"]
SubjectName = Literal["occurrence", "perpetrator", "weapon", "casualties", "damage", "target", "legality"]
MeasureName = Literal[
    "killed",
    "injured",
    "missing",
    "displaced",
    "returned",
    "buildings_damaged",
    "buildings_destroyed",
    "property_damaged",
    "schools_damaged",
    "homeless",
    "population",
]
PopulationName = Literal["civilian", "combatant", "unknown", "all"]
ScopeName = Literal["incident", "cumulative", "snapshot"]

#: Any record that carries an id and can be cited.
Record = Event | Claim | Figure | Source | Place | Actor | Weapon
