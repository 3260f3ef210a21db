"""Applying suggestions to source text (sqlfluff/ruff style: in source coordinates), and
writing the result back atomically in the file's own encoding."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from proofer.atomic import write_atomically
from proofer.finding import Applicability, Finding
from proofer.sources import InputError, decode, detect_encoding, read_bytes


def fix_applicability(finding: Finding) -> Applicability:
    """What `--fix` may do with a finding: `safe` only for the single suggestion of a rule
    that declares `fix: safe`; `unsafe` for any other replaceable suggestion; `none` when
    there is nothing to apply or the span holds markup."""
    if not finding.offers_fix:
        return Applicability.NONE
    if finding.applicability is Applicability.SAFE and len(finding.suggestions) == 1:
        return Applicability.SAFE
    return Applicability.UNSAFE


def is_fixable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether `--fix` (or `--fix --unsafe-fixes`) would apply this finding's suggestion."""
    applicability = fix_applicability(finding)
    return applicability is Applicability.SAFE or (
        unsafe and applicability is Applicability.UNSAFE
    )


@dataclass(frozen=True)
class FixResult:
    source: str
    applied: int


def apply_fixes(source: str, findings: Iterable[Finding], unsafe: bool = False) -> FixResult:
    """Replace each fixable span with its first suggestion; overlapping fixes are skipped
    (the earlier span wins; the next run reports what is left)."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.identity_key())):
        if not is_fixable(finding, unsafe):
            continue
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    text = source
    for finding in reversed(chosen):
        text = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
    return FixResult(text, len(chosen))


def write_fixed(path: Path, checked: str, fixed: str, name: str | None = None) -> None:
    """Replace the file's text `checked` by `fixed`, atomically.

    The new bytes (same encoding, byte order, BOM; line endings are in the text) go to a
    temporary file in the same directory, are fsynced and renamed over the original, with
    its permissions. A symbolic link stays a link: its target is rewritten. Raises
    InputError, and leaves the file as it was, when it is read-only, has other hard
    links, changed since it was checked, or cannot be written (disk full, size limit).
    """
    shown = name or str(path)
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
    except OSError as exc:
        raise InputError(shown, f"not fixed: {exc.strerror or exc}") from None
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError(shown, "not fixed: the file is read-only")
    if status.st_nlink > 1:
        raise InputError(
            shown, f"not fixed: the file has {status.st_nlink} hard links, and replacing it "
            "atomically would split them"
        )
    data = read_bytes(target, shown)
    if decode(data, shown) != checked:
        raise InputError(shown, "not fixed: the file changed after it was checked")
    payload = detect_encoding(data).encode(fixed)
    try:
        write_atomically(target, payload, mode=stat.S_IMODE(status.st_mode), owner=status)
    except OSError as exc:
        raise InputError(shown, f"not fixed: cannot write ({exc.strerror or exc})") from None
