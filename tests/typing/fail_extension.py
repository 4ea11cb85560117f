"""Must FAIL mypy --strict: plain events have no ``verified_by`` (expected error on the marked line)."""

from __future__ import annotations

import stepanakert2020 as s

ds = s.load()
name: str = ds.events()[0].verified_by  # E: "Event" has no attribute "verified_by"
