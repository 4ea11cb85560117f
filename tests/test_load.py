"""Loading user packages: every problem reported with its place, nothing half-loaded."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

import stepanakert2020
from helpers import copy_bundled
from stepanakert2020 import DataError, load


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_of_the_bundled_package_loads_alone(tmp_path: Path) -> None:
    ds = load(bundled=False, extra=[copy_bundled(tmp_path)])
    assert ds.events() == load().events()


def test_every_problem_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    pkg = copy_bundled(tmp_path)
    events = (pkg / "events.csv").read_text(encoding="utf-8").splitlines()
    header = events[0].split(",")
    first = events[1].split(",")
    first[header.index("date")] = "2020-13-01"
    first[header.index("kind")] = "raid"
    events[1] = ",".join(first)
    (pkg / "events.csv").write_text("\n".join(events) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(bundled=False, extra=[pkg])
    found = {(Path(p.file).name, p.line, p.column) for p in info.value.problems}
    assert ("events.csv", 2, "date") in found
    assert ("events.csv", 2, "kind") in found
    assert "month 13" in str(info.value)


def test_dangling_references_and_duplicates(tmp_path: Path) -> None:
    pkg = copy_bundled(tmp_path)
    with (pkg / "citations.csv").open("a", encoding="utf-8") as handle:
        handle.write("war-begins,no-such-source,\n")
    with pytest.raises(DataError, match="no sources record has this id"):
        load(bundled=False, extra=[pkg])
    with pytest.raises(DataError, match="already used in actors of an earlier package"):
        load(extra=[copy_bundled(tmp_path / "again")])


def test_missing_columns_and_unknown_tables(tmp_path: Path) -> None:
    pkg = copy_bundled(tmp_path)
    _edit(pkg / "actors.csv", "id,name,kind", "id,name,sort")
    _edit(pkg / "datapackage.json", '"name": "withdrawn"', '"name": "withdrawals"')
    with pytest.raises(DataError) as info:
        load(bundled=False, extra=[pkg])
    text = str(info.value)
    assert "actors.csv:1 column 'sort': unknown column" in text
    assert "actors.csv:1 column 'kind': required column is missing" in text
    assert "unknown table" in text


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/etc/passwd", "absolute"), ("../events.csv", "'..'"), ("https://example.org/e.csv", "URLs")],
)
def test_unsafe_resource_paths_are_refused(tmp_path: Path, path: str, reason: str) -> None:
    pkg = copy_bundled(tmp_path)
    _edit(pkg / "datapackage.json", '"path": "events.csv"', f'"path": "{path}"')
    with pytest.raises(DataError, match=reason):
        load(bundled=False, extra=[pkg])


def test_broken_json_and_missing_package(tmp_path: Path) -> None:
    pkg = copy_bundled(tmp_path)
    (pkg / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage.json:1 column 'char 2': invalid JSON"):
        load(bundled=False, extra=[pkg])
    with pytest.raises(DataError, match="no such Data Package"):
        load(extra=[tmp_path / "absent"])


def test_nothing_is_half_loaded(tmp_path: Path) -> None:
    before = load()
    pkg = copy_bundled(tmp_path)
    shutil.copy(pkg / "events.csv", pkg / "events.bak")
    _edit(pkg / "events.csv", ",point,", ",sometime,")
    with pytest.raises(DataError):
        load(bundled=False, extra=[pkg])
    assert load() is before


def test_cached_load_is_built_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    from stepanakert2020 import loading

    monkeypatch.setattr(loading, "_cache", {})
    calls = []
    real_build = loading._build

    def counting_build(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_build", counting_build)
    results: list[object] = []
    barrier = threading.Barrier(32)

    def worker() -> None:
        barrier.wait()
        results.append(stepanakert2020.load())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 32 and all(r is results[0] for r in results)
