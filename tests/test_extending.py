"""Extending: record subclasses, Dataset subclasses, user packages, overrides, validate/new, strategies."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

import stepanakert2020 as s
from stepanakert2020 import DataError
from stepanakert2020.cli import main
from stepanakert2020.convert import from_row, to_row
from stepanakert2020.template import new_package
from stepanakert2020.testing import datasets, records_of, sources


@attrs.frozen
class TaggedEvent(s.Event):
    verified_by: str = ""
    confidence: int | None = None


@attrs.frozen(kw_only=True)
class StrictSource(s.Source):
    archived_by: str  # required: a package without this column is an error


def _write(folder: Path, table: str, rows: list[dict[str, str]]) -> None:
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    for row in rows:
        header += [k for k in row if k not in header]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _user_package(tmp_path: Path, tagged: bool = False) -> Path:
    folder = tmp_path / "mine"
    new_package(folder)
    _write(
        folder,
        "sources",
        [
            {
                "id": "my-notes-2021",
                "kind": "other",
                "publisher": "hrw",
                "title": "My reading notes",
                "url": "https://example.org/notes",
                "published": "2021-03-01",
                "language": "en",
            }
        ],
    )
    _write(
        folder,
        "events",
        [
            {
                "id": "my-event",
                "kind": "context",
                "title": "A user's event",
                "summary": "Added by a user.",
                "date": "2020-10-05",
                "date_meaning": "point",
                "place": "stepanakert",
                **({"verified_by": "me", "confidence": "3"} if tagged else {}),
            }
        ],
    )
    _write(
        folder,
        "claims",
        [
            {
                "id": "my-claim",
                "event": "war-begins",
                "claimant": "hrw",
                "stance": "reports",
                "subject": "occurrence",
                "statement": "A user's reading of an existing event.",
                "stated_on": "2021-03-01",
            }
        ],
    )
    _write(
        folder,
        "citations",
        [
            {"record": "my-event", "source": "my-notes-2021"},
            {"record": "my-claim", "source": "my-notes-2021"},
        ],
    )
    return folder


def test_subclass_structuring_with_extra_columns(tmp_path: Path) -> None:
    folder = _user_package(tmp_path, tagged=True)
    with pytest.raises(DataError, match="column 'verified_by': unknown column"):
        s.load(extra=[folder])  # plain Event has no such field
    ds = s.load(extra=[folder], event_type=TaggedEvent)
    mine = ds.event("my-event")
    assert isinstance(mine, TaggedEvent) and (mine.verified_by, mine.confidence) == ("me", 3)
    bundled = ds.event("war-begins")
    assert isinstance(bundled, TaggedEvent) and (bundled.verified_by, bundled.confidence) == ("", None)
    assert all(isinstance(e, TaggedEvent) for e in ds.events(kind="context"))
    assert ds.claims(event="war-begins")[-1].id in {c.id for c in ds.claims()}


def test_bundled_load_with_a_subclass_is_cached_separately() -> None:
    tagged = s.load(event_type=TaggedEvent)
    assert tagged is s.load(event_type=TaggedEvent)
    assert tagged is not s.load()
    assert [e.id for e in tagged.events()] == [e.id for e in s.load().events()]


def test_missing_required_extra_column_names_file_line_and_column() -> None:
    with pytest.raises(DataError) as info:
        s.load(source_type=StrictSource)
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("sources.csv", 1, "archived_by")
    assert "required column is missing" in problem.reason


def test_not_a_subclass_is_refused() -> None:
    with pytest.raises(TypeError, match="not an attrs subclass of Event"):
        s.load(event_type=s.Claim)  # type: ignore[type-var]


def test_merge_with_references_into_the_bundled_data(tmp_path: Path) -> None:
    ds = s.load(extra=[_user_package(tmp_path)])
    assert ds.event("my-event").place == "stepanakert"
    assert s.sources_for("war-begins")[0] in ds.sources()
    assert {c.id for c in ds.claims(event="war-begins")} >= {"my-claim"}
    assert len(ds.events()) == len(s.events()) + 1


def test_id_collision_is_an_error_unless_declared_as_override(tmp_path: Path) -> None:
    folder = _user_package(tmp_path)
    _write(
        folder,
        "events",
        [
            {
                "id": "war-begins",
                "kind": "context",
                "title": "Corrected title",
                "summary": "A user's correction.",
                "date": "2020-09-27",
                "date_meaning": "point",
                "place": "stepanakert",
            }
        ],
    )
    _write(
        folder,
        "citations",
        [{"record": "war-begins", "source": "my-notes-2021"}, {"record": "my-claim", "source": "my-notes-2021"}],
    )
    with pytest.raises(DataError, match="already used in events of an earlier package"):
        s.load(extra=[folder])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["stepanakert2020:overrides"] = ["war-begins"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    ds = s.load(extra=[folder])
    assert ds.event("war-begins").title == "Corrected title"
    assert s.event("war-begins").title != "Corrected title"  # the bundled dataset is untouched


def test_override_of_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    folder = _user_package(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["stepanakert2020:overrides"] = ["no-such-record"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match="overrides an id that no earlier package has"):
        s.load(extra=[folder])


def test_all_or_nothing_when_any_problem(tmp_path: Path) -> None:
    folder = _user_package(tmp_path)
    _write(folder, "citations", [{"record": "my-event", "source": "my-notes-2021"}])  # my-claim now uncited
    before = s.load()
    with pytest.raises(DataError) as info:
        s.load(extra=[folder])
    assert [p.record for p in info.value.problems] == ["my-claim"]
    assert s.load() is before and "my-event" not in {e.id for e in before.events()}


def test_validate_exit_codes_and_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _user_package(tmp_path)
    assert main(["validate", str(folder)]) == 0
    assert "valid" in capsys.readouterr().out
    with (folder / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("bad-event,raid,T,S,2020-13-01,point,nowhere,\n")
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "events.csv:3 record 'bad-event' column 'kind'" in out
    assert "column 'date': '2020-13-01'" in out
    assert "nothing was loaded" in err


def test_new_writes_a_valid_empty_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "fresh")]) == 0
    assert main(["validate", "--alone", str(tmp_path / "fresh")]) == 0
    assert main(["new", str(tmp_path / "fresh")]) == 1


@given(records_of(TaggedEvent, datasets(max_events=2).filter(lambda d: bool(d.events())).map(lambda d: d.events()[0])))
def test_strategies_make_subclass_instances_that_round_trip(event: Any) -> None:
    assert isinstance(event, TaggedEvent)
    assert from_row(TaggedEvent, to_row(event)) == event


@given(datasets(max_events=3, event_type=TaggedEvent, source_type=StrictSource))
def test_dataset_strategy_with_subclasses(ds: Any) -> None:
    assert all(isinstance(e, TaggedEvent) for e in ds.events())
    assert all(isinstance(x, StrictSource) and x.archived_by for x in ds.sources())
    for source in ds.sources():
        assert from_row(StrictSource, to_row(source)) == source


@given(records_of(StrictSource, sources(["hrw"])))
def test_records_of_fills_required_extra_fields(source: Any) -> None:
    assert source.archived_by
