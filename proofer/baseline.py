"""Baselines: record today's findings, then report only the ones that are new.

The file is JSON, written deterministically (sorted, one finding per line) so it diffs
well in review. Matching is by fingerprint (proofer.fingerprint), so moved paragraphs
still match and fixed findings simply drop out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from proofer.finding import Severity
from proofer.fingerprint import (
    fingerprint_of,
    located_fingerprints,
    normalize_path,
    stamp_fingerprints,
)
from proofer.pipeline import RunResult
from proofer.report.positions import located_findings

BASELINE_VERSION = 1


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a proofer baseline."""


@dataclass(frozen=True, order=True)
class BaselineEntry:
    path: str
    rule: str
    text: str
    fingerprint: str


def baseline_entries(result: RunResult, min_level: Severity) -> list[BaselineEntry]:
    """One entry per shown finding, sorted."""
    items = located_findings(result, min_level)
    prints = located_fingerprints(items)
    entries = {
        BaselineEntry(
            normalize_path(item.path),
            item.finding.rule,
            " ".join(item.file.source[item.finding.start:item.finding.end].split()),
            fp,
        )
        for item, fp in zip(items, prints, strict=True)
    }
    return sorted(entries)


def render_baseline(entries: Iterable[BaselineEntry]) -> str:
    """Valid JSON with exactly one finding per line."""
    lines = [
        "    " + json.dumps(
            {"path": e.path, "rule": e.rule, "text": e.text, "fingerprint": e.fingerprint},
            ensure_ascii=False,
        )
        for e in sorted(entries)
    ]
    body = ",\n".join(lines)
    head = f'{{\n  "version": {BASELINE_VERSION},\n  "tool": "proofer",\n  "findings": ['
    return head + ("\n" + body + "\n  " if lines else "") + "]\n}\n"


def save_baseline(path: Path, result: RunResult, min_level: Severity) -> int:
    """Write the baseline file; returns the number of findings recorded."""
    entries = baseline_entries(result, min_level)
    try:
        path.write_text(render_baseline(entries), encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(entries)


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file; BaselineError says what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"baseline file {path} not found (create it with --write-baseline {path})"
        ) from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(
            f"{path} is not a proofer baseline (version {BASELINE_VERSION} with a findings list)"
        )
    prints = set()
    for number, entry in enumerate(findings, 1):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"baseline {path}: finding {number} has no fingerprint")
        prints.add(fp)
    return frozenset(prints)


def apply_baseline(result: RunResult, known: frozenset[str], min_level: Severity) -> int:
    """Drop findings whose fingerprint is in the baseline; returns how many shown ones went.

    Stamp fingerprints (proofer.fingerprint.stamp_fingerprints) before any other filter
    runs; unstamped findings are stamped here.
    """
    stamp_fingerprints(result)
    suppressed = 0
    for file in result.files:
        kept = []
        for finding in file.findings:
            if fingerprint_of(finding) in known:
                suppressed += finding.severity.at_least(min_level)
            else:
                kept.append(finding)
        file.findings = kept
    return suppressed
