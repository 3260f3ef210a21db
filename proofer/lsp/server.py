"""The language server: LSP events in, checks on one worker thread, diagnostics out.

The event loop only schedules and answers; every check runs on a single worker thread
(one at a time, so engines are never shared between threads). A change is checked after
a short pause in typing; a newer version of a document cancels its queued check, and a
result for an outdated version is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from proofer import __version__
from proofer.catalog import RuleCatalog
from proofer.lsp.actions import ADD_TO_VOCABULARY, ActionContext, code_actions
from proofer.lsp.diagnostics import (
    CONFIG_ERROR_CODE,
    ENGINE_ERROR_CODE,
    NOT_CHECKED_CODE,
    to_diagnostic,
    top_diagnostic,
)
from proofer.lsp.hover import hover_markdown
from proofer.lsp.positions import PositionMap
from proofer.lsp.settings import SECTION, editor_settings
from proofer.lsp.vocabulary import VocabularyError, add_word
from proofer.lsp.workspace import RETRY_SECONDS, Outcome, Snapshot, WorkspaceChecker
from proofer.rulebook import Rule, RuleFileError, load_rules
from proofer.sources import MARKDOWN_SUFFIXES

log = logging.getLogger("proofer.lsp")

# Seconds of quiet after a keystroke before the document is checked again.
DEBOUNCE_SECONDS = 0.3
CONFIG_FILE_NAMES = frozenset({"pyproject.toml", ".proofer.toml", ".vale.ini", "_vale.ini"})
T = TypeVar("T")


class ProoferServer:
    """State of one editor session (see module docstring)."""

    def __init__(self, ls: LanguageServer) -> None:
        self.ls = ls
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="proofer-check")
        self._roots: list[Path] = []
        self._initial_settings: dict[str, Any] = {}  # initializationOptions
        self._settings: dict[str, Any] = {}
        self._rules: list[Rule] = []
        self._rules_error: str | None = None
        self._checkers: dict[Path, WorkspaceChecker] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._pending: dict[str, Future[Outcome | None]] = {}
        self._results: dict[str, Outcome] = {}
        self._announced: set[str] = set()

    # -- lifecycle ------------------------------------------------------------------

    def initialize(self, params: types.InitializeParams) -> None:
        folders = [f.uri for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [params.root_uri]
        self._roots = [Path(p).resolve() for p in map(to_fs_path, folders) if p]
        if self._roots:
            # Relative paths in the config and policy globs mean what they mean to
            # `proofer check` run from the workspace root.
            os.chdir(self._roots[0])
        self._initial_settings = editor_settings(params.initialization_options)
        self._settings = dict(self._initial_settings)
        try:
            self._rules = load_rules()
        except RuleFileError as exc:
            self._rules_error = f"invalid rule file: {exc}"

    async def initialized(self) -> None:
        await self._pull_settings()
        if self._roots:
            checker = self._checker_for_root(self._roots[0])
            # Build the engines now: LanguageTool warms up while the first file opens.
            self._worker.submit(self._prepare, checker)

    async def configuration_changed(self, params: types.DidChangeConfigurationParams) -> None:
        if not await self._pull_settings():
            self._settings = {**self._initial_settings, **editor_settings(params.settings)}
        settings = dict(self._settings)
        for checker in list(self._checkers.values()):
            self._worker.submit(checker.set_settings, settings)
        self.recheck_all()

    async def _pull_settings(self) -> bool:
        """Ask for the "proofer" section when the client answers workspace/configuration."""
        capabilities = self.ls.client_capabilities.workspace
        if capabilities is None or not capabilities.configuration:
            return False
        try:
            values = await self.ls.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            )
        except Exception as exc:  # a client that fails the request: keep what we have
            log.warning("workspace/configuration failed: %s", exc)
            return False
        if values:
            pulled = editor_settings({SECTION: values[0]})
            self._settings = {**self._initial_settings, **pulled}
        return True

    async def shutdown(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        for future in self._pending.values():
            future.cancel()
        await asyncio.wrap_future(self._worker.submit(self._close_engines))

    def close(self) -> None:
        """Stop every engine (also when the client went away without a shutdown)."""
        self._worker.submit(self._close_engines).result()
        self._worker.shutdown(wait=True)

    def _close_engines(self) -> None:
        for checker in self._checkers.values():
            checker.close()

    # -- scheduling -----------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0, saved: bool = False) -> None:
        """Check a document after `delay` seconds; an earlier schedule is replaced."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if delay > 0:
            loop = asyncio.get_running_loop()
            self._timers[uri] = loop.call_later(delay, self._submit, uri, saved)
        else:
            self._submit(uri, saved)

    def saved(self, uri: str) -> None:
        path = to_fs_path(uri)
        if path and self._is_config_file(Path(path)):
            for checker in list(self._checkers.values()):
                self._worker.submit(checker.invalidate)
            self.recheck_all(saved=True)
            return
        self.schedule(uri, saved=True)

    def recheck_all(self, saved: bool = False) -> None:
        for uri in list(self.ls.workspace.text_documents):
            self.schedule(uri, saved=saved)

    def closed(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self._results.pop(uri, None)
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def _submit(self, uri: str, saved: bool) -> None:
        self._timers.pop(uri, None)
        document = self._document(uri)
        if document is None:
            return
        markdown = _is_markdown(document)
        if markdown is None:
            return
        snapshot = Snapshot(
            uri=uri,
            path=_report_path(uri),
            version=document.version,
            source=document.source,
            markdown=markdown,
            saved=saved,
        )
        previous = self._pending.pop(uri, None)
        if previous is not None:
            previous.cancel()  # superseded: a queued check of an older version never runs
        checker = self._checker_for(uri)
        loop = asyncio.get_running_loop()

        def partial(outcome: Outcome) -> None:
            loop.call_soon_threadsafe(self._publish, outcome)

        future = self._worker.submit(self._check, checker, snapshot, partial)
        self._pending[uri] = future
        future.add_done_callback(
            lambda done: loop.call_soon_threadsafe(self._finished, uri, done)
        )

    def _check(
        self, checker: WorkspaceChecker, snapshot: Snapshot, partial: Callable[[Outcome], None]
    ) -> Outcome | None:
        """On the worker thread: never raises, whatever the engines do."""
        if self._rules_error is not None:
            return Outcome(snapshot, config_error=self._rules_error)
        try:
            return checker.check(snapshot, partial)
        except Exception as exc:
            log.error("checking %s failed:\n%s", snapshot.uri, traceback.format_exc())
            return Outcome(snapshot, engine_errors=(f"proofer: internal error: {exc!r}",))

    def _finished(self, uri: str, future: Future[Outcome | None]) -> None:
        if self._pending.get(uri) is future:
            del self._pending[uri]
        if future.cancelled():
            return
        outcome = future.result()
        if outcome is not None:
            self._publish(outcome)

    def _prepare(self, checker: WorkspaceChecker) -> None:
        if self._rules_error is not None:
            return
        try:
            checker.prepare()
        except Exception:
            log.error("preparing the engines failed:\n%s", traceback.format_exc())

    # -- results --------------------------------------------------------------------

    def _publish(self, outcome: Outcome) -> None:
        uri = outcome.snapshot.uri
        document = self._document(uri)
        if document is None or document.version != outcome.snapshot.version:
            return  # closed or edited since: a newer check is on its way
        if document.source != outcome.snapshot.source:
            return
        current = self._results.get(uri)
        if outcome.partial and current is not None and not current.partial and (
            current.snapshot.version == outcome.snapshot.version
        ):
            return
        self._results[uri] = outcome
        if not outcome.partial:
            self._announce(outcome)  # before the diagnostics: the message explains them
        positions = self._positions(document.source)
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, diagnostics=self._diagnostics(outcome, positions), version=document.version
            )
        )

    def _diagnostics(self, outcome: Outcome, positions: PositionMap) -> list[types.Diagnostic]:
        if outcome.config_error is not None:
            return [top_diagnostic(
                f"proofer: configuration error: {outcome.config_error}", CONFIG_ERROR_CODE,
                positions,
            )]
        if outcome.not_checked is not None:
            return [top_diagnostic(
                f"proofer: {outcome.not_checked}", NOT_CHECKED_CODE, positions,
                types.DiagnosticSeverity.Information,
            )]
        catalog = outcome.catalog or RuleCatalog()
        diagnostics = [to_diagnostic(f, positions, catalog) for f in outcome.findings]
        for problem in outcome.engine_errors:
            diagnostics.insert(0, top_diagnostic(
                _engine_warning(problem), ENGINE_ERROR_CODE, positions,
                types.DiagnosticSeverity.Warning,
            ))
        return diagnostics

    def _announce(self, outcome: Outcome) -> None:
        """window/showMessage once for each new problem; a log line when one is over."""
        problems: dict[str, tuple[types.MessageType, str]] = {}
        if outcome.config_error is not None:
            problems["config"] = (
                types.MessageType.Error,
                f"proofer: configuration error: {outcome.config_error}",
            )
        for problem in outcome.engine_errors:
            name = problem.partition(": ")[0]
            problems[f"engine:{name}"] = (types.MessageType.Warning, _engine_warning(problem))
        for warning in outcome.config_warnings:
            problems[f"warning:{warning}"] = (
                types.MessageType.Warning, f"proofer: configuration warning: {warning}"
            )
        for key, (kind, message) in problems.items():
            if key not in self._announced:
                self.ls.window_show_message(types.ShowMessageParams(type=kind, message=message))
                self.ls.window_log_message(types.LogMessageParams(type=kind, message=message))
        for key in sorted(self._announced - problems.keys()):
            kind_of, _, detail = key.partition(":")
            what = {
                "config": "the configuration is valid again",
                "warning": f"configuration warning resolved: {detail}",
            }.get(kind_of, f"{detail} is working again")
            self.ls.window_log_message(
                types.LogMessageParams(type=types.MessageType.Info, message=f"proofer: {what}")
            )
        self._announced = set(problems)

    # -- requests on results --------------------------------------------------------

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        found = self._current(params.text_document.uri)
        if found is None:
            return None
        outcome, positions = found
        offset = positions.offset(params.position)
        under = [f for f in outcome.findings if f.start <= offset < f.end]
        if not under:
            return None
        text = hover_markdown(under, outcome.catalog or RuleCatalog())
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=positions.range(under[0].start, under[0].end),
        )

    def code_action(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        only = params.context.only
        if only and not any(
            kind == types.CodeActionKind.QuickFix or str(kind) == "quickfix" for kind in only
        ):
            return None
        found = self._current(params.text_document.uri)
        if found is None:
            return None
        outcome, positions = found
        workspace = self.ls.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        context = ActionContext(
            uri=params.text_document.uri,
            version=outcome.snapshot.version,
            positions=positions,
            catalog=outcome.catalog or RuleCatalog(),
            markdown=outcome.snapshot.markdown,
            versioned_edits=bool(edit and edit.document_changes),
        )
        requested = (positions.offset(params.range.start), positions.offset(params.range.end))
        return code_actions(outcome.findings, requested, context) or None

    async def add_to_vocabulary(self, uri: str, word: str) -> dict[str, str] | None:
        checker = self._checker_for(uri)

        def write() -> tuple[str, str]:
            config = checker.config
            if config is None:
                raise VocabularyError("the configuration is not valid; fix it first")
            edit = add_word(word, config, checker.root)
            checker.invalidate()
            where = str(edit.vocabulary)
            if edit.config_file is not None:
                where += f" (and set vocabulary in {edit.config_file})"
            return where, "added" if edit.added else "already in"

        try:
            where, how = await asyncio.wrap_future(self._worker.submit(write))
        except VocabularyError as exc:
            self.ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"proofer: {exc}"
            ))
            return None
        message = f"proofer: '{word}' {how} the vocabulary: {where}"
        self.ls.window_log_message(types.LogMessageParams(types.MessageType.Info, message))
        self.recheck_all()
        return {"vocabulary": where}

    # -- helpers --------------------------------------------------------------------

    def _current(self, uri: str) -> tuple[Outcome, PositionMap] | None:
        """The last result for the document's current text (none when it is outdated)."""
        document = self._document(uri)
        outcome = self._results.get(uri)
        if document is None or outcome is None or outcome.snapshot.source != document.source:
            return None
        return outcome, self._positions(document.source)

    def _positions(self, source: str) -> PositionMap:
        encoding = self.ls.workspace.position_encoding
        if isinstance(encoding, types.PositionEncodingKind):
            return PositionMap(source, encoding.value)
        return PositionMap(source, str(encoding or "utf-16"))

    def _document(self, uri: str) -> TextDocument | None:
        documents: Mapping[str, TextDocument] = self.ls.workspace.text_documents
        return documents.get(unquote(uri))

    def _checker_for(self, uri: str) -> WorkspaceChecker:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:
            return self._checker_for_root(self._roots[0] if self._roots else Path.cwd())
        resolved = Path(path).resolve()
        inside = [r for r in self._roots if resolved.is_relative_to(r)]
        root = max(inside, key=lambda r: len(r.parts)) if inside else resolved.parent
        return self._checker_for_root(root)

    def _checker_for_root(self, root: Path) -> WorkspaceChecker:
        checker = self._checkers.get(root)
        if checker is None:
            checker = WorkspaceChecker(root, self._rules, self._settings)
            self._checkers[root] = checker
        return checker

    def _is_config_file(self, path: Path) -> bool:
        if path.name in CONFIG_FILE_NAMES:
            return True
        resolved = path.resolve()
        for checker in self._checkers.values():
            vocabulary = checker.config.vocabulary if checker.config else None
            if vocabulary is not None and (
                resolved == vocabulary.resolve() or resolved.parent == vocabulary.resolve()
            ):
                return True
        return False


