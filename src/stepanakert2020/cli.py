"""The ``stepanakert2020`` command: a thin shell over the public API.

>>> main(["timeline", "--kind", "context", "--end", "2020-09-27", "--within", "certain"])  # doctest: +ELLIPSIS
id...date...kind...title...place...sources
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from ._release import DATA_VERSION, SCHEMA_VERSION, __version__
from .describe import describe, event_row, plain, search_row, source_row
from .errors import DataError, UnknownRecordError
from .errors import _printable as printable
from .exports import FORMATS as EXPORT_FORMATS
from .exports import WRITTEN_ONLY, check_output
from .model import EventKind
from .render import FORMATS, render

__all__ = ["build_parser", "main"]

_EXAMPLES = {
    "timeline": """examples:
  stepanakert2020 timeline --start 2020-10-28 --end 2020-10-28
  stepanakert2020 timeline --start 2020-10 --end 2020-10 --kind strike
  stepanakert2020 timeline --weapon smerch --format csv > smerch.csv""",
    "show": """examples:
  stepanakert2020 show strike-2020-10-28-maternity-hospital
  stepanakert2020 show STRIKE-2020-10-28 --format json   (any case; a prefix only one event id begins with)""",
    "search": """examples:
  stepanakert2020 search "maternity hospital" --format markdown""",
    "cite": """examples:
  stepanakert2020 cite                            (the dataset release)
  stepanakert2020 cite strike-2020-10-28-maternity-hospital --format bibtex""",
    "export": """examples:
  stepanakert2020 export --format csv --output events.csv
  stepanakert2020 export --format datapackage --output my-copy --kind strike""",
}


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", help="first day of the window: 2020-10-28, 2020-10 (from 1 October) or 2020")
    parser.add_argument("--end", help="last day of the window: 2020-10-28, 2020-10 (to 31 October) or 2020")
    parser.add_argument("--kind", choices=[k.value for k in EventKind], help="only events of this kind")
    parser.add_argument("--place", help="only events at this place id (or a place under it)")
    parser.add_argument("--actor", help="only events an actor (or anyone under it) made claims about or is named in")
    parser.add_argument("--weapon", help="only events for which a claim names this weapon id")
    parser.add_argument("--source", help="only events documented by this source id")
    parser.add_argument("--text", help="only events whose title, summary or notes contain this text")
    parser.add_argument(
        "--within",
        choices=["possible", "certain"],
        default="possible",
        help="possible (default): events whose dates overlap the window, those inside it listed first; "
        "certain: only events whose dates lie inside it",
    )
    _add_data(parser)


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", action="append", default=[], metavar="PATH", help="also load a user Data Package")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table", help="table (default), csv, json or markdown")


def _command(commands: Any, name: str, text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=text,
        description=text,
        epilog=_EXAMPLES.get(name),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command line (also used to document it)."""
    parser = argparse.ArgumentParser(
        prog="stepanakert2020",
        description="Query the sourced dataset of the 2020 bombardment of Stepanakert.",
        epilog="Start with: stepanakert2020 timeline --start 2020-10-28 --end 2020-10-28; "
        "then show an id, then cite it.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"stepanakert2020 {__version__} (data {DATA_VERSION}, schema {SCHEMA_VERSION})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    timeline = _command(commands, "timeline", "print the dated, sourced events with their ids (filters narrow them)")
    _add_filters(timeline)
    _add_format(timeline)
    timeline.add_argument("--wide", action="store_true", help="full titles, however wide the terminal")
    show = _command(commands, "show", "print one record in full: its claims, figures and sources")
    show.add_argument("id", help="the id of any record (any case; a prefix that only one id begins with)")
    _add_format(show)
    _add_data(show)
    search = _command(
        commands, "search", "find records whose titles, summaries, statements, notes or sources hold text"
    )
    search.add_argument("text", help="a word or phrase (case is ignored)")
    _add_format(search)
    _add_data(search)
    sources = _command(commands, "sources", "list every source with its publisher, date and URL")
    _add_format(sources)
    _add_data(sources)
    validate = _command(commands, "validate", "check a user Data Package against every rule of the data")
    validate.add_argument("path", help="a user Data Package folder or its datapackage.json")
    validate.add_argument("--alone", action="store_true", help="check it without the bundled data")
    export = _command(commands, "export", "export events (filtered like timeline) and every record they need")
    export.add_argument(
        "--format",
        required=True,
        choices=EXPORT_FORMATS,
        help="csv: flat events; json: nested records; geojson: points; datapackage: a Frictionless folder; "
        "csl-json, bibtex: the sources; acled, ucdp-ged: the strikes in those datasets' columns; timelinejs; "
        "kml (Google Earth); parquet (needs pyarrow). See docs/interop.md",
    )
    export.add_argument("--output", help="a file (a folder for datapackage); default: standard output")
    export.add_argument(
        "--force", action="store_true", help="replace an existing file, or write into a non-empty folder"
    )
    _add_filters(export)
    cite = _command(commands, "cite", "how to cite the dataset, or a record with every source behind it")
    cite.add_argument("id", nargs="?", help="a record id (default: the dataset release)")
    cite.add_argument(
        "--format", default="text", choices=["text", "bibtex", "csl-json"], help="the citation format (default: text)"
    )
    _add_data(cite)
    plot = _command(commands, "plot", "draw a picture of the data as PNG (needs matplotlib)")
    plot.add_argument("what", choices=["timeline", "places"], help="strikes per day, or the places on a map")
    plot.add_argument("--output", required=True, help="the PNG file to write")
    plot.add_argument("--force", action="store_true", help="replace the file if it exists")
    _add_data(plot)
    site = _command(commands, "site", "write the offline explorer website of the data (needs jinja2)")
    site.add_argument("outdir", help="a new folder (open its index.html in a browser)")
    site.add_argument("--force", action="store_true", help="write into a folder that has files in it")
    _add_data(site)
    report = _command(commands, "report", "print the data-quality report (Markdown)")
    _add_data(report)
    _command(commands, "verify", "check the installed data files against their SHA-256 hashes")
    new = _command(commands, "new", "write an empty, valid user Data Package to start from")
    new.add_argument("path", help="a new folder")
    return parser


def _dataset(paths: Sequence[str]) -> Any:
    from .loading import load

    return load(extra=paths)


def _width(args: argparse.Namespace) -> int | None:
    """The terminal's width; no limit with ``--wide`` or when not a terminal (a file, a pipe)."""
    if getattr(args, "wide", False) or not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size((100, 24)).columns


def _selected(ds: Any, args: argparse.Namespace, within: str | None = None) -> Any:
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
        within=within or args.within,
    )


