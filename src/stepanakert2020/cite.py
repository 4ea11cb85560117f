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


def cite_record(ds: Any, record_id: str, fmt: str = "text") -> str:
    """The citation of one record: the dataset release, the record's id, and every source it cites.

    >>> import stepanakert2020
    >>> print(cite_record(stepanakert2020.load(), "war-begins"))  # doctest: +ELLIPSIS
    Record 'war-begins' (Event: War begins across Nagorno-Karabakh), in stepanakert2020 maintainers (2026)...
    Sources:
      ...
    """
    from .exports import bibtex_entry, csl_item

    record = ds.record(record_id)
    sources = ds.sources_for(record)
    if fmt == "text":
        label = getattr(record, "title", None) or getattr(record, "name", None) or getattr(record, "statement", "")
        lines = [f"Record {record.id!r} ({type(record).__name__}: {label}), in {cite_dataset('text')}", "Sources:"]
        for source in sources:
            publisher = ds.record(source.publisher).name
            lines.append(f"  {publisher}. {source.title}. {source.published}. {source.url}")
        return "\n".join(lines)
    if fmt == "bibtex":
        return "\n".join([cite_dataset("bibtex"), *(bibtex_entry(ds, s) for s in sources)])
    if fmt == "csl-json":
        items = [_dataset_item(), *(csl_item(ds, s) for s in sources)]
        return json.dumps(items, indent=2, ensure_ascii=False)
    raise ValueError(f"unknown citation format {fmt!r}: choose one of {', '.join(CITE_FORMATS)}")
