"""One mistake in a package gives one DataError with one problem where the mistake is:
never another exception, never a silently dropped row, never a cascade of knock-on errors."""

from __future__ import annotations

import json
import os
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import stepanakert2020 as s
from helpers import copy_bundled
from stepanakert2020.model import Event


def _edit_line(folder: Path, table: str, number: int, change: Callable[[str], str]) -> None:
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = change(lines[number - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def _add_column(folder: Path, table: str, name: str, cells: dict[int, str], other: str) -> None:
    """Add a column to a table: ``cells`` by line number, ``other`` on every other line."""
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines = [lines[0] + f",{name}"] + [f"{text},{cells.get(n, other)}" for n, text in enumerate(lines[1:], 2)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _problems(folder: Path, **kwargs: Any) -> list[s.Problem]:
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder], **kwargs)
    return list(info.value.problems)


@pytest.mark.parametrize(
    ("table", "line", "change", "words"),
    [
        ("events", 3, lambda text: text + ",extra", "12 cells, but the header has 11"),
        ("events", 1, lambda text: text.replace("notes", "note"), "unknown column"),
        ("events", 10, lambda text: '"' + text, "unreadable CSV"),
        ("citations", 6, lambda text: text + ",x", "4 cells, but the header has 3"),
        ("actors", 2, lambda text: text.replace("ngo", "charity", 1) if ",ngo," in text else text + "\x01", ""),
        ("events", 2, lambda text: text.replace(",point,", ",never,"), "not one of"),
    ],
)
def test_one_mistake_gives_one_problem_on_its_line(
    tmp_path: Path, table: str, line: int, change: Callable[[str], str], words: str
) -> None:
    folder = copy_bundled(tmp_path)
    _edit_line(folder, table, line, change)
    (problem,) = _problems(folder)
    assert Path(problem.file).name == f"{table}.csv"
    assert problem.line == line and words in problem.reason, problem


def test_a_resource_with_an_unknown_name_is_the_only_problem(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["name"] = "actorz"
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (problem,) = _problems(folder)
    assert problem.value == "actorz" and "unknown table" in problem.reason


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x01"])
def test_a_control_character_that_python_calls_a_line_break_is_refused_on_its_line(
    tmp_path: Path, character: str
) -> None:
    folder = copy_bundled(tmp_path)
    _edit_line(folder, "actors", 4, lambda text: text + character)
    (problem,) = _problems(folder)
    assert problem.line == 4 and f"U+{ord(character):04X}" in problem.reason


def test_a_row_the_record_class_refuses_is_reported_not_dropped(tmp_path: Path) -> None:
    @attrs.frozen
    class Checked(Event):
        casualties: int = attrs.field(default=0, validator=attrs.validators.le(1000))

    folder = copy_bundled(tmp_path)
    _add_column(folder, "events", "casualties", {5: "5000"}, "1")
    (problem,) = _problems(folder, event_type=Checked)
    assert problem.line == 5 and "must be <= 1000" in problem.reason


def test_a_user_field_type_the_converter_refuses_is_reported(tmp_path: Path) -> None:
    @attrs.frozen
    class Graded(Event):
        severity: typing.Literal["low", "high"] = "low"

    folder = copy_bundled(tmp_path)
    _add_column(folder, "events", "severity", {7: "medium"}, "high")
    (problem,) = _problems(folder, event_type=Graded)
    assert (problem.line, problem.column) == (7, "severity")


def test_a_default_factory_makes_a_fresh_value_for_each_record() -> None:
    @attrs.frozen
    class Tagged(Event):
        tags: list[str] = attrs.field(factory=list)

    first, second = s.load(event_type=Tagged).events()[:2]
    assert first.tags == [] and first.tags is not second.tags


def test_an_override_without_a_replacement_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [], "stepanakert2020:overrides": ["hrw"]}), encoding="utf-8"
    )
    with pytest.raises(s.DataError) as info:
        s.load(extra=[folder])
    assert any("no record with it" in p.reason and p.value == "hrw" for p in info.value.problems)


@pytest.mark.parametrize(
    "breakage",
    ["nul in path", "long name", "link loop", "deep json", "long number"],
)
def test_unreadable_files_and_descriptors_give_a_data_error(tmp_path: Path, breakage: str) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    path = {"nul in path": "a\x00.csv", "long name": "w" * 300, "link loop": "loop.csv"}.get(breakage, "x.csv")
    if breakage == "link loop":
        os.symlink("loop.csv", folder / "loop.csv")
    text = json.dumps({"resources": [{"name": "withdrawn", "path": path}]})
    if breakage == "deep json":
        text = "[" * 100_000
    if breakage == "long number":
        text = '{"resources": [], "x": ' + "1" * 5000 + "}"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder])
    assert len(info.value.problems) == 1
