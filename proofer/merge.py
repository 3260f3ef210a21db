"""Merging findings from several engines: duplicates collapse, overlaps go by severity."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from proofer.finding import Finding


def _rank(finding: Finding) -> tuple[int, int, int, tuple[str, ...]]:
    # Lower sorts first = preferred: higher severity (a suggestion must never hide an
    # error that CI gates on), then higher priority, then longer message (more
    # specific), then every field, so two different findings never tie and the choice
    # never depends on the order the engines (or a set) produced them in.
    return (
        -finding.severity.rank,
        -finding.priority,
        -len(finding.message),
        finding.identity_key(),
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


def _same_correction(a: Finding, b: Finding, source: str) -> bool:
    """True when overlapping findings' suggestions produce the same text: one slip seen by
    two rules at different widths ("between you and I" -> "me" and -> "between you and
    me"), however different the spans' sizes."""
    if not (source and a.suggestions and b.suggestions):
        return False
    if not (a.start < b.end and b.start < a.end):
        return False
    low, high = min(a.start, b.start), max(a.end, b.end)

    def results(finding: Finding) -> set[str]:
        head, tail = source[low : finding.start], source[finding.end : high]
        return {head + suggestion + tail for suggestion in finding.suggestions}

    return not results(a).isdisjoint(results(b))


def merge_findings(findings: Iterable[Finding], source: str = "") -> list[Finding]:
    """Collapse identical findings and keep one finding per group of overlapping spans of
    comparable size (the same problem seen by several rules or engines), or of any size
    when their fixes give the same text (`source` is the file the spans index).

    The kept finding takes the union of suggestions of every dropped finding with the
    same span (the same error reported by two engines); its fix applicability becomes
    the more restrictive of the two. Output is sorted by position.
    """
    # Equal findings (`extra` is not compared) keep the first in a total order.
    distinct = dict.fromkeys(sorted(findings, key=Finding.identity_key))
    unique = sorted(distinct, key=_rank)
    kept: list[Finding] = []
    for candidate in unique:
        clash = next(
            (
                k for k in kept
                if _overlaps(k, candidate) or _same_correction(k, candidate, source)
            ),
            None,
        )
        if clash is None:
            kept.append(candidate)
            continue
        if (clash.start, clash.end) == (candidate.start, candidate.end):
            # A suggestion that differs from a kept one only in case is the same word
            # (LanguageTool offers "It's" mid-sentence where proofer's rule says "it's").
            known = {s.casefold() for s in clash.suggestions}
            extra = []
            for suggestion in candidate.suggestions:
                if suggestion.casefold() not in known:
                    known.add(suggestion.casefold())
                    extra.append(suggestion)
            if extra:
                index = kept.index(clash)
                kept[index] = replace(
                    clash,
                    suggestions=(*clash.suggestions, *extra)[:5],
                    applicability=clash.applicability.at_most(candidate.applicability),
                )
    return sorted(kept, key=Finding.sort_key)