def _timeline(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    found = _selected(ds, args)
    window = args.start is not None or args.end is not None
    inside = set(_selected(ds, args, "certain")) if window else set(found)
    first = [e for e in found if e in inside]
    later = [e for e in found if e not in inside]
    if args.format != "table":
        rows = [event_row(ds, e, ("certain" if e in inside else "possible") if window else "") for e in first + later]
        columns = ["id", "date", "kind", "title", "place", "sources", *(["in_window"] if window else [])]
        print(render(rows, args.format, columns=columns))
        return 0
    width = _width(args)
    if first:
        if window and later:
            print(f"Events dated within the window ({len(first)}):")
        print(render([event_row(ds, e, "") for e in first], "table", width=width, flexible="title"))
    if later:
        print(
            f"\n{'Also overlapping' if first else 'Overlapping'} the window ({len(later)}): events that last longer "
            "or whose date is uncertain (--within certain leaves them out):"
        )
        print(render([event_row(ds, e, "") for e in later], "table", width=width, flexible="title"))
    print(f"\n{len(found)} events (data {DATA_VERSION}). Read one: stepanakert2020 show ID")
    return 0


def _show(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    record = ds.find(args.id)
    if args.format == "table":
        print(describe(ds, record))
        return 0
    is_event = hasattr(record, "date_meaning")
    claims = ds.claims(event=record) if is_event else ()
    figures = ds.figures(event=record) if is_event else ()
    if args.format == "json":
        document = plain(ds, record)
        if is_event:
            document["claims"] = [plain(ds, c) for c in claims]
            document["figures"] = [plain(ds, f) for f in figures]
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    rows = [plain(ds, part) for part in (record, *claims, *figures)]
    flat = [{k: _cell(v) for k, v in row.items()} for row in rows]
    print(render(flat, args.format))
    return 0


def _cell(value: Any) -> Any:
    """A nested value as one cell: a date as its EDTF string, alternative names as ``name (language)``."""
    if isinstance(value, dict) and "edtf" in value:
        return value["edtf"]
    if isinstance(value, list):
        return "; ".join(f"{v['name']} ({v['language']})" if isinstance(v, dict) else str(v) for v in value)
    return value


def _search(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    found = ds.search(args.text)
    rows = [search_row(record, args.text) for record in found]
    if args.format == "table":
        if rows:
            print(render(rows, "table", width=_width(args), flexible="text"))
        print(f"\n{len(rows)} records hold {args.text!r}. Read one: stepanakert2020 show ID")
        return 0
    print(render(rows, args.format, columns=["type", "id", "date", "text"]))
    return 0


def _sources(args: argparse.Namespace) -> int:
    ds = _dataset(args.data)
    rows = [source_row(ds, s) for s in sorted(ds.sources(), key=lambda s: (s.published.earliest, s.id))]
    if args.format == "table":
        print(render(rows, "table", width=_width(args), flexible="title"))
        print(f"\n{len(rows)} sources")
        return 0
    print(render(rows, args.format))
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
        repeated = sum("already used" in p.reason or "duplicate id" in p.reason for p in error.problems)
        if not args.alone and repeated > len(error.problems) // 2:
            print(
                "hint: most problems are ids the bundled data already has; to check a copy of the bundled "
                f"data on its own: stepanakert2020 validate {printable(args.path)} --alone",
                file=sys.stderr,
            )
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
    from .exports import export, export_text, related

    ds = _dataset(args.data)
    found = _selected(ds, args)
    if args.format in WRITTEN_ONLY and args.output is None:
        print(f"stepanakert2020: error: --format {args.format} needs --output", file=sys.stderr)
        return 2
    if args.output is None:
        sys.stdout.write(export_text(ds, args.format, events=found))
        return 0
    check_output(args.output, folder=args.format == "datapackage", force=args.force)
    export(ds, args.format, args.output, events=found)
    what = f"{len(found)} events"
    if args.format in ("csl-json", "bibtex"):
        what = f"{len(related(ds, found)['sources'])} sources (of {len(found)} events)"
    elif args.format in ("acled", "ucdp-ged"):
        what = f"{sum(e.kind is EventKind.STRIKE for e in found)} strikes (of {len(found)} events: strikes only)"
    print(f"wrote {what} as {args.format} to {printable(args.output)}", file=sys.stderr)
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .cite import cite_dataset, cite_record

    if args.id is None:
        print(cite_dataset(args.format))
    else:
        ds = _dataset(args.data)
        print(cite_record(ds, ds.find(args.id).id, args.format))
    return 0


def _plot(args: argparse.Namespace) -> int:
    from .plots import plot_places, plot_timeline

    draw = plot_timeline if args.what == "timeline" else plot_places
    check_output(args.output, folder=False, force=args.force)
    path = draw(_dataset(args.data), args.output)
    print(f"wrote {printable(str(path))}")
    return 0


def _site(args: argparse.Namespace) -> int:
    from .site import build_site

    index = build_site(_dataset(args.data), args.outdir, force=args.force)
    print(f"wrote the site to {printable(args.outdir)}; open {printable(str(index))} in a browser")
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
    "site": _site,
    "plot": _plot,
    "cite": _cite,
    "export": _export,
    "verify": _verify,
    "timeline": _timeline,
    "show": _show,
    "search": _search,
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
