"""`--format github`: GitHub Actions workflow commands, one line per finding.

`::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::message`; suggestions
become `::notice`. Columns are 1-based code points, end exclusive, and are given only for
findings on one line (GitHub ignores columns on multi-line annotations).
"""

from __future__ import annotations

from proofer.finding import Severity
from proofer.fingerprint import normalize_path
from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings, message_with_suggestions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message as GitHub's runner expects."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: like data, plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command_line(item: Located) -> str:
    """The workflow command for one finding."""
    finding = item.finding
    props = [("file", normalize_path(item.path)), ("line", str(item.line))]
    props.append(("endLine", str(item.end_line)))
    if item.end_line == item.line:
        props += [("col", str(item.column)), ("endColumn", str(item.end_column))]
    props.append(("title", finding.rule))
    message = message_with_suggestions(finding)
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    return "".join(command_line(item) + "\n" for item in items)
