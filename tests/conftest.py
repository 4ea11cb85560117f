"""Hypothesis profiles: ``default`` (quick), ``ci`` (more cases), ``mutation`` (few, repeatable),
``fuzz`` (opt-in, 10^4 cases).

Pick one with ``HYPOTHESIS_PROFILE=fuzz pytest ...``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile(  # mutation testing runs every test once per mutant: fewer, repeatable cases
    "mutation", max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutation() -> None:
    """Under mutation testing (mutmut sets MUTANT_UNDER_TEST), each test starts from empty caches.

    mutmut forks its workers from a process that has already run the tests, so the loaded
    data, the converter and the column descriptions would otherwise have been built by the
    code before the mutation, and a mutant in them would go unseen.
    """
    if os.environ.get("MUTANT_UNDER_TEST"):
        from stepanakert2020 import convert, loading, schema

        loading._cache.clear()
        convert._converters.clear()
        schema._COLUMNS.clear()
