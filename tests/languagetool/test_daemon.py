"""The shared LanguageTool server, for real: started through the daemon path in temporary
state directories, reused, replaced when it cannot be trusted, stopped; no JVM is left.

Each test that starts or restarts a JVM is `slow` (tens of seconds on a busy machine).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
import requests
from typer.testing import CliRunner

from proofer.cli import app
from proofer.config import Config
from proofer.engines.languagetool.build import build_languagetool
from proofer.engines.languagetool.daemon import (
    SERVER_DIR_ENV,
    TOKEN_PROPERTY,
    DaemonPaths,
    DaemonServer,
    DaemonState,
    _write_state,
    read_state,
    server_status,
    stop_server,
    why_not_running,
)
from proofer.engines.languagetool.install import Installation
from proofer.engines.languagetool.server import ServerSettings, free_port
from proofer.finding import TextFinding
from proofer.markup.markdown import parse_markdown

pytestmark = [pytest.mark.languagetool, pytest.mark.slow]

DRAFTS = {
    "one.md": "# One\n\nThis sentence has a tset in it.\n\nWe saw a apple there.\n",
    "two.md": "# Two\n\nAnother line with a speling error.\n",
    "three.md": "# Three\n\nThe last draft has recieve in it.\n",
}


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _wait_until(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _jvms_with(tokens: set[str]) -> list[psutil.Process]:
    """Live JVMs started with one of these daemon tokens."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info.get("cmdline") or []
        if any(part.startswith(TOKEN_PROPERTY) and part[len(TOKEN_PROPERTY):] in tokens
               for part in cmdline) and _alive(process.pid):
            found.append(process)
    return found


class Seen:
    """Tokens of every server these tests saw, to prove none outlives them."""

    def __init__(self) -> None:
        self.tokens: set[str] = set()

    def add(self, server: DaemonServer) -> DaemonState:
        state = server.state
        assert state is not None
        self.tokens.add(state.token)
        return state


@pytest.fixture(scope="module")
def seen() -> Iterator[Seen]:
    record = Seen()
    yield record
    left = _jvms_with(record.tokens)
    for process in left:
        process.kill()
    assert not left, f"JVMs left running after the tests: {[p.pid for p in left]}"


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory: pytest.TempPathFactory, seen: Seen) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("daemon")
    yield directory
    state = read_state(DaemonPaths(directory))
    if state is not None:
        seen.tokens.add(state.token)
    stop_server(directory)


def _client(installation: Installation, directory: Path, idle: float = 600.0,
            **settings: object) -> DaemonServer:
    return DaemonServer(installation, ServerSettings(**settings), idle_timeout=idle,  # type: ignore[arg-type]
                        directory=directory)


def test_a_second_client_reuses_the_warm_server(
    lt_installation: Installation, shared_dir: Path, seen: Seen
) -> None:
    first = _client(lt_installation, shared_dir)
    second = _client(lt_installation, shared_dir)
    try:
        first.wait_ready()
        state = seen.add(first)
        second.wait_ready()
        assert second.started is False and second.replaced is None
        assert (second.url, second.pid) == (first.url, first.pid)
        jvm = psutil.Process(state.jvm_pid)
        listening = [c.laddr for c in jvm.net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN and c.laddr.port == state.port]
        assert listening and all(a.ip in ("127.0.0.1", "::1", "::ffff:127.0.0.1")
                                 for a in listening), listening
        answer = requests.post(
            f"{second.url}v2/check", data={"language": "en-US", "text": "We saw a apple."},
            timeout=120,
        ).json()
        assert answer["software"]["version"] == lt_installation.version
        assert any(m["rule"]["id"] == "EN_A_VS_AN" for m in answer["matches"])
        # It runs on the Java this run chose, recorded with its AOT cache (if one is made).
        assert jvm.cmdline()[0] == first.java.executable == state.identity["java"]
        assert state.identity["java.version"] == first.java.build
        assert state.aot_cache == "".join(
            o.removeprefix("-XX:AOTCache=") for o in jvm.cmdline() if o.startswith("-XX:AOTCache=")
        )
    finally:
        first.stop()
        second.stop()
    after = server_status(shared_dir)
    assert after.running and after.state is not None and after.state.jvm_pid == state.jvm_pid
    mode = DaemonPaths(shared_dir).state.stat().st_mode & 0o777
    assert mode == 0o600, oct(mode)


