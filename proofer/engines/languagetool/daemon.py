"""A per-user LanguageTool server that stays warm between runs.

The first run that needs LanguageTool starts a small supervisor process (this module's
`main`); the supervisor starts the JVM (a LocalServer on 127.0.0.1 and a free port),
warms it up and writes a state file in proofer's cache directory. Later runs find the
server through that file, so they skip the JVM's start-up and its slow first checks.

Nothing in the state file is trusted until checked: the supervisor and the JVM must still
be the processes that were started (same pid, same start time, the random token of the
state on their command lines), the JVM must listen on the recorded port and answer, and
it must have been started with the LanguageTool, Java runtime (path and version),
proofer version and server settings this run wants. Whether it started with an AOT cache
is recorded but not compared: the cache only makes a JVM start faster, it never changes
a result, and a server that is up is past the start the cache speeds. A stale file, a
dead pid, another version, or a port that some other process holds is never used:
whatever is verifiably ours is stopped and a fresh server is started.

Two flock locks in the same directory (the kernel releases them if a holder dies):

- `start.lock`, exclusive: held while a client checks the state and, if needed, starts
  a server, so two runs starting at once end with one server;
- `users.lock`, shared: held by every client while it uses the server. The supervisor
  stops the JVM once nobody has used it for the idle timeout and it can take both locks
  without waiting. Locks are always taken in this order (start, then users).

`proofer server stop` stops it at once; `--no-daemon` runs a private server instead.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import secrets
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import psutil

from proofer import __version__
from proofer.atomic import write_atomically
from proofer.engines.languagetool.install import Installation, cache_root
from proofer.engines.languagetool.java import JavaRuntime, resolve_java
from proofer.engines.languagetool.server import (
    LocalServer,
    ServerError,
    ServerSettings,
    answers,
)

try:  # POSIX only: elsewhere every run uses a private server (see `supported`).
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SERVER_DIR_ENV = "PROOFER_SERVER_DIR"
STATE_FORMAT = 1
DEFAULT_IDLE_TIMEOUT = 1800.0
TOKEN_PROPERTY = "-Dproofer.daemon.token="
HEALTH_TIMEOUT = 30.0
WARM_UP_TEXT = "This is a short text that warms up the the speling and grammar rules."


def supported() -> bool:
    """True where the shared server can run (needs POSIX file locks)."""
    return fcntl is not None


def server_dir() -> Path:
    """Where the shared server's state and locks live ($PROOFER_SERVER_DIR overrides)."""
    override = os.environ.get(SERVER_DIR_ENV)
    return Path(override) if override else cache_root() / "server"


@dataclass(frozen=True)
class DaemonPaths:
    """The files of one shared-server directory."""

    directory: Path

    @property
    def state(self) -> Path:
        return self.directory / "state.json"

    @property
    def start_lock(self) -> Path:
        return self.directory / "start.lock"

    @property
    def users_lock(self) -> Path:
        return self.directory / "users.lock"

    @property
    def activity(self) -> Path:
        """Touched whenever a client takes or lets go of the server."""
        return self.directory / "activity"

    @property
    def log(self) -> Path:
        return self.directory / "supervisor.log"

    def ensure(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)


