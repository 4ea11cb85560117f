"""Measure every figure of the performance targets, side by side, and print them as tables.

    python benchmarks/run.py                  # everything: about 10 minutes with the 10^6 run
    python benchmarks/run.py --skip-1e6       # sizes 10^3 .. 10^5 only (about 3 minutes)
    python benchmarks/run.py --plot docs/performance-scaling.png --json results.json

Every cost is measured in a fresh interpreter (this one's, normally the venv's), with ``.pyc``
files written once to a private cache (``PYTHONPYCACHEPREFIX``) and one warm-up run, as an
installed package would have them. The probes of one group run interleaved, round after round,
so that a noisy machine slows all of them alike; each figure is the median over the rounds.
Times are taken inside the process with ``time.perf_counter`` around the statement, so they
leave out the interpreter's own start-up, which is the same for every row (``-X importtime``
totals, which include it, are printed as well, for the import rows). Nothing in the library's
test suite depends on these numbers: targets are checked here and reported, never asserted.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

#: Growth counts as linear when the log-log slope of cost against size is at most this
#: (per-event cost rising at most 2x over three decades: fixed costs and noise allow no less).
LINEAR = 1.1
#: The window of the bundled-data queries: October 2020, the month with the most strikes.
BUNDLED_WINDOW = ("2020-10-01", "2020-10-31")

# -- running probes in fresh processes ------------------------------------------------------

_PROBE = """
import time as _time
{setup}
_start = _time.perf_counter()
{code}
_ms = (_time.perf_counter() - _start) * 1e3
{after}
print("RESULT", repr(dict(ms=_ms, **_extra)))
"""


class Runner:
    """Runs probe code in fresh interpreters with a private bytecode cache."""

    def __init__(self, python: str, cache: str) -> None:
        self.python = python
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
        self.env["PYTHONPYCACHEPREFIX"] = cache

    def run(self, code: str, setup: str = "", after: str = "_extra = {}") -> dict[str, Any]:
        """Run ``code`` timed (after untimed ``setup``); ``after`` may put more results in ``_extra``."""
        script = _PROBE.format(setup=setup, code=code, after=after)
        started = _now()
        done = subprocess.run(
            [self.python, "-c", script], capture_output=True, text=True, env=self.env, timeout=3_600, check=False
        )
        wall = (_now() - started) * 1e3
        if done.returncode != 0:
            raise RuntimeError(f"probe failed:\n{script}\n{done.stderr}")
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        result: dict[str, Any] = ast.literal_eval(line[len("RESULT ") :])
        result["wall"] = wall
        return result

    def importtime(self, code: str) -> float:
        """The ``-X importtime`` total of ``code`` in ms: the sum of the top-level cumulative times."""
        done = subprocess.run(
            [self.python, "-X", "importtime", "-c", code], capture_output=True, text=True, env=self.env, check=True
        )
        total = 0
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _, cumulative, name = line.split("|")
            if not name.startswith("  "):  # a top-level import (nested ones are indented further)
                total += int(cumulative)
        return total / 1e3


def _now() -> float:
    import time

    return time.perf_counter()


def rounds(
    runner: Runner, probes: dict[str, dict[str, str]], repeat: int, warm: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Run every probe ``repeat`` times, interleaved (round after round), after one warm-up run each."""
    if warm:
        for probe in probes.values():
            runner.run(**probe)
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in probes}
    for _ in range(repeat):
        for name, probe in probes.items():
            results[name].append(runner.run(**probe))
    return results


def median(results: Sequence[dict[str, Any]], key: str = "ms") -> float:
    return float(statistics.median(r[key] for r in results))


# -- the probes -----------------------------------------------------------------------------

_LAZY_CHECK = (
    "import sys as _sys\n"
    "_extra = {'loaded': sorted(m for m in ('cattrs', 'importlib.metadata', 'importlib.resources', "
    "'importlib_resources', 'csv', 'json', 'stepanakert2020.cli', 'stepanakert2020.exports', "
    "'stepanakert2020.loading', 'stepanakert2020.dataset', 'stepanakert2020.convert') if m in _sys.modules)}"
)

_PLAIN_PARSE = """
with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as handle:
    descriptor = json.load(handle)
tables = {}
for resource in descriptor["resources"]:
    with open(os.path.join(folder, resource["path"]), encoding="utf-8", newline="") as handle:
        tables[resource["name"]] = list(csv.DictReader(handle))
"""


