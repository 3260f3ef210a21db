"""Hover on a finding: its message, why the rule exists, and an example from its docs."""

from __future__ import annotations

from collections.abc import Sequence

from proofer.catalog import RuleCatalog
from proofer.finding import Finding
from proofer.lsp.diagnostics import rule_doc_url
from proofer.rulebook import Example, Rule


def hover_markdown(findings: Sequence[Finding], catalog: RuleCatalog) -> str:
    """Markdown for the findings under the cursor (usually one), separated by rules."""
    return "\n\n---\n\n".join(_one(finding, catalog) for finding in findings)


def _one(finding: Finding, catalog: RuleCatalog) -> str:
    rule = catalog.rules.get(finding.rule)
    title = f"`{finding.rule}`" + (f" ({rule.name})" if rule and rule.name != rule.id else "")
    parts = [f"**{_escape(finding.message)}**", f"{title} · {finding.severity.value}"]
    if rule is not None:
        if rule.doc.why.strip():
            parts.append(f"*Why:* {_escape(rule.doc.why.strip())}")
        example = _example(rule)
        if example:
            parts.append(example)
        parts.append(f"More: `proofer rule {finding.rule}`")
    url = rule_doc_url(finding.rule, catalog)
    if url and finding.rule.startswith("LT."):
        parts.append(f"[LanguageTool's page for this rule]({url})")
    return "\n\n".join(parts)


def _example(rule: Rule) -> str:
    """The documentation's own example when it has one, else the rule's first bad example
    with its fix (and the first good one)."""
    if rule.doc.example.strip():
        return f"*Example:* {_escape(Example(rule.doc.example.strip()).plain)}"
    bad = next((e for e in rule.examples if e.is_bad), None)
    good = next((e for e in rule.examples if not e.is_bad), None)
    lines = []
    if bad is not None:
        fixes = ", ".join(f"“{f}”" for f in bad.fixes or ()) or "(delete)"
        lines.append(f"- ✗ {_escape(bad.plain)} → {_escape(fixes)}")
    if good is not None:
        lines.append(f"- ✓ {_escape(good.plain)}")
    return "*Example:*\n\n" + "\n".join(lines) if lines else ""


def _escape(text: str) -> str:
    """Keep prose from turning into Markdown markup (emphasis, links, HTML)."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
