#!/usr/bin/env bash
# Quick start, part 2: set everything up, then run the linters and the whole test suite,
# including the tests against the real LanguageTool server.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "==> ruff"
.venv/bin/ruff check proofer tests bench
echo "==> pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
