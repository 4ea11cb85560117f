"""Typing from the user's side: mypy --strict passes on one example and fails as expected on another."""

from __future__ import annotations

import re
from pathlib import Path

from mypy import api

HERE = Path(__file__).with_name("typing")


def _mypy(path: Path) -> tuple[str, int]:
    stdout, stderr, status = api.run(["--strict", "--no-incremental", "--config-file=", str(path)])
    return stdout + stderr, status


def test_extension_example_passes_strict() -> None:
    out, status = _mypy(HERE / "pass_extension.py")
    assert status == 0, out


def test_extension_example_fails_with_the_expected_error() -> None:
    path = HERE / "fail_extension.py"
    out, status = _mypy(path)
    assert status == 1
    expected = {
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := re.search(r"# E: (.*)$", line))
    }
    found = {(int(m.group(1)), m.group(2)) for m in re.finditer(r":(\d+): error: (.*?)\s+\[", out)}
    assert expected == found, out
