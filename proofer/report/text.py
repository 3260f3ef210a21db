"""The adapter that makes a text-rendering function (JSON, SARIF, HTML, ...) a Reporter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proofer.report.context import ReportContext
from proofer.report.human import print_summary
from proofer.report.reporter import PROGRAMS, Streams


@dataclass(frozen=True)
class TextReporter:
    """A format that is one text document (JSON, SARIF, HTML, ...): the same bytes to a file
    or to standard output, the summary on standard error so a pipe gets only the document."""

    name: str
    renderer: Callable[[ReportContext], str]
    description: str = ""
    audience: str = PROGRAMS

    def render(self, context: ReportContext) -> str:
        return self.renderer(context)

    def show(self, streams: Streams, context: ReportContext, quiet: bool) -> None:
        streams.out.file.write(self.render(context))
        streams.out.file.flush()
        if not quiet:
            print_summary(streams.err, context)
