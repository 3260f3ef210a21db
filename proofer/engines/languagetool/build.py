"""Building the LanguageTool engine from the configuration: a URL, or a local server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from proofer.config import Config
from proofer.engines.base import EngineError
from proofer.engines.languagetool.curation import load_curation
from proofer.engines.languagetool.daemon import DEFAULT_IDLE_TIMEOUT, DaemonServer
from proofer.engines.languagetool.daemon import supported as daemon_supported
from proofer.engines.languagetool.engine import LanguageToolEngine
from proofer.engines.languagetool.install import ProvisionError, resolve_installation
from proofer.engines.languagetool.java import resolve_java
from proofer.engines.languagetool.server import (
    LocalServer,
    ManagedServer,
    ServerError,
    ServerSettings,
)
from proofer.engines.languagetool.spelling import Vocabulary
from proofer.rulebook import RuleFileError, rules_dir


def builtin_vocabulary_path() -> Path:
    """proofer's own accept list of software vocabulary (rules/vocabulary/software.txt)."""
    return rules_dir() / "vocabulary" / "software.txt"


def build_languagetool(
    config: Config,
    url: str | None = None,
    on_checked: Callable[[str], None] | None = None,
    *,
    daemon: bool = False,
) -> LanguageToolEngine:
    """The engine on the server at `url` (option/env, else config), else a local server:
    the per-user shared one with `daemon` (unless the config says `daemon = false`),
    otherwise a private JVM for this engine alone.

    Raises EngineError with a message naming the problem (exit code 3).
    """
    section = config.languagetool
    try:
        curation = load_curation()
        vocabulary = Vocabulary.load(builtin_vocabulary_path())
    except (RuleFileError, ValueError) as exc:
        raise EngineError(str(exc)) from None
    settings = ServerSettings.from_config(section)
    url = url or section.get("url") or None
    server = None
    if not url:
        try:
            server = local_server(config, settings, daemon=daemon)
        except (ProvisionError, ServerError) as exc:
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
        document_terms=DocumentTerms(config),
        # A variety the user named ("en-US") is meant strictly: the other variety's
        # spellings stay errors. Left unset, they are suggestions.
        strict_variants="language" in config.raw,
    )


def local_server(config: Config, settings: ServerSettings, *, daemon: bool) -> ManagedServer:
    """The shared server when asked for and possible here, else a private one.

    Raises ProvisionError when LanguageTool or Java is missing (java.resolve_java says
    which Java runs it).
    """
    installation = resolve_installation()
    java = resolve_java(settings.java)
    section = config.languagetool
    if daemon and section.get("daemon", True) and daemon_supported():
        idle = float(section.get("idle-timeout", DEFAULT_IDLE_TIMEOUT))
        return DaemonServer(installation, settings, idle_timeout=idle, java=java)
    return LocalServer(installation, settings, java=java)


class DocumentTerms:
    """Whether a word is accepted for one document: proofer's `vocabulary` and the nearest
    .vale.ini's Vocab, matched exactly as the style engine matches them (Vale regexes).
    Read once per .vale.ini, not once per document."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._by_ini: dict[Path | None, Callable[[str], bool]] = {}

    def __call__(self, path: str) -> Callable[[str], bool]:
        from proofer.engines.style.vocab import vale_ini_for, vocabulary_for

        ini = vale_ini_for(path, self._config)
        if ini not in self._by_ini:
            self._by_ini[ini] = vocabulary_for(path, self._config).is_accepted
        return self._by_ini[ini]
