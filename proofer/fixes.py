"""Applying suggestions to source text (sqlfluff/ruff style: in source coordinates)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from proofer.finding import Finding


def is_safe_fix(finding: Finding) -> bool:
    """Safe: the span is plain text in the source and there is exactly one suggestion."""
    return finding.safe_fix and len(finding.suggestions) == 1


def is_fixable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether `--fix` (or `--fix --unsafe-fixes`) would apply this finding's suggestion."""
    if unsafe:
        return finding.safe_fix and bool(finding.suggestions)
    return is_safe_fix(finding)


@dataclass(frozen=True)
class FixResult:
    source: str
    applied: int


def apply_fixes(source: str, findings: Iterable[Finding], unsafe: bool = False) -> FixResult:
    """Replace each fixable span with its first suggestion; overlapping fixes are skipped."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not is_fixable(finding, unsafe):
            continue
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    text = source
    for finding in reversed(chosen):
        text = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
    return FixResult(text, len(chosen))
