"""`--format github`: GitHub Actions workflow commands, one line per finding.

`::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=RULE::message`; suggestions
become `::notice`. Columns are 1-based code points, end exclusive, and are given only for
findings on one line (GitHub ignores columns on multi-line annotations). A file that could
not be checked is an `::error` on that file, a failed engine an `::error` of its own, so
an incomplete run is never a clean-looking log.
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


def problem_lines(context: ReportContext) -> list[str]:
    """Unreadable files and failed engines as error annotations."""
    result = context.result
    lines = []
    for error in sorted(result.input_errors, key=lambda e: (e.path, e.problem)):
        path = escape_property(normalize_path(error.path))
        title = escape_property("proofer: not checked")
        lines.append(f"::error file={path},line=1,endLine=1,title={title}::"
                     f"{escape_data(error.problem)}")
    for engine_error in result.engine_errors:
        title = escape_property("proofer: engine failed")
        lines.append(f"::error title={title}::{escape_data(engine_error)}")
    return lines


def render(context: ReportContext) -> str:
    items = located_findings(context.result, context.min_level)
    lines = [*problem_lines(context), *(command_line(item) for item in items)]
    return "".join(line + "\n" for line in lines)
