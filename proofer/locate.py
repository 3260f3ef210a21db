"""Moving engine findings from checkable-text offsets to source offsets."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from proofer.document import Document
from proofer.finding import Applicability, Finding, TextFinding

# The fix applicability a rule declares (RuleCatalog.applicability).
ApplicabilityOf = Callable[[str], Applicability]


def _never_safe(rule_id: str) -> Applicability:
    return Applicability.UNSAFE


def _source_span(document: Document, item: TextFinding) -> tuple[int, int, bool] | None:
    """(start, end, literal) in the source, or None for a finding on a placeholder."""
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


def to_source_findings(
    document: Document,
    findings: Iterable[TextFinding],
    applicability: ApplicabilityOf = _never_safe,
) -> list[Finding]:
    """Map text spans to source spans; drop findings on placeholders (code, URLs).

    Each finding takes its rule's fix applicability, lowered to `none` when the source
    span holds markup the checkable text does not (replacing it could damage the file).
    """
    located = []
    for item in findings:
        span = _source_span(document, item)
        if span is None:
            continue
        start, end, literal = span
        declared = applicability(item.rule)
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
                applicability=declared if literal else Applicability.NONE,
                extra=item.extra,
            )
        )
    return located
