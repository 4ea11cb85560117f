"""The built wheel carries the data, and the data loads from a zip file on sys.path."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "stepanakert2020"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_wheel_contains_data_and_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "stepanakert2020/py.typed" in names
    assert "stepanakert2020/data/datapackage.json" in names
    for csv_file in (PACKAGE / "data").glob("*.csv"):
        assert f"stepanakert2020/data/{csv_file.name}" in names
    assert not any("__pycache__" in name for name in names)


def test_loads_from_a_zip_on_sys_path(tmp_path: Path, wheel: Path) -> None:
    # a wheel is a zip archive: put it on sys.path as-is, run from outside the source tree
    code = (
        "import stepanakert2020 as s; ds = s.load(); "
        f"assert s.__file__.startswith({str(wheel)!r}), s.__file__; print(len(ds.timeline()), len(ds.sources()))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", f"import sys; sys.path[:0] = [{str(wheel)!r}] + {_site()!r}; {code}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    events, sources = map(int, done.stdout.split())
    assert events > 0 and sources > 0


def _site() -> list[str]:
    """Where attrs and cattrs are installed, without the project's own source tree."""
    import attrs
    import cattrs

    return sorted({str(Path(str(m.__file__)).resolve().parent.parent) for m in (attrs, cattrs)})
