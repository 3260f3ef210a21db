"""One real LanguageTool server for the whole test session (never a mock).

Without a provisioned LanguageTool these tests skip with a clear message locally, and
FAIL when CI=true: CI must run them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from proofer.engines.languagetool.install import Installation, ProvisionError, find_installation
from proofer.engines.languagetool.java import resolve_java
from proofer.engines.languagetool.server import LocalServer, ServerSettings
from tests.conftest import require_tool

NOT_PROVISIONED = "LanguageTool is not provisioned: run `proofer setup-languagetool` (needs Java, Maven)"


def _require(condition: bool, message: str) -> None:
    require_tool(condition, message, "LanguageTool tests")


def _has_java() -> bool:
    try:
        resolve_java()
    except ProvisionError:
        return False
    return True


@pytest.fixture(scope="session")
def lt_installation() -> Installation:
    _require(_has_java(), "Java is not installed; LanguageTool needs it")
    found = find_installation()
    _require(found is not None, NOT_PROVISIONED)
    assert found is not None
    return found


@pytest.fixture(scope="session")
def lt_server(lt_installation: Installation) -> Iterator[LocalServer]:
    """The session's LanguageTool server (started once, stopped at the end)."""
    server = LocalServer(lt_installation, ServerSettings())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lt_url(lt_server: LocalServer) -> str:
    return lt_server.url
