"""The README's two commands stay true, and .ci/run runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_starts_with_the_install_and_test_commands() -> None:
    run, test = _commands()
    assert run == "pip install . && stepanakert2020 timeline"
    assert test.startswith("pip install -e '.[test]' && ")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test = _commands()
    _install, command = test.split(" && ", 1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci
    assert ci.rstrip().splitlines()[-1] == command
