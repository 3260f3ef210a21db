"""A real LSP client (pytest-lsp, on pygls) driving `python -m proofer lsp` over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

# A guard against a hung server, not a speed expectation: a cold LanguageTool takes seconds.
WAIT_SECONDS = 180.0
VSCODE = "visual-studio-code"  # UTF-16 positions, versioned edits, workspace/configuration
NEOVIM = "neovim"  # prefers UTF-8 positions

Predicate = Callable[[Sequence[types.Diagnostic]], bool]


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]


@dataclass
class Session:
    """One server process and the client talking to it."""

    client: LanguageClient
    root: Path
    published: dict[str, list[Published]] = field(default_factory=dict)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    versions: dict[str, int] = field(default_factory=dict)

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str, text: str, language: str = "markdown") -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        ))
        return uri

    def change(self, uri: str, text: str, range: types.Range | None = None) -> int:
        """Replace the whole text, or `range` with `text`; returns the new version."""
        self.versions[uri] += 1
        change: Any = (
            types.TextDocumentContentChangeWholeDocument(text=text) if range is None
            else types.TextDocumentContentChangePartial(range=range, text=text)
        )
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[change],
        ))
        return self.versions[uri]

    async def diagnostics(
        self, uri: str, predicate: Predicate = lambda _: True, version: int | None = None
    ) -> list[types.Diagnostic]:
        """The latest diagnostics published for `uri` (at `version`) that satisfy `predicate`."""
        async def satisfied() -> list[types.Diagnostic]:
            while True:
                latest = self.published.get(uri, [])
                if latest:
                    last = latest[-1]
                    if (version is None or last.version == version) and predicate(last.diagnostics):
                        return last.diagnostics
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(satisfied(), WAIT_SECONDS)

    async def code_actions(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        ))
        assert all(isinstance(a, types.CodeAction) for a in result or []), result
        return [a for a in result or [] if isinstance(a, types.CodeAction)]


def _converter() -> Any:
    """pygls' converter, reading a code action that carries a command as a CodeAction.

    lsprotocol reads any object with a "command" key as a Command, so a CodeAction whose
    `command` is a Command object came back mangled; editors tell them apart the way the
    specification does (a Command's `command` is a string), and so does this client.
    """
    converter = default_converter()

    def command_or_action(value: Any, _: type) -> types.Command | types.CodeAction:
        if isinstance(value.get("command"), str):
            return converter.structure(value, types.Command)
        return converter.structure(value, types.CodeAction)

    converter.register_structure_hook(
        Union[types.Command, types.CodeAction], command_or_action  # noqa: UP007
    )
    return converter


async def start_session(
    root: Path,
    editor: str = VSCODE,
    settings: dict[str, Any] | None = None,
    initialization_options: Any = None,
    args: Sequence[str] = (),
    pull_configuration: bool = True,
) -> Session:
    """Start `proofer lsp` in a subprocess and initialize it with an editor's capabilities."""
    client = LanguageClient(
        configuration={"": {"proofer": settings or {}}}, converter_factory=_converter
    )
    register_lsp_features(client, {
        k: v for k, v in DEFAULT_CLIENT_FEATURES.items()
        if k != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
    })
    session = Session(client, root)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        session.published.setdefault(params.uri, []).append(
            Published(params.version, list(params.diagnostics))
        )
        client.diagnostics[params.uri] = params.diagnostics
        session.changed.set()

    capabilities = client_capabilities(editor)
    if not pull_configuration and capabilities.workspace is not None:
        capabilities.workspace.configuration = False
    await client.start_io(sys.executable, "-m", "proofer", "lsp", *args, cwd=str(root))
    await client.initialize_session(types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=initialization_options,
    ))
    return session


async def stop_session(session: Session) -> None:
    await session.client.shutdown_session()
    await session.client.stop()


def apply_edit(text: str, edit: types.TextEdit) -> str:
    """Apply one edit to UTF-16-addressed text, as an editor would."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while units < position.character and index < len(line):
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    start, end = offset(edit.range.start), offset(edit.range.end)
    return text[:start] + edit.new_text + text[end:]
