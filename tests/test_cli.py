"""The command line: a thin shell over the API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import stepanakert2020
from stepanakert2020.cli import main


def test_timeline_prints_every_event(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline"]) == 0
    out = capsys.readouterr().out
    events = stepanakert2020.events()
    assert out.splitlines()[0].split() == ["date", "kind", "title", "place", "sources"]
    assert f"{len(events)} events" in out
    for event in events:
        assert event.date.edtf in out


def test_timeline_filters_like_the_api(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--kind", "strike", "--start", "2020-10-01", "--end", "2020-10-31"]) == 0
    out = capsys.readouterr().out
    expected = stepanakert2020.events("2020-10-01", "2020-10-31", kind="strike")
    assert f"\n{len(expected)} events" in out


def test_show_prints_claims_and_citations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "war-begins"]) == 0
    out = capsys.readouterr().out
    for source in stepanakert2020.sources_for("war-begins"):
        assert source.url in out
    for claim in stepanakert2020.claims(event="war-begins"):
        assert claim.id in out


def test_unknown_id_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "war-begin"]) == 1
    assert "did you mean 'war-begins'" in capsys.readouterr().err


def test_sources_lists_every_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    assert all(s.url in out for s in stepanakert2020.sources())


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stepanakert2020", "--version"], capture_output=True, text=True, check=True
    )
    assert stepanakert2020.__version__ in done.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_an_unwritable_output_is_a_message_not_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "stepanakert2020", "sources"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 1 and "No space left on device" in done.stderr and "Traceback" not in done.stderr


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line, as `| head` is after its last
    try:
        done = subprocess.run(
            [sys.executable, "-m", "stepanakert2020", "timeline"], stdout=write_end, stderr=subprocess.PIPE, text=True
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1 and done.stderr == ""  # no traceback, no "Exception ignored" at exit


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("my own work\n", encoding="utf-8")
    assert main(["export", "--format", "csv", "--output", str(mine)]) == 1
    assert "--force" in capsys.readouterr().err and mine.read_text(encoding="utf-8") == "my own work\n"
    assert main(["export", "--format", "csv", "--output", str(mine), "--force"]) == 0
    assert mine.read_text(encoding="utf-8").startswith("id,")
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me\n", encoding="utf-8")
    assert main(["export", "--format", "datapackage", "--output", str(folder)]) == 1
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert main(["plot", "timeline", "--output", str(mine)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--output", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_user_text_cannot_forge_output_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import json

    from stepanakert2020.convert import to_row

    row = to_row(stepanakert2020.load().event("war-begins"))
    row["title"] = "War begins\n2099-01-01  strike   Forged line\u2028"
    with open(tmp_path / "events.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    (tmp_path / "citations.csv").write_text(
        "record,source,locator\nwar-begins,hrw-2020-12-11-unlawful-strikes,\n", encoding="utf-8"
    )
    descriptor = {
        "resources": [{"name": name, "path": f"{name}.csv"} for name in ("events", "citations")],
        "stepanakert2020:overrides": ["war-begins"],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["timeline", "--data", str(tmp_path), "--end", "2020-09-27", "--kind", "context"]) == 0
    assert main(["show", "war-begins", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\n2099-01-01" not in out and "\u2028" not in out
    assert out.count("War begins\\n2099-01-01") == 2 and "\\u2028" in out
