"""Wrong kinds and wrong date types passed to the module-level functions: mypy --strict rejects each.

Each ``# E:`` comment is the start of the error mypy must report on its line.
"""

import datetime as dt

import stepanakert2020 as s

s.events(kind="strikes")  # E: Argument "kind" has incompatible type "Literal['strikes']"; expected "Literal['strike',
s.events(start=12345)  # E: Argument "start" has incompatible type "int"; expected "date | str | None"
s.events("2020-10-01", dt.datetime(2020, 10, 2).timestamp())  # E: Argument 2 has incompatible type "float"
s.figures(scope="running")  # E: Argument "scope" has incompatible type "Literal['running']"; expected "Literal['incid
s.claims(stance="denied")  # E: Argument "stance" has incompatible type "Literal['denied']"; expected "Literal['report
s.events(within="maybe")  # E: Argument "within" has incompatible type "Literal['maybe']"
name: str = s.events()[0]  # E: Incompatible types in assignment (expression has type "Event", variable has type "str")
