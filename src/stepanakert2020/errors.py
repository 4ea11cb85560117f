"""The errors stepanakert2020 raises. No I/O here.

>>> p = Problem(file="events.csv", line=14, column="date", value="2020-13-01", reason="month 13")
>>> str(p)
"events.csv:14 column 'date': '2020-13-01': month 13"
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["PROBLEM_LIMIT", "DataError", "Problem", "UnknownRecordError", "deprecated"]

#: Problems reported in one file before the rest of it is left unchecked.
PROBLEM_LIMIT = 1000


@attrs.frozen
class Problem:
    """One problem in the data: where it is (file, line, column, record), the value, and why."""

    file: str
    line: int | None
    column: str | None
    value: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        file = _printable(self.file)
        where = file if self.line is None else f"{file}:{self.line}"
        if self.record is not None:
            where += f" record {self.record!r}"
        if self.column is not None:
            where += f" column {self.column!r}"
        value = f" {self.value!r}:" if self.value and self.value != self.record else ""
        return f"{where}:{value} {_printable(self.reason)}"


def _printable(text: str) -> str:
    r"""``text`` with every character that is not printable (controls, line breaks, bidi overrides) escaped.

    A file name or message can then neither retitle a terminal nor forge another problem's line.

    >>> print(_printable("pkg/\x1b]0;owned\x07a\nb.csv"))
    pkg/\x1b]0;owned\x07a\nb.csv
    """
    return text if text.isprintable() else repr(text)[1:-1]


class DataError(ValueError):
    """The data has problems; ``problems`` lists every one found. Nothing was loaded.

    >>> error = DataError([Problem("a.csv", 2, "id", "", "a value is required")])
    >>> print(error)
    1 problem in the data:
      a.csv:2 column 'id': a value is required
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems[:200])
        more = f"\n  … and {count - 200} more" if count > 200 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the data:\n{lines}{more}")


class UnknownRecordError(LookupError):
    """No record has this id; ``suggestions`` holds close matches.

    >>> print(UnknownRecordError("strike-2020-10-4", "event", ["strike-2020-10-04"]))
    no event with id 'strike-2020-10-4'; did you mean 'strike-2020-10-04'?
    """

    def __init__(
        self,
        record_id: str,
        what: str = "record",
        suggestions: Iterable[str] = (),
        prefix_of: int = 0,
        withdrawn_in: str = "",
    ) -> None:
        self.record_id = record_id
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        hint = f" (withdrawn in {withdrawn_in})" if withdrawn_in else ""
        if self.suggestions:
            word = "it is replaced by " if withdrawn_in else "did you mean "
            hint += "; " + word + " or ".join(repr(s) for s in self.suggestions) + ("" if withdrawn_in else "?")
        if prefix_of > 1:
            hint += f" ({prefix_of} ids begin with {record_id!r})"
        super().__init__(f"no {what} with id {record_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


def deprecated(old: str, new: str) -> None:
    """Warn that ``old`` is deprecated (removed in 0.4.0) in favour of ``new``, pointing at the
    first frame outside this package: the user's own line, where Python shows the warning.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     deprecated("old()", "new()")
    >>> str(caught[0].message)
    'old() is deprecated and will be removed in 0.4.0: use new()'
    """
    import os
    import sys
    import warnings

    here = os.path.dirname(os.path.abspath(__file__))
    level, frame = 2, sys._getframe(1)  # stacklevel 2 is the caller of this function
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == here:
        level, frame = level + 1, frame.f_back  # type: ignore[assignment]
    warnings.warn(f"{old} is deprecated and will be removed in 0.4.0: use {new}", DeprecationWarning, stacklevel=level)