@dataclass(frozen=True)
class DaemonState:
    """What the supervisor writes once the server is ready."""

    token: str
    supervisor_pid: int
    supervisor_started: float
    jvm_pid: int
    jvm_started: float
    port: int
    identity: Mapping[str, str]
    idle_timeout: float
    ready_at: float
    format: int = STATE_FORMAT
    aot_cache: str = ""  # the AOT cache the JVM was started with ("" = none)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> DaemonState:
        """Parse a state file; ValueError when it is not one this proofer wrote."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
                raise ValueError("not a state file of this format")
            identity = data["identity"]
            if not isinstance(identity, dict):
                raise ValueError("bad identity")
            return cls(
                token=str(data["token"]),
                supervisor_pid=int(data["supervisor_pid"]),
                supervisor_started=float(data["supervisor_started"]),
                jvm_pid=int(data["jvm_pid"]),
                jvm_started=float(data["jvm_started"]),
                port=int(data["port"]),
                identity={str(k): str(v) for k, v in identity.items()},
                idle_timeout=float(data["idle_timeout"]),
                ready_at=float(data["ready_at"]),
                aot_cache=str(data.get("aot_cache", "")),
            )
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"unreadable state file: {exc}") from None


def read_state(paths: DaemonPaths) -> DaemonState | None:
    """The recorded state, or None when there is none or it cannot be read."""
    try:
        return DaemonState.from_json(paths.state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(paths: DaemonPaths, state: DaemonState) -> None:
    """Write atomically (a reader never sees half a file), readable by this user only."""
    write_atomically(paths.state, state.to_json().encode("utf-8"), mode=0o600)


def identity_for(
    installation: Installation, settings: ServerSettings, java: JavaRuntime | None = None
) -> dict[str, str]:
    """What a shared server must have been started with to be reused by this run: the
    Java runtime too (its results are keyed by its version). Raises ProvisionError when
    `java` is not given and there is no Java."""
    java = java or resolve_java(settings.java)
    return {
        "languagetool": installation.version,
        # A digest: the class path names every jar (a long line in error messages).
        "classpath": hashlib.sha256(installation.classpath.encode("utf-8")).hexdigest()[:20],
        "java": java.executable,
        "java.version": java.build,
        "proofer": __version__,
        **{f"setting.{key}": value for key, value in settings.server_side().items()},
    }


def describe_mismatch(found: Mapping[str, str], wanted: Mapping[str, str]) -> str | None:
    """The first difference between two identities, in words; None when they match."""
    for key in sorted(set(found) | set(wanted)):
        if found.get(key) != wanted.get(key):
            return f"it runs {key} {found.get(key, '(unset)')}, this run wants {wanted.get(key)}"
    return None


# -- locks ----------------------------------------------------------------------------


@contextlib.contextmanager
def _flock(path: Path, mode: int, timeout: float | None) -> Iterator[bool]:
    """Hold a flock on `path`; yields False when it could not be had within `timeout`
    (0 = do not wait, None = wait as long as it takes)."""
    assert fcntl is not None
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        got = _take(descriptor, mode, timeout)
        yield got
    finally:
        os.close(descriptor)  # closing releases the lock


def _take(descriptor: int, mode: int, timeout: float | None) -> bool:
    assert fcntl is not None
    if timeout is None:
        fcntl.flock(descriptor, mode)
        return True
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.touch()
        os.utime(path)


# -- checking processes ---------------------------------------------------------------


def _process(pid: int, started: float, marker: str) -> psutil.Process | None:
    """The process `pid` if it is still the one started at `started` with `marker` on its
    command line (a reused pid or a foreign process is None)."""
    try:
        process = psutil.Process(pid)
        if abs(process.create_time() - started) > 0.05:
            return None
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        if not any(marker in part for part in process.cmdline()):
            return None
        return process
    except (psutil.Error, OSError):
        return None


def _listens(process: psutil.Process, port: int) -> bool:
    try:
        return any(
            c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
            for c in process.net_connections(kind="inet")
        )
    except (psutil.Error, OSError):
        return False


def _token_marker(token: str) -> str:
    return f"{TOKEN_PROPERTY}{token}"


@dataclass(frozen=True)
class Processes:
    """The verified processes of a state (None where the process is not ours any more)."""

    supervisor: psutil.Process | None
    jvm: psutil.Process | None


def verified_processes(state: DaemonState) -> Processes:
    return Processes(
        supervisor=_process(state.supervisor_pid, state.supervisor_started, state.token),
        jvm=_process(state.jvm_pid, state.jvm_started, _token_marker(state.token)),
    )


def why_not_running(state: DaemonState, health_timeout: float = HEALTH_TIMEOUT) -> str | None:
    """Why the recorded server cannot be used (whatever the version); None when it can."""
    found = verified_processes(state)
    if found.supervisor is None:
        return f"its supervisor (pid {state.supervisor_pid}) is not running"
    if found.jvm is None:
        return f"its JVM (pid {state.jvm_pid}) is not running"
    if not _listens(found.jvm, state.port):
        return f"its JVM does not listen on port {state.port}"
    if not answers(f"{state.url}v2/languages", timeout=health_timeout):
        return f"it does not answer on port {state.port}"
    return None


def _wait_gone(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    """Wait for processes to end (a zombie counts as ended); returns those still alive."""
    deadline = time.monotonic() + timeout
    alive = list(processes)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if _running(p)]
        if alive:
            time.sleep(0.1)
    return alive


def _running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _signal(process: psutil.Process | None, signum: int) -> None:
    if process is not None:
        with contextlib.suppress(psutil.Error, OSError):
            process.send_signal(signum)


def _end(state: DaemonState, *, hard: bool, timeout: float = 15.0) -> None:
    """Stop the processes of `state` that are verifiably ours; never signal another.

    `hard` kills the JVM at once (it may be hung or stopped); otherwise the supervisor is
    asked to stop it (SIGTERM), and both are killed if they outlive `timeout`.
    """
    found = verified_processes(state)
    if hard:
        _signal(found.jvm, signal.SIGKILL)
    _signal(found.supervisor, signal.SIGTERM)
    left = _wait_gone([p for p in (found.supervisor, found.jvm) if p is not None], timeout)
    for process in left:
        _signal(process, signal.SIGKILL)
    _wait_gone(left, 5.0)


def _remove_state_of(paths: DaemonPaths, token: str) -> None:
    state = read_state(paths)
    if state is not None and state.token == token:
        paths.state.unlink(missing_ok=True)


# -- the client -----------------------------------------------------------------------


class DaemonServer:
    """A client's hold on the shared server (a ManagedServer for the engine).

    `wait_ready` finds a trusted server or starts one and takes a lease on it; `stop`
    lets go of the lease and leaves the server running for the next run; `kill` ends a
    server that hung or broke, so the next `wait_ready` starts a fresh one. Usable from a
    long-running process: call `wait_ready` again after a failure.
    """

    def __init__(
        self,
        installation: Installation,
        settings: ServerSettings,
        *,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        directory: Path | None = None,
        java: JavaRuntime | None = None,
    ) -> None:
        if not supported():
            raise ServerError("a shared server needs POSIX file locks; use --no-daemon")
        self.installation = installation
        self.settings = settings
        self.idle_timeout = idle_timeout
        self.paths = DaemonPaths(directory or server_dir())
        # Raises ProvisionError without Java (the engine builder reports it).
        self.java = java or resolve_java(settings.java)
        self.identity = identity_for(installation, settings, self.java)
        self._state: DaemonState | None = None
        self._jvm: psutil.Process | None = None
        self._lease: int | None = None
        self._guard = threading.Lock()
        # Whether the last wait_ready started the server (False: reused a warm one).
        self.started = False
        self.replaced: str | None = None  # why an existing server was not reused

    @property
    def state(self) -> DaemonState | None:
        return self._state

    @property
    def url(self) -> str:
        if self._state is None:
            raise ServerError("the shared LanguageTool server is not ready")
        return self._state.url

    @property
    def pid(self) -> int | None:
        """The JVM's pid."""
        return self._state.jvm_pid if self._state else None

    def alive(self) -> bool:
        jvm = self._jvm
        return jvm is not None and _running(jvm)

    def launch(self) -> None:
        """Nothing to do up front: `wait_ready` finds or starts the shared server."""

    def wait_ready(self) -> None:
        """Find a trusted shared server or start one, and hold a lease on it."""
        with self._guard:
            if self._lease is not None and self.alive():
                return
            self._let_go()
            self.paths.ensure()
            budget = 3 * self.settings.start_timeout + 10
            with _flock(self.paths.start_lock, fcntl.LOCK_EX, budget) as got:
                if not got:
                    raise ServerError(
                        f"another proofer run held {self.paths.start_lock} for "
                        f"{budget:g} s while starting the LanguageTool server"
                    )
                lease = os.open(self.paths.users_lock, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    # Never waits: a supervisor takes users.lock only while it holds
                    # start.lock, which is ours now.
                    _take(lease, fcntl.LOCK_SH, None)
                    _touch(self.paths.activity)
                    state = self._trusted_state() or self._start()
                except BaseException:
                    os.close(lease)
                    raise
            self._lease = lease
            self._state = state
            self._jvm = verified_processes(state).jvm
            if self._jvm is None:
                self._let_go()
                raise ServerError("the shared LanguageTool server ended while starting")

    def _trusted_state(self) -> DaemonState | None:
        """The recorded server when it can be used; otherwise clean it up (ours only)."""
        self.started, self.replaced = False, None
        state = read_state(self.paths)
        if state is None:
            if self.paths.state.exists():
                self.replaced = "its state file could not be read"
                self.paths.state.unlink(missing_ok=True)
            return None
        reason = describe_mismatch(state.identity, self.identity) or why_not_running(state)
        if reason is None:
            return state
        self.replaced = reason
        _end(state, hard=True)
        self.paths.state.unlink(missing_ok=True)
        return None

    def _start(self) -> DaemonState:
        """Start a supervisor and wait until it reports the server ready."""
        token = secrets.token_hex(16)
        spec = {
            "languagetool": self.installation.version,
            "path": str(self.installation.path),
            "classpath": self.installation.classpath,
            "origin": self.installation.origin,
            "settings": asdict(self.settings),
            "java": asdict(self.java),
            "identity": self.identity,
            "idle_timeout": self.idle_timeout,
        }
        read_end, write_end = os.pipe()
        command = [
            sys.executable, "-m", "proofer.engines.languagetool.daemon",
            "--directory", str(self.paths.directory), "--token", token,
            "--ready-fd", str(write_end), "--spec", json.dumps(spec),
        ]
        try:
            with self.paths.log.open("ab" if _small(self.paths.log) else "wb") as log:
                launcher = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                    pass_fds=(write_end,), start_new_session=True,
                )
        except OSError as exc:
            os.close(read_end)
            raise ServerError(f"cannot start the LanguageTool supervisor: {exc}") from None
        finally:
            os.close(write_end)
        try:
            # The launcher forks the supervisor off and exits at once.
            launcher.wait(timeout=60)
            answer = _read_answer(read_end, 2 * self.settings.start_timeout + 10)
        finally:
            os.close(read_end)
        if answer != "ready":
            tail = self.log_tail()
            detail = f"; its log ({self.paths.log}):\n{tail}" if tail else ""
            raise ServerError(f"the shared LanguageTool server did not start: {answer}{detail}")
        state = read_state(self.paths)
        if state is None or state.token != token:
            raise ServerError(f"the shared LanguageTool server left no state in {self.paths.state}")
        self.started = True
        return state

    def log_tail(self, lines: int = 12) -> str:
        try:
            text = self.paths.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def kill(self) -> None:
        """End the shared server now (it hung or died); the next wait_ready starts anew."""
        with self._guard:
            state = self._state
            self._let_go()
            if state is not None:
                _end(state, hard=True)

    def stop(self) -> None:
        """Let go of the lease; the server stays up for the next run until it idles out."""
        with self._guard:
            self._let_go()

    def _let_go(self) -> None:
        lease, self._lease = self._lease, None
        self._state, self._jvm = None, None
        if lease is not None:
            _touch(self.paths.activity)  # before unlocking: never idle while in use
            os.close(lease)

    def __enter__(self) -> DaemonServer:
        self.wait_ready()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def _small(path: Path, limit: int = 256 * 1024) -> bool:
    """True when a log file may grow (a bigger one is started afresh)."""
    try:
        return path.stat().st_size < limit
    except OSError:
        return True


