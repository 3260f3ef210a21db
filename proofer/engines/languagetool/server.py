"""One local LanguageTool HTTP server: started on 127.0.0.1 and a free port, never orphaned.

The JVM is stopped by `stop()` (the engine's `close()`), by an atexit hook if the caller
forgot, and on Linux also by the kernel when proofer dies (PR_SET_PDEATHSIG), so neither
Ctrl-C nor a crash nor `kill -9` of proofer leaves it running.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from proofer.engines.languagetool.install import SERVER_CLASS, Installation
from proofer.engines.languagetool.java import JavaRuntime, resolve_java

_PR_SET_PDEATHSIG = 1
# The JVM options every server starts with (an AOT cache is made for exactly these).
BASE_JVM_OPTIONS: tuple[str, ...] = (
    # On 2 cores the serial collector halves start-up and warm-up time
    # (measured: ready 3-5 s and first check 5-6 s, against 5-11 s and 12-20 s).
    "-XX:+UseSerialGC",
    "-Djava.awt.headless=true",
)


class ServerError(Exception):
    """The server could not start or stopped answering."""


@dataclass(frozen=True)
class ServerSettings:
    """JVM and LanguageTool server settings; defaults suit a 2-core machine."""

    heap: str = "1g"
    start_timeout: float = 90.0
    request_timeout: float = 120.0
    # Sentences whose results the server keeps: room for a docs repo, so a warm shared
    # server re-checks unchanged text from its cache (go-blog re-run: JVM CPU 29 s with
    # 1,000, 9 s with 20,000; RSS 502 -> 561 MB).
    cache_size: int = 20_000
    pipeline_caching: bool = True
    max_text_length: int = 50_000
    max_check_threads: int = 2
    # How long the server keeps a sentence's result (LanguageTool's default is 300 s):
    # a warm shared server answers a re-check of unchanged text from this cache.
    cache_ttl: int = 1800
    # The `java` setting as written ("" = the default choice; see java.resolve_java).
    java: str = ""

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> ServerSettings:
        """Settings from the validated `[tool.proofer.languagetool]` table."""
        defaults = cls()
        return cls(
            heap=str(section.get("heap", defaults.heap)),
            start_timeout=float(section.get("start-timeout", defaults.start_timeout)),
            request_timeout=float(section.get("request-timeout", defaults.request_timeout)),
            cache_size=int(section.get("cache-size", defaults.cache_size)),
            pipeline_caching=bool(section.get("pipeline-caching", defaults.pipeline_caching)),
            max_text_length=int(section.get("max-text-length", defaults.max_text_length)),
            max_check_threads=int(section.get("max-check-threads", defaults.max_check_threads)),
            cache_ttl=int(section.get("cache-ttl", defaults.cache_ttl)),
            java=str(section.get("java", defaults.java)),
        )

    def server_side(self) -> dict[str, str]:
        """The settings the JVM is started with (a shared server is reused only when they
        match); the timeouts are the client's own, and the Java chosen is compared as the
        runtime it resolved to (daemon.identity_for), not as written."""
        values = asdict(self)
        return {
            key: str(value)
            for key, value in sorted(values.items())
            if key not in ("start_timeout", "request_timeout", "java")
        }

    def properties(self) -> str:
        """The server's --config file."""
        return (
            f"cacheSize={self.cache_size}\n"
            f"pipelineCaching={'true' if self.pipeline_caching else 'false'}\n"
            f"maxTextLength={self.max_text_length}\n"
            f"maxCheckThreads={self.max_check_threads}\n"
            f"cacheTTLSeconds={self.cache_ttl}\n"
        )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec: ask Linux to SIGKILL it when proofer's thread dies."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def answers(url: str, timeout: float = 2.0) -> bool:
    """True when a GET of `url` returns 200 within `timeout` seconds."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


class ManagedServer(Protocol):
    """A LanguageTool server the engine starts, watches and restarts: its own JVM
    (LocalServer) or the per-user shared one (daemon.DaemonServer)."""

    @property
    def url(self) -> str: ...

    @property
    def pid(self) -> int | None: ...

    def alive(self) -> bool: ...

    def launch(self) -> None:
        """Begin starting (or finding) the server without waiting for it."""

    def wait_ready(self) -> None:
        """Block until the server answers; raises ServerError."""

    def kill(self) -> None:
        """Kill a hung or broken server at once."""

    def stop(self) -> None:
        """Let go of the server: stop a private JVM, leave a shared one running."""


class LocalServer:
    """A LanguageTool server process owned by this proofer run.

    It runs on `java` (by default the choice of `settings.java`, see java.resolve_java,
    which raises ProvisionError when there is none) with the AOT cache made for that
    runtime and class path when there is one; `aot_output` instead makes this a training
    run that writes a new cache there when the JVM exits.
    """

    def __init__(
        self,
        installation: Installation,
        settings: ServerSettings,
        jvm_options: Sequence[str] = (),
        *,
        java: JavaRuntime | None = None,
        aot_output: Path | None = None,
    ) -> None:
        self.installation = installation
        self.settings = settings
        self.jvm_options = tuple(jvm_options)
        self.java = java or resolve_java(settings.java)
        self.aot_output = aot_output
        # The AOT cache the running JVM was started with, if any.
        self.aot_cache: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._attempts = 0
        self._started = 0.0
        self.port = 0

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:40123/."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the JVM and wait until it answers; raises ServerError with its log."""
        if not self.alive():
            self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the JVM without waiting for it (call `wait_ready` before using it)."""
        self.stop()
        self._attempts = 0
        self._launch()

    def wait_ready(self) -> None:
        """Wait until the server answers; relaunch on a port clash (at most twice)."""
        while True:
            try:
                self._wait_ready()
                return
            except ServerError as exc:
                log = self.log_tail()
                self.stop()
                port_taken = "BindException" in log or "Address already in use" in log
                if not port_taken or self._attempts >= 2:
                    detail = f"; its last output:\n{log}" if log else ""
                    raise ServerError(f"{exc}{detail}") from None
                self._attempts += 1
                self._launch()

    def _launch(self) -> None:
        self._workdir = tempfile.TemporaryDirectory(prefix="proofer-lt-")
        workdir = Path(self._workdir.name)
        config = workdir / "server.properties"
        config.write_text(self.settings.properties(), encoding="utf-8")
        self.port = free_port()
        aot_options = self.aot_options()
        prefix = "-XX:AOTCache="
        used = [option[len(prefix):] for option in aot_options if option.startswith(prefix)]
        self.aot_cache = Path(used[0]) if used else None
        command = [
            self.java.executable,
            f"-Xmx{self.settings.heap}",
            *BASE_JVM_OPTIONS,
            *aot_options,
            *self.jvm_options,
            "-cp", self.installation.classpath,
            SERVER_CLASS,
            "--port", str(self.port),
            "--config", str(config),
        ]
        self._started = time.monotonic()
        with (workdir / "server.log").open("wb") as log:
            try:
                self._process = self._popen(command, workdir, log)
            except OSError as exc:
                raise ServerError(f"cannot run {command[0]}: {exc.strerror or exc}") from None
        atexit.register(self.stop)

    def aot_options(self) -> list[str]:
        """The AOT cache options of this start (empty before Java 25 or without a cache)."""
        from proofer.engines.languagetool import aot

        if self.aot_output is not None:
            return [f"-XX:AOTCacheOutput={self.aot_output}"]
        return aot.options_for(self.installation, self.java, BASE_JVM_OPTIONS)

    def _popen(self, command: list[str], workdir: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
        on_main_thread = threading.current_thread() is threading.main_thread()
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            # Own process group: a terminal Ctrl-C reaches proofer, which stops it.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" and on_main_thread else None,
        )

    def _wait_ready(self) -> None:
        deadline = self._started + self.settings.start_timeout
        probe = f"{self.url}v2/languages"
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                code = self._process.returncode if self._process else None
                raise ServerError(f"the LanguageTool server exited at start-up (code {code})")
            if answers(probe):
                return
            time.sleep(0.2)
        raise ServerError(
            f"the LanguageTool server did not answer within {self.settings.start_timeout:g} s "
            "(raise [tool.proofer.languagetool] start-timeout on a slow machine)"
        )

    def log_tail(self, lines: int = 12) -> str:
        """The last lines of the server's output, for error messages."""
        if self._workdir is None:
            return ""
        path = Path(self._workdir.name) / "server.log"
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL the JVM at once (a hung server does not answer SIGTERM)."""
        if self.alive() and self._process is not None:
            self._process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=10)

    def stop(self, grace: float = 5.0) -> None:
        """Stop the JVM (SIGTERM, then SIGKILL after `grace` seconds) and remove its work
        directory."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
        if process is not None:
            atexit.unregister(self.stop)
        if self._workdir is not None:
            self._workdir.cleanup()
            self._workdir = None
