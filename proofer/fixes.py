"""Applying suggestions to source text (sqlfluff/ruff style: in source coordinates)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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


def write_fixed(path: Path, text: str) -> None:
    """Write fixed text back in the file's own encoding (UTF-8, UTF-8 with BOM, UTF-16)."""
    head = path.read_bytes()[:3]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = text.encode("utf-16")
    elif head.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        data = text.encode("utf-8")
    path.write_bytes(data)