def _read_answer(descriptor: int, timeout: float) -> str:
    """The supervisor's one-line answer on the pipe: "ready" or "error: ..."."""
    deadline = time.monotonic() + timeout
    received = b""
    while b"\n" not in received:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return f"no answer within {timeout:g} s"
        readable, _, _ = select.select([descriptor], [], [], remaining)
        if not readable:
            continue
        chunk = os.read(descriptor, 4096)
        if not chunk:
            break
        received += chunk
    line = received.decode("utf-8", "replace").strip()
    return line or "the supervisor exited without an answer"


# -- status and stop (CLI, doctor) ----------------------------------------------------


@dataclass(frozen=True)
class DaemonStatus:
    """What `proofer server status` shows."""

    directory: Path
    state: DaemonState | None
    problem: str | None = None  # why a recorded server is not usable
    idle_for: float | None = None

    @property
    def running(self) -> bool:
        return self.state is not None and self.problem is None


def server_status(directory: Path | None = None) -> DaemonStatus:
    """The shared server's state, checked (read-only: nothing is started or stopped)."""
    paths = DaemonPaths(directory or server_dir())
    state = read_state(paths)
    if state is None:
        problem = "its state file cannot be read" if paths.state.exists() else None
        return DaemonStatus(paths.directory, None, problem)
    problem = why_not_running(state, health_timeout=5.0)
    try:
        idle_for: float | None = max(0.0, time.time() - paths.activity.stat().st_mtime)
    except OSError:
        idle_for = None
    return DaemonStatus(paths.directory, state, problem, idle_for)


