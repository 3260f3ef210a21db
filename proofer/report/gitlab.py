"""`--format gitlab`: GitLab Code Quality JSON (a reduced Code Climate issue list).

Paths are relative to where proofer runs (run it from the repository root). Lines only:
GitLab reads `location.lines.begin`. Fingerprints are proofer's stable fingerprints. A file
that could not be checked and a failed engine are `blocker` issues (an engine failure has
no file: it is placed at `.`), so an incomplete run never looks clean.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from proofer.finding import Severity
from proofer.fingerprint import located_fingerprints, normalize_path
from proofer.report.context import ReportContext
from proofer.report.positions import located_findings, message_with_suggestions

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.SUGGESTION: "info"}


def _problem(check: str, description: str, path: str) -> dict[str, Any]:
    digest = hashlib.sha256(f"{check}\0{path}\0{description}".encode()).hexdigest()
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "categories": ["Bug Risk"],
        "fingerprint": digest,
        "severity": "blocker",
        "location": {"path": path, "lines": {"begin": 1, "end": 1}},
    }


def problem_issues(context: ReportContext) -> list[dict[str, Any]]:
    """Unreadable files and failed engines as issues."""
    result = context.result
    issues = [
        _problem("proofer/not-checked", f"Not checked: {error.problem}", normalize_path(error.path))
        for error in sorted(result.input_errors, key=lambda e: (e.path, e.problem))
    ]
    issues += [
        _problem("proofer/engine-failed", f"Engine failed: {error}", ".")
        for error in result.engine_errors
    ]
    return issues


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    issues: list[dict[str, Any]] = problem_issues(context)
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
