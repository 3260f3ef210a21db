"""`--format checkstyle`: Checkstyle XML, one <file> per checked file.

Columns are 1-based code points. Files that could not be read get an error entry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from proofer.finding import Severity
from proofer.fingerprint import normalize_path
from proofer.report.context import ReportContext
from proofer.report.positions import located_findings, message_with_suggestions

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "info"}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", value)


def to_xml(root: ET.Element) -> str:
    """Indented XML with a declaration and a final newline."""
    ET.indent(root, space="  ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def render(context: ReportContext) -> str:
    result = context.result
    root = ET.Element("checkstyle", {"version": "4.3"})
    files: dict[str, ET.Element] = {}
    names = sorted({f.path for f in result.files} | {e.path for e in result.input_errors})
    for name in names:
        files[name] = ET.SubElement(root, "file", {"name": xml_safe(normalize_path(name))})
    for error in result.input_errors:
        ET.SubElement(files[error.path], "error", {
            "line": "1", "severity": "error",
            "message": xml_safe(error.problem), "source": "proofer.input-error",
        })
    for item in located_findings(result, context.min_level):
        finding = item.finding
        message = message_with_suggestions(finding)
        ET.SubElement(files[item.path], "error", {
            "line": str(item.line),
            "column": str(item.column),
            "severity": SEVERITIES[finding.severity],
            "message": xml_safe(message),
            "source": xml_safe(finding.rule),
        })
    return to_xml(root)
