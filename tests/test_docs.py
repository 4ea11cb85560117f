"""The documentation stays true: the generated CLI reference is current, every shell example
runs and prints what the page shows, and every public name has a place in the API reference.

(The Python examples in docs/*.md run as doctests: pytest collects them with
``--doctest-glob=*.md``. The docs build itself, warnings as errors, is a step of
scripts/check.sh.)
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib.util
import io
import os
import re
import shlex
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, metadata, version
from pathlib import Path
from types import ModuleType

import pytest

import stepanakert2020
from stepanakert2020.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


def _cli_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "_ext" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_generated_from_the_current_parser() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert page == _cli_reference().current(), "regenerate it: python docs/_ext/cli_reference.py"


def test_cli_reference_names_every_subcommand_and_option() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert commands.choices
    for name, sub in commands.choices.items():
        section = page.split(f"## `stepanakert2020 {name}`\n", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings or [action.dest]:
                assert f"`{option}`" in section, f"{name}: {option}"


# -- shell examples ----------------------------------------------------------------------


def _console_blocks() -> list[tuple[str, int, list[tuple[str, str]]]]:
    """Every ```console block of every page: (page, line, [(command, expected output)])."""
    blocks = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```console\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE):
            steps: list[tuple[str, list[str]]] = []
            for line in match.group(1).splitlines():
                if line.startswith("$ "):
                    steps.append((line[2:], []))
                else:
                    assert steps, f"{page.name}: a console block must start with a '$ ' command"
                    steps[-1][1].append(line)
            line_number = text[: match.start()].count("\n") + 1
            blocks.append((page.name, line_number, [(cmd, "\n".join(out)) for cmd, out in steps]))
    return blocks


BLOCKS = _console_blocks()


def test_the_docs_have_shell_examples() -> None:
    pages = {page for page, _, _ in BLOCKS}
    assert {"querying.md", "interop.md"} <= pages


def _run(command: str) -> tuple[int, str]:
    """Run one documented command in the current directory: its exit status and output."""
    words = shlex.split(command)
    if words[0] == "stepanakert2020":
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(words[1:])
        return status, out.getvalue()
    if words[0] == "frictionless":
        done = subprocess.run(
            [sys.executable, "-m", "frictionless", *words[1:]],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
        )
        return done.returncode, done.stdout + done.stderr
    if words[:2] == ["pip", "install"]:
        return _check_installable(words[2:]), ""
    raise AssertionError(f"{command!r}: tests/test_docs.py does not know how to run this; teach it")


def _check_installable(requirements: list[str]) -> int:
    """A documented ``pip install`` names real extras of this project, and packages the test extra installs."""
    meta = metadata("stepanakert2020")
    extras = set(meta.get_all("Provides-Extra") or [])
    tested = {
        re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower()
        for r in meta.get_all("Requires-Dist") or []
        if re.search(r"""extra\s*==\s*["']test["']""", r)
    }
    for requirement in requirements:
        if requirement == ".":
            continue  # this project, from its clone: tests/test_packaging.py installs it so
        name, _, extra = requirement.partition("[")
        if name == "stepanakert2020":
            missing = set(extra.rstrip("]").split(",")) - extras
            assert not missing, f"pip install {requirement}: no extra named {sorted(missing)}"
        else:
            assert name.lower() in tested, f"pip install {name}: add it to the test extra so the recipe is tested"
            try:
                version(name)
            except PackageNotFoundError:  # pragma: no cover - the test extra installs it
                pytest.fail(f"{name} is documented but not installed")
    return 0


@pytest.mark.parametrize(("page", "line", "steps"), BLOCKS, ids=[f"{p}:{n}" for p, n, _ in BLOCKS])
def test_shell_example(
    page: str, line: int, steps: list[tuple[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # commands of one block share a fresh folder, in order
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    for command, expected in steps:
        status, output = _run(command)
        assert status == 0, f"{page}:{line}: `{command}` exited with {status}:\n{output}"
        if expected.strip():
            assert checker.check_output(expected + "\n", output, flags), (
                f"{page}:{line}: `{command}` printed\n{output}\nbut the page shows\n{expected}"
            )


# -- the site's pages and the API reference ------------------------------------------------


def _toctree_entries() -> set[str]:
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    entries: set[str] = set()
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.DOTALL):
        entries |= {line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")}
    return entries


def test_every_page_is_in_the_site() -> None:
    pages = {p.stem for p in PAGES} - {"index", "README"}
    assert pages <= _toctree_entries()


def test_every_public_name_is_in_the_api_reference() -> None:
    api = {p.stem: p.read_text(encoding="utf-8") for p in (DOCS / "api").glob("*.md")}
    documented_modules = set(re.findall(r"automodule:: stepanakert2020\.(\w+)", "".join(api.values())))
    top = api["stepanakert2020"]
    lazy: dict[str, str] = stepanakert2020._LAZY
    for name in stepanakert2020.__all__:
        if name in lazy and lazy[name] in documented_modules:
            continue
        assert f"stepanakert2020.{name}\n" in top, f"{name} is public but not in docs/api/"


def test_no_invented_addresses() -> None:
    """Every web address we write ourselves must exist: none for a repository, a documentation
    site or a schema host that this project does not have (the data's sources are checked apart)."""
    invented = re.compile(r"https?://(?:[a-z0-9-]+\.)*(?:github\.com/stepanakert2020|stepanakert2020\.[a-z]+)")
    files = [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "CITATION.cff", *PAGES]
    files += [*sorted((ROOT / "src" / "stepanakert2020").glob("*.py")), ROOT / "src/stepanakert2020/export.schema.json"]
    for path in files:
        found = invented.findall(path.read_text(encoding="utf-8"))
        assert not found, f"{path.name}: {found}"