def stop_server(directory: Path | None = None, timeout: float = 30.0) -> DaemonState | None:
    """Stop the shared server if one runs (ours only); returns the state it had."""
    paths = DaemonPaths(directory or server_dir())
    if not supported() or not paths.directory.is_dir():
        return None
    with _flock(paths.start_lock, fcntl.LOCK_EX, timeout) as got:
        if not got:
            raise ServerError(f"{paths.start_lock} is held: a run is starting the server")
        state = read_state(paths)
        if state is None:
            paths.state.unlink(missing_ok=True)
            return None
        found = verified_processes(state)
        _end(state, hard=False)
        paths.state.unlink(missing_ok=True)
        return state if (found.supervisor or found.jvm) else None


# -- the supervisor -------------------------------------------------------------------


@dataclass
class _Supervisor:
    """Runs in its own process: owns the JVM, stops it when idle, asked, or broken."""

    paths: DaemonPaths
    token: str
    installation: Installation
    settings: ServerSettings
    java: JavaRuntime
    identity: Mapping[str, str]
    idle_timeout: float
    stopping: threading.Event = field(default_factory=threading.Event)

    def run(self, answer: IO[str]) -> int:
        server = LocalServer(
            self.installation, self.settings, [_token_marker(self.token)], java=self.java
        )
        try:
            server.start()
            _warm_up(server.url, self.settings.start_timeout)
            state = self._ready_state(server)
            _write_state(self.paths, state)
        except (ServerError, OSError, ValueError) as exc:
            server.stop()
            _log(f"could not start: {exc}")
            _tell(answer, f"error: {exc}")
            return 1
        _log(f"ready on port {state.port} (JVM pid {state.jvm_pid})")
        _tell(answer, "ready")
        answer.close()
        reason = self._watch(server)
        _log(f"stopping: {reason}")
        server.stop()
        return 0

    def _ready_state(self, server: LocalServer) -> DaemonState:
        me = psutil.Process()
        jvm_pid = server.pid
        if jvm_pid is None:
            raise ServerError("the JVM has no pid")
        return DaemonState(
            token=self.token,
            supervisor_pid=me.pid,
            supervisor_started=me.create_time(),
            jvm_pid=jvm_pid,
            jvm_started=psutil.Process(jvm_pid).create_time(),
            port=server.port,
            identity=dict(self.identity),
            idle_timeout=self.idle_timeout,
            ready_at=time.time(),
            aot_cache=str(server.aot_cache or ""),
        )

    def _watch(self, server: LocalServer) -> str:
        """Wait until asked to stop, the JVM dies, or nobody used it for the idle time."""
        started = time.time()
        poll = max(0.2, min(1.0, self.idle_timeout / 5))
        while not self.stopping.wait(poll):
            if not server.alive():
                self._forget(wait=0)
                return "the JVM exited"
            if self._idle_for(started) < self.idle_timeout:
                continue
            with _flock(self.paths.start_lock, fcntl.LOCK_EX, 0) as free:
                if not free:
                    continue  # a client is starting up: it will touch the activity file
                with _flock(self.paths.users_lock, fcntl.LOCK_EX, 0) as unused:
                    if unused and self._idle_for(started) >= self.idle_timeout:
                        _remove_state_of(self.paths, self.token)
                        return f"idle for {self.idle_timeout:g} s"
        self._forget(wait=0)
        return "asked to stop"

    def _idle_for(self, started: float) -> float:
        try:
            last = max(started, self.paths.activity.stat().st_mtime)
        except OSError:
            last = started
        return time.time() - last

    def _forget(self, wait: float) -> None:
        """Remove our state file unless a client is busy with the lock (it will see the
        server is gone and clean up itself)."""
        with _flock(self.paths.start_lock, fcntl.LOCK_EX, wait) as got:
            if got:
                _remove_state_of(self.paths, self.token)


