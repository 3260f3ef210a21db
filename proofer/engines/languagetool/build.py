"""Building the LanguageTool engine from the configuration: a URL, or a local server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from proofer.config import Config
from proofer.engines.base import EngineError
from proofer.engines.languagetool.curation import load_curation
from proofer.engines.languagetool.engine import LanguageToolEngine
from proofer.engines.languagetool.install import ProvisionError, resolve_installation
from proofer.engines.languagetool.server import LocalServer, ServerSettings
from proofer.engines.languagetool.spelling import Vocabulary
from proofer.rulebook import RuleFileError, rules_dir


def builtin_vocabulary_path() -> Path:
    """proofer's own accept list of software vocabulary (rules/vocabulary/software.txt)."""
    return rules_dir() / "vocabulary" / "software.txt"


def build_languagetool(
    config: Config,
    url: str | None = None,
    on_checked: Callable[[str], None] | None = None,
) -> LanguageToolEngine:
    """The engine on the server at `url` (option/env, else config), else a local server.

    Raises EngineError with a message naming the problem (exit code 3).
    """
    section = config.languagetool
    try:
        curation = load_curation()
        vocabulary = Vocabulary.load(builtin_vocabulary_path())
        # Fail early on an unreadable or invalid accept list rather than mid-run.
        document_vocabulary(config, ".")
    except (RuleFileError, ValueError) as exc:
        raise EngineError(str(exc)) from None
    settings = ServerSettings.from_config(section)
    url = url or section.get("url") or None
    server = None
    if not url:
        try:
            server = LocalServer(resolve_installation(), settings)
        except ProvisionError as exc:
            raise EngineError(str(exc)) from None
    return LanguageToolEngine(
        curation=curation,
        vocabulary=vocabulary,
        settings=settings,
        language=config.language,
        url=url,
        server=server,
        enable=section.get("enable", ()),
        disable=section.get("disable", ()),
        on_checked=on_checked,
        document_vocabulary=lambda path: document_vocabulary(config, path),
    )


def document_vocabulary(config: Config, path: str) -> Vocabulary:
    """The accepted terms in force for one document, shared with the style engine."""
    from proofer.engines.style.vocab import accepted_terms

    return Vocabulary.from_lines(accepted_terms(path, config), "vocabulary")
