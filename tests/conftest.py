"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.engines.spacy.engine import SpacyEngine
from proofer.engines.spacy.model import load_pipeline
from proofer.rulebook import Rule, load_rules

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PROOFER_SHARED", REPO_ROOT.parent / "shared"))


def pytest_report_header() -> list[str]:
    """Show in every test log (CI's too) which LanguageTool and Java the tests run."""
    from proofer.engines.languagetool.install import ProvisionError, find_installation
    from proofer.engines.languagetool.java import resolve_java

    found = find_installation()
    where = f"{found.version} ({found.origin}, {found.path})" if found else "not provisioned"
    try:
        java = resolve_java().describe()
    except ProvisionError as exc:
        java = f"not found ({exc})"
    return [f"LanguageTool: {where}; {java}"]


@pytest.fixture(scope="session", autouse=True)
def _private_server_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """CLI runs that start the shared LanguageTool server start it in a directory of this
    session, never the user's, and it is stopped when the session ends."""
    from proofer.engines.languagetool.daemon import SERVER_DIR_ENV, stop_server

    directory = tmp_path_factory.mktemp("server")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(SERVER_DIR_ENV, str(directory))
        yield directory
    stop_server(directory)


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's CLI runs use a result cache of their own, never the user's: what one
    test checked never answers another's."""
    from proofer.cache.store import CACHE_ENV

    path = tmp_path_factory.mktemp("result-cache") / "results.sqlite3"
    monkeypatch.setenv(CACHE_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(autouse=True)
def _one_pipeline_per_session(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process CLI runs reuse the session's real pipeline instead of loading it again."""
    monkeypatch.setattr("proofer.engines.spacy.model.load_pipeline", lambda name=None: nlp)


@pytest.fixture(scope="session")
def rules() -> list[Rule]:
    return load_rules()


@pytest.fixture(scope="session")
def catalog(rules: list[Rule]) -> RuleCatalog:
    return RuleCatalog.from_rules(rules)


@pytest.fixture(scope="session")
def spacy_engine(nlp: Language, rules: list[Rule]) -> SpacyEngine:
    return SpacyEngine(nlp, rules)


@pytest.fixture()
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in an empty directory so no project config is picked up."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def require_tool(condition: object, message: str, what: str) -> None:
    """Skip the test with `message` when `condition` is false, but fail under CI=true:
    CI must run `what` (the browser tests, the LanguageTool tests), never skip them."""
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: {what} must not be skipped)")
    pytest.skip(message)


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set PROOFER_SHARED to its location)")
    return path
