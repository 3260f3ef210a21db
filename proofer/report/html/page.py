"""The HTML report page: summary, filters, each document with its findings, rule docs.

The page is one file: its CSS and script are inlined and pinned by a Content-Security-
Policy with their hashes, so nothing else can run or load, even if some text were ever
left unescaped. Every id is derived from the order of the findings, so the same run gives
the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from pathlib import Path

from proofer.catalog import RuleCatalog
from proofer.engines.languagetool.curation import rule_page_url
from proofer.finding import Severity
from proofer.pipeline import FileResult, parse_document
from proofer.report.context import ReportContext
from proofer.report.html.marks import Highlight, escape
from proofer.report.html.prose import render_document
from proofer.report.positions import Located, located_findings
from proofer.sources import STDIN_NAME, SourceFile
from proofer.stats import DocumentStats, document_stats

ICONS = {"error": "✖", "warning": "▲", "suggestion": "✎"}
_LABELS = {"error": "Error", "warning": "Warning", "suggestion": "Suggestion"}
_PLURALS = {"error": "errors", "warning": "warnings", "suggestion": "suggestions"}
_ENGINES = {
    "spacy": "spaCy grammar rules",
    "languagetool": "LanguageTool",
    "style": "House style",
    "proofer": "proofer",
}
_SCORES = (  # the names `proofer stats` prints, with what each means
    ("flesch_reading_ease", "Flesch", "Flesch reading ease: higher is easier, 60–70 is plain"),
    ("flesch_kincaid_grade", "FK grade", "Flesch–Kincaid grade level (US school grade)"),
    ("gunning_fog", "Fog", "Gunning fog index (years of schooling)"),
    ("coleman_liau", "Coleman–Liau", "Coleman–Liau index (US school grade)"),
    ("smog", "SMOG", "SMOG grade (US school grade)"),
    ("automated_readability", "ARI", "Automated readability index (US school grade)"),
)
_EXCERPT = 80  # longest flagged text shown in full in a card
_EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class _Entry:
    """One shown finding with its number in the page (1-based, in report order)."""

    number: int
    item: Located

    @property
    def key(self) -> str:
        return f"f{self.number}"


@dataclass(frozen=True)
class _RuleLinks:
    """Where each rule's documentation is: a section of the page, or LanguageTool's site."""

    anchors: dict[str, str]
    external: dict[str, str]

    def href(self, rule: str) -> str:
        return self.external.get(rule) or f"#{self.anchors[rule]}"


def render_page(context: ReportContext) -> str:
    """The whole report as one HTML document."""
    entries = [_Entry(n, item) for n, item in enumerate(located_findings(
        context.result, context.min_level), start=1)]
    by_path = {path: list(group) for path, group in groupby(entries, key=lambda e: e.item.path)}
    files = sorted(context.result.files, key=lambda f: f.path)
    links = _rule_links(sorted({e.item.finding.rule for e in entries}))
    documents = [
        _document_section(index, file, by_path.get(file.path, []), links, len(files) == 1)
        for index, file in enumerate(files, start=1)
    ]
    css, script = _asset("report.css"), _asset("report.js")
    title = files[0].path if len(files) == 1 else f"{len(files)} documents"
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en" class="no-js">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_policy(css, script)}">\n',
        '<meta name="color-scheme" content="light dark">\n',
        f'<meta name="generator" content="proofer {escape(context.version)}">\n',
        '<link rel="icon" href="data:,">\n',
        f"<title>Proofreading report: {escape(title)}</title>\n",
        f"<style>{css}</style>\n</head>\n<body>\n",
        '<a class="skip" href="#main">Skip to the report</a>\n',
        _masthead(context, entries, files, title),
        _toolbar(entries),
        '<main id="main">\n',
        *documents,
        _summary(context, entries, links),
        _rule_docs(context.catalog, links),
        "</main>\n",
        '<div class="popover" id="popover" role="dialog" aria-label="Finding" hidden></div>\n',
        f'<footer class="colophon">proofer {escape(context.version)} · '
        "the same input gives the same report</footer>\n",
        f"<script>{script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _asset(name: str) -> str:
    return (resources.files("proofer.report.html") / "assets" / name).read_text("utf-8")


def _policy(css: str, script: str) -> str:
    """Only this page's own style and script; no network, no plugins, no forms."""
    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()

    return (
        f"default-src 'none'; style-src 'sha256-{digest(css)}'; "
        f"script-src 'sha256-{digest(script)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _rule_links(rules: list[str]) -> _RuleLinks:
    anchors = {rule: f"rule-{index}" for index, rule in enumerate(rules, start=1)}
    external = {rule: rule_page_url(rule) for rule in rules if rule.startswith("LT.")}
    return _RuleLinks(anchors, external)


def _counts(entries: list[_Entry]) -> dict[str, int]:
    counts = Counter(e.item.finding.severity.value for e in entries)
    return {level.value: counts.get(level.value, 0) for level in Severity}


def _tally(counts: dict[str, int]) -> str:
    """'✖ 14 errors ▲ 1 warning' (levels with none left out), icons hidden from screen readers."""
    parts = []
    for level, count in counts.items():
        if not count:
            continue
        noun = _PLURALS[level] if count != 1 else level
        parts.append(
            f'<span class="tally sev-{level}"><span class="icon" aria-hidden="true">'
            f"{ICONS[level]}</span> {count} {noun}</span>"
        )
    return " ".join(parts)


def _masthead(
    context: ReportContext, entries: list[_Entry], files: list[FileResult], title: str
) -> str:
    result = context.result
    total = len(entries)
    verdict = "No findings" if not total else f"{total} finding{'s' if total != 1 else ''}"
    lines = [
        '<header class="masthead">\n<div class="wrap">\n',
        f'<p class="kicker">Proofreading report · proofer {escape(context.version)}</p>\n',
        f"<h1>{escape(title)}</h1>\n",
        f'<p class="verdict"><strong>{verdict}</strong> {_tally(_counts(entries))}</p>\n',
    ]
    engines = ", ".join(_ENGINES.get(e, e) for e in result.engines) or "none"
    lines.append(f'<p class="engines">Checked by {escape(engines)}')
    if result.skipped_engines:
        skipped = ", ".join(_ENGINES.get(e, e) for e in result.skipped_engines)
        lines.append(f"; not run on purpose: {escape(skipped)}")
    if result.baselined:
        lines.append(f"; {result.baselined} known finding(s) hidden by the baseline")
    lines.append(".</p>\n")
    lines.append(_problems(context))
    if len(files) > 1:
        lines.append(_contents(files, entries))
    lines.append("</div>\n</header>\n")
    return "".join(lines)


def _contents(files: list[FileResult], entries: list[_Entry]) -> str:
    """Links to each document with its counts (reports of several documents)."""
    per_path = {path: list(group) for path, group in groupby(entries, key=lambda e: e.item.path)}
    clean = '<span class="clean">no findings</span>'
    items = "".join(
        f'<li><a href="#doc-{index}">{escape(file.path)}</a> '
        f"{_tally(_counts(per_path.get(file.path, []))) or clean}</li>"
        for index, file in enumerate(files, start=1)
    )
    return f'<nav class="contents" aria-label="Documents"><ol>{items}</ol></nav>\n'


def _problems(context: ReportContext) -> str:
    """Failed engines and unreadable files: the reader must know the report is incomplete."""
    result = context.result
    items = [f"<li>Engine failed: {escape(e)}</li>" for e in result.engine_errors]
    items += [f"<li>Not checked: {escape(str(e))}</li>" for e in result.input_errors]
    notes = [f"<li>{escape(n)}</li>" for n in result.notes]
    out = ""
    if items:
        out += (
            '<div class="alert" role="alert"><p><strong>This report is incomplete.</strong></p>'
            f'<ul>{"".join(items)}</ul></div>\n'
        )
    if notes:
        out += f'<ul class="notes">{"".join(notes)}</ul>\n'
    return out


def _toolbar(entries: list[_Entry]) -> str:
    counts = _counts(entries)
    buttons = [
        '<button type="button" data-filter="severity" data-value="all" aria-pressed="true">'
        f'All <span class="n">{len(entries)}</span></button>'
    ]
    for level, count in counts.items():
        buttons.append(
            f'<button type="button" class="sev-{level}" data-filter="severity" '
            f'data-value="{level}" aria-pressed="false"{" disabled" if not count else ""}>'
            f'<span class="icon" aria-hidden="true">{ICONS[level]}</span> '
            f'{_PLURALS[level].capitalize()} <span class="n">{count}</span></button>'
        )
    engines = Counter(e.item.finding.engine for e in entries)
    rules = Counter(e.item.finding.rule for e in entries)
    engine_options = "".join(
        f'<option value="{escape(name)}">{escape(_ENGINES.get(name, name))} ({count})</option>'
        for name, count in sorted(engines.items())
    )
    rule_options = "".join(
        f'<option value="{escape(rule)}">{escape(rule)} ({count})</option>'
        for rule, count in sorted(rules.items())
    )
    return (
        '<nav class="toolbar" aria-label="Filter and move between findings">\n<div class="wrap">\n'
        f'<div class="segmented" role="group" aria-label="Severity">{"".join(buttons)}</div>\n'
        '<label class="select">Engine <select data-filter="engine">'
        f'<option value="all">All engines</option>{engine_options}</select></label>\n'
        '<label class="select">Rule <select data-filter="rule">'
        f'<option value="all">All rules</option>{rule_options}</select></label>\n'
        '<div class="stepper">'
        '<button type="button" data-step="-1" aria-keyshortcuts="p k" '
        'title="Previous finding (p or k)"><span aria-hidden="true">↑</span> Previous</button>'
        '<span class="position" id="position" aria-live="polite"></span>'
        '<button type="button" data-step="1" aria-keyshortcuts="n j" '
        'title="Next finding (n or j)">Next <span aria-hidden="true">↓</span></button>'
        "</div>\n</div>\n</nav>\n"
    )


def _source_file(file: FileResult) -> SourceFile:
    """The file as discovery saw it (stdin and .md/.markdown are Markdown)."""
    return SourceFile(file.path, None if file.path == STDIN_NAME else Path(file.path))


def _document_section(
    index: int, file: FileResult, entries: list[_Entry], links: _RuleLinks, alone: bool
) -> str:
    highlights = [
        Highlight(e.key, e.item.finding.start, e.item.finding.end, e.item.finding.severity,
                  str(e.number), f"card-{e.key}")
        for e in entries
    ]
    source_file = _source_file(file)
    woven = render_document(file.source, highlights, source_file.is_markdown)
    stats = document_stats(parse_document(source_file, file.source))
    cards = "".join(_card(e, file.source, woven.first_segment.get(e.key), links) for e in entries)
    count = len(entries)
    heading = f"{count} finding{'s' if count != 1 else ''}" if count else "No findings"
    doc_id = f"doc-{index}"
    # With one document the masthead already names it and counts its findings.
    title = "" if alone else (
        f'<h2 id="{doc_id}-title">{escape(file.path)}</h2>'
        f'<p class="doc-tally">{_tally(_counts(entries))}</p>'
    )
    labelled = f'aria-label="{escape(file.path)}"' if alone else f'aria-labelledby="{doc_id}-title"'
    return (
        f'<section class="document" id="{doc_id}" {labelled}>\n'
        f'<header class="doc-head wrap">{title}{_stats(stats)}</header>\n'
        '<div class="doc-body wrap">\n'
        f'<article class="prose" aria-label="{escape(file.path)}, with findings marked">\n'
        f"{woven.html}</article>\n"
        f'<aside class="findings" aria-labelledby="{doc_id}-list">'
        f'<h3 id="{doc_id}-list" data-total="{count}">{heading}</h3>'
        f'<p class="none-shown" hidden>No finding matches the filters.</p>'
        f'<ol class="finding-list">{cards}</ol></aside>\n'
        "</div>\n</section>\n"
    )


def _stats(stats: DocumentStats) -> str:
    counts = stats.counts
    minutes = stats.reading_minutes
    facts = [
        ("Words", f"{counts.words:,}", ""),
        ("Sentences", f"{counts.sentences:,}", ""),
        ("Reading", f"{minutes:.1f} min", "Reading time at 238 words a minute"),
    ]
    facts += [(label, f"{stats.scores[name]:.1f}", hint) for name, label, hint in _SCORES]
    cells = "".join(
        f'<div title="{escape(hint)}"><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>'
        if hint else f"<div><dt>{escape(label)}</dt><dd>{escape(value)}</dd></div>"
        for label, value, hint in facts
    )
    return (
        f'<dl class="stats" aria-label="Readability">{cells}</dl>'
        '<p class="stats-note">Flesch reading ease: higher is easier (60–70 is plain English); '
        "the other scores are US school grades.</p>"
    )


def _card(entry: _Entry, source: str, segment: str | None, links: _RuleLinks) -> str:
    item = entry.item
    finding = item.finding
    level = finding.severity.value
    flagged = source[finding.start : finding.end]
    shown = flagged if len(flagged) <= _EXCERPT else flagged[: _EXCERPT - 1] + "…"
    if finding.suggestions:
        options = '<span class="sr-only">, or</span> '.join(
            f"<ins>{escape(s)}</ins>" for s in finding.suggestions
        )
        change = (
            f'<p class="change"><del>{escape(shown)}</del> '
            f'<span aria-hidden="true">→</span><span class="sr-only">instead:</span> {options}</p>'
        )
    elif flagged:
        change = f'<p class="change"><span class="flagged">{escape(shown)}</span></p>'
    else:
        change = ""
    where = f"Line {item.line}, column {item.column}"
    target = f' data-target="{segment}"' if segment else ""
    href = f"#{segment}" if segment else f"#card-{entry.key}"
    unplaced = "" if segment else '<p class="unplaced">Not visible in the rendered text.</p>'
    external = finding.rule in links.external
    about = "LanguageTool’s page for this rule" if external else "About this rule"
    rule_link = (
        f'<a class="rule-link" href="{escape(links.href(finding.rule))}" title="{about}"'
        + (' rel="noopener noreferrer"' if external else "")
        + f">{escape(finding.rule)}{' ↗' if external else ''}</a>"
    )
    return (
        f'<li class="finding sev-{level}" id="card-{entry.key}" data-f="{entry.key}" '
        f'data-n="{entry.number}" data-severity="{level}" '
        f'data-engine="{escape(finding.engine)}" data-rule="{escape(finding.rule)}"{target}>'
        f'<div class="card-head"><span class="badge sev-{level}">'
        f'<span class="icon" aria-hidden="true">{ICONS[level]}</span> {_LABELS[level]}</span>'
        f'<a class="where" href="{href}">{where}</a><span class="number">#{entry.number}</span>'
        "</div>"
        f'<p class="message">{escape(finding.message)}</p>{change}{unplaced}'
        f'<p class="meta">{rule_link} · {escape(_ENGINES.get(finding.engine, finding.engine))}</p>'
        "</li>"
    )


def _summary(context: ReportContext, entries: list[_Entry], links: _RuleLinks) -> str:
    rows = Counter((e.item.finding.rule, e.item.finding.severity.value) for e in entries)
    ordered = sorted(rows.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    body = "".join(
        f'<tr><td><a href="{escape(links.href(rule))}">{escape(rule)}</a></td>'
        f"<td>{escape(_rule_name(context.catalog, rule))}</td>"
        f'<td><span class="badge sev-{level}"><span class="icon" aria-hidden="true">'
        f"{ICONS[level]}</span> {_LABELS[level]}</span></td>"
        f'<td class="num">{count}</td></tr>'
        for (rule, level), count in ordered
    )
    if not body:
        return ""
    return (
        '<section class="summary wrap" id="summary" aria-labelledby="summary-title">'
        '<h2 id="summary-title">Findings by rule</h2>'
        '<table class="by-rule"><thead><tr><th scope="col">Rule</th><th scope="col">Name</th>'
        '<th scope="col">Severity</th><th scope="col" class="num">Count</th></tr></thead>'
        f"<tbody>{body}</tbody></table></section>\n"
    )


def _rule_name(catalog: RuleCatalog, rule: str) -> str:
    known = catalog.rules.get(rule)
    if known:
        return known.name
    return "LanguageTool rule" if rule.startswith("LT.") else ""


def _rule_docs(catalog: RuleCatalog, links: _RuleLinks) -> str:
    """Each reported rule's page (what `proofer rule ID` prints)."""
    sections = []
    for rule_id, anchor in links.anchors.items():
        rule = catalog.rules.get(rule_id)
        head = f'<section class="rule-doc" id="{anchor}"><h3>{escape(rule_id)}'
        if rule is None:
            if rule_id in links.external:
                body = (
                    "<p>A LanguageTool rule. Its documentation and examples: "
                    f'<a href="{escape(links.external[rule_id])}" rel="noopener noreferrer">'
                    "LanguageTool’s page for this rule</a>.</p>"
                )
            else:
                body = "<p>A note from proofer about the document’s suppression comments.</p>"
            sections.append(f"{head}</h3>{body}</section>")
            continue
        parts = [
            f'{head} <span class="rule-name">{escape(rule.name)}</span></h3>',
            f'<p class="rule-facts">{escape(_ENGINES.get(rule.engine, rule.engine))} · '
            f"{escape(rule.severity.value)} · {escape(rule.category)}</p>",
        ]
        for title, text in (
            ("What it does", rule.doc.what), ("Why is this bad?", rule.doc.why),
            ("Use instead", rule.doc.instead), ("Notes", rule.doc.notes),
        ):
            if text:
                parts.append(f"<h4>{title}</h4><p>{escape(text.strip())}</p>")
        examples = "".join(_example(e.text, e.fixes) for e in rule.examples)
        if examples:
            parts.append(f'<h4>Examples</h4><ul class="examples">{examples}</ul>')
        sections.append("".join(parts) + "</section>")
    if not sections:
        return ""
    return (
        '<section class="rules wrap" id="rules" aria-labelledby="rules-title">'
        f'<h2 id="rules-title">The rules in this report</h2>{"".join(sections)}</section>\n'
    )


def _example(text: str, fixes: tuple[str, ...] | None) -> str:
    """A rule example with its [[marked]] span highlighted."""
    pieces = _EXAMPLE_MARK.split(text)  # text, marked, text, ...
    marked = "".join(
        f"<mark>{escape(piece)}</mark>" if odd else escape(piece)
        for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
    )
    if fixes is None:
        return (
            '<li class="good"><span class="icon" aria-hidden="true">✓</span>'
            f'<span class="sr-only">Good:</span> {marked}</li>'
        )
    fix = ", ".join(escape(f) for f in fixes) or "(delete)"
    return (
        '<li class="bad"><span class="icon" aria-hidden="true">✗</span>'
        f'<span class="sr-only">Bad:</span> {marked} <span class="fix">→ {fix}</span></li>'
    )
