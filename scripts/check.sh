#!/usr/bin/env bash
# The whole test suite: lint, types, tests (with doctests). README.md and .ci/run call this.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check src tests scripts
mypy
python -m pytest
