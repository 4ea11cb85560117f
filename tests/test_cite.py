"""Citing the dataset and single records; CITATION.cff agrees with the versions."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest

import stepanakert2020 as s
from stepanakert2020.cite import cite_dataset, cite_record
from stepanakert2020.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_dataset_citation_in_every_format() -> None:
    assert s.DATA_VERSION in cite_dataset("text") and s.__version__ in cite_dataset("text")
    (entry,) = bibtexparser.parse_string(cite_dataset("bibtex")).entries
    assert entry["year"] == s.DATA_VERSION[:4]
    (item,) = json.loads(cite_dataset("csl-json"))
    assert item["type"] == "dataset" and item["issued"]["date-parts"][0][0] == int(s.DATA_VERSION[:4])
    with pytest.raises(ValueError, match="unknown citation format"):
        cite_dataset("apa")


def test_record_citation_lists_every_source() -> None:
    ds = s.load()
    for event in ds.events()[:5]:
        text = cite_record(ds, event.id)
        for source in ds.sources_for(event):
            assert source.url in text
        library = bibtexparser.parse_string(cite_record(ds, event.id, "bibtex"))
        assert {e.key for e in library.entries} == {f"stepanakert2020-{s.DATA_VERSION}"} | {
            x.id for x in ds.sources_for(event)
        }


def test_cli_cite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite"]) == 0
    assert s.DATA_VERSION in capsys.readouterr().out
    assert main(["cite", "war-begins", "--format", "csl-json"]) == 0
    items = json.loads(capsys.readouterr().out)
    parts = ["war-begins", *(c.id for c in s.claims(event="war-begins"))]
    parts += [f.id for f in s.figures(event="war-begins")]
    behind = {source.id for part in parts for source in s.sources_for(part)}
    assert behind == {source.id for source in s.sources_behind("war-begins")}
    assert items[0]["type"] == "dataset" and {i["id"] for i in items[1:]} == behind
    assert main(["cite", "war-begns"]) == 1


def test_citation_cff_agrees_with_the_versions() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{s.__version__}"' in text
    assert f'date-released: "{s.DATA_VERSION}"' in text
