#!/usr/bin/env bash
# Quick start, part 1: set everything up, then proofread the example draft.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "==> proofer check examples/draft.md"
set +e
.venv/bin/proofer check examples/draft.md
code=$?
set -e
# The example draft is full of deliberate mistakes, so exit code 1 is the expected outcome.
if [ "$code" -eq 1 ]; then
  echo "(exit code 1: proofer found errors in the draft, as intended)"
  exit 0
fi
exit "$code"
