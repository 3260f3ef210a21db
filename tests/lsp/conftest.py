"""Workspaces for the language-server tests: a temporary folder with a proofer config."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.lsp.session import Session, start_session, stop_session

# The engines that need no JVM; the LanguageTool tests configure their own.
FAST_CONFIG = 'engines = ["spacy", "style"]\n'


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    (folder / ".proofer.toml").write_text(FAST_CONFIG, encoding="utf-8")
    return folder


@pytest_asyncio.fixture()
async def session(root: Path) -> AsyncIterator[Session]:
    running = await start_session(root)
    yield running
    await stop_session(running)
