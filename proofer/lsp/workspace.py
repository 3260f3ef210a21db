"""One workspace folder: its configuration and its engines, built once and kept warm.

Everything here runs on the server's single checking thread, never on the event loop,
so engines are used by one thread at a time and need no locks. Checks go through the
result cache that `proofer check` uses (unchanged blocks of an edited buffer are not
checked again), and a local LanguageTool is the per-user shared server; the environment
variables PROOFER_NO_CACHE and PROOFER_NO_DAEMON turn either off, as for `proofer check`.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

from proofer.cache.store import ResultCache, default_path
from proofer.catalog import RuleCatalog
from proofer.config import Config, ConfigError
from proofer.config_check import check_config
from proofer.engines.base import Engine, EngineError
from proofer.engines.factory import EngineSetup, build_engines
from proofer.engines.languagetool.server import ServerSettings
from proofer.finding import Finding, Severity
from proofer.lsp.settings import Stamp, config_stamp, workspace_config
from proofer.markup.markdown import build_parser
from proofer.pipeline import check_text
from proofer.rulebook import Rule

if TYPE_CHECKING:
    from spacy.language import Language

LANGUAGETOOL = "languagetool"
# A failed engine is built again on the first check this long after it failed (or on save).
RETRY_SECONDS = 30.0


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Snapshot:
    """One version of an open document, taken on the event loop."""

    uri: str
    path: str  # as policy and reports see it: relative to the working directory when inside
    version: int | None
    source: str
    markdown: bool
    saved: bool = False  # the check follows a save: retry failed engines now


@dataclass(frozen=True)
class Outcome:
    """What a check found: the findings shown, or why there are none."""

    snapshot: Snapshot
    findings: tuple[Finding, ...] = ()
    config_error: str | None = None
    engine_errors: tuple[str, ...] = ()  # "engine: message", for engines left out
    config_warnings: tuple[str, ...] = ()  # "file: key 'k': problem", as `proofer check` warns
    not_checked: str | None = None  # e.g. larger than max-file-size
    partial: bool = False  # LanguageTool is still starting: its findings follow
    config: Config | None = field(default=None, compare=False)
    catalog: RuleCatalog | None = field(default=None, compare=False)


class WorkspaceChecker:
    """The configuration and engines of one workspace folder (see module docstring)."""

    def __init__(self, root: Path, rules: list[Rule], settings: Mapping[str, Any]) -> None:
        self.root = root
        self._rules = rules
        self._settings: Mapping[str, Any] = dict(settings)
        self._parser: MarkdownIt = build_parser()
        self._stamp: Stamp | None = None
        self._config: Config | None = None
        self._config_error: str | None = None
        self._catalog = RuleCatalog.from_rules(rules)
        # One spaCy pipeline for every build of the engines, loaded on the first parse.
        self._nlp_loader: Callable[[], Language] = functools.cache(_load_pipeline)
        self._engines: dict[str, Engine] = {}
        self._failed: dict[str, tuple[str, float]] = {}
        # The local LanguageTool engine that owns the JVM; rebuilt engines reuse its server.
        self._lt_host: Engine | None = None
        self._lt_warm = False
        self._cache = None if _env_flag("PROOFER_NO_CACHE") else ResultCache(default_path())
        self._daemon = not _env_flag("PROOFER_NO_DAEMON")

    @property
    def config(self) -> Config | None:
        return self._config

    def set_settings(self, settings: Mapping[str, Any]) -> None:
        """New editor settings: the next check reloads the configuration."""
        self._settings = dict(settings)
        self._stamp = None

    def invalidate(self) -> None:
        """A config or vocabulary file changed: reload and rebuild on the next check."""
        self._stamp = None

    def prepare(self) -> None:
        """Load the configuration and build the engines now (LanguageTool starts warming)."""
        self._refresh()

    def check(self, snapshot: Snapshot, on_partial: Callable[[Outcome], None]) -> Outcome:
        """Check one document version with every engine of the workspace.

        While a freshly started local LanguageTool is still warming up, the other engines'
        findings are handed to `on_partial` first, so the editor is not left empty.
        """
        self._refresh()
        if self._config is None:
            return Outcome(snapshot, config_error=self._config_error)
        config = self._config
        size = len(snapshot.source.encode("utf-8", "surrogatepass"))
        if config.max_file_size and size > config.max_file_size:
            return Outcome(
                snapshot,
                not_checked=f"{size / 1_048_576:.1f} MB is larger than max-file-size "
                f"({config.max_file_size / 1_048_576:.1f} MB); not checked",
                config=config,
            )
        self._retry_failed(snapshot.saved)
        engines = [self._engines[name] for name in config.engines if name in self._engines]
        if self._starting_languagetool():
            fast = [e for e in engines if e.name != LANGUAGETOOL]
            on_partial(replace(self._run(snapshot, fast, config), partial=True))
        outcome = self._run(snapshot, engines, config)
        if LANGUAGETOOL in self._engines and LANGUAGETOOL not in self._failed:
            self._lt_warm = True
        return outcome

    def close(self) -> None:
        """Stop every engine (and the LanguageTool server this workspace started)."""
        for engine in {id(e): e for e in [*self._engines.values(), self._lt_host] if e}.values():
            engine.close()
        self._engines.clear()
        self._lt_host = None
        self._lt_warm = False
        if self._cache is not None:
            self._cache.close()

    # -- checking -------------------------------------------------------------------

    def _run(self, snapshot: Snapshot, engines: list[Engine], config: Config) -> Outcome:
        result = check_text(
            snapshot.path, snapshot.source, snapshot.markdown, engines, config,
            self._catalog, self._parser, cache=self._cache,
        )
        for message in result.engine_errors:
            self._fail(message)
        shown = Severity(config.min_level)
        findings = tuple(
            f for file in result.files for f in file.findings if f.severity.at_least(shown)
        )
        errors = tuple(f"{name}: {message}" for name, (message, _) in sorted(self._failed.items()))
        # Vale names are known once the style engine has read the styles, as in the CLI.
        complete = any(engine.name == "style" for engine in engines)
        warnings = tuple(str(w) for w in check_config(config, self._catalog, complete=complete))
        return Outcome(
            snapshot, findings, engine_errors=errors, config_warnings=warnings, config=config,
            catalog=self._catalog,
        )

    def _starting_languagetool(self) -> bool:
        engine = self._engines.get(LANGUAGETOOL)
        return engine is not None and engine is self._lt_host and not self._lt_warm

    def _fail(self, message: str) -> None:
        """An engine failed: drop it (the others go on) and build it again later."""
        name, _, detail = message.partition(": ")
        self._failed[name] = (detail or message, time.monotonic())
        engine = self._engines.pop(name, None)
        if engine is None:
            return
        if name == LANGUAGETOOL:
            # Whether the JVM or a client of it failed, start from a fresh server.
            for item in {id(e): e for e in (engine, self._lt_host) if e}.values():
                item.close()
            self._lt_host = None
            self._lt_warm = False
        else:
            engine.close()

    def _retry_failed(self, now: bool) -> None:
        due = [
            name for name, (_, when) in self._failed.items()
            if now or time.monotonic() - when >= RETRY_SECONDS
        ]
        if due and self._config is not None:
            for name in due:
                del self._failed[name]
            self._build(due, self._config)

    # -- configuration and engines ------------------------------------------------

    def _refresh(self) -> None:
        """Reload the configuration when a file it comes from (or the settings) changed;
        engines cache what they read (vocabularies, Vale styles), so they are rebuilt."""
        stamp = config_stamp(self.root, self._config)
        if stamp == self._stamp:
            return
        try:
            config = workspace_config(self.root, self._settings)
        except ConfigError as exc:
            self._stamp = stamp
            self._config, self._config_error = None, str(exc)
            return
        self._stamp = config_stamp(self.root, config)  # now with its vocabulary file
        self._config, self._config_error = config, None
        self._rebuild(config)

    def _rebuild(self, config: Config) -> None:
        """Build every engine for a new configuration; the spaCy pipeline and a warm local
        LanguageTool server are kept."""
        self._catalog = RuleCatalog.from_rules(self._rules)
        keep_host = self._lt_host if self._reusable_host(config) else None
        for engine in self._engines.values():
            if engine is not keep_host:
                engine.close()
        self._engines.clear()
        if self._lt_host is not None and keep_host is None:
            self._lt_host.close()
            self._lt_host, self._lt_warm = None, False
        self._failed.clear()
        self._build(list(config.engines), config)

    def _reusable_host(self, config: Config) -> bool:
        """The running local server can serve the new configuration (same JVM settings)."""
        host = self._lt_host
        if host is None or not self._lt_warm or config.languagetool.get("url"):
            return False
        return getattr(host, "settings", None) == ServerSettings.from_config(config.languagetool)

    def _build(self, names: list[str], config: Config) -> None:
        """Build engines through the factory, sharing one spaCy pipeline between builds."""
        for name in names:
            options: dict[str, Any] = {"languagetool_daemon": self._daemon}
            if name == LANGUAGETOOL and self._lt_host is not None:
                options["languagetool_url"] = getattr(self._lt_host, "url", None)
            setup = EngineSetup(config, self._catalog, options, nlp_loader=self._nlp_loader)
            built, errors = build_engines([name], setup)
            for message in errors:
                self._failed[name] = (message.partition(": ")[2] or message, time.monotonic())
            for engine in built:
                try:
                    # LanguageTool reaches or starts its server now, warming up while
                    # the editor waits for the first check.
                    getattr(engine, "prepare", lambda: None)()
                except EngineError as exc:
                    self._failed[name] = (str(exc), time.monotonic())
                    engine.close()
                    continue
                self._engines[name] = engine
                if name != LANGUAGETOOL or self._lt_host is not None:
                    continue
                if getattr(engine, "server", None) is not None:
                    self._lt_host = engine  # owns the JVM: later builds connect to it
                else:
                    self._lt_warm = True  # a server given by URL is already running


def _load_pipeline() -> Language:
    """The spaCy pipeline (imported here: spaCy takes a second to import)."""
    from proofer.engines.spacy.model import load_pipeline

    return load_pipeline()
