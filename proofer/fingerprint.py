"""Stable finding fingerprints: rule, path, flagged text and a few words around it.

Line numbers are left out on purpose, so a fingerprint survives edits elsewhere in the
file and a paragraph that moves keeps its fingerprints. Findings that share rule, path,
text and context (the same slip repeated in the same words) get an ordinal, counted in
source order, so each stays distinct. Used by SARIF `partialFingerprints`, GitLab's
`fingerprint` and the baseline.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from proofer.finding import Finding
from proofer.pipeline import RunResult

if TYPE_CHECKING:  # proofer.report imports this module; avoid the cycle at run time
    from proofer.report.positions import Located

FINGERPRINT_KEY = "fingerprint"
FINGERPRINT_VERSION = "1"
CONTEXT_WORDS = 4
_WINDOW = 300  # characters searched on each side for context words
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")


def normalize_path(path: str) -> str:
    """The path as reports and fingerprints use it: forward slashes, no `./`, no `a/../`."""
    if path == "-":
        return path
    posix = path.replace(os.sep, "/") if os.sep != "/" else path
    normal = posixpath.normpath(posix)
    if PurePath(path).is_absolute():
        return normal
    return normal.removeprefix("./")


def _context(source: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_WORDS lowercased words before and after the span, within its paragraph."""
    before = source[max(0, start - _WINDOW):start]
    breaks = list(_PARAGRAPH_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    after = source[end:end + _WINDOW]
    cut = _PARAGRAPH_BREAK.search(after)
    if cut:
        after = after[:cut.start()]
    words_before = _WORD.findall(before.lower())[-CONTEXT_WORDS:]
    words_after = _WORD.findall(after.lower())[:CONTEXT_WORDS]
    return " ".join(words_before), " ".join(words_after)


def finding_key(path: str, source: str, finding: Finding) -> tuple[str, str, str, str, str]:
    """What identifies a finding apart from its ordinal: rule, path, text, context."""
    text = _SPACE.sub(" ", source[finding.start:finding.end]).strip()
    before, after = _context(source, finding.start, finding.end)
    return (finding.rule, normalize_path(path), text, before, after)


def file_fingerprints(path: str, source: str, findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the given order (ordinals follow source order)."""
    keys = [finding_key(path, source, f) for f in findings]
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: Counter[tuple[str, ...]] = Counter()
    result = [""] * len(findings)
    for index in order:
        key = keys[index]
        ordinal = seen[key]
        seen[key] += 1
        payload = "\0".join((FINGERPRINT_VERSION, *key, str(ordinal)))
        result[index] = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
    return result


def fingerprint_of(finding: Finding) -> str | None:
    """The fingerprint stamped on a finding by `stamp_fingerprints`, if any."""
    return dict(finding.extra).get(FINGERPRINT_KEY)


def stamp_fingerprints(result: RunResult) -> None:
    """Record each finding's fingerprint on it, before any filter removes findings.

    Ordinals depend on the other findings of the file, so fingerprints are computed
    once on the full result; reporters then read them back with `fingerprint_of`.
    Findings already stamped keep their fingerprint.
    """
    for file in result.files:
        if all(fingerprint_of(f) is not None for f in file.findings):
            continue
        prints = file_fingerprints(file.path, file.source, file.findings)
        file.findings = [
            finding if fingerprint_of(finding) is not None
            else replace(finding, extra=(*finding.extra, (FINGERPRINT_KEY, fp)))
            for finding, fp in zip(file.findings, prints, strict=True)
        ]


def located_fingerprints(items: Sequence[Located]) -> list[str]:
    """Fingerprints of located findings: stamped ones as stamped, others computed per file."""
    computed: dict[int, dict[int, str]] = {}
    out = []
    for item in items:
        stamped = fingerprint_of(item.finding)
        if stamped is not None:
            out.append(stamped)
            continue
        key = id(item.file)
        if key not in computed:
            prints = file_fingerprints(item.file.path, item.file.source, item.file.findings)
            computed[key] = {id(f): fp for f, fp in zip(item.file.findings, prints, strict=True)}
        out.append(computed[key].get(id(item.finding), ""))
    return out
