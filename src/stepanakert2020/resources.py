"""Finding and opening package files: the bundled package and users' own.

The only module that touches files. It returns bytes, text and parsed JSON and knows
nothing of records. It works the same from a source tree, an installed wheel and a zip
file: when the bundled package is a folder on disk it is read with plain ``open()`` (a
:class:`Folder`), otherwise through :func:`importlib.resources.files` (whose import costs
more than reading the whole dataset). Both are :class:`~importlib.resources.abc.Traversable`.

>>> descriptor = read_descriptor(bundled_root(), "datapackage.json")
>>> descriptor["name"]
'stepanakert2020'
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem

if TYPE_CHECKING:
    from pathlib import Path

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib_resources.abc import Traversable

__all__ = [
    "DESCRIPTOR",
    "FILE_LIMIT",
    "PACKAGE_LIMIT",
    "Folder",
    "bundled_root",
    "decode",
    "package_root",
    "read_bytes",
    "read_descriptor",
    "read_text",
    "resolve",
]

#: The name of a Data Package's descriptor file.
DESCRIPTOR = "datapackage.json"


class Folder(os.PathLike[str]):
    """A folder on disk as a :class:`~importlib.resources.abc.Traversable`, on ``os.path`` alone.

    >>> import tempfile
    >>> folder = Folder(tempfile.gettempdir())
    >>> folder.is_dir(), folder.joinpath("no-such-file").is_file()
    (True, False)
    """

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        self._path = path

    def __fspath__(self) -> str:
        return self._path

    def __repr__(self) -> str:
        return f"Folder({self._path!r})"

    def __str__(self) -> str:
        return self._path

    @property
    def name(self) -> str:
        """The last part of the path."""
        return os.path.basename(self._path)

    def joinpath(self, *parts: str | os.PathLike[str]) -> Folder:
        """The path of ``parts`` under this one."""
        return Folder(os.path.join(self._path, *(os.fspath(part) for part in parts)))

    def __truediv__(self, part: str | os.PathLike[str]) -> Folder:
        return self.joinpath(part)

    def is_dir(self) -> bool:
        """Whether the path is a folder."""
        return os.path.isdir(self._path)

    def is_file(self) -> bool:
        """Whether the path is a file."""
        return os.path.isfile(self._path)

    def iterdir(self) -> Iterator[Folder]:
        """The entries of the folder."""
        return (self.joinpath(name) for name in sorted(os.listdir(self._path)))

    def read_bytes(self) -> bytes:
        """The file's bytes."""
        with open(self._path, "rb") as handle:
            return handle.read()

    def read_text(self, encoding: str | None = "utf-8") -> str:
        """The file's text."""
        return self.read_bytes().decode(encoding or "utf-8")

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        """The file, opened (as :func:`open` does)."""
        return open(self._path, mode, *args, **kwargs)


def bundled_root() -> Traversable:
    """The folder of the bundled Data Package inside the installed package.

    >>> bundled_root().joinpath(DESCRIPTOR).is_file()
    True
    """
    here = os.path.join(os.path.dirname(__file__), "data")
    if os.path.isfile(os.path.join(here, DESCRIPTOR)):  # a folder on disk (not a zip, not another loader)
        return Folder(here)
    if sys.version_info >= (3, 11):
        from importlib.resources import files
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib_resources import files
    return files("stepanakert2020").joinpath("data")


