"""Reading Data Packages: the bundled one through importlib.resources, and users' own.

The only module that touches files. It returns text and parsed JSON and knows nothing
of records. It works the same from a source tree, an installed wheel and a zip file,
because it goes through :class:`~importlib.resources.abc.Traversable` objects only.

>>> descriptor = read_descriptor(bundled_root(), "datapackage.json")
>>> descriptor["name"]
'stepanakert2020'
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib_resources.abc import Traversable

__all__ = ["DESCRIPTOR", "bundled_root", "package_root", "read_descriptor", "read_text", "resolve"]

#: The name of a Data Package's descriptor file.
DESCRIPTOR = "datapackage.json"


def bundled_root() -> Traversable:
    """The folder of the bundled Data Package inside the installed package."""
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files
    return files("stepanakert2020").joinpath("data")


def package_root(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """The folder of a user's Data Package and its descriptor's name, from a folder or a descriptor path."""
    given = Path(path)
    if given.is_dir():
        return given, DESCRIPTOR
    if given.is_file():
        return given.parent, given.name
    raise DataError(
        [Problem(str(given), None, None, "", "no such Data Package (give a folder or a datapackage.json path)")]
    )


def read_text(root: Traversable, name: str, label: str) -> str:
    """The UTF-8 text of a file in a package; a :class:`DataError` if it is missing or not UTF-8."""
    try:
        data: bytes = root.joinpath(name).read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, KeyError):
        raise DataError([Problem(label, None, None, "", "file not found")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError([Problem(label, line, None, "", f"not valid UTF-8 at byte {error.start}")]) from None


def read_descriptor(root: Traversable, label: str, name: str = DESCRIPTOR) -> dict[str, Any]:
    """The parsed descriptor (``datapackage.json``) of a package."""
    text = read_text(root, name, label)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            [Problem(label, error.lineno, f"char {error.colno}", "", f"invalid JSON: {error.msg}")]
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError([Problem(label, None, "resources", "", "a descriptor needs a 'resources' list")])
    return descriptor


def resolve(root: Traversable, path: Any, label: str) -> Problem | None:
    """Why a resource ``path`` may not be read (URL, absolute, ``..``, outside via a link), or None."""
    if not isinstance(path, str) or not path:
        return Problem(label, None, "path", str(path), "a resource path must be a non-empty string")
    if "://" in path or path.startswith("//"):
        return Problem(label, None, "path", path, "URLs are refused: stepanakert2020 never reads the network")
    if path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return Problem(label, None, "path", path, "absolute paths are refused (Data Package spec)")
    if ".." in path.replace("\\", "/").split("/"):
        return Problem(label, None, "path", path, "paths with '..' are refused (Data Package spec)")
    if isinstance(root, Path):
        real_root = root.resolve()
        target = (root / path).resolve()
        if real_root != target and real_root not in target.parents:
            return Problem(label, None, "path", path, "the path leads outside the package folder (through a link)")
    return None
