"""The Reporter protocol every output format implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rich.console import Console

from proofer.report.context import ReportContext

PEOPLE = "people"
PROGRAMS = "programs"


@dataclass(frozen=True)
class Streams:
    """Where a report goes when no --output is given."""

    out: Console  # standard output: the report itself
    err: Console  # standard error: problems, and the summary beside a data format


class Reporter(Protocol):
    """One output format: `render` for a file, `show` for standard output."""

    @property
    def name(self) -> str: ...

    @property
    def audience(self) -> str:
        """PEOPLE or PROGRAMS (how `--format` help groups the formats)."""
        ...

    @property
    def description(self) -> str: ...

    def render(self, context: ReportContext) -> str:
        """The whole report as text: what `--output FILE` receives."""
        ...

    def show(self, streams: Streams, context: ReportContext, quiet: bool) -> None:
        """Write the report to standard output, and the summary where it belongs."""
        ...
