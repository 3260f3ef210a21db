"""Merging findings from several engines: duplicates collapse, overlaps go by severity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from proofer.finding import Finding


def _rank(finding: Finding) -> tuple[int, int, int, str, str]:
    # Lower sorts first = preferred: higher severity (a suggestion must never hide an
    # error that CI gates on), then higher priority, then longer message (more
    # specific), then rule id for determinism.
    return (
        -finding.severity.rank,
        -finding.priority,
        -len(finding.message),
        finding.rule,
        finding.message,
    )


# Findings compete only when their spans are of comparable size: a sentence-long style
# finding and a typo inside that sentence are different problems, both worth reporting.
_COMPARABLE_RATIO = 3


def _overlaps(a: Finding, b: Finding) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start and a.end == b.end
    if not (a.start < b.end and b.start < a.end):
        return False
    shorter, longer = sorted((a.end - a.start, b.end - b.start))
    return longer <= _COMPARABLE_RATIO * shorter


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Collapse identical findings and keep one finding per group of overlapping spans of
    comparable size (the same problem seen by several rules or engines).

    The kept finding takes the union of suggestions of every dropped finding with the
    same span (the same error reported by two engines). Output is sorted by position.
    """
    unique = sorted(set(findings), key=_rank)
    kept: list[Finding] = []
    for candidate in unique:
        clash = next((k for k in kept if _overlaps(k, candidate)), None)
        if clash is None:
            kept.append(candidate)
            continue
        if (clash.start, clash.end) == (candidate.start, candidate.end):
            extra = [s for s in candidate.suggestions if s not in clash.suggestions]
            if extra:
                index = kept.index(clash)
                kept[index] = replace(clash, suggestions=(*clash.suggestions, *extra)[:5])
    return sorted(kept, key=Finding.sort_key)
