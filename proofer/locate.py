"""Moving engine findings from checkable-text offsets to source offsets."""

from __future__ import annotations

from collections.abc import Iterable

from proofer.document import Document
from proofer.finding import Finding, TextFinding


def to_source_findings(document: Document, findings: Iterable[TextFinding]) -> list[Finding]:
    """Map text spans to source spans; drop findings on placeholders (code, URLs)."""
    textmap = document.textmap
    located = []
    for item in findings:
        if item.source_offsets:
            located.append(_from_source(document, item))
            continue
        if textmap.touches_placeholder(item.start, item.end):
            continue
        start, end = textmap.to_source(item.start, item.end)
        located.append(
            Finding(
                rule=item.rule,
                start=start,
                end=end,
                message=item.message,
                severity=item.severity,
                category=item.category,
                engine=item.engine,
                suggestions=item.suggestions,
                priority=item.priority,
                safe_fix=textmap.is_literal(item.start, item.end),
                extra=item.extra,
            )
        )
    return located


def _from_source(document: Document, item: TextFinding) -> Finding:
    """A finding whose offsets already index the source (clamped to it)."""
    size = len(document.source)
    start = min(max(item.start, 0), size)
    return Finding(
        rule=item.rule,
        start=start,
        end=min(max(item.end, start), size),
        message=item.message,
        severity=item.severity,
        category=item.category,
        engine=item.engine,
        suggestions=item.suggestions,
        priority=item.priority,
        extra=item.extra,
    )
