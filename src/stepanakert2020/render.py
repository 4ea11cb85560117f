"""Rows of text as a table, CSV, JSON or Markdown: the output formats of the command line.

Every value is escaped where the format needs it (CSV quoting, JSON strings, ``|`` in
Markdown) and, in a table, printed with its unprintable characters escaped, so text from a
user package cannot forge a line of output.

>>> print(render([{"id": "a", "title": "One"}, {"id": "b", "title": "Two"}], "markdown"))
| id | title |
|---|---|
| a | One |
| b | Two |
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import _printable as printable

__all__ = ["FORMATS", "render", "shorten"]

#: The output formats: an aligned table for reading, and three for other programs.
FORMATS = ("table", "csv", "json", "markdown")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis if cut.

    >>> shorten("Further strikes on Stepanakert residential districts", 32)
    'Further strikes on Stepanakert…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    width: int | None = None,
    flexible: str | None = None,
    columns: Sequence[str] = (),
) -> str:
    """``rows`` (mappings of column to value) in format ``fmt``, one of :data:`FORMATS`.

    ``columns`` names the columns when there may be no row to learn them from (a CSV or
    Markdown table of nothing still has its header). A table fits ``width`` characters when
    given, by cutting the ``flexible`` column.

    >>> render([], "csv", columns=["id", "title"])
    'id,title'
    """
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)
    columns = list(columns) or _columns(rows)
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        return out.getvalue().rstrip("\n")
    if fmt == "markdown":
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for row in rows:
            cells = [printable(_cell(row.get(c))).replace("|", "\\|") for c in columns]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not one of: {', '.join(FORMATS)}")
    if not rows:
        return ""
    table = [[printable(_cell(row.get(c))) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    if width is not None and flexible in columns:
        i = columns.index(flexible)
        spare = width - (sum(widths) + 2 * (len(columns) - 1) - widths[i])
        limit = max(spare, len(flexible), 30)
        if widths[i] > limit:
            widths[i] = limit
            for r in table:
                r[i] = shorten(r[i], limit)
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return "\n".join(lines)
