"""Running the language server on stdio or TCP, with stdout kept for the protocol alone."""

from __future__ import annotations

import logging
import os
import sys
from typing import BinaryIO

DEFAULT_HOST = "127.0.0.1"


class AddressError(ValueError):
    """--tcp was not PORT or HOST:PORT."""


def parse_address(value: str) -> tuple[str, int]:
    """`PORT` (loopback) or `HOST:PORT`; `[::1]:PORT` for IPv6."""
    host, colon, port = value.rpartition(":")
    if not colon:
        host, port = DEFAULT_HOST, value
    host = host.strip("[]") or DEFAULT_HOST
    try:
        number = int(port)
    except ValueError:
        raise AddressError(f"--tcp: expected PORT or HOST:PORT, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise AddressError(f"--tcp: port {number} is out of range")
    return host, number


def _protocol_stdout() -> BinaryIO:
    """A private handle on the real stdout; fd 1 and sys.stdout now go to stderr, so a
    stray print (a library's, a child process's) can never corrupt the protocol."""
    sys.stdout.flush()
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return protocol


def serve(tcp: str | None = None) -> None:
    """Serve one editor session on stdio, or on TCP at `tcp` (PORT or HOST:PORT)."""
    from proofer.lsp.server import create_server

    address = parse_address(tcp) if tcp is not None else None
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="proofer lsp: %(levelname)s %(name)s: %(message)s")
    protocol_out = _protocol_stdout()
    ls, proofer = create_server()
    try:
        if address is None:
            ls.start_io(sys.stdin.buffer, protocol_out)
        else:
            host, port = address
            print(f"proofer lsp: listening on {host}:{port}", file=sys.stderr, flush=True)
            ls.start_tcp(host, port)
    finally:
        proofer.close()
