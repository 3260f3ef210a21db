"""The HTML report of a run with the real LanguageTool, in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from report.chromium import browser, open_report
from typer.testing import CliRunner

from proofer.cli import app

__all__ = ["browser"]

pytestmark = [pytest.mark.languagetool, pytest.mark.browser]

DRAFT = Path(__file__).resolve().parents[2] / "examples" / "draft.md"


def test_languagetool_findings_are_marked_and_link_to_languagetool(
    browser: Any, tmp_path: Path, lt_url: str
) -> None:
    runner = CliRunner()
    env = {"PROOFER_LANGUAGETOOL_URL": lt_url}
    args = ["check", "--engines", "spacy,languagetool,style", str(DRAFT)]
    report = tmp_path / "report.html"
    done = runner.invoke(app, [*args, "--format", "html", "--output", str(report)], env=env)
    assert done.exit_code == 1, done.output
    findings = json.loads(runner.invoke(app, [*args, "--format", "json"], env=env).stdout)[
        "findings"]
    spelling = [n for n, f in enumerate(findings, 1) if f["rule"] == "LT.MORFOLOGIK_RULE_EN_US"]
    assert spelling, findings

    assert open_report(browser, report) == []
    starts = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl[data-first]'))"
        ".flatMap(m => m.dataset.first.split(' '))")
    assert len(starts) == len(findings)
    number = spelling[0]
    text = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl'))"
        ".filter(m => m.dataset.f.split(' ').includes(arguments[0]))"
        ".map(m => m.textContent).join('')", f"f{number}")
    line = DRAFT.read_text(encoding="utf-8").splitlines()[findings[number - 1]["line"] - 1]
    finding = findings[number - 1]
    assert text == line[finding["column"] - 1 : finding["end_column"] - 1]
    link = browser.execute_script(
        "return document.querySelector('#card-f' + arguments[0] + ' a.rule-link').href", number)
    assert link == "https://community.languagetool.org/rule/show/MORFOLOGIK_RULE_EN_US?lang=en"
    engines = browser.execute_script(
        "return Array.from(document.querySelectorAll('select[data-filter=engine] option'))"
        ".map(o => o.value)")
    assert engines == ["all", "languagetool", "spacy", "style"]
