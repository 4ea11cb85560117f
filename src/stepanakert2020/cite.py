"""How to cite the dataset, or one record with its sources: plain text, BibTeX, CSL-JSON.

>>> print(cite_dataset("text"))  # doctest: +ELLIPSIS
stepanakert2020 maintainers (...). stepanakert2020: a sourced dataset of ... Data release ..., package ... CC BY 4.0.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["CITE_FORMATS", "cite_dataset", "cite_record"]

#: The citation formats.
CITE_FORMATS = ("text", "bibtex", "csl-json")

TITLE = "stepanakert2020: a sourced dataset of the 2020 bombardment of Stepanakert"
AUTHOR = "stepanakert2020 maintainers"


def _dataset_item() -> dict[str, Any]:
    from ._release import DATA_VERSION, __version__

    year, month, day = (int(x) for x in DATA_VERSION.split("-"))
    return {
        "id": f"stepanakert2020-{DATA_VERSION}",
        "type": "dataset",
        "title": TITLE,
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [[year, month, day]]},
        "version": f"data {DATA_VERSION}, package {__version__}",
        "license": "CC-BY-4.0",
    }


def cite_dataset(fmt: str = "text") -> str:
    """The citation of the dataset release in ``fmt`` (``text``, ``bibtex`` or ``csl-json``)."""
    from ._release import DATA_VERSION, __version__

    if fmt == "text":
        return (
            f"{AUTHOR} ({DATA_VERSION[:4]}). {TITLE}. Data release {DATA_VERSION}, "
            f"package version {__version__}. CC BY 4.0."
        )
    if fmt == "bibtex":
        return (
            f"@misc{{stepanakert2020-{DATA_VERSION},\n  author = {{{{{AUTHOR}}}}},\n  title = {{{{{TITLE}}}}},\n"
            f"  year = {{{DATA_VERSION[:4]}}},\n  version = {{data {DATA_VERSION}, package {__version__}}},\n"
            f"  note = {{Data release {DATA_VERSION}; licensed CC BY 4.0}}\n}}"
        )
    if fmt == "csl-json":
        return json.dumps([_dataset_item()], indent=2, ensure_ascii=False)
    raise ValueError(f"unknown citation format {fmt!r}: choose one of {', '.join(CITE_FORMATS)}")


def _supporting(ds: Any, record: Any) -> list[tuple[str, list[Any]]]:
    """(what, sources) for a record and, for an event, for each of its claims and figures: every
    source behind what ``stepanakert2020 show`` prints, grouped by what it supports."""
    groups = [(f"{type(record).__name__.lower()} {record.id}", list(ds.sources_for(record)))]
    if hasattr(record, "date_meaning"):
        for part in (*ds.claims(event=record), *ds.figures(event=record)):
            groups.append((f"{type(part).__name__.lower()} {part.id}", list(ds.sources_for(part))))
    return [(what, found) for what, found in groups if found]


def cite_record(ds: Any, record_id: str, fmt: str = "text") -> str:
    """The citation of one record: the dataset release, the record's id, and every source behind
    it (for an event, also those of its claims and figures), grouped by what each supports.

    >>> import stepanakert2020
    >>> print(cite_record(stepanakert2020.load(), "war-begins"))  # doctest: +ELLIPSIS
    Record 'war-begins' (Event: War begins across Nagorno-Karabakh), in stepanakert2020 maintainers (2026)...
    Sources of event war-begins:
      ...
    """
    from .exports import bibtex_entry, csl_item

    record = ds.record(record_id)
    groups = _supporting(ds, record)
    sources = sorted({source for _, found in groups for source in found}, key=lambda s: s.id)
    if fmt == "text":
        label = getattr(record, "title", None) or getattr(record, "name", None) or getattr(record, "statement", "")
        lines = [f"Record {record.id!r} ({type(record).__name__}: {label}), in {cite_dataset('text')}"]
        for what, found in groups:
            lines.append(f"Sources of {what}:")
            for source in found:
                publisher = ds.record(source.publisher).name
                relay = (
                    f" (content of {ds.record(source.original_publisher).name})" if source.original_publisher else ""
                )
                lines.append(f"  [{source.id}] {publisher}{relay}. {source.title}. {source.published}. {source.url}")
        return "\n".join(lines)
    if fmt == "bibtex":
        return "\n".join([cite_dataset("bibtex"), *(bibtex_entry(ds, s) for s in sources)])
    if fmt == "csl-json":
        items = [_dataset_item(), *(csl_item(ds, s) for s in sources)]
        return json.dumps(items, indent=2, ensure_ascii=False)
    raise ValueError(f"unknown citation format {fmt!r}: choose one of {', '.join(CITE_FORMATS)}")
