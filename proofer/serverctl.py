"""`proofer server start|status|stop`: the shared LanguageTool server, for people.

The mechanics live in proofer.engines.languagetool.daemon; this module turns them into
the lines the CLI and `proofer doctor` print.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from proofer.config import Config
from proofer.engines.languagetool.daemon import (
    DEFAULT_IDLE_TIMEOUT,
    DaemonServer,
    DaemonState,
    DaemonStatus,
    describe_mismatch,
    identity_for,
    server_status,
    stop_server,
)
from proofer.engines.languagetool.install import (
    ProvisionError,
    find_installation,
    resolve_installation,
)
from proofer.engines.languagetool.server import ServerError, ServerSettings


class ServerControlError(Exception):
    """The shared server could not be started or stopped; the message says why."""


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"


def _settings(config: Config) -> tuple[ServerSettings, float]:
    section = config.languagetool
    return (
        ServerSettings.from_config(section),
        float(section.get("idle-timeout", DEFAULT_IDLE_TIMEOUT)),
    )


def start_server(config: Config) -> DaemonServer:
    """Find or start the shared server for this configuration (lease already let go)."""
    settings, idle = _settings(config)
    try:
        server = DaemonServer(resolve_installation(), settings, idle_timeout=idle)
        server.wait_ready()
    except (ProvisionError, ServerError) as exc:
        raise ServerControlError(str(exc)) from None
    server.stop()
    return server


def stop(config: Config | None = None) -> DaemonState | None:
    """Stop the shared server; the state it had, or None when none was running."""
    del config  # one shared server per user, whatever the configuration
    try:
        return stop_server()
    except ServerError as exc:
        raise ServerControlError(str(exc)) from None


@dataclass(frozen=True)
class StatusReport:
    status: DaemonStatus
    reusable: str | None  # why this configuration would start a new one, if it would

    @property
    def running(self) -> bool:
        return self.status.running


def status(config: Config) -> StatusReport:
    """The shared server's state and whether a run with `config` would reuse it."""
    current = server_status()
    reason = None
    if current.state is not None:
        installation = find_installation()
        settings, _ = _settings(config)
        if installation is None:
            reason = "LanguageTool is not installed for this proofer"
        else:
            try:
                wanted = identity_for(installation, settings)
            except ProvisionError as exc:
                reason = str(exc)
            else:
                reason = describe_mismatch(current.state.identity, wanted)
    return StatusReport(current, reason)


def status_lines(report: StatusReport) -> list[str]:
    """Human lines for `proofer server status`."""
    current = report.status
    state = current.state
    if state is None:
        note = f" ({current.problem})" if current.problem else ""
        return [f"LanguageTool server: not running{note}", f"state directory: {current.directory}"]
    if current.problem is not None:
        return [
            f"LanguageTool server: not usable: {current.problem} (the next run starts a new one)",
            f"state directory: {current.directory}",
        ]
    identity = state.identity
    idle = (
        f"idle for {_duration(current.idle_for)}, " if current.idle_for is not None else ""
    )
    lines = [
        f"LanguageTool server: running at {state.url}",
        f"LanguageTool {identity.get('languagetool', '?')}, started by proofer "
        f"{identity.get('proofer', '?')}, heap {identity.get('setting.heap', '?')}",
        f"Java {identity.get('java.version', '?')} at {identity.get('java', '?')}; "
        f"AOT cache: {state.aot_cache or 'none'}",
        f"JVM pid {state.jvm_pid}, supervisor pid {state.supervisor_pid}",
        f"up {_duration(time.time() - state.ready_at)}; {idle}"
        f"stops after {_duration(state.idle_timeout)} unused",
        f"state directory: {current.directory}",
    ]
    if report.reusable is not None:
        lines.append(f"a run here would replace it: {report.reusable}")
    return lines


def doctor_detail(config: Config) -> str:
    """One line for `proofer doctor`."""
    report = status(config)
    state = report.status.state
    if state is None or report.status.problem is not None:
        return "not running (the next run starts it; --no-daemon runs a private one)"
    detail = f"running at {state.url} (JVM pid {state.jvm_pid})"
    if report.reusable is not None:
        detail += f"; would be replaced: {report.reusable}"
    return detail
