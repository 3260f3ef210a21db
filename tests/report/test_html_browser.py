"""The HTML report in a real headless Chromium: loads cleanly, marks, filters, keys, XSS.

The reports are made by the real `proofer check` with the spaCy and style engines
(tests/languagetool/test_languagetool_html.py adds the real LanguageTool).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.lines import LineIndex
from proofer.report import REPORTERS

from .chromium import browser, open_report, without_csp
from .test_html_render import DRAFT, HOSTILE_MARKDOWN, HOSTILE_NAME, hostile_context

__all__ = ["browser"]

pytestmark = pytest.mark.browser

HIGHLIGHT_TEXT = """
const keys = Array.from(document.querySelectorAll('li.finding')).map(c => c.dataset.f);
const text = {};
for (const key of keys) {
  text[key] = Array.from(document.querySelectorAll('mark.hl'))
    .filter(m => m.dataset.f.split(' ').includes(key)).map(m => m.textContent).join('');
}
return text;
"""
SHOWN_SEVERITIES = """
return Array.from(document.querySelectorAll('li.finding'))
  .filter(c => c.offsetParent !== null).map(c => c.dataset.severity);
"""
STILL_MARKED = """
return Array.from(document.querySelectorAll('mark.hl')).filter(m => {
  const style = getComputedStyle(m);
  return style.textDecorationLine !== 'none' && style.backgroundColor !== 'rgba(0, 0, 0, 0)';
}).map(m => m.className);
"""
INJECTED = """
return {
  pwned: typeof window.__pwned,
  scripts: document.scripts.length,
  handlers: Array.from(document.querySelectorAll('*')).filter(e =>
    Array.from(e.attributes).some(a => a.name.startsWith('on'))).length,
  embeds: document.querySelectorAll('img, iframe, svg, object, embed, form, base').length,
  badLinks: Array.from(document.querySelectorAll('a[href]')).filter(a =>
    !['http:', 'https:', 'mailto:', 'file:'].includes(a.protocol)).length,
  marks: document.querySelectorAll('mark.hl').length,
};
"""


def _cli_report(tmp: Path, draft: Path, name: str = "report.html") -> tuple[Path, list[dict]]:
    """The HTML and JSON reports of one real run (spaCy and style engines)."""
    runner = CliRunner()
    report = tmp / name
    args = ["check", "--engines", "spacy,style", str(draft)]
    done = runner.invoke(app, [*args, "--format", "html", "--output", str(report)])
    assert done.exit_code == 1, done.output
    data = runner.invoke(app, [*args, "--format", "json"])
    return report, json.loads(data.stdout)["findings"]


@pytest.fixture()
def draft_report(tmp_path: Path) -> tuple[Path, list[dict]]:
    return _cli_report(tmp_path, DRAFT)


def _flagged_text(source: str, finding: dict) -> str:
    index = LineIndex(source)
    start = index.line_start(finding["line"]) + finding["column"] - 1
    end = index.line_start(finding["end_line"]) + finding["end_column"] - 1
    return source[start:end]


def _press(driver: Any, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def test_the_report_loads_without_console_errors_and_marks_every_finding(
    browser: Any, draft_report: tuple[Path, list[dict]]
) -> None:
    report, findings = draft_report
    assert open_report(browser, report) == []
    assert browser.title == f"Proofreading report: {DRAFT}"
    assert browser.execute_script("return document.documentElement.className") == "js"
    starts = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl[data-first]'))"
        ".flatMap(m => m.dataset.first.split(' '))"
    )
    assert len(starts) == len(findings) == len(set(starts))
    cards = browser.execute_script("return document.querySelectorAll('li.finding').length")
    assert cards == len(findings)


def test_each_highlight_shows_exactly_the_flagged_source_text(
    browser: Any, draft_report: tuple[Path, list[dict]]
) -> None:
    report, findings = draft_report
    open_report(browser, report)
    shown = browser.execute_script(HIGHLIGHT_TEXT)
    source = DRAFT.read_text(encoding="utf-8")
    assert len(shown) == len(findings)
    for number, finding in enumerate(findings, start=1):
        assert shown[f"f{number}"] == _flagged_text(source, finding), finding


def test_a_severity_filter_hides_the_other_severities(
    browser: Any, draft_report: tuple[Path, list[dict]]
) -> None:
    from selenium.webdriver.common.by import By

    report, findings = draft_report
    open_report(browser, report)
    levels = [f["severity"] for f in findings]
    assert {"error", "warning"} <= set(levels)
    assert sorted(browser.execute_script(SHOWN_SEVERITIES)) == sorted(levels)
    browser.find_element(By.CSS_SELECTOR, 'button[data-value="warning"]').click()
    assert browser.execute_script(SHOWN_SEVERITIES) == ["warning"] * levels.count("warning")
    marked = browser.execute_script(STILL_MARKED)
    assert marked and all("sev-warning" in c for c in marked)
    pressed = browser.find_element(By.CSS_SELECTOR, 'button[data-value="warning"]')
    assert pressed.get_attribute("aria-pressed") == "true"
    browser.find_element(By.CSS_SELECTOR, 'button[data-value="all"]').click()
    assert len(browser.execute_script(SHOWN_SEVERITIES)) == len(findings)
    assert len(browser.execute_script(STILL_MARKED)) >= len(findings)


def test_engine_and_rule_filters(browser: Any, draft_report: tuple[Path, list[dict]]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    report, findings = draft_report
    open_report(browser, report)
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="engine"]')).select_by_value(
        "style")
    style_only = [f["severity"] for f in findings if f["engine"] == "style"]
    assert style_only and browser.execute_script(SHOWN_SEVERITIES) == style_only
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="engine"]')).select_by_value(
        "all")
    rule = "PF-GRAMMAR-ARTICLE-SOUND"
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="rule"]')).select_by_value(rule)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('li.finding'))"
        ".filter(c => !c.hidden).map(c => c.dataset.rule)"
    )
    assert shown == [f["rule"] for f in findings if f["rule"] == rule]
    assert len(shown) >= 2


def test_keyboard_moves_focus_from_finding_to_finding(
    browser: Any, draft_report: tuple[Path, list[dict]]
) -> None:
    from selenium.webdriver.common.by import By

    report, findings = draft_report
    open_report(browser, report)

    def focused() -> str:
        return browser.execute_script("return document.activeElement.id")

    _press(browser, "n")
    assert focused() == "hl-f1"
    popover = browser.find_element(By.ID, "popover")
    assert popover.is_displayed()
    assert findings[0]["message"] in popover.text
    _press(browser, "j")
    assert focused() == "hl-f2"
    assert "Finding 2 of" in browser.find_element(By.ID, "position").text
    _press(browser, "p")
    assert focused() == "hl-f1"
    _press(browser, "k")  # wraps to the last finding
    assert focused() == f"hl-f{len(findings)}"
    _press(browser, "\ue00c")  # Escape closes the card
    assert not popover.is_displayed()
    browser.find_element(By.CSS_SELECTOR, 'button[data-value="warning"]').click()
    first_warning = next(n for n, f in enumerate(findings, 1) if f["severity"] == "warning")
    browser.find_element(By.TAG_NAME, "h1").click()
    _press(browser, "n")
    assert focused() == f"hl-f{first_warning}"


def test_clicking_a_highlight_opens_its_card(
    browser: Any, draft_report: tuple[Path, list[dict]]
) -> None:
    from selenium.webdriver.common.by import By

    report, findings = draft_report
    open_report(browser, report)
    browser.find_element(By.ID, "hl-f3").click()
    popover = browser.find_element(By.ID, "popover")
    assert popover.is_displayed() and findings[2]["message"] in popover.text
    card = browser.find_element(By.ID, "card-f3")
    assert "active" in card.get_attribute("class").split()
    link = popover.find_element(By.CSS_SELECTOR, "a.rule-link")
    assert link.get_attribute("href").endswith("#" + browser.execute_script(
        "return document.querySelector('#card-f3 a.rule-link').hash.slice(1)"))


def test_a_hostile_draft_runs_nothing(browser: Any, tmp_path: Path) -> None:
    draft = tmp_path / HOSTILE_NAME
    draft.write_text(HOSTILE_MARKDOWN, encoding="utf-8")
    report, _ = _cli_report(tmp_path, draft)
    page = report.read_text(encoding="utf-8")
    bare = tmp_path / "no-csp.html"
    bare.write_text(without_csp(page), encoding="utf-8")
    for path in (report, bare):  # with the page's CSP, and on escaping alone
        assert open_report(browser, path) == [], path.name
        state = browser.execute_script(INJECTED)
        assert state["pwned"] == "undefined", path.name
        assert state == {
            "pwned": "undefined", "scripts": 1, "handlers": 0, "embeds": 0, "badLinks": 0,
            "marks": state["marks"],
        }
        assert state["marks"] >= 1


def test_hostile_findings_and_paths_run_nothing(
    browser: Any, tmp_path: Path, catalog: RuleCatalog
) -> None:
    page = REPORTERS["html"].render(hostile_context(catalog))
    bare = tmp_path / "hostile.html"
    bare.write_text(without_csp(page), encoding="utf-8")
    assert open_report(browser, bare) == []
    for _ in range(len(hostile_context(catalog).result.files[0].findings)):
        _press(browser, "n")  # each finding's card is copied into the popover
        assert browser.execute_script("return typeof window.__pwned") == "undefined"
    state = browser.execute_script(INJECTED)
    assert state["pwned"] == "undefined"
    assert (state["scripts"], state["handlers"], state["embeds"], state["badLinks"]) == (1, 0, 0, 0)


def test_dark_mode_and_print(browser: Any, draft_report: tuple[Path, list[dict]]) -> None:
    report, _ = draft_report
    background = "return getComputedStyle(document.body).backgroundColor"
    toolbar = "return getComputedStyle(document.querySelector('.toolbar')).display"
    open_report(browser, report)
    light = browser.execute_script(background)
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        dark = browser.execute_script(background)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        printed = browser.execute_script(toolbar)
        numbered = browser.execute_script(
            "return getComputedStyle(document.getElementById('hl-f1'), '::after').content")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert _luminance(light) > 0.8 > 0.2 > _luminance(dark)
    assert printed == "none"
    assert numbered == '"[1]"'
    assert browser.execute_script(toolbar) != "none"


def _luminance(css_color: str) -> float:
    """Relative brightness (0-1) of an rgb()/rgba() colour."""
    inside = css_color[css_color.index("(") + 1 : css_color.index(")")]
    red, green, blue = (float(v) / 255 for v in inside.split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


CONTRAST = """
function parse(text) {
  let m = text.match(/^rgba?\\(([^)]+)\\)$/);
  if (m) {
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  m = text.match(/^color\\(srgb ([^)]+)\\)$/);
  const [rgb, alpha] = m[1].split('/');
  const p = rgb.trim().split(/\\s+/).map(v => Number(v) * 255);
  return {r: p[0], g: p[1], b: p[2], a: alpha === undefined ? 1 : Number(alpha)};
}
function over(top, bottom) {
  const a = top.a + bottom.a * (1 - top.a);
  const mix = k => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
  return {r: mix('r'), g: mix('g'), b: mix('b'), a: a};
}
function background(element) {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const color = parse(getComputedStyle(e).backgroundColor);
    if (color.a > 0) layers.push(color);
    if (color.a === 1) break;
  }
  return layers.reverse().reduce((bottom, top) => over(top, bottom), {r: 255, g: 255, b: 255, a: 1});
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
const out = {};
for (const selector of arguments[0]) {
  const element = document.querySelector(selector);
  const bg = background(element);
  const fg = over(parse(getComputedStyle(element).color), bg);
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  out[selector] = (hi + 0.05) / (lo + 0.05);
}
return out;
"""
TEXT = (
    ".prose p", ".engines", ".stats dt", ".stats-note", ".findings h3", ".where", ".meta",
    ".number", ".rule-link", ".message", ".change del", ".change ins",
    "mark.hl.sev-error", "mark.hl.sev-warning", "mark.hl.sev-suggestion",
    ".badge.sev-error", ".badge.sev-warning", ".badge.sev-suggestion",
    '.segmented button[aria-pressed="true"]', '.segmented button[aria-pressed="false"]',
    ".by-rule td", ".rule-doc p",
)
ICONS = (".badge.sev-error .icon", ".badge.sev-warning .icon", ".badge.sev-suggestion .icon")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_meets_wcag_aa_contrast(
    browser: Any, draft_report: tuple[Path, list[dict]], scheme: str
) -> None:
    report, _ = draft_report
    open_report(browser, report)
    try:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        text = browser.execute_script(CONTRAST, list(TEXT))
        icons = browser.execute_script(CONTRAST, list(ICONS))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    low = {s: round(r, 2) for s, r in text.items() if r < 4.5}
    assert not low, low
    low_icons = {s: round(r, 2) for s, r in icons.items() if r < 3}
    assert not low_icons, low_icons
