"""Bounded work under hostile input: peak memory of all-error packages, time of deep chains.

Each case runs in a fresh Python process (peak RSS from ``resource.getrusage``), so the figures
are comparable within one run: memory is reported as a multiple of the package's size above the
fixed base (the same process loading nothing), time as a multiple of loading the bundled data.

    python benchmarks/hostile.py            # prints a Markdown table
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

_PROBE = """
import json, sys, time
import stepanakert2020 as s

def high_water():  # peak resident memory of this process, in bytes (Linux; ru_maxrss survives exec)
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024

s.load()  # the bundled data, cached: the base every case shares
base = high_water()
start = time.perf_counter()
outcome = "loaded"
try:
    if sys.argv[1] != "-":
        s.load(extra=[sys.argv[1]])
except s.DataError as error:
    outcome = f"DataError ({len(error.problems)} problems)"
seconds = time.perf_counter() - start
print(json.dumps({"base": base, "above": high_water() - base, "s": seconds, "outcome": outcome}))
"""


def _package(folder: Path, name: str, text: str) -> Path:
    folder.mkdir()
    descriptor = {"resources": [{"name": name, "path": f"{name}.csv"}]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def _run(path: str) -> dict[str, float | str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, path], capture_output=True, text=True, check=True)
    result: dict[str, float | str] = json.loads(done.stdout)
    return result


def cases(root: Path) -> list[tuple[str, Path]]:
    """(description, package) for each hostile case."""
    header = "id,name,kind,parent,notes\n"
    made = []
    for mib in (2, 16):
        rows = "x,,,,\n" * (mib * 2**20 // 6)
        made.append(
            (f"{mib} MiB of rows that are all errors", _package(root / f"errors{mib}", "actors", header + rows))
        )
    line = "a," + "y" * (64 * 2**20) + ",ngo,,\n"
    made.append(("one 64 MiB line", _package(root / "line", "actors", header + line)))
    quotes = 'a,"b"c,ngo,,\n' * (16 * 2**20 // 13)
    made.append(("16 MiB of stray quotes", _package(root / "quotes", "actors", header + quotes)))
    chain = [f"p{i},P{i},ngo,{f'p{i - 1}' if i else ''}," for i in range(20_000)]
    made.append(
        ("a valid parent chain 20,000 deep", _package(root / "chain", "actors", header + "\n".join(chain) + "\n"))
    )
    return made


def main() -> int:
    base = _run("-")
    lines = [
        "| case | size | outcome | peak memory above base | ratio to size | time |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for description, folder in cases(Path(tmp)):
            size = sum(p.stat().st_size for p in folder.iterdir())
            found = _run(str(folder))
            above = float(found["above"])
            lines.append(
                f"| {description} | {size / 2**20:.1f} MiB | {found['outcome']} | {above / 2**20:.0f} MiB "
                f"| {above / size:.1f}x | {float(found['s']):.2f} s |"
            )
    lines.append(f"\nbase (Python with the bundled data loaded): {float(base['base']) / 2**20:.0f} MiB")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