def fresh_process_probes(window: tuple[str, str]) -> dict[str, dict[str, str]]:
    lo, hi = window
    bundled = "from importlib.resources import files; folder = str(files('stepanakert2020').joinpath('data'))"
    return {
        "bare": {"code": "pass"},
        "attrs": {"code": "import attrs"},
        "cattrs": {"code": "import attrs, cattrs\ncattrs.Converter()"},
        "pycountry": {"code": "import pycountry\npycountry.countries.get(alpha_2='AM')"},
        "holidays": {"code": "import holidays\nholidays.country_holidays('AM', years=2020)"},
        "penguins": {"code": "from palmerpenguins import load_penguins\nload_penguins()"},
        "ours_import": {"code": "import stepanakert2020", "after": _LAZY_CHECK},
        "ours_events": {
            "code": f"import stepanakert2020\n_found = stepanakert2020.events({lo!r}, {hi!r})",
            "after": "_extra = {'k': len(_found)}",
        },
        "ours_load": {"setup": "import stepanakert2020, stepanakert2020.loading", "code": "stepanakert2020.load()"},
        "ours_load_cold": {"setup": "import stepanakert2020", "code": "stepanakert2020.load()"},
        "plain_parse": {"setup": f"import csv, json, os\n{bundled}", "code": _PLAIN_PARSE},
        "ours_cached": {
            "setup": "import stepanakert2020\n_first = stepanakert2020.load()",
            "code": "_again = stepanakert2020.load()",
            "after": "_extra = {'same': _again is _first}",
        },
        "ours_query": {
            "setup": f"import stepanakert2020\n_ds = stepanakert2020.load()\n_ds.events({lo!r}, {hi!r})",
            "code": f"for _ in range(1000):\n    _found = _ds.events({lo!r}, {hi!r})",
            "after": "_extra = {'k': len(_found), 'events': len(_ds.events())}",
        },
    }


IMPORT_ROWS = {
    "bare": "pass",
    "attrs": "import attrs",
    "cattrs": "import attrs, cattrs; cattrs.Converter()",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='AM')",
    "holidays": "import holidays; holidays.country_holidays('AM', years=2020)",
    "penguins": "from palmerpenguins import load_penguins; load_penguins()",
    "ours_import": "import stepanakert2020",
    "ours_events": f"import stepanakert2020; stepanakert2020.events{BUNDLED_WINDOW!r}",
}

_SCALE_LOAD = """
import os, resource, time
import stepanakert2020, stepanakert2020.loading
def _rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
_before = _rss()
"""

_SCALE_AFTER = """
_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - _before
_retained = _rss() - _before
import datetime as _dt
_lo, _hi = _dt.date.fromisoformat({lo!r}), _dt.date.fromisoformat({hi!r})
_t = time.perf_counter(); _found = _ds.events(_lo, _hi); _first_query = (time.perf_counter() - _t) * 1e6
def _median(call, calls=200):
    samples = []
    for _ in range(calls):
        _t = time.perf_counter(); call(); samples.append((time.perf_counter() - _t) * 1e6)
    samples.sort()
    return samples[len(samples) // 2]
_query = _median(lambda: _ds.events(_lo, _hi))
_ds.events(_lo, _hi, kind="strike")
_query_kind = _median(lambda: _ds.events(_lo, _hi, kind="strike"))
import gc as _gc
_t = time.perf_counter(); _gc.collect(); _collect = (time.perf_counter() - _t) * 1e3
_extra = dict(peak=_peak, retained=_retained, first_query=_first_query, query=_query, query_kind=_query_kind,
              collect=_collect,
              k=len(_found), k_kind=len(_ds.events(_lo, _hi, kind="strike")), events=len(_ds.events()),
              records=len(_ds.events()) + len(_ds.claims()) + len(_ds.figures()) + len(_ds.sources())
              + len(_ds.citations()) + len(_ds.places()))
"""

_PANDAS = """
import datetime as dt, os, time
import pandas as pd
import stepanakert2020
folder = {folder!r}
ds = stepanakert2020.load(bundled=False, extra=[folder])
df = pd.read_csv(os.path.join(folder, "events.csv"), parse_dates=["date_earliest", "date_latest"])
lo, hi = dt.date.fromisoformat({lo!r}), dt.date.fromisoformat({hi!r})
lo_ts, hi_ts = pd.Timestamp(lo), pd.Timestamp(hi)
def ours():
    return ds.events(lo, hi, kind="strike")
def theirs():
    return df[(df["date_earliest"] <= hi_ts) & (df["date_latest"] >= lo_ts) & (df["kind"] == "strike")]
assert sorted(e.id for e in ours()) == sorted(theirs()["id"]), "the two queries disagree"
samples = {{"ours": [], "theirs": []}}
for _ in range(300):  # interleaved, 10 calls a sample
    for name, call in (("ours", ours), ("theirs", theirs)):
        t = time.perf_counter()
        for _ in range(10):
            call()
        samples[name].append((time.perf_counter() - t) * 1e5)
"""


