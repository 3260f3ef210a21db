"""The report for people: each problem in context with an underline and suggestions."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from proofer.lines import LineIndex
from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings, severity_counts
from proofer.report.reporter import PEOPLE, Streams
from proofer.terminal import plain, printable

_STYLES = {"error": "bold red", "warning": "bold yellow", "suggestion": "bold cyan"}
_TAB = "    "
_CONTEXT = 50  # characters of context kept on each side of a span in long lines


def _underline(item: Located, line_text: str) -> tuple[str, str]:
    """The displayed line (an excerpt when long) and a caret line under the span.

    Control characters from the draft are shown escaped, never sent to the terminal."""
    start = item.column - 1
    end = item.end_column - 1 if item.end_line == item.line else len(line_text)
    left = max(0, start - _CONTEXT)
    right = min(len(line_text), end + _CONTEXT)
    prefix = "…" if left else ""
    suffix = "…" if right < len(line_text) else ""
    before = prefix + printable(line_text[left:start].replace("\t", _TAB))
    flagged = printable(line_text[start:end].replace("\t", _TAB))
    after = printable(line_text[end:right].replace("\t", _TAB)) + suffix
    return before + flagged + after, " " * cell_len(before) + "^" * max(1, cell_len(flagged))


def print_findings(console: Console, context: ReportContext) -> None:
    """Every finding, grouped by file."""
    items = located_findings(context.result, context.min_level)
    for path, group in groupby(items, key=lambda i: i.path):
        console.print(plain(path, style="bold underline"))
        entries = list(group)
        index = LineIndex(entries[0].file.source)
        for item in entries:
            finding = item.finding
            level = finding.severity.value
            head = Text.assemble(
                (f"{printable(path)}:{item.line}:{item.column}", "bold"),
                "  ",
                (level, _STYLES[level]),
                "  ",
                (printable(finding.rule), "magenta"),
            )
            console.print(head)
            console.print(plain("  " + finding.message))
            shown, carets = _underline(item, index.line_text(item.line))
            gutter = f"{item.line:>5} │ "
            console.print(Text(gutter, style="dim") + Text(shown), crop=False)
            console.print(
                Text(" " * (len(gutter) - 2) + "│ ", style="dim")
                + Text(carets, style=_STYLES[level]),
                crop=False,
            )
            if finding.suggestions:
                joined = ", ".join(f"“{s}”" for s in finding.suggestions)
                console.print(Text("  suggestion: ", style="green") + plain(joined))
            console.print()


def print_problems(console: Console, context: ReportContext) -> None:
    """Files that could not be checked, failed engines and notes (meant for stderr)."""
    result = context.result
    for input_error in result.input_errors:
        console.print(Text("error: ", style="bold red") + plain(str(input_error)))
    for engine_error in result.engine_errors:
        console.print(Text("engine failed: ", style="bold red") + plain(engine_error))
    for note in result.notes:
        console.print(Text("note: ", style="yellow") + plain(note))
    if result.skipped_engines:
        console.print(
            Text("note: ", style="yellow")
            + plain("not run on purpose: " + ", ".join(result.skipped_engines))
        )


def print_summary(console: Console, context: ReportContext) -> None:
    """Counts by severity and by rule, the engines that ran and the exit code."""
    result = context.result
    items = located_findings(result, context.min_level)
    counts = severity_counts(items)
    if items:
        table = Table(title="Findings by rule", title_justify="left", show_edge=False)
        table.add_column("rule", style="magenta")
        table.add_column("severity")
        table.add_column("count", justify="right")
        # One row per rule and level: per-path overrides can give a rule two levels.
        rows = Counter((i.finding.rule, i.finding.severity) for i in items)
        for (rule, severity), count in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0][0])):
            level = severity.value
            table.add_row(plain(rule), Text(level, style=_STYLES[level]), str(count))
        console.print(table)
    parts = [f"[{_STYLES[k]}]{v} {k}{'s' if v != 1 else ''}[/]" for k, v in counts.items()]
    files = len(result.files)
    console.print(
        f"{files} file{'s' if files != 1 else ''} checked: " + ", ".join(parts)
        + f" · engines: {escape(printable(', '.join(result.engines)) or 'none')}"
        + (f" · {result.baselined} suppressed by baseline" if result.baselined else "")
        + f" · exit {context.exit_code}"
    )


def plain_text(context: ReportContext) -> str:
    """The findings and summary without colour, as `--output FILE` writes them."""
    with open(os.devnull, "w", encoding="utf-8") as sink:
        console = Console(record=True, no_color=True, width=100, file=sink)
        print_findings(console, context)
        print_summary(console, context)
        return console.export_text()


@dataclass(frozen=True)
class HumanReporter:
    """The default format: each finding in context, coloured on a terminal."""

    name: str = "human"
    audience: str = PEOPLE
    description: str = "each problem in context, coloured on a terminal"

    def render(self, context: ReportContext) -> str:
        return plain_text(context)

    def show(self, streams: Streams, context: ReportContext, quiet: bool) -> None:
        if not quiet:
            print_findings(streams.out, context)
        print_summary(streams.out, context)
