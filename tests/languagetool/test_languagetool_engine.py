"""The LanguageTool engine against the real server: offsets, curation, fail-closed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
import requests

from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import EngineError
from proofer.engines.languagetool.build import build_languagetool
from proofer.engines.languagetool.engine import LanguageToolEngine
from proofer.engines.languagetool.install import Installation, pinned_version
from proofer.engines.languagetool.server import LocalServer
from proofer.finding import TextFinding
from proofer.markup.markdown import parse_markdown

pytestmark = pytest.mark.languagetool

DRAFTS = {
    "one.md": "# One\n\nThis sentence has a tset in it.\n\nWe saw a apple there.\n",
    "two.md": "# Two\n\n😀🎉 日本語 Another line with a speling error.\n",
    "three.md": "# Three\n\nThe last draft has recieve in it.\n",
}


def _documents(drafts: dict[str, str] = DRAFTS) -> list[Document]:
    return [parse_markdown(name, text) for name, text in drafts.items()]


def _spans(results: dict[str, list[TextFinding]]) -> dict[str, list[tuple[str, int, int]]]:
    return {
        path: sorted((f.rule, f.start, f.end) for f in findings)
        for path, findings in results.items()
    }


@pytest.fixture(scope="module")
def reference(lt_url: str) -> dict[str, list[tuple[str, int, int]]]:
    """Findings of an undisturbed run on the session server."""
    engine = build_languagetool(Config(), url=lt_url)
    try:
        return _spans(engine.check(_documents()))
    finally:
        engine.close()


def test_server_runs_the_pinned_version(lt_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    answer = requests.post(
        f"{lt_url}v2/check", data={"language": "en-US", "text": "Hello."}, timeout=60
    ).json()
    version = answer["software"]["version"]
    with capsys.disabled():
        print(f"\nLanguageTool server version: {version}")
    assert version == pinned_version()


def test_reference_run_finds_the_planted_errors(reference: dict[str, list]) -> None:
    assert [r for r, *_ in reference["one.md"]].count("LT.MORFOLOGIK_RULE_EN_US") == 1
    assert any(r == "LT.EN_A_VS_AN" for r, *_ in reference["one.md"])
    assert [r for r, *_ in reference["two.md"]] == ["LT.MORFOLOGIK_RULE_EN_US"]
    assert reference["three.md"]


def test_emoji_and_cjk_before_an_error_do_not_shift_it(lt_url: str) -> None:
    document = _documents()[1]
    engine = build_languagetool(Config(), url=lt_url)
    try:
        (finding,) = engine.check([document])["two.md"]
    finally:
        engine.close()
    text = document.textmap.text
    assert text[finding.start : finding.end] == "speling"
    assert finding.engine == "languagetool" and finding.category == "typos"
    assert ("issue_type", "misspelling") in finding.extra
    assert 0 < len(finding.suggestions) <= 5 and "spelling" in finding.suggestions


def test_small_chunks_give_the_same_findings(lt_url: str) -> None:
    body = "\n\n".join(
        f"😀 Paragraph {n} has a tset and 日本語 text with a speling error." for n in range(40)
    )
    document = parse_markdown("long.md", body + "\n")
    whole = build_languagetool(Config(), url=lt_url)
    small = build_languagetool(
        Config(languagetool={"max-text-length": 1000}), url=lt_url
    )
    try:
        expected = _spans(whole.check([document]))["long.md"]
        got = _spans(small.check([document]))["long.md"]
    finally:
        whole.close()
        small.close()
    # Style rules that look at neighbouring sentences may differ at chunk edges; errors not.
    spelling = "LT.MORFOLOGIK_RULE_EN_US"
    assert [f for f in got if f[0] == spelling] == [f for f in expected if f[0] == spelling]
    text = document.textmap.text
    words = [text[s:e] for rule, s, e in got if rule == spelling]
    assert words == ["tset", "speling"] * 40


def test_configured_disable_and_vocabulary(lt_url: str, tmp_path: Path) -> None:
    vocabulary = tmp_path / "vocab.txt"
    vocabulary.write_text("tset\n^spel\\w+$\n", encoding="utf-8")
    config = Config(vocabulary=vocabulary, languagetool={"disable": ["LT.EN_A_VS_AN"]})
    engine = build_languagetool(config, url=lt_url)
    try:
        results = engine.check(_documents())
    finally:
        engine.close()
    assert results["one.md"] == [] and results["two.md"] == []
    assert results["three.md"]  # "recieve" is not in the vocabulary


def test_coinages_are_demoted_but_near_typos_are_not(lt_url: str) -> None:
    source = "# T\n\nThe unbubbled goroutine ran. It took us to wonderfull places.\n"
    document = parse_markdown("t.md", source)
    engine = build_languagetool(Config(), url=lt_url)
    try:
        findings = engine.check([document])["t.md"]
    finally:
        engine.close()
    text = document.textmap.text
    levels = {text[f.start : f.end]: f.severity.value for f in findings}
    assert levels == {"unbubbled": "suggestion", "wonderfull": "error"}


def test_killed_jvm_between_files_gives_the_same_findings(
    lt_installation: Installation, reference: dict[str, list]
) -> None:
    killed: list[int] = []

    def kill_once(path: str) -> None:
        if not killed and engine.server is not None and engine.server.pid:
            killed.append(engine.server.pid)
            os.kill(engine.server.pid, signal.SIGKILL)

    engine = build_languagetool(Config(), on_checked=kill_once)
    try:
        results = engine.check(_documents())
        assert killed and engine.restarts == 1
        assert engine.server is not None and engine.server.pid != killed[0]
        assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == "zombie"
        replacement = engine.server.pid
    finally:
        engine.close()
    assert _spans(results) == reference
    assert replacement is not None and not psutil.pid_exists(replacement), "close() left a JVM"


def test_killed_twice_fails_closed(lt_installation: Installation) -> None:
    def kill_every_time(path: str) -> None:
        assert engine.server is not None and engine.server.pid
        os.kill(engine.server.pid, signal.SIGKILL)

    engine = build_languagetool(Config(), on_checked=kill_every_time)
    try:
        with pytest.raises(EngineError, match="failed again after a restart"):
            engine.check(_documents())
    finally:
        engine.close()


def test_hung_jvm_is_restarted(lt_installation: Installation, reference: dict[str, list]) -> None:
    stopped: list[int] = []

    def freeze_once(path: str) -> None:
        if not stopped and engine.server is not None and engine.server.pid:
            stopped.append(engine.server.pid)
            os.kill(engine.server.pid, signal.SIGSTOP)

    config = Config(languagetool={"request-timeout": 5})
    engine = build_languagetool(config, on_checked=freeze_once)
    try:
        results = engine.check(_documents())
        assert engine.restarts == 1
    finally:
        engine.close()
    assert _spans(results) == reference


def test_server_that_cannot_start_is_an_engine_error(lt_installation: Installation) -> None:
    engine = build_languagetool(Config(languagetool={"heap": "1k"}))
    try:
        with pytest.raises(EngineError, match="could not start"):
            engine.check(_documents())
    finally:
        engine.close()
    assert engine.server is not None and not engine.server.alive()


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux only")
def test_jvm_dies_with_a_killed_proofer(lt_installation: Installation, tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from proofer.engines.languagetool.install import find_installation
        from proofer.engines.languagetool.server import LocalServer, ServerSettings
        server = LocalServer(find_installation(), ServerSettings())
        server.launch()
        print(server.pid, flush=True)
        time.sleep(600)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        jvm = int(child.stdout.readline())
        assert psutil.pid_exists(jvm)
        child.kill()  # SIGKILL: no atexit, no finally
        child.wait(timeout=10)
        deadline = time.monotonic() + 15
        while psutil.pid_exists(jvm) and time.monotonic() < deadline:
            if psutil.Process(jvm).status() == psutil.STATUS_ZOMBIE:
                break
            time.sleep(0.2)
        gone = not psutil.pid_exists(jvm) or psutil.Process(jvm).status() == "zombie"
        assert gone, "the LanguageTool JVM outlived a killed proofer"
    finally:
        if child.poll() is None:
            child.kill()


def test_engine_protocol(lt_url: str) -> None:
    engine = build_languagetool(Config(), url=lt_url)
    assert isinstance(engine, LanguageToolEngine) and engine.name == "languagetool"
    assert engine.server is None and engine.url == lt_url
    engine.close()
    assert isinstance(LocalServer, type)


def test_setup_is_idempotent_and_offline_once_done(lt_installation: Installation) -> None:
    from proofer.engines.languagetool.install import MARKER, maven_dir, setup_maven

    if not (maven_dir() / MARKER).is_file():
        pytest.skip("LanguageTool comes from language-tool-python's directory here")
    started = time.monotonic()
    installation, changed = setup_maven()
    assert not changed and installation.version == pinned_version()
    assert time.monotonic() - started < 2, "a provisioned cache must not call Maven again"
