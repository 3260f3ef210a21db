"""`--format html` without a browser: exact highlights, escaping, self-containment, stable bytes."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from proofer.catalog import RuleCatalog
from proofer.cli import app
from proofer.finding import Finding, Severity
from proofer.lines import LineIndex
from proofer.pipeline import FileResult, RunResult
from proofer.report import REPORTERS
from proofer.report.context import ReportContext
from proofer.report.positions import located_findings
from proofer.sources import InputError

from .html_page import parse_report

REPO = Path(__file__).resolve().parents[2]
DRAFT = REPO / "examples" / "draft.md"
SAFE_HREF = re.compile(r"^(#|https?://|mailto:|[^:]*$)")


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def _offsets(source: str, finding: dict) -> tuple[int, int]:
    index = LineIndex(source)
    start = index.line_start(finding["line"]) + finding["column"] - 1
    end = index.line_start(finding["end_line"]) + finding["end_column"] - 1
    return start, end


def _context(files: list[FileResult], catalog: RuleCatalog, **extra: object) -> ReportContext:
    result = RunResult(files=files, engines=("spacy", "style"), **extra)  # type: ignore[arg-type]
    return ReportContext(result, catalog, Severity.SUGGESTION, "error", 1, "0.0.0")


def _finding(source: str, text: str, rule: str = "PF-GRAMMAR-ITS-POSSESSIVE",
             severity: Severity = Severity.ERROR, nth: int = 0, **extra: object) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    return Finding(rule, start, start + len(text), f"Message about {text!r}.", severity,
                   "grammar", "spacy", **extra)  # type: ignore[arg-type]


def test_every_finding_of_the_draft_is_highlighted_at_its_exact_source_text(in_tmp: Path) -> None:
    code, page, _ = _cli("--engines", "spacy,style", "--format", "html", str(DRAFT))
    _, data, _ = _cli("--engines", "spacy,style", "--format", "json", str(DRAFT))
    assert code == 1
    findings = json.loads(data)["findings"]
    assert len(findings) >= 10
    report = parse_report(page)
    keys = [f"f{n}" for n in range(1, len(findings) + 1)]
    assert report.first_keys == keys  # one start per finding, in reading order
    source = DRAFT.read_text(encoding="utf-8")
    for key, finding in zip(keys, findings, strict=True):
        start, end = _offsets(source, finding)
        assert report.highlight_text[key] == source[start:end], finding
    assert [c["data-rule"] for c in report.cards] == [f["rule"] for f in findings]
    assert [c["data-severity"] for c in report.cards] == [f["severity"] for f in findings]
    assert all(c["data-target"] == f"hl-{c['data-f']}" for c in report.cards)


def test_highlights_cross_markup_and_lines_and_overlap(catalog: RuleCatalog) -> None:
    source = (
        "# The the title\n\n"
        "Each shard keeps it's **own** cache and [its the link](https://example.com).\n\n"
        "- A list item that goes on\n  across two lines of text.\n\n"
        "> Quoted: could of been.\n\n"
        "| col | other |\n|----:|:-----:|\n| an hour | x |\n"
    )
    findings = [
        _finding(source, "The the"),
        _finding(source, "it's **own**"),
        _finding(source, "its the"),
        _finding(source, "goes on\n  across", severity=Severity.WARNING),
        _finding(source, "on\n  across two", rule="PF-STYLE-X", severity=Severity.SUGGESTION),
        _finding(source, "could of"),
        _finding(source, "an"),
        Finding("PF-GRAMMAR-X", source.index(" cache"), source.index(" cache"),
                "Something is missing here.", Severity.WARNING, "grammar", "spacy"),
    ]
    rendered = [
        "The the", "it's own", "its the", "goes on\nacross", "on\nacross two", "could of", "an", "",
    ]
    context = _context([FileResult("a.md", source, findings)], catalog)
    page = REPORTERS["html"].render(context)
    report = parse_report(page)
    ordered = [item.finding for item in located_findings(context.result, Severity.SUGGESTION)]
    for number, finding in enumerate(ordered, start=1):
        assert report.highlight_text[f"f{number}"] == rendered[findings.index(finding)]
    assert sorted(report.first_keys) == sorted(f"f{n}" for n in range(1, len(findings) + 1))
    assert '<th class="align-right">' in page and '<td class="align-center">' in page
    assert "<strong>" in page and "<blockquote>" in page and "<li>" in page


def test_plain_text_is_shown_as_written(catalog: RuleCatalog) -> None:
    source = "Its a plain <b>text</b> file.\n\nSecond paragraph, the the end.\n"
    findings = [_finding(source, "Its"), _finding(source, "the the")]
    page = REPORTERS["html"].render(_context([FileResult("notes.txt", source, findings)], catalog))
    report = parse_report(page)
    assert report.highlight_text == {"f1": "Its", "f2": "the the"}
    assert '<div class="plain-text">' in page
    assert "&lt;b&gt;text&lt;/b&gt;" in page and "<b>" not in page


def test_a_finding_inside_markup_is_listed_but_not_placed(catalog: RuleCatalog) -> None:
    source = "See [the dashboard](https://example.com/its-dashboard) for more.\n"
    inside_url = source.index("its-dashboard")
    findings = [Finding("PF-STYLE-RAW", inside_url, inside_url + 3, "Raw.", Severity.WARNING,
                        "style", "style")]
    page = REPORTERS["html"].render(_context([FileResult("a.md", source, findings)], catalog))
    report = parse_report(page)
    assert report.first_keys == []
    (card,) = report.cards
    assert "data-target" not in card
    assert "Not visible in the rendered text." in page
    assert 'href="https://example.com/its-dashboard"' in page  # the sentinels are gone


def test_front_matter_folds_away_unless_flagged(catalog: RuleCatalog) -> None:
    source = '+++\ntitle = "Its title"\n+++\n\nBody text.\n'
    flagged = [_finding(source, "Its title")]
    page = REPORTERS["html"].render(_context([FileResult("a.md", source, flagged)], catalog))
    assert '<details class="front-matter" open>' in page
    assert parse_report(page).highlight_text == {"f1": "Its title"}
    clean = REPORTERS["html"].render(_context([FileResult("a.md", source, [])], catalog))
    assert '<details class="front-matter">' in clean and "No findings" in clean


HOSTILE_MARKDOWN = """\
# Title <script>window.__pwned = 1</script>

