"""The built wheel carries the data, and the data loads from a zip file on sys.path."""

from __future__ import annotations

import os
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
        f"assert s.__file__.startswith({str(wheel)!r}), s.__file__; print(len(ds.events()), len(ds.sources()))"
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


def test_wheel_in_a_fresh_venv_answers_queries_outside_the_source_tree(tmp_path: Path, wheel: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with zipfile.ZipFile(wheel) as archive:  # what `pip install --no-deps` does for a pure wheel
        archive.extractall(site)
    # the dependencies (attrs, cattrs) come from where the test runner has them
    (Path(site) / "deps.pth").write_text("\n".join(_site()) + "\n", encoding="utf-8")
    code = (
        "import stepanakert2020 as s, sys; assert 'site-packages' in s.__file__, s.__file__; "
        "print(len(s.events()), len(s.events(kind='strike')), s.event('war-begins').date)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing from the source tree
    done = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    total, strikes, date = done.stdout.split()
    assert int(total) >= int(strikes) and date == "2020-09-27"
    cli = subprocess.run(
        [str(python), "-m", "stepanakert2020", "verify"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert cli.returncode == 0 and cli.stdout.startswith("ok:"), cli.stderr


def test_sdist_has_tests_and_docs_and_its_data_tests_pass(tmp_path: Path) -> None:
    import tarfile

    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
        archive.extractall(tmp_path / "unpacked", filter="data")
    top = names[0].split("/")[0]
    for needed in (
        "tests/test_data.py",
        "docs/data-model.md",
        "README.md",
        "CHANGELOG.md",
        "src/stepanakert2020/data/events.csv",
    ):
        assert f"{top}/{needed}" in names, needed
    unpacked = tmp_path / "unpacked" / top
    env = {**os.environ, "PYTHONPATH": str(unpacked / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_data.py", "tests/test_load.py"],
        cwd=unpacked,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-2000:]
