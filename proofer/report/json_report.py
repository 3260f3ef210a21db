"""`--format json`: one object with files, findings and a summary (documented in README)."""

from __future__ import annotations

import json
from typing import Any

from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings, rule_counts, severity_counts

JSON_VERSION = 1


def finding_object(item: Located) -> dict[str, Any]:
    """Exactly the documented fields of one finding."""
    finding = item.finding
    return {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "end_line": item.end_line,
        "end_column": item.end_column,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "engine": finding.engine,
    }


def render(context: ReportContext) -> str:
    result = context.result
    items = located_findings(result, context.min_level)
    per_file = {f.path: 0 for f in result.files}
    for item in items:
        per_file[item.path] += 1
    files: list[dict[str, Any]] = [
        {"path": path, "status": "checked", "findings": count} for path, count in per_file.items()
    ]
    files += [
        {"path": error.path, "status": "error", "error": error.problem}
        for error in result.input_errors
    ]
    files.sort(key=lambda f: (f["path"], f["status"]))
    document = {
        "version": JSON_VERSION,
        "files": files,
        "findings": [finding_object(item) for item in items],
        "summary": {
            "files_checked": len(result.files),
            "files_failed": len(result.input_errors),
            "by_severity": severity_counts(items),
            "by_rule": rule_counts(items),
            "engines": list(result.engines),
            "skipped_engines": list(result.skipped_engines),
            "engine_errors": list(result.engine_errors),
            "fail_level": context.fail_level,
            "exit_code": context.exit_code,
            "baselined": result.baselined,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