def _check_json(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args], env=env)
    return result.exit_code, result.stdout


def test_check_through_the_shared_server_gives_the_bytes_of_a_private_one(
    lt_installation: Installation, shared_dir: Path, seen: Seen, in_tmp: Path
) -> None:
    for name, text in DRAFTS.items():
        (in_tmp / name).write_text(text, encoding="utf-8")
    env = {SERVER_DIR_ENV: str(shared_dir)}
    args = ["--engines", "spacy,languagetool", *DRAFTS]
    shared_code, shared = _check_json(args, env)
    state = read_state(DaemonPaths(shared_dir))
    assert state is not None
    seen.tokens.add(state.token)
    again_code, again = _check_json(args, env)
    private_code, private = _check_json(["--no-daemon", *args], env)
    one_job_code, one_job = _check_json(["--jobs", "1", *args], env)
    assert shared_code == again_code == private_code == one_job_code == 1
    assert shared == again == private == one_job
    rules = [f["rule"] for f in json.loads(shared)["findings"]]
    assert rules.count("LT.MORFOLOGIK_RULE_EN_US") == 3, rules
    after = read_state(DaemonPaths(shared_dir))
    assert after is not None and after.jvm_pid == state.jvm_pid, "the second run restarted it"
    status = CliRunner().invoke(app, ["server", "status"], env=env)
    assert status.exit_code == 0 and f"running at {state.url}" in status.stdout


def test_a_server_of_another_version_is_replaced(
    lt_installation: Installation, shared_dir: Path, seen: Seen
) -> None:
    client = _client(lt_installation, shared_dir)
    client.wait_ready()
    old = seen.add(client)
    client.stop()
    # As after an upgrade: the recorded server runs another LanguageTool.
    forged = replace(old, identity={**old.identity, "languagetool": "6.7"})
    _write_state(DaemonPaths(shared_dir), forged)
    fresh = _client(lt_installation, shared_dir)
    try:
        fresh.wait_ready()
        seen.add(fresh)
        assert fresh.started and fresh.replaced is not None
        assert "languagetool 6.7" in fresh.replaced, fresh.replaced
        assert fresh.pid != old.jvm_pid
        assert not _alive(old.jvm_pid) and not _alive(old.supervisor_pid)
    finally:
        fresh.stop()
    other_settings = _client(lt_installation, shared_dir, heap="768m")
    assert other_settings.identity != fresh.identity  # settings are part of what must match


def test_a_stale_state_or_a_foreign_port_is_never_trusted(
    lt_installation: Installation, tmp_path: Path, seen: Seen
) -> None:
    paths = DaemonPaths(tmp_path)
    paths.ensure()
    client = _client(lt_installation, tmp_path)
    paths.state.write_text("{not json", encoding="utf-8")
    assert read_state(paths) is None

    port = free_port()
    foreign = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_until(lambda: any(
            c.status == psutil.CONN_LISTEN and c.laddr.port == port
            for c in psutil.Process(foreign.pid).net_connections(kind="inet")
        ), 30)
        started = psutil.Process(foreign.pid).create_time()
        # A state naming a process that is not ours, answering HTTP on the recorded port.
        foreign_state = DaemonState(
            token="f" * 32, supervisor_pid=foreign.pid, supervisor_started=started,
            jvm_pid=foreign.pid, jvm_started=started, port=port,
            identity=client.identity, idle_timeout=600.0, ready_at=time.time(),
        )
        assert "not running" in (why_not_running(foreign_state) or "")
        dead = replace(foreign_state, supervisor_pid=2**22 + 7, jvm_pid=2**22 + 7)
        assert "not running" in (why_not_running(dead) or "")
        _write_state(paths, foreign_state)
        try:
            client.wait_ready()
            seen.add(client)
            assert client.started and "not running" in (client.replaced or "")
            assert client.state is not None and client.state.port != port
            assert foreign.poll() is None, "proofer signalled a process that is not its own"
        finally:
            client.stop()
            stop_server(tmp_path)
    finally:
        foreign.kill()
        foreign.wait(timeout=10)


