#!/usr/bin/env bash
# The whole test suite: lint, types, the docs build (warnings are errors), tests (with doctests,
# including every example in docs/). README.md and .ci/run call this.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check src tests scripts docs
mypy
docs_out="$(mktemp -d)"  # built outside the repository, removed afterwards
trap 'rm -rf "$docs_out"' EXIT
python -m sphinx -W --keep-going -q -b html docs "$docs_out"
python -m pytest
