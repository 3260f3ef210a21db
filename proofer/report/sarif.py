"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

Columns are UTF-16 code units (SARIF's default `columnKind`, stated explicitly), 1-based,
end exclusive; they equal code points unless a line has characters outside the BMP.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from proofer.engines.languagetool.curation import rule_page_url
from proofer.finding import Finding, Severity
from proofer.fingerprint import FINGERPRINT_VERSION, located_fingerprints, normalize_path
from proofer.lines import LineIndex
from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings, message_with_suggestions
from proofer.rulebook import Rule
from proofer.utf16 import utf16_length

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
FINGERPRINT_NAME = f"proofer/v{FINGERPRINT_VERSION}"
LT_PREFIX = "LT."
_MARK = re.compile(r"\[\[(.+?)\]\]")  # the [[marked span]] of rule doc examples


def information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        urls = metadata.metadata("proofer").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in sorted(urls):
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "repository", "documentation", "source"):
            return url.strip()
    return None


def help_uri(rule_id: str) -> str | None:
    """A page describing the rule, where one is known (LanguageTool's rule browser)."""
    if rule_id.startswith(LT_PREFIX):
        return rule_page_url(rule_id)
    return None


def artifact_uri(path: str) -> str:
    """A URI reference for a report path: relative paths stay relative (forward slashes)."""
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(normalize_path(path))


def utf16_column(line_text: str, column: int) -> int:
    """A 1-based code-point column converted to 1-based UTF-16 code units."""
    return utf16_length(line_text[:column - 1]) + 1


def _doc_text(rule: Rule) -> tuple[str, str]:
    """The rule's documentation as plain text and as Markdown."""
    doc = rule.doc
    sections = [
        ("What it does", doc.what), ("Why is this bad?", doc.why), ("Use instead", doc.instead),
        ("Example", doc.example), ("Notes", doc.notes),
    ]
    present = [(title, body.strip()) for title, body in sections if body and body.strip()]
    text = "\n\n".join(title + ": " + _MARK.sub(r"\1", body) for title, body in present)
    markdown = "\n\n".join(
        f"**{title}**\n\n" + _MARK.sub(r"**\1**", body) for title, body in present
    )
    return text, markdown


def rule_descriptor(rule_id: str, rule: Rule | None, example: Finding) -> dict[str, Any]:
    """A reportingDescriptor: from the rule's doc, or from a finding for dynamic rules."""
    descriptor: dict[str, Any] = {"id": rule_id}
    if rule is not None:
        text, markdown = _doc_text(rule)
        descriptor.update(
            name=rule.name,
            shortDescription={"text": rule.doc.what.strip()},
            fullDescription={"text": " ".join(p for p in (rule.doc.what, rule.doc.why) if p)},
            help={"text": text, "markdown": markdown},
            defaultConfiguration={"level": LEVELS[rule.severity]},
            properties={"tags": sorted({rule.category, rule.engine})},
        )
    else:
        is_lt = rule_id.startswith(LT_PREFIX)
        origin = "LanguageTool rule " + rule_id[len(LT_PREFIX):] if is_lt else "proofer check"
        summary = f"{origin} ({example.category})"
        descriptor.update(
            name=rule_id,
            shortDescription={"text": summary},
            fullDescription={"text": f"{summary}. A typical message: {example.message}"},
            help={
                "text": f"{summary}. A typical message: {example.message}",
                "markdown": f"{summary}.\n\nA typical message: {example.message}",
            },
            properties={"tags": sorted({example.category, example.engine})},
        )
    uri = help_uri(rule_id)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def _region(item: Located, index: LineIndex) -> dict[str, int]:
    start_text = index.line_text(item.line)
    end_text = start_text if item.end_line == item.line else index.line_text(item.end_line)
    return {
        "startLine": item.line,
        "startColumn": utf16_column(start_text, item.column),
        "endLine": item.end_line,
        "endColumn": utf16_column(end_text, item.end_column),
    }


def _result(item: Located, rule_index: int, region: dict[str, int], fp: str) -> dict[str, Any]:
    finding = item.finding
    text = message_with_suggestions(finding)
    location = {"uri": artifact_uri(item.path)}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT_NAME: fp},
    }
    if finding.offers_fix:
        result["fixes"] = [
            {
                "description": {"text": f"Replace with “{s}”" if s else "Delete"},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(location),
                        "replacements": [
                            {"deletedRegion": dict(region), "insertedContent": {"text": s}}
                        ],
                    }
                ],
            }
            for s in finding.suggestions
        ]
    return result


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    prints = located_fingerprints(items)
    examples: dict[str, Finding] = {}
    for item in items:
        examples.setdefault(item.finding.rule, item.finding)
    rule_ids = sorted(examples)
    rules = [rule_descriptor(r, context.catalog.rules.get(r), examples[r]) for r in rule_ids]
    positions = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    indexes: dict[str, LineIndex] = {}
    results = []
    for item, fp in zip(items, prints, strict=True):
        index = indexes.setdefault(item.path, LineIndex(item.file.source))
        region = _region(item, index)
        results.append(_result(item, positions[item.finding.rule], region, fp))
    driver: dict[str, Any] = {
        "name": "proofer",
        "version": context.version,
        "semanticVersion": context.version,
        "rules": rules,
    }
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    problems = [str(e) for e in context.result.input_errors] + list(context.result.engine_errors)
    invocation: dict[str, Any] = {
        "executionSuccessful": not context.result.engine_errors,
        "exitCode": context.exit_code,
    }
    if problems:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": problem}} for problem in problems
        ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
