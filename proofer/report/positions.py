"""Findings with line/column positions, in the order every reporter uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from proofer.finding import Finding, Severity
from proofer.lines import LineIndex
from proofer.pipeline import FileResult, RunResult


@dataclass(frozen=True)
class Located:
    """A finding with 1-based line/column (code points, end exclusive) and its path."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Finding
    file: FileResult

    def sort_key(self) -> tuple[str, int, int, str, int, int, str]:
        return (
            self.path, self.line, self.column, self.finding.rule,
            self.end_line, self.end_column, self.finding.message,
        )


def locate_file(file: FileResult, min_level: Severity) -> Iterator[Located]:
    """Every finding of one file at or above `min_level`."""
    index = LineIndex(file.source)
    for finding in file.findings:
        if not finding.severity.at_least(min_level):
            continue
        line, column = index.position(finding.start)
        end_line, end_column = index.end_position(finding.start, finding.end)
        yield Located(file.path, line, column, end_line, end_column, finding, file)


def located_findings(result: RunResult, min_level: Severity) -> list[Located]:
    """All shown findings, ordered by path, line, column, rule."""
    found = [item for file in result.files for item in locate_file(file, min_level)]
    return sorted(found, key=Located.sort_key)


def message_with_suggestions(finding: Finding) -> str:
    """The message, then the suggestions as a sentence, for formats with one text field."""
    if not finding.suggestions:
        return finding.message
    quoted = ", ".join(f"“{s}”" for s in finding.suggestions)
    return f"{finding.message} Suggestions: {quoted}."


def severity_counts(items: list[Located]) -> dict[str, int]:
    counts = Counter(item.finding.severity.value for item in items)
    return {level.value: counts.get(level.value, 0) for level in Severity}


def rule_counts(items: list[Located]) -> dict[str, int]:
    counts = Counter(item.finding.rule for item in items)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
