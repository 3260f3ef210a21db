"""Report formats: one small module per format, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from proofer.report import json_report
from proofer.report.context import ReportContext

Renderer = Callable[[ReportContext], str]

# Machine formats; "human" is printed by proofer.report.human straight to the console.
MACHINE_FORMATS: Mapping[str, Renderer] = {
    "json": json_report.render,
}
HUMAN_FORMAT = "human"


def format_names() -> list[str]:
    return [HUMAN_FORMAT, *MACHINE_FORMATS]
