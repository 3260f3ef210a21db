"""`--format gitlab`: GitLab Code Quality JSON (a reduced Code Climate issue list).

Paths are relative to where proofer runs (run it from the repository root). Lines only:
GitLab reads `location.lines.begin`. Fingerprints are proofer's stable fingerprints.
"""

from __future__ import annotations

import json
from typing import Any

from proofer.finding import Severity
from proofer.fingerprint import located_fingerprints, normalize_path
from proofer.report.context import ReportContext
from proofer.report.positions import located_findings, message_with_suggestions

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.SUGGESTION: "info"}


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    issues: list[dict[str, Any]] = []
    for item, fp in zip(items, located_fingerprints(items), strict=True):
        finding = item.finding
        description = message_with_suggestions(finding)
        issues.append({
            "type": "issue",
            "description": description,
            "check_name": finding.rule,
            "categories": ["Style"],
            "fingerprint": fp,
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": normalize_path(item.path),
                "lines": {"begin": item.line, "end": item.end_line},
            },
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