# -- the measurements -----------------------------------------------------------------------


def measure_fresh(runner: Runner, repeat: int) -> dict[str, Any]:
    print(f"fresh-process probes: {repeat} rounds ...", file=sys.stderr)
    results = rounds(runner, fresh_process_probes(BUNDLED_WINDOW), repeat)
    print("-X importtime totals ...", file=sys.stderr)
    importtimes: dict[str, list[float]] = {name: [] for name in IMPORT_ROWS}
    for _ in range(repeat):
        for name, code in IMPORT_ROWS.items():
            importtimes[name].append(runner.importtime(code))
    return {"fresh": results, "importtime": importtimes}


def measure_scale(runner: Runner, sizes: Sequence[int], data: Path, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        folder = data / f"events-{n}"
        if not (folder / "datapackage.json").exists():
            print(f"generating {n} events into {folder} ...", file=sys.stderr)
            generate.generate(n, folder)
        lo, hi = (d.isoformat() for d in generate.window(n))
        times = 5 if n <= 10_000 else 3 if n <= 100_000 else 1
        times = min(times, repeat)
        print(f"scale {n}: {times} rounds ...", file=sys.stderr)
        probes = {
            "load": {
                "setup": _SCALE_LOAD,
                "code": f"_ds = stepanakert2020.load(bundled=False, extra=[{str(folder)!r}])",
                "after": _SCALE_AFTER.format(lo=lo, hi=hi),
            },
            "plain": {"setup": f"import csv, json, os\nfolder = {str(folder)!r}", "code": _PLAIN_PARSE},
        }
        found = rounds(runner, probes, times, warm=n <= 100_000)
        loads = found["load"]
        row: dict[str, Any] = {"events": n, "window": (lo, hi), "bytes": _size(folder)}
        for key in ("ms", "peak", "retained", "first_query", "query", "query_kind", "collect"):
            row[key] = median(loads, key)
        for key in ("k", "k_kind", "records"):
            row[key] = loads[0][key]
        row["plain_ms"] = median(found["plain"])
        rows.append(row)
    return rows


def measure_pandas(runner: Runner, n: int, data: Path) -> dict[str, Any]:
    folder = data / f"events-{n}"
    lo, hi = (d.isoformat() for d in generate.window(n))
    print(f"pandas comparison at {n} events ...", file=sys.stderr)
    result = runner.run(
        "pass",
        setup=_PANDAS.format(folder=str(folder), lo=lo, hi=hi),
        after="import statistics\n_extra = {k: statistics.median(v) for k, v in samples.items()}\n"
        "_extra['k'] = len(ours())",
    )
    return {"events": n, "ours_us": result["ours"], "pandas_us": result["theirs"], "k": result["k"]}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


# -- the report -----------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value * 1e3:.0f} µs"


def _yes(ok: bool) -> str:
    return "**yes**" if ok else "**no**"


def report(found: dict[str, Any]) -> str:
    """The tables of every figure, in Markdown."""
    lines = [_fresh_table(found)] if "fresh" in found else []
    scale = found.get("scale", [])
    if scale:
        lines.append(_scale_table(scale))
    pandas = found.get("pandas")
    if pandas:
        ratio = pandas["pandas_us"] / pandas["ours_us"]
        lines.append(
            "| figure | ours | pandas boolean masks | ratio | target | met |\n"
            "|---|---|---|---|---|---|\n"
            f"| date window + `kind='strike'` at {pandas['events']:,} events (k={pandas['k']}) "
            f"| {pandas['ours_us']:.1f} µs | {pandas['pandas_us']:.1f} µs | {ratio:.0f}x faster | ≥ 10x "
            f"| {_yes(ratio >= 10)} |"
        )
    return "\n\n".join(lines)


def _fresh_table(found: dict[str, Any]) -> str:
    fresh = {name: median(results) for name, results in found["fresh"].items()}
    walls = {name: median(results, "wall") for name, results in found["fresh"].items()}
    imports = {name: statistics.median(values) for name, values in found["importtime"].items()}
    loaded = found["fresh"]["ours_import"][0]["loaded"]
    cached = found["fresh"]["ours_cached"][0]
    query = found["fresh"]["ours_query"][0]
    k_bundled = found["fresh"]["ours_events"][0]["k"]
    lines = [
        "| figure | measured | reference | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]

    def row(figure: str, measured: str, reference: str = "", ratio: str = "", target: str = "", met: str = "") -> None:
        lines.append(f"| {figure} | {measured} | {reference} | {ratio} | {target} | {met} |")

    issue = {"bare": 6, "cattrs": 51, "pycountry": 67, "holidays": 140, "penguins": 360}
    row(
        "bare `python -c pass` (whole process, wall)",
        _ms(walls["bare"]),
        f"-X importtime total {_ms(imports['bare'])} (issue: ~6 ms)",
    )
    row("`import attrs`", _ms(fresh["attrs"]))
    for name, label in (
        ("cattrs", "`import attrs, cattrs; cattrs.Converter()`"),
        ("pycountry", "`import pycountry; pycountry.countries.get(alpha_2='AM')`"),
        ("holidays", "`import holidays; holidays.country_holidays('AM', years=2020)`"),
        ("penguins", "`from palmerpenguins import load_penguins; load_penguins()`"),
    ):
        row(label, _ms(fresh[name]), f"-X importtime total {_ms(imports[name])} (issue: ~{issue[name]} ms)")
    extra = fresh["ours_import"] - fresh["attrs"]
    extra_total = imports["ours_import"] - imports["attrs"]
    row(
        "`import stepanakert2020`",
        f"{_ms(fresh['ours_import'])} (-X importtime total {_ms(imports['ours_import'])})",
        f"`import attrs` {_ms(fresh['attrs'])} (-X importtime total {_ms(imports['attrs'])})",
        f"{extra:+.1f} ms ({extra_total:+.1f} ms)",
        "≤ +5 ms",
        _yes(extra <= 5 and extra_total <= 5),
    )
    row(
        "… of cattrs, csv, json, importlib.metadata/resources, the loader, CLI, exports: loaded by that import",
        ", ".join(f"`{m}`" for m in loaded) or "none",
        "",
        "",
        "none",
        _yes(not loaded),
    )
    ratio = fresh["ours_events"] / fresh["cattrs"]
    row(
        f"`import stepanakert2020` + first `events{BUNDLED_WINDOW}` (k={k_bundled})",
        _ms(fresh["ours_events"]),
        f"attrs + cattrs + `Converter()` {_ms(fresh['cattrs'])}",
        f"{ratio:.2f}x",
        "≤ 1.3x",
        _yes(ratio <= 1.3),
    )
    ratio = fresh["ours_events"] / fresh["pycountry"]
    row(
        "… the same",
        _ms(fresh["ours_events"]),
        f"pycountry import + first lookup {_ms(fresh['pycountry'])}",
        f"{ratio:.2f}x",
        "< 1x",
        _yes(ratio < 1),
    )
    ratio = fresh["ours_load"] / fresh["plain_parse"]
    row(
        "first `load()` of the bundled data (its module imported)",
        _ms(fresh["ours_load"]),
        f"`json` + `csv.DictReader` of the same files {_ms(fresh['plain_parse'])}",
        f"{ratio:.2f}x",
        "≤ 2x",
        _yes(ratio <= 2),
    )
    row(
        "… the same, counting the modules it imports on first use",
        _ms(fresh["ours_load_cold"]),
        f"{_ms(fresh['plain_parse'])}",
        f"{fresh['ours_load_cold'] / fresh['plain_parse']:.2f}x",
        "(for information)",
    )
    row(
        "later `load()` calls",
        _ms(fresh["ours_cached"]),
        "",
        "",
        "the cached dataset",
        _yes(cached["same"]),
    )
    row(
        f"date-window query `events{BUNDLED_WINDOW}` on the bundled data ({query['events']} events, k={query['k']})",
        _ms(fresh["ours_query"] / 1000),
        "",
        "",
        "O(log n + k)",
        "see scale",
    )
    return "\n".join(lines)


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The least-squares slope of log y against log x: 1 is linear growth."""
    import math

    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def _scale_table(scale: Sequence[dict[str, Any]]) -> str:
    lines = [
        "| events | records | files | load | per event | plain parse | ratio | peak memory | per event "
        "| first query | query (k) | query + kind (k) | first full GC pass |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in scale:
        n = r["events"]
        lines.append(
            f"| {n:,} | {r['records']:,} | {r['bytes'] / 2**20:.1f} MiB | {r['ms'] / 1e3:.2f} s "
            f"| {r['ms'] * 1e3 / n:.1f} µs | {r['plain_ms'] / 1e3:.2f} s | {r['ms'] / r['plain_ms']:.1f}x "
            f"| {r['peak'] / 2**20:.0f} MiB | {r['peak'] / n / 1024:.1f} KiB "
            f"| {r['first_query']:.0f} µs | {r['query']:.1f} µs ({r['k']}) | {r['query_kind']:.1f} µs ({r['k_kind']}) "
            f"| {r.get('collect', float('nan')):.0f} ms |"
        )
    if len(scale) >= 2:
        xs = [r["events"] for r in scale]
        time_slope = _slope(xs, [r["ms"] for r in scale])
        memory_slope = _slope(xs, [r["peak"] for r in scale])
        queries = [r["query"] for r in scale]
        spread = max(queries) / min(queries)
        lines += [
            "",
            "| scale figure | measured | target | met |",
            "|---|---|---|---|",
            f"| growth of load time (log-log slope over {xs[0]:,}..{xs[-1]:,}) | {time_slope:.2f} "
            f"| linear (slope ≤ {LINEAR}) | {_yes(time_slope <= LINEAR)} |",
            f"| growth of peak memory (log-log slope) | {memory_slope:.2f} | linear (slope ≤ {LINEAR}) "
            f"| {_yes(memory_slope <= LINEAR)} |",
            f"| date-window query time, largest / smallest over sizes (k ≈ {scale[-1]['k']}) | {spread:.2f}x "
            f"| flat | {_yes(spread <= 2)} |",
        ]
    return "\n".join(lines)


def plot(scale: Sequence[dict[str, Any]], path: Path) -> None:
    """Load time and peak memory against the number of events, log-log, with a linear guide."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["events"] for r in scale]
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.1), dpi=90)
    series: list[tuple[str, list[float], str]] = [
        ("load time (s)", [r["ms"] / 1e3 for r in scale], "C0"),
        ("peak memory (MiB)", [r["peak"] / 2**20 for r in scale], "C1"),
        ("date-window query (µs)", [r["query"] for r in scale], "C2"),
    ]
    for ax, (label, ys, color) in zip(axes, series, strict=True):
        ax.loglog(xs, ys, "o-", color=color, label="measured")
        if "query" not in label:
            ax.loglog(xs, [ys[0] * x / xs[0] for x in xs], "--", color="grey", linewidth=1, label="linear")
        ax.set_xlabel("events")
        ax.set_title(label, fontsize=10)
        ax.grid(True, which="major", linewidth=0.4)
        ax.legend(fontsize=8)
    axes[2].set_ylim(bottom=1)
    fig.suptitle("stepanakert2020: load() and events() against dataset size (synthetic packages)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def machine() -> str:
    cpus = os.cpu_count()
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    return f"{platform.python_implementation()} {platform.python_version()}, {cpus} CPUs ({model}), {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="fresh processes per figure (median; default 9)")
    parser.add_argument("--skip-1e6", action="store_true", help="leave out the 10^6-event package")
    parser.add_argument("--sizes", default="", help="comma-separated event counts instead of 10^3..10^6")
    parser.add_argument("--data", type=Path, help="keep generated packages here (default: a temporary folder)")
    parser.add_argument("--plot", type=Path, help="write the scaling plot (PNG) here")
    parser.add_argument("--json", type=Path, help="write the raw measurements here")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to measure (default: this one)")
    parser.add_argument("--only", choices=("fresh", "scale"), help="run only one group of measurements")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s] or [10**3, 10**4, 10**5, 10**6]
    if args.skip_1e6:
        sizes = [n for n in sizes if n < 10**6]
    with tempfile.TemporaryDirectory(prefix="stepanakert2020-bench-") as scratch:
        runner = Runner(args.python, os.path.join(scratch, "pycache"))
        data = args.data or Path(scratch, "data")
        data.mkdir(parents=True, exist_ok=True)
        found: dict[str, Any] = {"machine": machine(), "date": dt.date.today().isoformat(), "sizes": sizes}
        if args.only in (None, "fresh"):
            found.update(measure_fresh(runner, args.repeat))
        if args.only in (None, "scale"):
            found["scale"] = measure_scale(runner, sizes, data, args.repeat)
            pandas_size = 10**5 if 10**5 in sizes else max(sizes)
            found["pandas"] = measure_pandas(runner, pandas_size, data)
    if args.json:
        args.json.write_text(json.dumps(found, indent=1, default=str) + "\n", encoding="utf-8")
    if args.plot and found.get("scale"):
        plot(found["scale"], args.plot)
    print(f"Measured {found['date']} on {found['machine']}; medians of {args.repeat} fresh processes.\n")
    print(report(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
