"""Printing rule documentation: the `rules` table and one rule's page (ruff-style)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from proofer.rulebook import Rule
from proofer.terminal import plain, print_table


def print_rules_table(console: Console, rules: list[Rule], output_format: str = "table") -> None:
    """One row per rule: id, severity, category, one line of what it flags."""
    ordered = sorted(rules, key=lambda r: r.id)
    if output_format == "json":
        rows = [
            {"id": r.id, "name": r.name, "engine": r.engine, "severity": r.severity.value,
             "category": r.category, "summary": r.doc.what}
            for r in ordered
        ]
        console.print_json(json.dumps(rows))
        return
    table = Table(show_edge=False)
    for column in ("id", "name", "severity", "category"):
        table.add_column(column, no_wrap=True)
    table.add_column("what it flags")
    for rule in ordered:
        table.add_row(
            plain(rule.id), plain(rule.name), rule.severity.value, plain(rule.category),
            plain(rule.doc.what.strip()),
        )
    print_table(console, table)


def print_languagetool_rule(console: Console, rule_id: str) -> None:
    """What proofer knows of a LanguageTool rule: its curation and LanguageTool's own page."""
    from proofer.engines.languagetool.curation import load_curation, rule_page_url

    bare = rule_id.removeprefix("LT.")
    curation = load_curation()
    console.print(plain(f"LT.{bare} (LanguageTool)", style="bold"))
    if bare in curation.disabled_rules:
        console.print(plain(
            f"switched off in rules/languagetool.yaml: {curation.disabled_rules[bare]}"
        ))
    else:
        level = curation.rules.get(bare)
        where = f"set to {level.value} by rule" if level else "set by its category or issue type"
        console.print(f"engine: languagetool · severity: {where} (rules/languagetool.yaml)")
    console.print(plain(f"documentation and examples: {rule_page_url(bare)}"))


def print_rule(console: Console, rule: Rule) -> None:
    """The rule's documentation in fixed sections, then its examples."""
    console.print(plain(f"{rule.id} ({rule.name})", style="bold"))
    console.print(plain(
        f"engine: {rule.engine} · severity: {rule.severity.value} · "
        f"category: {rule.category} · fix: {rule.fix.value}"
    ))
    sections = [
        ("What it does", rule.doc.what),
        ("Why is this bad?", rule.doc.why),
        ("Use instead", rule.doc.instead),
        ("Notes", rule.doc.notes),
    ]
    for title, body in sections:
        if body:
            console.print(Text(f"\n{title}", style="bold underline"))
            console.print(plain(body.strip()))
    console.print(Text("\nExamples", style="bold underline"))
    for example in rule.examples:
        if example.is_bad:
            fixes = ", ".join(example.fixes or ()) or "(delete)"
            console.print(Text("  ✗ ", style="red") + plain(example.text) + plain(f"  → {fixes}"))
        else:
            console.print(Text("  ✓ ", style="green") + plain(example.text))
