"""Hostile packages: files that never end or block, links out of the package, characters that
make text display other than it reads, URLs that are not web addresses, all-error files and
deep chains. Each gives one DataError (or loads) in bounded work."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

import stepanakert2020 as s
from helpers import copy_bundled
from stepanakert2020.errors import PROBLEM_LIMIT


def _package(folder: Path, **tables: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    resources = [{"name": name, "path": f"{name}.csv"} for name in tables]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def _load_in_a_thread(**kwargs: Any) -> BaseException | None:
    """load(**kwargs) in a thread that must end within 30 s; what it raised (None if nothing)."""
    raised: list[BaseException | None] = [None]

    def run() -> None:
        try:
            s.load(**kwargs)
        except BaseException as error:  # collected for the caller
            raised[0] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "load() blocked"
    return raised[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("which", ["actors.csv", "datapackage.json"])
def test_a_fifo_is_refused_not_read(tmp_path: Path, which: str) -> None:
    folder = _package(tmp_path / "pkg", actors="id,name,kind,parent,notes\n")
    (folder / which).unlink()
    os.mkfifo(folder / which)
    error = _load_in_a_thread(extra=[folder])
    assert isinstance(error, s.DataError) and "not a regular file" in str(error)


def test_a_descriptor_linked_to_a_device_or_outside_is_refused(tmp_path: Path) -> None:
    outside = _package(tmp_path / "elsewhere", actors="id,name,kind,parent,notes\n")
    for target in ("/dev/zero", str(outside / "datapackage.json")):
        folder = tmp_path / f"pkg{len(target)}"
        folder.mkdir()
        os.symlink(target, folder / "datapackage.json")
        error = _load_in_a_thread(extra=[folder])
        assert isinstance(error, s.DataError), error
        assert "not a regular file" in str(error) or "outside the package" in str(error)


@pytest.mark.parametrize("character", ["\u0085", "\u009b", "\u202e", "\u2066"])
def test_c1_and_bidirectional_controls_are_refused(tmp_path: Path, character: str) -> None:
    folder = _package(tmp_path / "pkg", actors=f"id,name,kind,parent,notes\nmine,Mi{character}ne,ngo,,\n")
    with pytest.raises(s.DataError) as info:
        s.load(extra=[folder])
    (problem,) = info.value.problems
    assert problem.line == 2 and f"U+{ord(character):04X}" in problem.reason


@pytest.mark.parametrize("url", ["javascript:alert(1)", "example.org/report", "ftp://example.org/x", "https://a b"])
def test_source_urls_are_web_addresses(tmp_path: Path, url: str) -> None:
    folder = copy_bundled(tmp_path)
    path = folder / "sources.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = s.load().sources()
    old = next(source.url for source in first if source.url in lines[1])
    lines[1] = lines[1].replace(old, url if "," not in url else f'"{url}"')
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder])
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, "url")


def test_a_file_of_errors_stops_after_the_limit(tmp_path: Path) -> None:
    rows = "x,,,,\n" * (PROBLEM_LIMIT * 3)
    folder = _package(tmp_path / "pkg", actors="id,name,kind,parent,notes\n" + rows)
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder])
    problems = info.value.problems
    assert PROBLEM_LIMIT <= len(problems) <= PROBLEM_LIMIT + 2
    assert "more rows not checked" in problems[-1].reason


def test_a_deep_parent_chain_loads_and_is_queried(tmp_path: Path) -> None:
    depth = 5_000
    places = ["id,name,kind,latitude,longitude,geo_precision,parent,notes"]
    places += [f"p{i},P{i},district,39.8,46.7,city_centroid,{f'p{i - 1}' if i else ''}," for i in range(depth)]
    folder = _package(tmp_path / "pkg", places="\n".join(places) + "\n")
    ds = s.load(extra=[folder])
    assert len(ds.places()) == len(s.load().places()) + depth
    assert ds.events(place="p0") == ()  # the whole chain is walked once, in linear time


def test_a_user_record_reusing_a_bundled_id_is_reported_in_the_users_file(tmp_path: Path) -> None:
    folder = _package(tmp_path / "pkg", actors="id,name,kind,parent,notes\nwar-begins,Mine,ngo,,\n")
    with pytest.raises(s.DataError) as info:
        s.load(extra=[folder])
    (problem,) = info.value.problems
    assert problem.file == str(folder / "actors.csv") and problem.line == 2, problem
    assert "overrides" in problem.reason


def test_an_override_must_cite_its_record_afresh(tmp_path: Path) -> None:
    header = s.load()  # the bundled event's row, with new text and no citation
    from stepanakert2020.convert import to_row

    row = to_row(header.event("war-begins"))
    row["summary"] = "New text that no bundled source says."
    cells = ",".join(f'"{v}"' for v in row.values())
    folder = _package(tmp_path / "pkg", events=",".join(row) + "\n" + cells + "\n")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["stepanakert2020:overrides"] = ["war-begins"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(s.DataError) as info:
        s.load(extra=[folder])
    assert any(p.record == "war-begins" and "no citation" in p.reason for p in info.value.problems)


def test_an_unclosed_quote_before_a_long_text_is_reported_at_once(tmp_path: Path) -> None:
    notes = "words and more words " * 5_000  # 100 KB with no closing quote
    folder = _package(tmp_path / "pkg", actors=f'id,name,kind,parent,notes\nmine,Mine,ngo,,"{notes}\n')
    error = _load_in_a_thread(extra=[folder])
    assert isinstance(error, s.DataError) and "never closed" in str(error)


def test_a_hostile_file_name_cannot_forge_or_hide_output(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    path = "evil\x1b]0;owned\x07\nvalid.csv"
    (folder / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "actors", "path": path}]}), encoding="utf-8"
    )
    with pytest.raises(s.DataError) as info:
        s.load(extra=[folder])
    text = str(info.value)
    assert text.count("\n") == 1 and "\x1b" not in text and "\x07" not in text  # one problem, one line
    assert "\\x1b]0;owned\\x07\\nvalid.csv" in text


_ACTORS = "id,name,kind,parent,notes\n"


def _problems_of(folder: Path) -> list[s.Problem]:
    with pytest.raises(s.DataError) as info:
        s.load(bundled=False, extra=[folder])
    return list(info.value.problems)


@pytest.mark.parametrize(
    "broken",
    [
        'a2,"A "two",ngo,,',  # a stray quote
        "a2,A\x07two,ngo,,",  # a C0 control
        "a2,A\u202etwo,ngo,,",  # a bidi override
    ],
)
def test_one_unreadable_line_does_not_hide_the_rest_of_its_file(tmp_path: Path, broken: str) -> None:
    rows = ["a1,A one,ngo,,", broken, "a3,A three,ngo,,", "a4,A four,no-such-kind,,"]
    folder = _package(tmp_path / "pkg", actors=_ACTORS + "\n".join(rows) + "\n")
    problems = _problems_of(folder)
    assert [(p.line, p.column) for p in problems] == [(3, None), (5, "kind")], problems


def test_every_line_with_bytes_that_are_not_utf8_is_reported(tmp_path: Path) -> None:
    folder = _package(tmp_path / "pkg", actors="")
    rows = [b"a1,A one,ngo,,", b"a2,A \xff\xfe two,ngo,,", b"a3,A three,ngo,,", b"a4,\xc3(,ngo,,", b"a5,A,bad,,"]
    (folder / "actors.csv").write_bytes(_ACTORS.encode() + b"\n".join(rows) + b"\n")
    problems = _problems_of(folder)
    assert [(p.line, p.column) for p in problems] == [(3, None), (5, None), (6, "kind")], problems
    assert "0xFF 0xFE" in problems[0].reason and "0xC3" in problems[1].reason


def test_a_file_of_stray_quotes_stops_after_the_limit(tmp_path: Path) -> None:
    folder = _package(tmp_path / "pkg", actors=_ACTORS + 'a,"b"c,ngo,,\n' * (PROBLEM_LIMIT * 3))
    problems = _problems_of(folder)
    assert len(problems) == PROBLEM_LIMIT + 1 and "not checked" in problems[-1].reason


def test_a_package_reads_no_more_than_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stepanakert2020 import resources

    rows = "".join(f"a{i},A,ngo,,\n" for i in range(100))
    folder = _package(tmp_path / "pkg", actors=_ACTORS + rows, weapons="id,name,category,cluster,parent,notes\n")
    monkeypatch.setattr(resources, "PACKAGE_LIMIT", len(_ACTORS + rows) + 10)
    (problem,) = _problems_of(folder)
    assert problem.file.endswith("weapons.csv") and "package limit" in problem.reason


def test_every_unusable_extra_path_is_reported_briefly() -> None:
    with pytest.raises(s.DataError) as info:
        s.load(extra=["/no/such/one", "/no/such/two", "a" * 5000, "x\x00y"])
    problems = info.value.problems
    assert len(problems) == 4 and all(len(str(p)) < 400 for p in problems), problems
    assert "File name too long" in str(problems[2]) and "\\x00" in str(problems[3])


def test_reading_goes_on_after_the_broken_part_not_inside_a_multi_line_record(tmp_path: Path) -> None:
    rows = ['a1,"multi', 'foo,bar"z,ngo,,,', "a3,A three,ngo,,", "a4,A four,no-such-kind,,"]  # line 3 is inside
    folder = _package(tmp_path / "pkg", actors=_ACTORS + "\n".join(rows) + "\n")
    problems = _problems_of(folder)
    assert [(p.line, p.column) for p in problems] == [(2, None), (5, "kind")], problems


def test_a_header_cell_over_the_limit_is_reported_by_every_path(tmp_path: Path) -> None:
    from stepanakert2020.read import FIELD_LIMIT

    header = "id,name,kind,parent,notes" + "x" * (FIELD_LIMIT + 1)
    folder = _package(tmp_path / "pkg", actors=header + "\na1,A,ngo,,\n")
    assert any("larger than the limit" in p.reason for p in _problems_of(folder))
