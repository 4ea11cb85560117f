"""Rewrite the bundled Data Package's derived parts after editing its CSVs.

Run ``python scripts/refresh_data.py`` after changing any CSV under
``src/stepanakert2020/data/``: it re-derives the ``*_earliest``/``*_latest``/``*_precision``
columns from each EDTF date, writes the columns in schema order, and regenerates the
Table Schemas, hashes, byte sizes and versions in ``datapackage.json``. The test suite
fails if this was forgotten.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from stepanakert2020 import descriptor  # noqa: E402
from stepanakert2020.convert import from_row, to_row  # noqa: E402
from stepanakert2020.schema import TABLES, PlaceNameRow, table_schema  # noqa: E402

DATA = ROOT / "src" / "stepanakert2020" / "data"


def rewrite(name: str) -> None:
    table = TABLES[name]
    path = DATA / table.path
    header = [field["name"] for field in table_schema(table)["fields"]]
    rows = []
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                record = from_row(table.cls, row)
                rows.append(to_row(record) if table.cls is not PlaceNameRow else row)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key, "") for key in header})
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def regenerate_docs() -> None:
    """The pages and files generated from the schema and the data: the JSON Schema of the
    export, the tables of docs/data-model.md and the data-quality report docs/report.md."""
    import json

    from stepanakert2020 import exports, loading
    from stepanakert2020.report import quality_report
    from stepanakert2020.schema import markdown_tables

    schema = json.dumps(exports.json_schema(), indent=2, ensure_ascii=False) + "\n"
    (ROOT / "src" / "stepanakert2020" / "export.schema.json").write_text(schema, encoding="utf-8")
    page = ROOT / "docs" / "data-model.md"
    marker = "<!-- generated: stepanakert2020.schema.markdown_tables() -->\n"
    before = page.read_text(encoding="utf-8").split(marker, 1)[0]
    page.write_text(before + marker + markdown_tables(), encoding="utf-8")
    (ROOT / "docs" / "report.md").write_text(quality_report(loading.load()), encoding="utf-8")


def main() -> None:
    for name in TABLES:
        rewrite(name)
    (DATA / "datapackage.json").write_text(descriptor.render(DATA), encoding="utf-8")
    print(f"refreshed {len(TABLES)} tables and datapackage.json in {DATA}")
    regenerate_docs()
    print("regenerated export.schema.json, the tables of docs/data-model.md and docs/report.md")


if __name__ == "__main__":
    main()
