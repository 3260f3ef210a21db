"""The shared server's state file, identities and settings, without a JVM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proofer.config import ConfigError, load_config
from proofer.engines.languagetool.daemon import (
    DaemonPaths,
    DaemonState,
    _write_state,
    describe_mismatch,
    read_state,
    server_status,
    stop_server,
)
from proofer.engines.languagetool.server import ServerSettings

STATE = DaemonState(
    token="ab" * 16, supervisor_pid=10, supervisor_started=1.5, jvm_pid=11, jvm_started=1.6,
    port=40123, identity={"languagetool": "6.8", "proofer": "0.1.0"}, idle_timeout=60.0,
    ready_at=2.0,
)


def test_state_round_trips_and_is_private(tmp_path: Path) -> None:
    paths = DaemonPaths(tmp_path)
    _write_state(paths, STATE)
    assert read_state(paths) == STATE
    assert paths.state.stat().st_mode & 0o777 == 0o600
    assert STATE.url == "http://127.0.0.1:40123/"


@pytest.mark.parametrize("text", [
    "", "{", "[]", json.dumps({"format": 99}),
    json.dumps({**json.loads(STATE.to_json()), "port": "x"}),
    json.dumps({k: v for k, v in json.loads(STATE.to_json()).items() if k != "token"}),
])
def test_a_state_file_not_written_by_this_proofer_is_ignored(tmp_path: Path, text: str) -> None:
    paths = DaemonPaths(tmp_path)
    paths.state.write_text(text, encoding="utf-8")
    assert read_state(paths) is None


def test_status_of_a_dead_server_says_why_and_stop_signals_nothing(tmp_path: Path) -> None:
    paths = DaemonPaths(tmp_path)
    dead = DaemonState(**{**STATE.__dict__, "supervisor_pid": 2**22 + 3, "jvm_pid": 2**22 + 5})
    _write_state(paths, dead)
    status = server_status(tmp_path)
    assert not status.running and "not running" in (status.problem or "")
    assert stop_server(tmp_path) is None  # nothing of ours was running
    assert not paths.state.exists()


def test_identity_mismatch_is_described() -> None:
    found = {"languagetool": "6.7", "proofer": "0.1.0"}
    wanted = {"languagetool": "6.8", "proofer": "0.1.0"}
    assert describe_mismatch(found, wanted) == "it runs languagetool 6.7, this run wants 6.8"
    assert describe_mismatch(wanted, dict(wanted)) is None


def test_server_side_settings_leave_out_client_timeouts() -> None:
    settings = ServerSettings.from_config({"request-timeout": 5, "cache-ttl": 60, "heap": "2g"})
    side = settings.server_side()
    assert "request_timeout" not in side and "start_timeout" not in side
    assert side["heap"] == "2g" and side["cache_ttl"] == "60"
    assert "cacheTTLSeconds=60\n" in settings.properties()
    assert ServerSettings.from_config({"request-timeout": 9}).server_side() == ServerSettings().server_side()


def test_daemon_settings_are_validated(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text("[languagetool]\ndaemon = false\nidle-timeout = 600\n", encoding="utf-8")
    assert load_config(good).languagetool == {"daemon": False, "idle-timeout": 600}
    bad = tmp_path / "bad.toml"
    bad.write_text("[languagetool]\nidle-timeout = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="idle-timeout"):
        load_config(bad)
