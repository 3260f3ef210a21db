"""Exit codes that mean something in CI."""

from __future__ import annotations

from proofer.finding import FAIL_LEVEL_NONE, Severity
from proofer.pipeline import RunResult

OK = 0
FINDINGS = 1
USAGE_OR_INPUT = 2
ENGINE_FAILED = 3


def exit_code(result: RunResult, fail_level: str) -> int:
    """3 if an engine failed, 2 if a file could not be checked, 1 for findings at or above
    the fail level, else 0. A run that could not check everything never exits 0."""
    if result.engine_errors:
        return ENGINE_FAILED
    if result.input_errors:
        return USAGE_OR_INPUT
    if fail_level == FAIL_LEVEL_NONE:
        return OK
    threshold = Severity(fail_level)
    for file in result.files:
        if any(f.severity.at_least(threshold) for f in file.findings):
            return FINDINGS
    return OK
