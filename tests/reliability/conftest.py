"""Fault and fuzz tests: each defect of issue 10 reproduced, on the real CLI.

`run_proofer` runs the installed CLI in a subprocess: what hash seeds, resource limits,
named pipes and full disks do to a process can only be seen from outside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest


def run_proofer(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    stdout: int | None = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`python -m proofer ARGS` in `cwd`; a hang fails the test instead of the suite."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("PROOFER_DEBUG", None)
    try:
        return subprocess.run(
            [sys.executable, "-m", "proofer", *args],
            cwd=cwd, env=environment, stdout=stdout, stderr=subprocess.PIPE,
            timeout=timeout, preexec_fn=preexec_fn, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"proofer {' '.join(args)} did not finish within {timeout} s (it hangs)")
