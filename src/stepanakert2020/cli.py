"""The ``stepanakert2020`` command: a thin shell over the public API.

>>> main(["timeline", "--kind", "context", "--end", "2020-09-27"])
date        kind     title                                place        sources
...
0
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from ._release import DATA_VERSION, SCHEMA_VERSION, __version__
from .errors import DataError, UnknownRecordError
from .errors import _printable as printable
from .model import Event, EventKind

__all__ = ["build_parser", "main"]


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", help="first day of the window (YYYY-MM-DD)")
    parser.add_argument("--end", help="last day of the window (YYYY-MM-DD)")
    parser.add_argument("--kind", choices=[k.value for k in EventKind], help="only events of this kind")
    parser.add_argument("--place", help="only events at this place id (or a place under it)")
    parser.add_argument("--actor", help="only events this actor made claims about or is named in")
    parser.add_argument("--weapon", help="only events for which a claim names this weapon id")
    parser.add_argument("--source", help="only events documented by this source id")
    parser.add_argument("--text", help="only events whose title, summary or notes contain this text")
    parser.add_argument(
        "--within",
        choices=["possible", "certain"],
        default="possible",
        help="possible: dates overlap the window (default); certain: dates lie inside it",
    )
    parser.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command line (also used to document it)."""
    parser = argparse.ArgumentParser(
        prog="stepanakert2020",
        description="Query the sourced dataset of the 2020 bombardment of Stepanakert.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"stepanakert2020 {__version__} (data {DATA_VERSION}, schema {SCHEMA_VERSION})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    timeline = commands.add_parser("timeline", help="print the dated, sourced timeline (filters narrow it)")
    _add_filters(timeline)
    show = commands.add_parser("show", help="print one record with its claims, figures and citations")
    show.add_argument("id", help="the id of any record")
    show.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")
    sources = commands.add_parser("sources", help="list every source with its publisher, date and URL")
    sources.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")
    validate = commands.add_parser("validate", help="check a user Data Package against every rule of the data")
    validate.add_argument("path", help="a user Data Package folder or its datapackage.json")
    validate.add_argument("--alone", action="store_true", help="check it without the bundled data")
    export = commands.add_parser("export", help="export events (filtered like timeline) and what they need")
    export.add_argument(
        "--format",
        required=True,
        choices=["csv", "json", "geojson", "datapackage", "csl-json", "bibtex"],
        help="csv: flat events; json: nested records; geojson: points; datapackage: a Frictionless folder; "
        "csl-json, bibtex: the sources",
    )
    export.add_argument("--output", help="a file (a folder for datapackage); default: standard output")
    export.add_argument(
        "--force", action="store_true", help="replace an existing file, or write into a non-empty folder"
    )
    _add_filters(export)
    cite = commands.add_parser("cite", help="how to cite the dataset, or one record with its sources")
    cite.add_argument("id", nargs="?", help="a record id (default: the dataset release)")
    cite.add_argument(
        "--format", default="text", choices=["text", "bibtex", "csl-json"], help="the citation format (default: text)"
    )
    cite.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")
    plot = commands.add_parser("plot", help="draw a picture of the data as PNG (needs stepanakert2020[plot])")
    plot.add_argument("what", choices=["timeline", "places"], help="strikes per day, or the named places")
    plot.add_argument("--output", required=True, help="the PNG file to write")
    plot.add_argument("--force", action="store_true", help="replace the file if it exists")
    plot.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")
    report = commands.add_parser("report", help="print the data-quality report (Markdown)")
    report.add_argument("--data", action="append", default=[], metavar="PATH", help="also load this user Data Package")
    commands.add_parser("verify", help="check the installed data files against their SHA-256 hashes")
    new = commands.add_parser("new", help="write an empty, valid user Data Package to start from")
    new.add_argument("path", help="a new folder")
    return parser


def _dataset(paths: Sequence[str]) -> Any:
    from .loading import load

    return load(extra=paths)


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    widths[-1] = 0
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in [header, *rows]]
    return "\n".join(lines)


def _selected(ds: Any, args: argparse.Namespace) -> Any:
    """The events the filter options of ``timeline`` and ``export`` select."""
    return ds.events(
        args.start,
        args.end,
        kind=args.kind,
        place=args.place,
        actor=args.actor,
        weapon=args.weapon,
        source=args.source,
        text=args.text,
        within=args.within,
    )


def _check_output(path: str, *, folder: bool, force: bool) -> None:
    """Refuse to write over a user's work: an existing file, or a folder with files in it, unless ``force``."""
    if folder:
        if os.path.exists(path) and not os.path.isdir(path):
            raise FileExistsError(f"{printable(path)} exists and is not a folder")
        if os.path.isdir(path) and os.listdir(path) and not force:
            raise FileExistsError(f"{printable(path)} is a folder with files in it: choose a new one or add --force")
        return
    if os.path.isdir(path):
        raise IsADirectoryError(f"{printable(path)} is a folder: give a file name")
    if os.path.lexists(path) and not force:
        raise FileExistsError(f"{printable(path)} exists: choose a new name or add --force to replace it")


