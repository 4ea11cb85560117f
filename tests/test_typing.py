"""Typing from the user's side: mypy --strict passes on one example and fails as expected on another."""

from __future__ import annotations

import enum
import re
import typing
from pathlib import Path

import pytest
from mypy import api

import stepanakert2020.model as model

HERE = Path(__file__).with_name("typing")


def _mypy(path: Path) -> tuple[str, int]:
    stdout, stderr, status = api.run(["--strict", "--no-incremental", "--config-file=", str(path)])
    return stdout + stderr, status


@pytest.mark.parametrize("name", ["pass_extension.py", "pass_module_functions.py"])
def test_typed_examples_pass_strict(name: str) -> None:
    out, status = _mypy(HERE / name)
    assert status == 0, out


@pytest.mark.parametrize("name", ["fail_extension.py", "fail_module_functions.py"])
def test_wrong_examples_fail_with_the_expected_errors(name: str) -> None:
    path = HERE / name
    out, status = _mypy(path)
    assert status == 1
    expected = {
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := re.search(r"# E: (.*)$", line))
    }
    found = {(int(m.group(1)), m.group(2)) for m in re.finditer(r":(\d+): error: (.*?)\s+\[", out)}
    assert len(found) == len(expected), out  # one error on each marked line, none elsewhere
    for line, start in expected:
        assert any(number == line and error.startswith(start) for number, error in found), (line, start, out)


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (model.EventKindName, model.EventKind),
        (model.StanceName, model.Stance),
        (model.SubjectName, model.Subject),
        (model.MeasureName, model.Measure),
        (model.PopulationName, model.PopulationGroup),
        (model.ScopeName, model.FigureScope),
    ],
)
def test_each_name_type_lists_exactly_its_enumerations_values(names: object, kind: type[enum.Enum]) -> None:
    assert list(typing.get_args(names)) == [member.value for member in kind]
