"""Report formats: one registry of Reporters, each format a small module of its own.

The CLI looks a format up by name and hands it the run; nothing outside this registry
knows which formats exist.
"""

from __future__ import annotations

from collections.abc import Mapping

from proofer.report import checkstyle, github, gitlab, html, json_report, junit, rdjson, sarif
from proofer.report.context import ReportContext
from proofer.report.human import HumanReporter
from proofer.report.reporter import PEOPLE, PROGRAMS, Reporter, Streams
from proofer.report.text import TextReporter

__all__ = [
    "DEFAULT_FORMAT", "MACHINE_FORMATS", "REPORTERS", "ReportContext", "Reporter", "Streams",
    "format_help", "format_names",
]

_ALL: tuple[Reporter, ...] = (
    HumanReporter(),
    TextReporter("html", html.render, "one self-contained page to read and share", PEOPLE),
    TextReporter("json", json_report.render),
    TextReporter("sarif", sarif.render),
    TextReporter("github", github.render),
    TextReporter("rdjson", rdjson.render),
    TextReporter("junit", junit.render),
    TextReporter("gitlab", gitlab.render),
    TextReporter("checkstyle", checkstyle.render),
)
REPORTERS: Mapping[str, Reporter] = {reporter.name: reporter for reporter in _ALL}
DEFAULT_FORMAT = "human"

# The formats written for programs, as plain renderers (for callers that want the text).
MACHINE_FORMATS = {r.name: r.render for r in _ALL if r.audience == PROGRAMS}


def format_names() -> list[str]:
    """Every format name, in the order `--format` help lists them."""
    return list(REPORTERS)


def format_help() -> str:
    """The `--format` help: the formats for people with what they are, then the rest."""
    people = [f"{r.name} ({r.description})" for r in _ALL if r.audience == PEOPLE]
    programs = [r.name for r in _ALL if r.audience == PROGRAMS]
    return f"Report format: {', '.join(people)}; for programs: {', '.join(programs)}."
