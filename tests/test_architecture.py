"""The shape of the house: modules import one way only (no circle, not even inside a function),
each module stays small, and loading touches no process-wide state."""

from __future__ import annotations

import ast
import gc
import threading
from pathlib import Path

import attrs
import pytest

import stepanakert2020 as s
from helpers import copy_bundled

PACKAGE = Path(s.__file__).parent

#: Modules allowed over ~400 lines, and why.
LONG_MODULES = {
    "exports.py": "seven export formats; to be split per format (issue 'From finding to citing')",
    "dataset.py": "every public query and typed lookup, each with a docstring and a runnable example",
    "testing.py": "one Hypothesis strategy per record class, documented with examples",
}


def _imports(path: Path) -> set[str]:
    """The package modules a module imports, anywhere in it (functions and TYPE_CHECKING included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:  # from . import x
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stepanakert2020."):
            found.add(node.module.split(".")[1])
    return {name for name in found if (PACKAGE / f"{name}.py").exists()}


GRAPH = {path.stem: _imports(path) for path in PACKAGE.glob("*.py") if path.stem != "__init__"}


def test_no_module_imports_another_that_imports_it_back() -> None:
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(module: str, path: tuple[str, ...]) -> None:
        if state.get(module) == 2:
            return
        assert state.get(module) != 1, f"import circle: {' -> '.join((*path, module))}"
        state[module] = 1
        for other in sorted(GRAPH.get(module, ())):
            visit(other, (*path, module))
        state[module] = 2
        order.append(module)

    for module in sorted(GRAPH):
        visit(module, ())
    assert len(order) == len(GRAPH)


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("read", "dataset"),  # reading knows nothing of record sets
        ("read", "loading"),
        ("dataset", "loading"),
        ("dataset", "read"),
        ("rules", "read"),
        ("cells", "loading"),
        ("_release", "errors"),
    ],
)
def test_a_lower_floor_never_imports_an_upper_one(lower: str, upper: str) -> None:
    def reaches(start: str, seen: set[str]) -> set[str]:
        for other in GRAPH.get(start, ()):
            if other not in seen:
                seen.add(other)
                reaches(other, seen)
        return seen

    assert upper not in reaches(lower, set())


def test_release_constants_are_in_a_leaf_module() -> None:
    assert GRAPH["_release"] == set()


def test_modules_stay_small_or_say_why() -> None:
    for path in PACKAGE.glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if path.name not in LONG_MODULES:
            assert lines <= 420, f"{path.name}: {lines} lines"


def test_loading_leaves_the_garbage_collector_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("gc.disable() called")

    monkeypatch.setattr(gc, "disable", refuse)
    folder = copy_bundled(tmp_path)
    assert gc.isenabled()
    s.load(bundled=False, extra=[folder])
    assert gc.isenabled()


@attrs.frozen
class _Greedy(s.Actor):
    """An actor class whose own code asks for the data while the data is being loaded."""

    def __attrs_post_init__(self) -> None:
        s.load(actor_type=_Greedy)


def test_load_called_again_while_loading_raises_instead_of_deadlocking() -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            s.load(actor_type=_Greedy)
        except BaseException as error:  # collected for the assertion below
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "load() deadlocked"
    assert len(errors) == 1 and isinstance(errors[0], RuntimeError), errors
    assert s.load() is s.load()  # the lock was released


def test_the_old_dataset_name_warns_and_still_works() -> None:
    import stepanakert2020.dataset as module

    with pytest.warns(DeprecationWarning, match="RecordSet"):
        old = module.Dataset
    assert old is module.RecordSet and isinstance(s.load(), old)


def test_the_lazy_names_of_the_functions_are_the_functions_module() -> None:
    """``stepanakert2020`` names its query functions without importing them; the list it keeps
    for that must be exactly what ``stepanakert2020.functions`` defines."""
    import stepanakert2020
    from stepanakert2020 import functions

    lazy = {name for name, module in stepanakert2020._LAZY.items() if module == "functions"}
    assert lazy == set(functions.__all__)
    assert all(callable(getattr(stepanakert2020, name)) for name in lazy)
