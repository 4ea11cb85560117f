"""Coverage and sourcing targets of the bundled data, and the generated data-quality report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import stepanakert2020 as s
from stepanakert2020 import EventKind, SourceKind
from stepanakert2020.report import quality_report

ROOT = Path(__file__).resolve().parent.parent
DS = s.load()

#: Records that carry only encyclopedia sources, and why: no non-encyclopedia page in the
#: stored material says the same thing.
ENCYCLOPEDIA_ONLY = {
    "context-wikipedia-article-wikipedia-occurrence": "the article's own statement, attributed to it",
    "context-wikipedia-article-injured-wikipedia": "no primary source for the total in the stored pages",
    "context-wikipedia-article-killed-wikipedia": "no primary source for the total in the stored pages",
}


def _non_encyclopedia(record: Any) -> bool:
    return any(x.kind is not SourceKind.ENCYCLOPEDIA for x in DS.sources_for(record))


def test_size_targets() -> None:
    assert len(DS.events()) >= 60
    strike_days = {e.date.earliest for e in DS.events(kind=EventKind.STRIKE) if e.date.precision.value == "day"}
    assert len(strike_days) >= 20
    assert len(DS.sources()) >= 40
    assert sum(1 for x in DS.sources() if x.kind is not SourceKind.ENCYCLOPEDIA) >= 25


def test_strikes_figures_and_findings_carry_a_non_encyclopedia_source() -> None:
    actors: dict[str, Any] = {a.id: a for a in DS.actors()}
    findings = [c for c in DS.claims() if actors[c.claimant].kind.value in ("ngo", "un_body")]
    records: list[Any] = [*DS.events(kind=EventKind.STRIKE), *DS.figures(), *findings]
    lacking = {r.id for r in records if not _non_encyclopedia(r)}
    assert lacking <= set(ENCYCLOPEDIA_ONLY), sorted(lacking - set(ENCYCLOPEDIA_ONLY))
    every: list[Any] = [*DS.events(), *DS.claims(), *DS.figures()]
    everything = {r.id for r in every if not _non_encyclopedia(r)}
    assert everything == set(ENCYCLOPEDIA_ONLY), "update ENCYCLOPEDIA_ONLY and its reasons"


def test_encyclopedia_only_records_are_marked_unconfirmed() -> None:
    for claim in DS.claims():
        if claim.id in ENCYCLOPEDIA_ONLY:
            assert claim.unconfirmed


def test_every_weapon_is_named_by_a_claim() -> None:
    named = {c.asserted_weapon for c in DS.claims()}
    for weapon in DS.weapons():
        children = {w.id for w in DS.weapons() if w.parent == weapon.id}
        assert weapon.id in named or children & named, weapon.id


def test_every_place_and_actor_is_used() -> None:
    used_places = {e.place for e in DS.events()} | {f.place for f in DS.figures()}
    used_places |= {p.parent for p in DS.places() if p.parent}
    unused = {p.id for p in DS.places()} - used_places
    assert not unused, unused
    used_actors = {c.claimant for c in DS.claims()} | {c.asserted_actor for c in DS.claims()}
    used_actors |= {f.reported_by for f in DS.figures()} | {x.publisher for x in DS.sources()}
    used_actors |= {x.original_publisher for x in DS.sources() if x.original_publisher}
    used_actors |= {a.parent for a in DS.actors() if a.parent}
    unused_actors = {a.id for a in DS.actors()} - used_actors
    assert not unused_actors, sorted(unused_actors)


def test_report_page_is_current() -> None:
    page = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    assert page == quality_report(DS), "regenerate: stepanakert2020 report > docs/report.md"
