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
    assert out.splitlines()[0].split() == ["id", "date", "kind", "title", "place", "sources"]
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
    assert main(["show", "war-begns"]) == 1
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


# -- find, read, cite: the path from a date to a citation ------------------------------------


def test_a_one_day_query_lists_that_days_events_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--start", "2020-10-28", "--end", "2020-10-28"]) == 0
    out = capsys.readouterr().out
    first, _, rest = out.partition("Also overlapping the window")
    for event in stepanakert2020.events("2020-10-28", "2020-10-28", within="certain"):
        assert event.id in first
    for event in set(stepanakert2020.events("2020-10-28", "2020-10-28")) - set(
        stepanakert2020.events("2020-10-28", "2020-10-28", within="certain")
    ):
        assert event.id in rest and event.id not in first


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_timeline_search_sources_and_show_speak_every_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io
    import json

    for argv in (
        ["timeline", "--start", "2020-10", "--end", "2020-10", "--kind", "strike"],
        ["search", "maternity"],
        ["sources"],
        ["show", "strike-2020-10-28-maternity-hospital"],
    ):
        assert main([*argv, "--format", fmt]) == 0, argv
        out = capsys.readouterr().out
        if fmt == "csv":
            assert next(iter(csv.DictReader(io.StringIO(out))))["id"]
        elif fmt == "json":
            assert json.loads(out)
        else:
            assert out.startswith("| ") and "|---|" in out


def test_timeline_csv_marks_what_lies_inside_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    assert main(["timeline", "--start", "2020-10-28", "--end", "2020-10-28", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    certain = {e.id for e in stepanakert2020.events("2020-10-28", "2020-10-28", within="certain")}
    assert {r["id"] for r in rows if r["in_window"] == "certain"} == certain
    assert [r["id"] for r in rows] == [r["id"] for r in rows if r["id"] in certain] + [
        r["id"] for r in rows if r["id"] not in certain
    ]


def test_search_finds_every_kind_of_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "cluster", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    found = {r.id for r in stepanakert2020.search("cluster")}
    assert found and all(record_id in out for record_id in found)
    assert {"event", "claim", "source"} <= {line.split(",")[0] for line in out.splitlines()[1:]}


def test_show_prints_each_claim_whole_and_each_figure_with_scope(capsys: pytest.CaptureFixture[str]) -> None:
    event = "strike-2020-10-28-maternity-hospital"
    assert main(["show", event.upper()[:20]]) == 0  # any case, a prefix only one event id begins with
    out = capsys.readouterr().out
    for claim in stepanakert2020.claims(event=event):
        assert claim.id in out and claim.stance.value in out
        for reply in stepanakert2020.replies(claim):
            assert f"answered by {reply.id}" in out
    for figure in stepanakert2020.figures(event=event):
        assert figure.id in out and (figure.scope.value if figure.scope else "scope not stated") in out


def test_cite_an_event_covers_every_source_show_prints(capsys: pytest.CaptureFixture[str]) -> None:
    event = "strike-2020-10-28-maternity-hospital"
    records = [
        event,
        *(c.id for c in stepanakert2020.claims(event=event)),
        *(f.id for f in stepanakert2020.figures(event=event)),
    ]
    behind = {s.id for r in records for s in stepanakert2020.sources_for(r)}
    assert main(["cite", event]) == 0
    text = capsys.readouterr().out
    assert all(f"[{source}]" in text for source in behind)
    assert main(["cite", event, "--format", "bibtex"]) == 0
    bibtex = capsys.readouterr().out
    assert all(f"{{{source}," in bibtex for source in behind)


def test_every_command_help_has_examples() -> None:
    from stepanakert2020.cli import _EXAMPLES, build_parser

    parser = build_parser()
    help_text = parser.format_help()
    assert "Start with:" in help_text
    for name in ("timeline", "show", "search", "cite", "export"):
        assert name in _EXAMPLES and f"stepanakert2020 {name}" in _EXAMPLES[name]


def test_exporting_sources_says_how_many_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csl-json", "--output", str(tmp_path / "s.json")]) == 0
    assert "sources (of" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["timeline", "--text", "no-such-words"], ["search", "no-such-words"]])
def test_an_empty_result_still_has_its_header(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--format", "csv"]) == 0
    assert capsys.readouterr().out.strip().startswith(("id,date", "type,id"))
