"""Sphinx configuration: furo, MyST Markdown, autodoc. Build with warnings as errors:

    sphinx-build -W --keep-going -b html docs /tmp/stepanakert2020-docs

(``scripts/check.sh`` does exactly this, into a temporary folder.)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))  # cli_reference, api_links: the project's own small extensions

import stepanakert2020  # noqa: E402  (installed editable, or from src/ below)

project = "stepanakert2020"
author = "stepanakert2020 maintainers"
copyright = "stepanakert2020 maintainers; code MIT, data CC BY 4.0"
release = f"{stepanakert2020.__version__} (data {stepanakert2020.DATA_VERSION})"
version = stepanakert2020.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "cli_reference",  # fails the build when docs/cli.md no longer matches the argparse parser
    "api_links",  # resolves `stepanakert2020.Name` (re-exported) to where Name is documented
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# README.md explains the docs to contributors; it is not a page of the site.
exclude_patterns = ["README.md", "_build", "_ext", "conftest.py", "**/.ipynb_checkpoints"]

# -- MyST ------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3  # [text](page.md#a-heading) links resolve and are checked

# -- autodoc ---------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True  # defaults as written (attrs classes: see api_links)
autodoc_default_options = {"members": True}  # errors.md and dates.md add :show-inheritance:

# Cross-references are checked (nitpicky): a broken link in a page or a docstring fails
# the build. Names from outside the project (the standard library, attrs, Hypothesis)
# have no inventory to link to offline, and the type variables of the generic Dataset
# are not objects; they are ignored here rather than in the docstrings.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(typing|typing_extensions|te|collections\.abc|datetime|dt|os|pathlib|enum|types|abc|csv)\..*"),
    (r"py:.*", r"(attrs|attr|hypothesis|st|cattrs|pandas|pd)(\..*)?"),
    (r"py:.*", r"(Any|Self|Literal|Iterable|Sequence|Mapping|Path|PathLike|SearchStrategy|DrawFn|Traversable|csv)"),
    (r"py:.*", r"importlib\..*"),
    (r"py:(class|obj)", r"stepanakert2020\.convert\.T"),
    (r"py:.*", r"(str|int|float|bool|bytes|dict|list|tuple|set|frozenset|type|object|None)"),
    (r"py:.*", r"(ValueError|LookupError|Exception|FileExistsError)"),
    (r"py:(class|obj)", r"(stepanakert2020\.(dataset|loading)\.)?(E|C|F|S|P|A|W|D)"),  # the Dataset's type variables
    (r"py:class", r"(stepanakert2020\.(dataset|rules|indexes|cells)\.)?(DateLike|Origins|_Frozen|Fallback|Finding)"),
    (r"py:class", r"(stepanakert2020\.exports\.)?AnyDataset"),
]

# -- HTML ------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"stepanakert2020 {version}"
html_static_path: list[str] = []
html_show_sourcelink = False