def package_root(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """The folder of a user's Data Package and its descriptor's name, from a folder or a descriptor path."""
    from pathlib import Path

    given = Path(path)
    try:
        if given.is_dir():
            return given, DESCRIPTOR
        if given.is_file():
            return given.parent, given.name
    except (OSError, ValueError) as error:  # a name too long, a NUL in it ...
        shown = str(given) if len(str(given)) <= 200 else f"{str(given)[:200]}... ({len(str(given))} characters)"
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DataError([Problem(shown, None, None, "", f"not a usable path: {why}")]) from None
    raise DataError(
        [Problem(str(given), None, None, "", "no such Data Package (give a folder or a datapackage.json path)")]
    )


#: The largest file read, in bytes: a guard against runaway input (the bundled files are ~0.5 MiB).
FILE_LIMIT = 1 << 30
#: The most bytes read from one package, all its files together.
PACKAGE_LIMIT = 2 << 30


def read_bytes(root: Traversable, name: str, label: str, limit: int = FILE_LIMIT) -> bytes:
    """The bytes of a file in a package; a :class:`DataError` if it is missing, not a regular file or too large.

    A file is too large beyond :data:`FILE_LIMIT` or ``limit`` bytes, whichever is smaller (the
    caller passes what is left of its package's :data:`PACKAGE_LIMIT`).

    On disk only regular files are read (never a FIFO, a device or a socket, which could block
    or never end), and a file reached through a link must stay inside the package's folder.
    """
    try:
        target = root.joinpath(name)
        if isinstance(root, os.PathLike) and isinstance(target, os.PathLike):  # on disk: look before reading
            problem = _unsafe_file(os.fspath(root), os.fspath(target), label, min(limit, FILE_LIMIT))
            if problem is not None:
                raise DataError([problem])
        data = target.read_bytes()
        if len(data) > min(limit, FILE_LIMIT):  # in a zip, or grown since it was looked at
            raise DataError([_too_large(label, limit)])
        return data
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, KeyError):
        raise DataError([Problem(label, None, None, "", "file not found")]) from None
    except (OSError, ValueError) as error:  # unreadable, a name too long, a loop of links, a NUL in the name
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DataError([Problem(label, None, None, "", f"cannot be read: {why}")]) from None


def _too_large(label: str, limit: int) -> Problem:
    if limit >= FILE_LIMIT:
        return Problem(label, None, None, "", f"larger than the limit of {FILE_LIMIT} bytes for one file")
    left = f"larger than what is left ({limit} bytes) of the package limit of {PACKAGE_LIMIT} bytes"
    return Problem(label, None, None, "", left)


def _unsafe_file(root: str, path: str, label: str, limit: int) -> Problem | None:
    """Why the file at ``path`` may not be read: not a regular file, too large, or a link out of ``root``."""
    import stat

    info = os.stat(path)  # FileNotFoundError and the other OSErrors are the caller's
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        return Problem(label, None, None, "", "not a regular file (a FIFO, device or socket is never read)")
    if info.st_size > limit:
        return _too_large(label, limit)
    if os.path.islink(path) and not _inside(os.path.realpath(path), os.path.realpath(root)):
        return Problem(label, None, None, "", "a link to a file outside the package folder")
    return None


def decode(data: bytes, label: str, errors: str = "strict") -> str:
    """UTF-8 bytes as text, without a leading byte order mark; a :class:`DataError` if they are not UTF-8.

    ``errors`` is the codec's error handler (``"surrogateescape"`` keeps bad bytes as lone surrogates).

    >>> decode(b"\\xef\\xbb\\xbfid", "x.csv")
    'id'
    """
    try:  # what the utf-8-sig codec does, without importing it
        return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8", errors)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError([Problem(label, line, None, "", f"not valid UTF-8 at byte {error.start}")]) from None


def read_text(root: Traversable, name: str, label: str) -> str:
    """The UTF-8 text of a file in a package; a :class:`DataError` if it is missing or not UTF-8."""
    return decode(read_bytes(root, name, label), label)


def read_descriptor(root: Traversable, label: str, name: str = DESCRIPTOR) -> dict[str, Any]:
    """The parsed descriptor (``datapackage.json``) of a package."""
    text = read_text(root, name, label)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            [Problem(label, error.lineno, f"char {error.colno}", "", f"invalid JSON: {error.msg}")]
        ) from None
    except (ValueError, RecursionError) as error:  # a number too long to read, arrays nested too deep
        raise DataError([Problem(label, None, None, "", f"unreadable JSON: {type(error).__name__}")]) from None
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
    if isinstance(root, os.PathLike) and _through_a_link(os.fspath(root), path):  # a folder on disk
        real_root = os.path.realpath(os.fspath(root))
        target = os.path.realpath(os.path.join(os.fspath(root), path))
        if not _inside(target, real_root):
            return Problem(label, None, "path", path, "the path leads outside the package folder (through a link)")
    return None


def _inside(target: str, folder: str) -> bool:
    try:
        return os.path.commonpath([folder, target]) == folder
    except ValueError:  # on another drive
        return False


def _through_a_link(root: str, path: str) -> bool:
    """Whether any part of ``path`` (relative, without ``..``) under ``root`` is a symbolic link.

    If none is, the path stays inside the folder and resolving it in full is not needed.
    """
    native = path.replace(os.altsep, os.sep) if os.altsep else path
    parts = [part for part in native.split(os.sep) if part not in ("", ".")]
    return any(os.path.islink(os.path.join(root, *parts[: i + 1])) for i in range(len(parts)))
