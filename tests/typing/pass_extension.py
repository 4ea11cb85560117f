"""Must pass mypy --strict: subclass record types flow through load() and Dataset queries."""

from __future__ import annotations

import attrs

import stepanakert2020 as s


@attrs.frozen
class TaggedEvent(s.Event):
    verified_by: str = ""


ds = s.load(event_type=TaggedEvent)
first = ds.events()[0]
checker: str = first.verified_by
same: s.Dataset[TaggedEvent] = ds
plain: s.Dataset = s.load()
title: str = plain.events()[0].title


class Mine(s.Dataset[TaggedEvent]):
    def verified(self) -> tuple[TaggedEvent, ...]:
        return tuple(e for e in self.events() if e.verified_by)


mine: Mine = Mine.load()
tagged: tuple[TaggedEvent, ...] = mine.verified()
actor_name: str = plain.actor("hrw").name
published: str = plain.source(plain.sources()[0].id).published.edtf
same_mine: Mine = s.load(dataset_type=Mine)
also_tagged: tuple[TaggedEvent, ...] = s.load(dataset_type=Mine).verified()
