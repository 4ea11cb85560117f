"""A record in words: what ``stepanakert2020 show`` prints, and its plain-data form.

Every reference is shown with the name of what it names, every claim whole (who, stance,
subject, the actor or weapon it names, what it answers and what answers it, notes), every
figure with its reporter, scope, as-of date and place, each with its sources. Text from the
data is printed with its unprintable characters escaped.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .errors import _printable as printable
from .report import figure_bounds

__all__ = ["describe", "event_row", "plain", "search_row", "source_row"]


def _sources_lines(ds: Any, record: Any, indent: str) -> list[str]:
    lines = []
    for citation in ds.citations_for(record):
        source = ds.source(citation.source)
        locator = f", {citation.locator}" if citation.locator else ""
        relay = f" (content of {ds.actor(source.original_publisher).name})" if source.original_publisher else ""
        who = f"{ds.actor(source.publisher).name}{relay}"
        lines.append(
            indent + printable(f'[{source.id}] {who}, "{source.title}", {source.published}{locator}. {source.url}')
        )
    return lines


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(printable(text), width=100, initial_indent=indent, subsequent_indent=indent + "  ")


def _name(ds: Any, record_id: str | None) -> str:
    if record_id is None:
        return ""
    record = ds.record(record_id)
    return f"{getattr(record, 'name', None) or getattr(record, 'title', '')} ({record_id})"


def _claim_lines(ds: Any, claim: Any) -> list[str]:
    named = [f"names {_name(ds, claim.asserted_actor)}"] if claim.asserted_actor else []
    named += [f"names the weapon {_name(ds, claim.asserted_weapon)}"] if claim.asserted_weapon else []
    flags = [w for w, on in (("prospective", claim.prospective), ("unconfirmed", claim.unconfirmed)) if on]
    heading = (
        f"claim {claim.id}: {_name(ds, claim.claimant)} {claim.stance.value} [{claim.subject.value}], "
        f"stated {claim.stated_on}" + (f" ({', '.join(flags)})" if flags else "")
    )
    lines = [f"  {printable(heading)}", _wrap(claim.statement, "    ")]
    lines += [_wrap("; ".join(named), "    ")] if named else []
    if claim.responds_to:
        lines.append(_wrap(f"answers {claim.responds_to}: {ds.claim(claim.responds_to).statement}", "    "))
    for reply in ds.replies(claim):
        lines.append(_wrap(f"answered by {reply.id} ({_name(ds, reply.claimant)} {reply.stance.value})", "    "))
    if claim.notes:
        lines.append(_wrap(f"notes: {claim.notes}", "    "))
    return [*lines, "    sources:", *_sources_lines(ds, claim, "      ")]


def _figure_lines(ds: Any, figure: Any) -> list[str]:
    scope = figure.scope.value if figure.scope else "scope not stated"
    heading = (
        f"figure {figure.id}: {figure.measure.value} ({figure.population.value}) {figure_bounds(figure)}, "
        f"as of {figure.as_of}, {scope}, in {_name(ds, figure.place)}, reported by {_name(ds, figure.reported_by)}"
    )
    lines = [_wrap(heading, "  ")]
    if figure.notes:
        lines.append(_wrap(f"notes: {figure.notes}", "    "))
    return [*lines, "    sources:", *_sources_lines(ds, figure, "      ")]


#: The fields that hold another record's id: shown with that record's name.
_REFERENCES = frozenset(
    [
        "place",
        "publisher",
        "original_publisher",
        "original",
        "claimant",
        "reported_by",
        "event",
        "parent",
        "asserted_actor",
        "asserted_weapon",
        "responds_to",
    ]
)


def describe(ds: Any, record: Any) -> str:
    """A record in words, as ``stepanakert2020 show`` prints it: every field (a reference with the
    name of what it names), its sources, and for an event every claim whole and every figure.

    >>> import stepanakert2020
    >>> ds = stepanakert2020.load()
    >>> print(describe(ds, ds.actor("hrw")))  # doctest: +ELLIPSIS
    Actor hrw
      name: Human Rights Watch
    ...
    """
    lines = [f"{type(record).__name__} {printable(record.id)}"]
    for field in type(record).__attrs_attrs__:
        value = getattr(record, field.name)
        if field.name == "id" or value in (None, "", ()):
            continue
        if field.name == "alt_names":
            value = ", ".join(f"{a.name} ({a.language})" for a in value)
        elif field.name in _REFERENCES:
            value = _name(ds, value)
        lines.append(_wrap(f"{field.name}: {getattr(value, 'value', value)}", "  "))
    cited = _sources_lines(ds, record, "    ")
    if cited:
        lines += ["  sources:", *cited]
    if hasattr(record, "stance"):
        replies = ds.replies(record)
        lines += [_wrap(f"answered by {r.id} ({_name(ds, r.claimant)} {r.stance.value})", "  ") for r in replies]
    if hasattr(record, "date_meaning"):
        claims, figures = ds.claims(event=record), ds.figures(event=record)
        if claims:
            lines += ["", f"Claims ({len(claims)}):"]
            for claim in claims:
                lines += [*_claim_lines(ds, claim), ""]
        if figures:
            lines += ["", f"Figures ({len(figures)}):"]
            for figure in figures:
                lines += [*_figure_lines(ds, figure), ""]
    return "\n".join(lines).rstrip("\n")


def plain(ds: Any, record: Any) -> dict[str, Any]:
    """A record as plain data (JSON types), with its type and the ids of its sources."""
    from .exports import _plain as plain

    sources = ";".join(c.source for c in ds.citations_for(record))
    return {"type": type(record).__name__.lower(), **plain(record), "sources": sources}


def event_row(ds: Any, event: Any, in_window: str = "") -> dict[str, Any]:
    """An event as one row of ``timeline``: id, date, kind, title, place, the count of every source
    behind it, and (when given) whether it lies inside the window (``certain``) or overlaps it."""
    row = {
        "id": event.id,
        "date": event.date.edtf,
        "kind": event.kind.value,
        "title": event.title,
        "place": event.place,
        "sources": len(ds.sources_behind(event)),
    }
    return {**row, "in_window": in_window} if in_window else row


def search_row(record: Any, text: str) -> dict[str, Any]:
    """A record found by ``search`` as one row: its type, id, date and the words that hold ``text``."""
    date = getattr(record, "date", None) or getattr(record, "stated_on", None) or getattr(record, "as_of", None)
    date = date or getattr(record, "published", None)
    words = [getattr(record, f, "") for f in ("title", "statement", "name", "summary", "notes", "url")]
    found = next((w for w in words if w and text.casefold() in w.casefold()), next((w for w in words if w), ""))
    return {"type": type(record).__name__.lower(), "id": record.id, "date": date.edtf if date else "", "text": found}


def source_row(ds: Any, source: Any) -> dict[str, Any]:
    """A source as one row of ``sources``: whose content it carries beside who published it."""
    return {
        "id": source.id,
        "kind": source.kind.value,
        "published": str(source.published),
        "publisher": ds.actor(source.publisher).name,
        "content_of": ds.actor(source.original_publisher).name if source.original_publisher else "",
        "title": source.title,
        "url": source.url,
    }
