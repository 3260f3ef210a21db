"""What every reporter receives."""

from __future__ import annotations

from dataclasses import dataclass

from proofer.catalog import RuleCatalog
from proofer.finding import Severity
from proofer.pipeline import RunResult


@dataclass(frozen=True)
class ReportContext:
    result: RunResult
    catalog: RuleCatalog
    min_level: Severity
    fail_level: str
    exit_code: int
    version: str
