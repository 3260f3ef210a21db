"""Moving engine findings from checkable-text offsets to source offsets."""

from __future__ import annotations

from collections.abc import Iterable

from proofer.document import Document
from proofer.finding import Finding, TextFinding


def _source_span(document: Document, item: TextFinding) -> tuple[int, int, bool] | None:
    """(start, end, safe_fix) in the source, or None for a finding on a placeholder."""
    if item.source_offsets:
        # Already source offsets (style rules with `scope: raw`); clamp to the source.
        size = len(document.source)
        start = min(max(item.start, 0), size)
        return start, min(max(item.end, start), size), True
    textmap = document.textmap
    if textmap.touches_placeholder(item.start, item.end):
        return None
    start, end = textmap.to_source(item.start, item.end)
    return start, end, textmap.is_literal(item.start, item.end)


def to_source_findings(document: Document, findings: Iterable[TextFinding]) -> list[Finding]:
    """Map text spans to source spans; drop findings on placeholders (code, URLs)."""
    located = []
    for item in findings:
        span = _source_span(document, item)
        if span is None:
            continue
        start, end, safe_fix = span
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
                safe_fix=safe_fix,
                extra=item.extra,
            )
        )
    return located
