"""Building the engines a run asks for, sharing heavy resources between them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.engines.base import Engine, EngineError

if TYPE_CHECKING:  # spaCy takes a second to import: only runs that check text need it
    from spacy.language import Language


@dataclass
class EngineSetup:
    """Everything an engine builder may need; the spaCy pipeline loads on first use."""

    config: Config
    catalog: RuleCatalog
    options: Mapping[str, Any] = field(default_factory=dict)
    # Where the pipeline comes from: a long-lived caller (the language server) passes one
    # loader for all its builds, so rebuilt engines do not load the model again.
    nlp_loader: Callable[[], Language] | None = None

    @cached_property
    def nlp(self) -> Language:
        if self.nlp_loader is not None:
            return self.nlp_loader()
        from proofer.engines.spacy.model import load_pipeline

        return load_pipeline()


def _build_spacy(setup: EngineSetup) -> Engine:
    from proofer.engines.spacy.engine import SpacyEngine

    rules = [r for r in setup.catalog.rules.values() if r.engine == "spacy"]
    # The pipeline loads when the first block has to be parsed, not when the engine is
    # built: a run the result cache answers never loads it.
    return SpacyEngine(lambda: setup.nlp, rules)


def _build_languagetool(setup: EngineSetup) -> Engine:
    from proofer.engines.languagetool.build import build_languagetool

    return build_languagetool(
        setup.config,
        setup.options.get("languagetool_url"),
        daemon=bool(setup.options.get("languagetool_daemon", False)),
    )


def _build_style(setup: EngineSetup) -> Engine:
    from proofer.engines.style.engine import StyleEngine

    rules = [r for r in setup.catalog.rules.values() if r.engine == "style"]
    return StyleEngine(setup.config, setup.catalog, rules, lambda: setup.nlp)


EngineBuilder = Callable[[EngineSetup], Engine]

BUILDERS: Mapping[str, EngineBuilder] = {
    "spacy": _build_spacy,
    "languagetool": _build_languagetool,
    "style": _build_style,
}


def available_engines() -> list[str]:
    return list(BUILDERS)


def build_engines(names: Sequence[str], setup: EngineSetup) -> tuple[list[Engine], list[str]]:
    """Engines in the order asked; failures are returned as messages (exit code 3)."""
    engines: list[Engine] = []
    errors: list[str] = []
    for name in names:
        builder = BUILDERS.get(name)
        if builder is None:
            errors.append(f"{name}: this engine is not available in this version of proofer")
            continue
        try:
            engines.append(builder(setup))
        except EngineError as exc:
            errors.append(f"{name}: {exc}")
    return engines, errors
