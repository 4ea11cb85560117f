"""Golden snapshots of every message the cell rules and the cross-record rules give, so that a
change to any rule or its wording shows as a readable diff (and a mutation of it fails a test).

After an intended change: ``STEPANAKERT2020_UPDATE_GOLDEN=1 pytest tests/test_golden.py``,
then read the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from stepanakert2020.cells import reason
from stepanakert2020.rules import check
from stepanakert2020.schema import TABLES, columns
from test_cells import EDGES
from test_rules import BROKEN, minimal

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("STEPANAKERT2020_UPDATE_GOLDEN") == "1"


def _compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed: see the docstring of {__name__}"


def test_every_cell_rule_says_the_same_for_every_edge_cell() -> None:
    lines, seen = [], set()
    for table in TABLES.values():
        for column in columns(table.cls):
            rules = (column.type, column.optional, column.has_default, column.minimum, column.maximum, column.pattern)
            if rules in seen:
                continue  # a column with the same rules as one already written
            seen.add(rules)
            for cell in EDGES:
                lines.append(f"{table.name}.{column.name}\t{cell!r}\t{reason(column, cell) or 'accepted'}")
    _compare("cell_reasons.tsv", "\n".join(lines) + "\n")


def test_every_rule_says_the_same_where_it_is_broken() -> None:
    lines = []
    for name, change, _, _ in BROKEN:
        tables = {table: list(records) for table, records in minimal().items()}
        change(tables)
        lines.append(f"## {name}")
        lines.extend(str(problem) for problem in check(tables))
    _compare("rule_problems.txt", "\n".join(lines) + "\n")
