"""The progress bar: on stderr when it is a terminal, never on stdout, never with --quiet
or when stderr is not a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

DRAFTS = {
    "a.md": "# A draft\n\nThe company updated it's privacy policy.\n",
    "b.md": "We saw the the results yesterday.\n",
}


def _run(directory: Path, args: list[str], stderr_tty: bool) -> tuple[bytes, bytes]:
    """Run proofer; returns (stdout, what reached stderr)."""
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "proofer", "check", "--engines", "spacy", *args]
    if not stderr_tty:
        done = subprocess.run(command, cwd=directory, env=env, capture_output=True, timeout=300)
        return done.stdout, done.stderr
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(command, cwd=directory, env=env, stdout=subprocess.PIPE,
                                   stderr=terminal, stdin=subprocess.DEVNULL)
        os.close(terminal)
        terminal = -1
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the terminal's last writer closed it
                break
            if not chunk:
                break
            seen += chunk
        assert process.stdout is not None
        stdout = process.stdout.read()
        process.wait(timeout=300)
        return stdout, seen
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)


@pytest.fixture()
def drafts(tmp_path: Path) -> Path:
    for name, text in DRAFTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_terminal_sees_the_bar_on_stderr_and_stdout_stays_clean(drafts: Path) -> None:
    piped_out, piped_err = _run(drafts, ["--format", "json", *DRAFTS], stderr_tty=False)
    tty_out, tty_err = _run(drafts, ["--format", "json", *DRAFTS], stderr_tty=True)
    assert b"checking" in tty_err and b"files" in tty_err, tty_err
    assert b"checking" not in piped_err, "no bar when stderr is not a terminal"
    assert tty_out == piped_out and tty_out.startswith(b"{")


def test_quiet_shows_no_bar(drafts: Path) -> None:
    _, seen = _run(drafts, ["--quiet", "--format", "json", *DRAFTS], stderr_tty=True)
    assert b"checking" not in seen, seen
