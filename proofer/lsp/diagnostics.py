"""Findings as LSP diagnostics: severity, rule code, documentation link, UTF-16 range."""

from __future__ import annotations

from lsprotocol import types

from proofer.catalog import RuleCatalog
from proofer.finding import Finding, Severity
from proofer.lsp.positions import PositionMap
from proofer.rulebook import rules_dir

SOURCE = "proofer"
CONFIG_ERROR_CODE = "config-error"
ENGINE_ERROR_CODE = "engine-unavailable"
NOT_CHECKED_CODE = "not-checked"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    # Information, not Hint: editors draw hints faintly or not at all.
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


def rule_doc_url(rule_id: str, catalog: RuleCatalog) -> str | None:
    """Where a user can read about a rule: LanguageTool's rule page for LT rules, the
    rule's own YAML file (its documentation and examples) for proofer and Vale rules."""
    if rule_id.startswith("LT."):
        from proofer.engines.languagetool.curation import rule_page_url

        return rule_page_url(rule_id)
    rule = catalog.rules.get(rule_id)
    if rule is None or not rule.path:
        return None
    path = rules_dir() / rule.path
    if not path.is_absolute() or not path.is_file():
        return None
    return path.resolve().as_uri()


def to_diagnostic(
    finding: Finding, positions: PositionMap, catalog: RuleCatalog
) -> types.Diagnostic:
    """One finding as a diagnostic; `code` is the rule id, `source` is "proofer"."""
    url = rule_doc_url(finding.rule, catalog)
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
    )


def top_diagnostic(
    message: str,
    code: str,
    positions: PositionMap,
    severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Error,
) -> types.Diagnostic:
    """A diagnostic on the document's first line: for problems of the whole file (an
    invalid configuration, an engine that could not run)."""
    return types.Diagnostic(
        range=positions.range(0, positions.line_end(0)),
        message=message,
        severity=severity,
        code=code,
        source=SOURCE,
    )