def test_two_runs_starting_at_once_end_with_one_server(
    lt_installation: Installation, tmp_path: Path, seen: Seen
) -> None:
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from proofer.engines.languagetool.daemon import DaemonServer
        from proofer.engines.languagetool.install import find_installation
        from proofer.engines.languagetool.server import ServerSettings
        server = DaemonServer(find_installation(), ServerSettings(), directory=Path(sys.argv[1]))
        server.wait_ready()
        print(server.pid, server.started, server.state.token, flush=True)
        server.stop()
        """
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        outputs = [run.communicate(timeout=600) for run in runs]
        answers = [out.split() for out, _ in outputs]
        for token in {a[2] for a in answers if len(a) == 3}:
            seen.tokens.add(token)
        assert all(run.returncode == 0 for run in runs), outputs
        assert len({a[0] for a in answers}) == 1, answers
        assert sorted(a[1] for a in answers) == ["False", "True"], answers
        assert len(_jvms_with({a[2] for a in answers})) == 1
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
        stop_server(tmp_path)


def test_an_unused_server_stops_after_the_idle_timeout(
    lt_installation: Installation, tmp_path: Path, seen: Seen
) -> None:
    client = _client(lt_installation, tmp_path, idle=2.0)
    try:
        client.wait_ready()
        state = seen.add(client)
        time.sleep(6)  # three idle timeouts while a client holds it: it must stay
        assert _alive(state.jvm_pid) and client.alive()
    finally:
        client.stop()
    assert _wait_until(lambda: not _alive(state.jvm_pid) and not _alive(state.supervisor_pid))
    assert not DaemonPaths(tmp_path).state.exists()
    assert "idle for 2 s" in DaemonPaths(tmp_path).log.read_text(encoding="utf-8")


def test_a_killed_supervisor_takes_its_jvm_along(
    lt_installation: Installation, shared_dir: Path, seen: Seen
) -> None:
    client = _client(lt_installation, shared_dir)
    client.wait_ready()
    old = seen.add(client)
    client.stop()
    os.kill(old.supervisor_pid, signal.SIGKILL)
    assert _wait_until(lambda: not _alive(old.jvm_pid), 30), "the JVM outlived its supervisor"
    fresh = _client(lt_installation, shared_dir)
    try:
        fresh.wait_ready()
        seen.add(fresh)
        assert fresh.started and "supervisor" in (fresh.replaced or ""), fresh.replaced
    finally:
        fresh.stop()


def _spans(results: dict[str, list[TextFinding]]) -> dict[str, list[tuple[str, int, int]]]:
    return {p: sorted((f.rule, f.start, f.end) for f in fs) for p, fs in results.items()}


def test_the_engine_recovers_when_the_shared_jvm_dies(
    lt_url: str, shared_dir: Path, seen: Seen, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [parse_markdown(name, text) for name, text in DRAFTS.items()]
    on_session_server = build_languagetool(Config(), url=lt_url)
    try:
        reference = _spans(on_session_server.check(documents))
    finally:
        on_session_server.close()
    monkeypatch.setenv(SERVER_DIR_ENV, str(shared_dir))
    killed: list[int] = []

    def kill_once(path: str) -> None:
        if not killed and engine.server is not None and engine.server.pid:
            killed.append(engine.server.pid)
            os.kill(engine.server.pid, signal.SIGKILL)

    engine = build_languagetool(Config(), on_checked=kill_once, daemon=True)
    try:
        results = engine.check(documents)
        assert killed and engine.restarts == 1
        assert engine.server is not None and engine.server.pid not in (None, killed[0])
        replacement = engine.server.pid
        assert isinstance(engine.server, DaemonServer)
        seen.add(engine.server)
    finally:
        engine.close()
    assert _spans(results) == reference
    assert replacement is not None and _alive(replacement), "close() must leave it running"


def test_stop_ends_the_server_and_status_says_so(
    lt_installation: Installation, shared_dir: Path, seen: Seen
) -> None:
    client = _client(lt_installation, shared_dir)
    client.wait_ready()
    state = seen.add(client)
    client.stop()
    env = {SERVER_DIR_ENV: str(shared_dir)}
    stopped = CliRunner().invoke(app, ["server", "stop"], env=env)
    assert stopped.exit_code == 0 and f"JVM pid {state.jvm_pid}" in stopped.stdout
    assert not _alive(state.jvm_pid) and not _alive(state.supervisor_pid)
    status = CliRunner().invoke(app, ["server", "status"], env=env)
    assert status.exit_code == 1 and "not running" in status.stdout
    again = CliRunner().invoke(app, ["server", "stop"], env=env)
    assert again.exit_code == 0 and "not running" in again.stdout