A paragraph with "><img src=x onerror="window.__pwned=2"> and it's own cache.

<script>window.__pwned = 3</script>

<img src=x onerror="window.__pwned=4">

[click](javascript:window.__pwned=5), [entity](&#106;avascript:window.__pwned=6),
[upper](JaVaScRiPt:window.__pwned=7), <javascript:window.__pwned=8>, [ref][x] and
[data](data:text/html,<script>window.__pwned=9</script>).

[x]: javascript:window.__pwned=10

![alt" onerror="window.__pwned=11](x.png "t\\" onload=\\"window.__pwned=12")

<a href="javascript:window.__pwned=13">raw</a> <svg onload="window.__pwned=14"></svg>
<iframe src="javascript:window.__pwned=15"></iframe> <style>body{display:none}</style>

`<script>window.__pwned=16</script>` and a [link](https://example.com/?q="><script>) here.
"""
HOSTILE_NAME = '"><img src=x onerror=window.__pwned=17>.md'


def hostile_context(catalog: RuleCatalog) -> ReportContext:
    """Every piece of text a report shows, each trying to become markup."""
    source = HOSTILE_MARKDOWN
    injected = '<img src=x onerror="window.__pwned=20">'
    findings = [
        _finding(source, "it's"),
        Finding('LT.X"><script>window.__pwned=18</script>', source.index("paragraph"),
                source.index("paragraph") + 9, injected, Severity.WARNING, "grammar",
                '"><b onmouseover="window.__pwned=19">', (injected, "</li></ol><script>x</script>")),
        _finding(source, "window.__pwned = 3", rule="PF-STYLE-RAW"),
        _finding(source, "javascript:window.__pwned=5", rule="PF-STYLE-RAW"),
    ]
    return _context(
        [FileResult(HOSTILE_NAME, source, findings)], catalog,
        notes=[f"note {injected}"],
        input_errors=[InputError(f"{injected}.md", injected)],
        engine_errors=[f"languagetool: {injected}"],
        skipped_engines=(injected,),
    )


def assert_inert(page: str) -> None:
    """No markup from the input: one script (ours), no handlers, no unsafe links or embeds."""
    report = parse_report(page)
    script = (REPO / "proofer" / "report" / "html" / "assets" / "report.js").read_text("utf-8")
    assert report.scripts == [script]
    for tag, attrs in report.tags:
        assert tag not in {"img", "iframe", "svg", "object", "embed", "form", "base", "style"} or (
            tag == "style" and not attrs
        ), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "src" not in attrs, (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        if "href" in attrs and tag != "link":
            assert SAFE_HREF.match(attrs["href"]) or attrs["href"].startswith(
                "https://community.languagetool.org/"), (tag, attrs)
    assert sum(1 for tag, _ in report.tags if tag == "style") == 1


def test_no_input_text_becomes_markup(catalog: RuleCatalog) -> None:
    page = REPORTERS["html"].render(hostile_context(catalog))
    assert_inert(page)
    report = parse_report(page)
    assert len(report.first_keys) == 4
    # Shown as the text it is.
    assert "<code>&lt;script&gt;" in page and "&lt;img src=x onerror=&quot;window.__pwned=20" in page
    assert report.highlight_text["f3"] == "window.__pwned = 3"
    assert "[entity](javascript:window.__pwned=6)" in page  # the entity decoded, not a link


def test_the_page_needs_nothing_from_outside(catalog: RuleCatalog) -> None:
    page = REPORTERS["html"].render(hostile_context(catalog))
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    script = re.search(r"<script>(.*?)</script>\n</body>", page, re.DOTALL)
    assert style and script
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(style.group(1))}'" in policy.group(1)
    assert f"script-src 'sha256-{digest(script.group(1))}'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    assert "@import" not in style.group(1) and "url(" not in style.group(1)
    assert "fetch(" not in script.group(1) and "XMLHttpRequest" not in script.group(1)


def test_same_input_gives_the_same_bytes_under_any_hash_seed(in_tmp: Path) -> None:
    (in_tmp / "b.md").write_text("Its a test of the the report.\n", encoding="utf-8")
    (in_tmp / "a.txt").write_text("We could of done it.\n", encoding="utf-8")
    pages = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "proofer", "check", "--engines", "spacy,style",
             "--format", "html", "a.txt", "b.md"],
            capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=in_tmp,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        pages.append(done.stdout)
    assert pages[0] == pages[1]
    page = pages[0].decode("utf-8")
    assert page.index('id="doc-1"') < page.index('id="doc-2"')
    assert page.index("a.txt") < page.index("b.md")
