"""How `proofer lsp` talks: stdout carries protocol messages only; --tcp binds loopback."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time

import psutil
import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from proofer.lsp.main import AddressError, parse_address

STRAY = r"""
import os, sys
from proofer.lsp.main import _protocol_stdout
out = _protocol_stdout()
print("a stray print")
os.system("echo a child process")
os.write(1, b"raw fd 1\n")
out.write(b"Content-Length: 2\r\n\r\n{}")
out.flush()
"""


def test_stray_output_goes_to_stderr_and_stdout_keeps_the_protocol() -> None:
    done = subprocess.run(
        [sys.executable, "-c", STRAY], capture_output=True, timeout=60, check=True
    )
    assert done.stdout == b"Content-Length: 2\r\n\r\n{}"
    for stray in (b"a stray print", b"a child process", b"raw fd 1"):
        assert stray in done.stderr


@pytest.mark.parametrize(
    ("value", "address"),
    [("7000", ("127.0.0.1", 7000)), ("0.0.0.0:7000", ("0.0.0.0", 7000)),
     ("[::1]:7000", ("::1", 7000)), (":7000", ("127.0.0.1", 7000))],
)
def test_tcp_address(value: str, address: tuple[str, int]) -> None:
    assert parse_address(value) == address


@pytest.mark.parametrize("value", ["localhost", "host:port", "70000"])
def test_bad_tcp_address(value: str) -> None:
    with pytest.raises(AddressError):
        parse_address(value)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(pid: int, port: int) -> list[str]:
    process = psutil.Process(pid)
    return [
        c.laddr.ip for c in process.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    ]


@pytest.mark.asyncio
async def test_tcp_listens_on_loopback_only_and_serves(tmp_path: object) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "proofer", "lsp", "--tcp", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not a speed check
        while not _listening(server.pid, port):
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server never listened"
            await asyncio.sleep(0.2)
        assert _listening(server.pid, port) == ["127.0.0.1"]
        client = LanguageClient("test", "1")
        await client.start_tcp("127.0.0.1", port)
        result = await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities())
        )
        assert result.server_info is not None and result.server_info.name == "proofer"
        assert result.capabilities.code_action_provider
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    finally:
        server.terminate()
        server.wait(timeout=30)
