"""`--format junit`: JUnit XML (Ant's schema): one test suite per file, one failing test
case per finding, one passing test case for a clean file.

Ant's schema requires a timestamp and a host name; to keep output byte-identical between
runs the timestamp comes from SOURCE_DATE_EPOCH (reproducible-builds convention) when set,
else it is the Unix epoch, and the host name is "localhost". Times are 0.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from itertools import groupby

from proofer.fingerprint import normalize_path
from proofer.report.checkstyle import to_xml, xml_safe
from proofer.report.context import ReportContext
from proofer.report.positions import Located, located_findings

CLEAN_CASE = "no findings"


def _timestamp() -> str:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(raw) if raw.isdigit() else 0
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def _suite(root: ET.Element, name: str, number: int, tests: int, failures: int,
           errors: int) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", {
        "name": xml_safe(name), "package": "proofer", "id": str(number),
        "timestamp": _timestamp(), "hostname": "localhost", "tests": str(tests),
        "failures": str(failures), "errors": str(errors), "skipped": "0", "time": "0",
    })
    ET.SubElement(suite, "properties")
    return suite


def _close(suite: ET.Element) -> None:
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")


def _case(suite: ET.Element, name: str, classname: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {
        "name": xml_safe(name), "classname": xml_safe(classname), "time": "0",
    })


def _failure_text(item: Located) -> str:
    finding = item.finding
    lines = [
        f"{normalize_path(item.path)}:{item.line}:{item.column}: "
        f"{finding.severity.value} {finding.rule}",
        finding.message,
    ]
    if finding.suggestions:
        lines.append("Suggestions: " + ", ".join(f"“{s}”" for s in finding.suggestions))
    return "\n".join(lines)


def render(context: ReportContext) -> str:
    result = context.result
    items = located_findings(result, context.min_level)
    by_path = {path: list(group) for path, group in groupby(items, key=lambda i: i.path)}
    failed = {e.path: e.problem for e in result.input_errors}
    names = sorted({f.path for f in result.files} | set(failed))
    root = ET.Element("testsuites")  # Ant's schema allows no attributes here
    number = 0
    for name in names:
        shown = normalize_path(name)
        found = by_path.get(name, [])
        if name in failed:
            suite = _suite(root, shown, number, 1, 0, 1)
            case = _case(suite, "read", shown)
            ET.SubElement(case, "error", {"message": xml_safe(failed[name]), "type": "input-error"})
        elif not found:
            suite = _suite(root, shown, number, 1, 0, 0)
            _case(suite, CLEAN_CASE, shown)
        else:
            suite = _suite(root, shown, number, len(found), len(found), 0)
            for item in found:
                finding = item.finding
                case = _case(suite, f"{finding.rule} at {item.line}:{item.column}", shown)
                failure = ET.SubElement(case, "failure", {
                    "message": xml_safe(finding.message), "type": finding.severity.value,
                })
                failure.text = xml_safe(_failure_text(item))
        _close(suite)
        number += 1
    if result.engine_errors:
        suite = _suite(root, "proofer engines", number, len(result.engine_errors), 0,
                       len(result.engine_errors))
        for error in result.engine_errors:
            case = _case(suite, error.split(":", 1)[0], "proofer.engines")
            ET.SubElement(case, "error", {"message": xml_safe(error), "type": "engine-error"})
        _close(suite)
    return to_xml(root)
