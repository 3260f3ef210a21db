#!/usr/bin/env bash
# Set up everything proofer needs, idempotently: a virtual environment at .venv with proofer
# (editable) and its development tools, the spaCy English model, and LanguageTool from
# Maven Central in proofer's cache directory. Safe to run again; fast when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=.venv
STAMP="$VENV/.proofer-setup-stamp"

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV with $("$PYTHON" --version)"
  "$PYTHON" -m venv "$VENV"
fi

wanted="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$wanted" ]; then
  echo "==> installing proofer and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[model,dev]"
  echo "$wanted" > "$STAMP"
fi

echo "==> provisioning LanguageTool (Maven Central, cached after the first run)"
"$VENV/bin/proofer" setup-languagetool
