"""Report formats: one small module per format, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from proofer.report import checkstyle, github, gitlab, json_report, junit, rdjson, sarif
from proofer.report.context import ReportContext

Renderer = Callable[[ReportContext], str]

# Machine formats; "human" is printed by proofer.report.human straight to the console.
MACHINE_FORMATS: Mapping[str, Renderer] = {
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "rdjson": rdjson.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
    "checkstyle": checkstyle.render,
}
HUMAN_FORMAT = "human"


def format_names() -> list[str]:
    return [HUMAN_FORMAT, *MACHINE_FORMATS]
