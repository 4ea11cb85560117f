"""The queries of :class:`~stepanakert2020.Dataset` as functions on the bundled data.

Each function is the method of the same name called on :func:`~stepanakert2020.load`'s
dataset, with the method's own typed signature and docstring: one definition, two ways to
call it. ``import stepanakert2020`` imports this module only when one of them is first used.

>>> import stepanakert2020
>>> stepanakert2020.events(kind="strike") == stepanakert2020.load().events(kind="strike")
True
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from .loading import BundledDataset, load

__all__ = [
    "actors",
    "claims",
    "event",
    "events",
    "events_citing",
    "figures",
    "find",
    "places",
    "record",
    "replies",
    "search",
    "sources",
    "sources_behind",
    "sources_for",
    "timeline",
    "weapons",
    "withdrawn",
]

Params = ParamSpec("Params")
Result = TypeVar("Result")


def on_bundled(method: Callable[Concatenate[BundledDataset, Params], Result]) -> Callable[Params, Result]:
    """A function that calls ``method`` on the bundled dataset, with the method's signature
    (less ``self``), name and docstring."""

    @functools.wraps(method)
    def call(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        return method(load(), *args, **kwargs)

    signature = inspect.signature(method)
    call.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])  # type: ignore[attr-defined]
    call.__module__ = "stepanakert2020"
    call.__qualname__ = method.__name__
    call.__doc__ = f"``load().{method.__name__}(...)``: on the bundled data.\n\n{inspect.getdoc(method) or ''}"
    return call


actors = on_bundled(BundledDataset.actors)
claims = on_bundled(BundledDataset.claims)
event = on_bundled(BundledDataset.event)
events = on_bundled(BundledDataset.events)
events_citing = on_bundled(BundledDataset.events_citing)
figures = on_bundled(BundledDataset.figures)
find = on_bundled(BundledDataset.find)
places = on_bundled(BundledDataset.places)
record = on_bundled(BundledDataset.record)
replies = on_bundled(BundledDataset.replies)
search = on_bundled(BundledDataset.search)
sources = on_bundled(BundledDataset.sources)
sources_behind = on_bundled(BundledDataset.sources_behind)
sources_for = on_bundled(BundledDataset.sources_for)
timeline = on_bundled(BundledDataset.timeline)
weapons = on_bundled(BundledDataset.weapons)
withdrawn = on_bundled(BundledDataset.withdrawn)