def _timeline(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    found = _selected(ds, args)
    rows = []
    for event in found:
        title = event.title if len(event.title) <= 60 else event.title[:59] + "…"
        sources = {c.source for c in ds.citations_for(event)}
        for record in (*ds.claims(event=event), *ds.figures(event=event)):
            sources.update(c.source for c in ds.citations_for(record))
        rows.append((event.date.edtf, event.kind.value, printable(title), printable(event.place), str(len(sources))))
    print(_table(rows, ("date", "kind", "title", "place", "sources")))
    print(f"\n{len(found)} events (data {DATA_VERSION})")
    return 0


def _cite_line(ds: Any, record: Any) -> list[str]:
    lines = []
    for citation in ds.citations_for(record):
        source = ds.record(citation.source)
        locator = f", {citation.locator}" if citation.locator else ""
        publisher = ds.record(source.publisher).name
        line = f'[{source.id}] {publisher}, "{source.title}", {source.published}{locator}. {source.url}'
        lines.append(f"      {printable(line)}")
    return lines


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _show(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    record = ds.record(args.id)
    print(f"{type(record).__name__} {printable(record.id)}")
    for name in type(record).__attrs_attrs__:
        value = getattr(record, name.name)
        if name.name == "id" or value in (None, "", ()):
            continue
        shown = getattr(value, "value", value)
        if name.name == "alt_names":
            shown = ", ".join(f"{a.name} ({a.language})" for a in value)
        print(f"  {name.name}: {printable(str(shown))}")
    cites = _cite_line(ds, record)
    if cites:
        print("  cited from:")
        print("\n".join(cites))
    if isinstance(record, Event):
        for claim in ds.claims(event=record):
            who = ds.record(claim.claimant).name
            heading = f"claim {claim.id} ({claim.stated_on}): {who} {claim.stance.value} [{claim.subject.value}]"
            print(f"\n  {printable(heading)}")
            print(_wrap(printable(claim.statement), "    "))
            if claim.responds_to:
                print(f"    answers: {printable(claim.responds_to)}")
            if claim.unconfirmed:
                print("    unconfirmed")
            print("\n".join(_cite_line(ds, claim)))
        for figure in ds.figures(event=record):
            bounds = figure.low if figure.low == figure.high else f"{figure.low}..{figure.high}"
            line = (
                f"figure {figure.id}: {figure.measure.value} ({figure.population.value}) "
                f"{figure.qualifier.value} {bounds}, as of {figure.as_of}, "
                f"reported by {ds.record(figure.reported_by).name}"
            )
            print(f"\n  {printable(line)}")
            print("\n".join(_cite_line(ds, figure)))
    return 0


def _sources(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    rows = [
        tuple(map(printable, (s.id, s.kind.value, str(s.published), ds.record(s.publisher).name, s.url)))
        for s in sorted(ds.sources(), key=lambda s: (s.published.earliest, s.id))
    ]
    print(_table(rows, ("id", "kind", "published", "publisher", "url")))
    print(f"\n{len(rows)} sources")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .loading import load

    try:
        ds = load(bundled=not args.alone, extra=[args.path])
    except DataError as error:
        for problem in error.problems:
            print(problem)
        noun = "problem" if len(error.problems) == 1 else "problems"
        print(f"{printable(args.path)}: {len(error.problems)} {noun}; nothing was loaded", file=sys.stderr)
        return 1
    print(f"{printable(args.path)}: valid ({ds!r})")
    return 0


def _new(args: argparse.Namespace) -> int:
    from .template import new_package

    try:
        written = new_package(args.path)
    except FileExistsError as error:
        print(f"stepanakert2020: error: {error}", file=sys.stderr)
        return 1
    where = printable(args.path)
    print(f"wrote {len(written)} files to {where}; check it with: stepanakert2020 validate {where}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .exports import export

    ds = _dataset(args.data)
    found = _selected(ds, args)
    if args.format == "datapackage" and args.output is None:
        print("stepanakert2020: error: --format datapackage needs --output FOLDER", file=sys.stderr)
        return 2
    if args.output is not None:
        _check_output(args.output, folder=args.format == "datapackage", force=args.force)
    text = export(ds, args.format, args.output, events=found)
    if args.output is None:
        sys.stdout.write(text)
    else:
        print(f"wrote {len(found)} events as {args.format} to {printable(args.output)}", file=sys.stderr)
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .cite import cite_dataset, cite_record

    if args.id is None:
        print(cite_dataset(args.format))
    else:
        print(cite_record(_dataset(args.data), args.id, args.format))
    return 0


def _plot(args: argparse.Namespace) -> int:
    from .plots import plot_places, plot_timeline

    draw = plot_timeline if args.what == "timeline" else plot_places
    _check_output(args.output, folder=False, force=args.force)
    path = draw(_dataset(args.data), args.output)
    print(f"wrote {printable(str(path))}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import quality_report

    sys.stdout.write(quality_report(_dataset(args.data)))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .descriptor import verify
    from .resources import bundled_root

    problems = verify(bundled_root())
    for problem in problems:
        print(problem)
    if problems:
        print(f"stepanakert2020: {len(problems)} files differ from datapackage.json", file=sys.stderr)
        return 1
    print(f"ok: every bundled file matches its SHA-256 hash (data {DATA_VERSION})")
    return 0


_COMMANDS = {
    "report": _report,
    "plot": _plot,
    "cite": _cite,
    "export": _export,
    "verify": _verify,
    "timeline": _timeline,
    "show": _show,
    "sources": _sources,
    "validate": _validate,
    "new": _new,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    >>> main(["show", "war-begins"]) == 0
    Event war-begins
    ...
    True
    """
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except (DataError, UnknownRecordError, ValueError, ImportError, FileExistsError, IsADirectoryError) as error:
        print(f"stepanakert2020: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # a file or folder that cannot be written, a full disk ...
        where = printable(os.fsdecode(error.filename)) if error.filename is not None else "standard output"
        print(f"stepanakert2020: error: {where}: {error.strerror or error}", file=sys.stderr)
        if error.filename is None:  # nothing more can reach standard output; do not try again at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
