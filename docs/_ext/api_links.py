"""Two touches to the API reference.

- References to re-exported names resolve: ``stepanakert2020.DataError`` links to
  ``stepanakert2020.errors.DataError``, where the API reference documents it. The public
  face of the package re-exports its classes lazily (``stepanakert2020._LAZY`` says from
  which module); docstrings and pages may name either spelling.
- attrs classes show their defaults (``notes: str = ''``), not the expressions of the
  ``__init__`` that attrs generates (``attr_dict['notes'].default``).
"""

from __future__ import annotations

import enum
import re
from typing import Any


def _candidates(target: str, module: str | None) -> list[str]:
    """``stepanakert2020.Dataset.events``, or ``Dataset.events`` written inside the package,
    as ``stepanakert2020.dataset.Dataset.events``."""
    import stepanakert2020

    lazy: dict[str, str] = stepanakert2020._LAZY
    if target.startswith("stepanakert2020."):
        relative = target.removeprefix("stepanakert2020.")
    elif (module or "").startswith("stepanakert2020"):
        relative = target
    else:
        return []
    head = relative.split(".", 1)[0]
    if head in lazy:
        return [f"stepanakert2020.{lazy[head]}.{relative}"]
    return []


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    for target in _candidates(node["reftarget"], node.get("py:module")):
        retry = node.deepcopy()
        retry["reftarget"] = target
        found = domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], target, retry, contnode)
        if found is not None:
            return found
    return None


def _shown(value: Any) -> str:
    return f"{type(value).__name__}.{value.name}" if isinstance(value, enum.Enum) else repr(value)


def _attrs_signature(
    app: Any, what: str, name: str, obj: Any, options: Any, signature: str | None, annotation: str | None
) -> tuple[str, str | None] | None:
    """Replace ``attr_dict['x'].default`` in an attrs class's signature by the default itself."""
    import attrs

    if what != "class" or not signature or not attrs.has(obj):
        return None
    fields = attrs.fields_dict(obj)
    shown = re.sub(r"attr_dict\['(\w+)'\]\.default", lambda m: _shown(fields[m.group(1)].default), signature)
    return shown, annotation


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension entry point."""
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-process-signature", _attrs_signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
