"""`--format rdjson`: reviewdog's Diagnostic Format, for `reviewdog -f=rdjson`.

Columns are 1-based UTF-8 byte offsets within the line, end exclusive, as the format
specifies. Suggestions become replacements of the flagged range (only when the fix is
safe to apply to the source).
"""

from __future__ import annotations

import json
from typing import Any

from proofer.finding import Severity
from proofer.fingerprint import normalize_path
from proofer.lines import LineIndex
from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings
from proofer.report.sarif import help_uri

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.SUGGESTION: "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """A 1-based code-point column converted to a 1-based UTF-8 byte column."""
    return len(line_text[:column - 1].encode("utf-8")) + 1


def _range(item: Located, index: LineIndex) -> dict[str, Any]:
    start_text = index.line_text(item.line)
    end_text = start_text if item.end_line == item.line else index.line_text(item.end_line)
    return {
        "start": {"line": item.line, "column": byte_column(start_text, item.column)},
        "end": {"line": item.end_line, "column": byte_column(end_text, item.end_column)},
    }


def diagnostic(item: Located, index: LineIndex) -> dict[str, Any]:
    """One rdjson Diagnostic."""
    finding = item.finding
    span = _range(item, index)
    code: dict[str, str] = {"value": finding.rule}
    url = help_uri(finding.rule)
    if url:
        code["url"] = url
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": normalize_path(item.path), "range": span},
        "severity": SEVERITIES[finding.severity],
        "code": code,
    }
    if finding.offers_fix:
        result["suggestions"] = [
            {"range": _range(item, index), "text": s} for s in finding.suggestions
        ]
    return result


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    indexes: dict[str, LineIndex] = {}
    diagnostics = [
        diagnostic(item, indexes.setdefault(item.path, LineIndex(item.file.source)))
        for item in items
    ]
    document = {"source": {"name": "proofer"}, "diagnostics": diagnostics}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
