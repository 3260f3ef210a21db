"""`proofer lsp` with the real LanguageTool server of this test session (never a mock).

Kept beside the other LanguageTool tests so they share one server (tests/languagetool's
fixtures: skipped without LanguageTool locally, failing when CI=true).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lsprotocol import types

from tests.lsp.session import start_session, stop_session

pytestmark = [pytest.mark.languagetool, pytest.mark.asyncio]

SPELLING = "LT.MORFOLOGIK_RULE_EN_US"
ITS = "PF-GRAMMAR-ITS-POSSESSIVE"


def workspace(tmp_path: Path, url: str) -> Path:
    root = tmp_path / "workspace"
    root.mkdir()
    (root / ".proofer.toml").write_text(
        f'engines = ["spacy", "languagetool"]\n\n[languagetool]\nurl = "{url}"\n',
        encoding="utf-8",
    )
    return root


def flagged(text: str, diagnostics: list[types.Diagnostic]) -> list[str]:
    """The words the spelling diagnostics cover (single-line text)."""
    line = text.splitlines()[0]
    return [
        line[d.range.start.character : d.range.end.character]
        for d in diagnostics if d.code == SPELLING
    ]


async def test_add_to_vocabulary_writes_the_file_and_the_finding_goes(
    tmp_path: Path, lt_url: str
) -> None:
    root = workspace(tmp_path, lt_url)
    text = "We shipped the flurbication feature and the blorptastic one.\n"
    session = await start_session(root)
    try:
        uri = session.open("draft.md", text)
        diagnostics = await session.diagnostics(uri, version=1)
        assert flagged(text, diagnostics) == ["flurbication", "blorptastic"]
        first = next(d for d in diagnostics if d.code == SPELLING)
        actions = await session.code_actions(uri, first)
        (add,) = [a for a in actions if a.title == "Add 'flurbication' to the project vocabulary"]
        assert add.command is not None
        await session.client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=add.command.command, arguments=add.command.arguments
        ))
        # The other misspelling stays: LanguageTool did run on this check.
        after = await session.diagnostics(
            uri, lambda d: flagged(text, list(d)) == ["blorptastic"], version=1
        )
        assert flagged(text, after) == ["blorptastic"]
        vocabulary = root / "proofer-vocabulary.txt"
        assert vocabulary.read_text(encoding="utf-8") == "flurbication\n"
        assert 'vocabulary = "proofer-vocabulary.txt"' in (root / ".proofer.toml").read_text()
        assert [p.name for p in root.iterdir() if p.name.startswith(".proofer-voc")] == []
    finally:
        await stop_session(session)


@contextlib.asynccontextmanager
async def relay(port: int, target: str) -> AsyncIterator[None]:
    """A TCP relay on 127.0.0.1:port to the real LanguageTool server: a server that is
    down while the relay is closed and answers again when it is open."""
    parsed = urlparse(target)
    connections: list[asyncio.StreamWriter] = []

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(
            parsed.hostname, parsed.port
        )
        connections.extend([writer, upstream_writer])
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    try:
        yield
    finally:
        server.close()
        for writer in connections:
            writer.close()
        await server.wait_closed()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_languagetool_down_degrades_to_the_other_engines_and_recovers(
    tmp_path: Path, lt_url: str
) -> None:
    port = free_port()
    root = workspace(tmp_path, f"http://127.0.0.1:{port}/")
    text = "The company updated it's privacy policy and the flurbication.\n"
    session = await start_session(root)
    try:
        uri = session.open("draft.md", text)
        degraded = await session.diagnostics(uri, version=1)
        assert [d.code for d in degraded] == ["engine-unavailable", ITS]
        assert degraded[0].severity == types.DiagnosticSeverity.Warning
        assert "languagetool" in degraded[0].message
        warnings = [m for m in session.client.messages if m.type == types.MessageType.Warning]
        assert len(warnings) == 1 and "languagetool" in warnings[0].message

        async with relay(port, lt_url):
            session.client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)
            ))
            recovered = await session.diagnostics(
                uri, lambda d: "engine-unavailable" not in [x.code for x in d]
            )
            assert sorted(str(d.code) for d in recovered) == sorted([ITS, SPELLING])

        # The server is gone again. Unchanged text is answered by the result cache, so an
        # edit is what sends LanguageTool a request.
        session.change(uri, text.replace("flurbication", "flurbications"))
        again = await session.diagnostics(
            uri, lambda d: "engine-unavailable" in [x.code for x in d]
        )
        assert [d.code for d in again] == ["engine-unavailable", ITS]
    finally:
        await stop_session(session)