def _warm_up(url: str, timeout: float) -> None:
    """One check: a fresh JVM loads rules and dictionaries on its first request."""
    import requests

    response = requests.post(
        f"{url}v2/check", data={"language": "en-US", "text": WARM_UP_TEXT}, timeout=timeout
    )
    response.raise_for_status()


def _log(message: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} [{os.getpid()}] {message}", file=sys.stderr, flush=True)


def _tell(answer: IO[str], line: str) -> None:
    with contextlib.suppress(OSError):  # the client may have gone (Ctrl-C): carry on
        answer.write(line.replace("\n", " ") + "\n")
        answer.flush()


def _detach() -> None:
    """Fork once more so the supervisor is nobody's child (the launcher exits now)."""
    if os.fork() > 0:
        os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """The supervisor's entry point (started by DaemonServer, not by people)."""
    parser = argparse.ArgumentParser(description="proofer's shared LanguageTool supervisor")
    parser.add_argument("--directory", type=Path, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--ready-fd", type=int, required=True)
    parser.add_argument("--spec", required=True)
    args = parser.parse_args(argv)
    spec: dict[str, Any] = json.loads(args.spec)
    _detach()
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    supervisor = _Supervisor(
        paths=DaemonPaths(args.directory),
        token=args.token,
        installation=Installation(
            spec["languagetool"], Path(spec["path"]), spec["classpath"], spec["origin"]
        ),
        settings=ServerSettings(**spec["settings"]),
        java=JavaRuntime(**spec["java"]),
        identity=spec["identity"],
        idle_timeout=float(spec["idle_timeout"]),
    )

    def on_signal(signum: int, _frame: object) -> None:
        supervisor.stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    _log(f"supervisor started for {args.directory} (token {args.token[:6]}...)")
    with os.fdopen(args.ready_fd, "w", encoding="utf-8") as answer:
        return supervisor.run(answer)


if __name__ == "__main__":
    sys.exit(main())