def _engine_warning(problem: str) -> str:
    name, _, detail = problem.partition(": ")
    if name == "proofer":
        return f"proofer: {detail}"
    return (
        f"proofer: the {name} engine is not running ({detail}); the other engines' findings "
        f"are shown, and proofer tries again on save or after {RETRY_SECONDS:g} s."
    )


def _is_markdown(document: TextDocument) -> bool | None:
    """Markdown or plain text by languageId, else by file suffix; None = not ours."""
    language = (document.language_id or "").lower()
    if language == "markdown":
        return True
    if language in ("plaintext", "text"):
        return False
    name = unquote(document.uri).lower()
    if name.endswith(MARKDOWN_SUFFIXES):
        return True
    if name.endswith(".txt"):
        return False
    return None


def _report_path(uri: str) -> str:
    """The path policies and Vale settings see: relative to the working directory (the
    workspace root) when the file is inside it, as `proofer check` would show it."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path is None:
        return uri
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return resolved.as_posix()


def create_server() -> tuple[LanguageServer, ProoferServer]:
    """A pygls server with proofer's features registered, and the state behind them."""
    ls = LanguageServer("proofer", __version__)
    proofer = ProoferServer(ls)

    @ls.feature(types.INITIALIZE)
    def on_initialize(params: types.InitializeParams) -> None:
        proofer.initialize(params)

    @ls.feature(types.INITIALIZED)
    async def on_initialized(params: types.InitializedParams) -> None:
        await proofer.initialized()

    @ls.feature(types.SHUTDOWN)
    async def on_shutdown(params: None) -> None:
        await proofer.shutdown()

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def on_open(params: types.DidOpenTextDocumentParams) -> None:
        proofer.schedule(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def on_change(params: types.DidChangeTextDocumentParams) -> None:
        proofer.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def on_save(params: types.DidSaveTextDocumentParams) -> None:
        proofer.saved(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def on_close(params: types.DidCloseTextDocumentParams) -> None:
        proofer.closed(params.text_document.uri)

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def on_configuration(params: types.DidChangeConfigurationParams) -> None:
        await proofer.configuration_changed(params)

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        return proofer.hover(params)

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def on_code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return proofer.code_action(params)

    @ls.command(ADD_TO_VOCABULARY)
    async def on_add_to_vocabulary(ls: LanguageServer, uri: str, word: str) -> Any:
        return await proofer.add_to_vocabulary(uri, word)

    return ls, proofer
