"""A memo of rule sets that passed the engine's validation, so later runs skip it.

Validating the spaCy rules compiles every pattern and condition, which imports spaCy,
wordfreq and the lexicon: more than a second of every run's start-up, although the rules
rarely change. A set that compiled once is remembered by a digest of everything the
outcome depends on (proofer's code and rule data, the spaCy, lemminflect, model and
wordfreq versions, each rule's
definition); a run that finds the digest skips the work. A rule set that failed is never
remembered, so a broken rule keeps failing at load time.

The memo is an empty marker file per rule digest in proofer's cache directory. Nothing here
may fail a run: a directory that cannot be read or written means validating again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from proofer.cache.keys import code_fingerprint, digest

MEMO_DIR = "validated-rules"


def validation_keys(engine: str, definitions: Iterable[Any]) -> list[str]:
    """One digest per definition (plain data or dataclasses) of everything its
    validation for `engine` depends on: one rule's outcome does not depend on the others,
    so a subset of a validated set (`select` in a config) is found too."""
    from proofer.engines.spacy.model import parser_versions

    try:
        wordfreq = metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        wordfreq = None
    # The model matters too: conditions check dependency labels against its meta.json.
    versions = (*parser_versions(), f"wordfreq={wordfreq}")
    context = digest(engine, code_fingerprint(), versions)
    return [digest(context, definition) for definition in definitions]


def _memo_path(key: str) -> Path:
    from proofer.engines.languagetool.install import cache_root

    return cache_root() / MEMO_DIR / key


def already_validated(keys: Iterable[str]) -> bool:
    """True when every definition with these keys passed validation before."""
    try:
        return all(_memo_path(key).is_file() for key in keys)
    except OSError:
        return False


def remember_validated(keys: Iterable[str]) -> None:
    """Record that the definitions with these keys passed (skipped if impossible)."""
    with contextlib.suppress(OSError):
        for key in keys:
            path = _memo_path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
