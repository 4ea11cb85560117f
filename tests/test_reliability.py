"""Bad input never crashes and never half-loads; good but unusual input loads exactly."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stepanakert2020 as s
from helpers import copy_bundled
from stepanakert2020 import DataError

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"  # the opt-in profile: 10^4 cases


def _load_alone(folder: Path) -> s.Dataset:
    return s.load(bundled=False, extra=[folder])


def _ids(ds: s.Dataset) -> list[str]:
    return [e.id for e in ds.events()] + [c.id for c in ds.claims()] + [src.id for src in ds.sources()]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda b: b"\xef\xbb\xbf" + b, None),  # a UTF-8 byte order mark is accepted
        (lambda b: b.replace(b"\n", b"\r\n"), None),  # CRLF line ends are accepted
        (lambda b: b.replace(b"\n", b"\xff\n", 1), "not valid UTF-8"),
        (lambda b: b.replace(b"\n", b"\x00\n", 2), "control character U+0000"),
        (lambda b: b"", "the file is empty"),
        (lambda b: b + b"x," + b"y" * 200_000 + b"\n", "field larger than"),
        (lambda b: b + b"lonely\n", "1 cells, but the header has"),
        (lambda b: b + b'"unterminated,quote\n', "unreadable CSV"),
    ],
)
def test_bytes_level_changes(tmp_path: Path, change: object, expected: str | None) -> None:
    folder = copy_bundled(tmp_path)
    path = folder / "events.csv"
    path.write_bytes(change(path.read_bytes()))  # type: ignore[operator]
    if expected is None:
        assert _ids(_load_alone(folder)) == _ids(s.load())
    else:
        with pytest.raises(DataError, match=re.escape(expected)):
            _load_alone(folder)


def test_quoted_newlines_load_and_lines_are_reported_where_records_start(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    path = folder / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    row = dict(zip(header, ["x"] * len(header), strict=True))
    row.update(
        id="two-lines",
        kind="context",
        title='"A title\nover two lines"',
        summary="s",
        date="2020-10-05",
        date_meaning="point",
        place="stepanakert",
        notes="",
    )
    for key in ("date_earliest", "date_latest", "date_precision"):
        row[key] = {"date_earliest": "2020-10-05", "date_latest": "2020-10-05", "date_precision": "day"}[key]
    bad = dict(row, id="after-it", kind="raid", title="t")
    path.write_text("".join(lines) + ",".join(row.values()) + "\n" + ",".join(bad.values()) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        _load_alone(folder)
    (problem,) = [p for p in info.value.problems if p.column == "kind"]
    assert problem.line == len(lines) + 3  # the bad record starts after the two-line one
    path.write_text("".join(lines) + ",".join(row.values()) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="no citation"):
        _load_alone(folder)


@pytest.mark.parametrize(
    ("table", "old", "new", "expected"),
    [
        ("events", ",point,", ",never,", "not one of: point, duration, window"),
        ("events", ",2020-09-27,", ",2020-09-31,", "day 31 does not exist"),
        ("citations", "war-begins,", "nothing-here,", "no record has this id"),
        ("actors", "hrw,Human Rights Watch,ngo", "hrw,Human Rights Watch,charity", "not one of: state"),
        ("places", "39.81528", "139.81528", r"out of range \(allowed: -90..90\)"),
        ("claims", ",2020-12-11,", ",2020-12-11/2020-12-10,", "before its start does"),
    ],
)
def test_cell_level_problems(tmp_path: Path, table: str, old: str, new: str, expected: str) -> None:
    folder = copy_bundled(tmp_path)
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=expected) as info:
        _load_alone(folder)
    assert all(p.file.endswith(".csv") or p.file.endswith(".json") for p in info.value.problems)


def test_duplicate_ids_and_missing_or_extra_files(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    text = (folder / "actors.csv").read_text(encoding="utf-8")
    (folder / "actors.csv").write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="duplicate id"):
        _load_alone(folder)
    (folder / "actors.csv").unlink()
    with pytest.raises(DataError, match=r"actors\.csv: file not found"):
        _load_alone(folder)
    folder = copy_bundled(tmp_path / "extra")
    (folder / "notes.csv").write_text("anything\n", encoding="utf-8")  # not in the descriptor: ignored
    assert _ids(_load_alone(folder)) == _ids(s.load())


def test_symlink_out_of_the_package_is_refused(tmp_path: Path) -> None:
    folder = copy_bundled(tmp_path)
    outside = tmp_path / "outside.csv"
    shutil.move(folder / "events.csv", outside)
    (folder / "events.csv").symlink_to(outside)
    with pytest.raises(DataError, match="outside the package folder"):
        _load_alone(folder)


UNSAFE_MODULES = {"pickle", "marshal", "shelve", "yaml", "socket", "ssl", "requests", "httpx", "urllib", "http"}
#: Modules of those packages that only handle text, never the network or a file.
SAFE_PARTS = {"urllib.parse"}


def test_no_unsafe_loaders_anywhere() -> None:
    import ast

    source = Path(s.__file__).parent
    for path in source.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                names = []
            for name in names:
                assert name in SAFE_PARTS or name.split(".")[0] not in UNSAFE_MODULES, f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                called = node.func.id
                assert called not in ("eval", "exec", "compile", "__import__"), f"{path.name} calls {called}"


# -- fuzzing ----------------------------------------------------------------------------

MUTATIONS = ("flip", "delete_line", "duplicate_line", "swap_cells", "blank_cell", "truncate", "header", "json")


def _mutate(folder: Path, rng: random.Random, kind: str) -> None:
    if kind == "json":
        path = folder / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        victim = rng.choice(data["resources"])
        victim[rng.choice(["name", "path"])] = rng.choice(["", "../x.csv", "/abs.csv", 3, None, "claims"])
        path.write_text(json.dumps(data), encoding="utf-8")
        return
    path = folder / rng.choice(sorted(p.name for p in folder.glob("*.csv")))
    data = path.read_bytes()
    lines = data.split(b"\n")
    if kind == "flip" and data:
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
    elif kind in ("delete_line", "duplicate_line", "header") and len(lines) > 1:
        i = 0 if kind == "header" else rng.randrange(len(lines))
        if kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        else:
            lines[0] = lines[0].replace(b",", b";", 1)
        data = b"\n".join(lines)
    elif kind in ("swap_cells", "blank_cell") and len(lines) > 2:
        i = rng.randrange(1, len(lines) - 1)
        cells = lines[i].split(b",")
        j = rng.randrange(len(cells))
        if kind == "swap_cells":
            k = rng.randrange(len(cells))
            cells[j], cells[k] = cells[k], cells[j]
        else:
            cells[j] = b""
        lines[i] = b",".join(cells)
        data = b"\n".join(lines)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data) + 1)]
    path.write_bytes(data)


@settings(
    max_examples=10_000 if FUZZ else 60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3), st.randoms(use_true_random=False))
def test_fuzz_loading_either_succeeds_exactly_or_raises_data_error(
    tmp_path_factory: pytest.TempPathFactory, mutations: list[str], rng: random.Random
) -> None:
    folder = copy_bundled(tmp_path_factory.mktemp("fuzz"))
    for kind in mutations:
        _mutate(folder, rng, kind)
    try:
        ds = _load_alone(folder)
    except DataError as error:
        assert error.problems and all(p.reason for p in error.problems)
        return
    # it loaded: then it holds exactly the records its files hold, each once
    import csv

    for table, count in (("events", len(ds.events())), ("claims", len(ds.claims())), ("sources", len(ds.sources()))):
        with (folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = [r for r in csv.reader(handle) if r][1:]
        assert count == len(rows)


#: Values that have broken descriptor readers: names and paths that are not strings or not
#: usable as paths, and raw JSON that Python reads only with effort.
_HOSTILE_STRINGS = [
    "events",
    "claims.csv",
    "a\x00b.csv",
    "\ud800.csv",
    "x" * 300 + ".csv",
    "../events.csv",
    "/etc/passwd",
    "https://example.org/events.csv",
    "events.csv/",
    "",
]
_RAW_JSON = ["[" * 2000 + "]" * 2000, "9" * 5000, "1e999", "-0", "NaN", '{"a": ' * 500 + "1" + "}" * 500]
_RAW = "__raw_json_here__"
_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from([*_HOSTILE_STRINGS, _RAW]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "path", "resources", "stepanakert2020:overrides", "x"]), inner)
    ),
    max_leaves=8,
)


def _nodes(value: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every node of a JSON document (dict keys and list indices), the root first."""
    found = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _nodes(child, (*at, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _nodes(child, (*at, i))
    return found


@settings(
    max_examples=10_000 if FUZZ else 60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(st.data())
def test_fuzz_any_descriptor_structure_gives_records_or_data_error(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Any node of datapackage.json (the resources' names and paths most often) replaced by any JSON."""
    folder = copy_bundled(tmp_path_factory.mktemp("descriptor"))
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        nodes = _nodes(descriptor)
        near = [n for n in nodes if len(n) >= 2 and n[0] == "resources" and (len(n) == 2 or n[2] in ("name", "path"))]
        prefer_near = data.draw(st.booleans(), label="near the resources")
        at = data.draw(st.sampled_from(near) if near and prefer_near else st.sampled_from(nodes))
        value = _RAW if data.draw(st.booleans(), label="raw here") else data.draw(_JSON_VALUES, label="value")
        if not at:
            descriptor = value
            continue
        parent: object = descriptor
        for key in at[:-1]:
            parent = parent[key]  # type: ignore[index]
        parent[at[-1]] = value  # type: ignore[index]
    text = json.dumps(descriptor)
    raw = data.draw(st.sampled_from(_RAW_JSON), label="raw")
    path.write_text(text.replace(f'"{_RAW}"', raw), encoding="utf-8", errors="surrogatepass")
    try:
        ds = _load_alone(folder)
    except DataError as error:
        assert error.problems and all(p.reason and "\n" not in str(p) for p in error.problems)
        return
    assert len(ds.events()) <= len(s.load().events())


def test_a_very_long_table_loads_completely(tmp_path: Path) -> None:
    """10^5 rows by default; 10^6 with STEPANAKERT2020_HEAVY=1 (run before each release)."""
    rows = 1_000_000 if os.environ.get("STEPANAKERT2020_HEAVY") == "1" else 100_000
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "datapackage.json").write_text(
        json.dumps({"name": "long", "resources": [{"name": "citations", "path": "citations.csv"}]}), encoding="utf-8"
    )
    source = s.sources_for("war-begins")[0].id
    with (folder / "citations.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("record,source,locator\n")
        handle.writelines(f"war-begins,{source},copy {i}\n" for i in range(rows))
    ds = s.load(extra=[folder])
    assert len(ds.citations()) == len(s.load().citations()) + rows
    with (folder / "citations.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(f"war-begins,{source},copy 7\n")  # one duplicate at the very end
    with pytest.raises(DataError) as info:
        s.load(extra=[folder])
    (problem,) = info.value.problems
    assert problem.line == rows + 2 and "duplicate citation" in problem.reason
