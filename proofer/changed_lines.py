"""`--diff REF`: the lines added or changed since a git revision, and the filter that
keeps only findings touching them.

`git diff REF` compares REF with the working tree, so commits since REF, staged and
unstaged edits all count. Files git does not track count as wholly added. `REF...`
(three dots) means "since the merge base of REF and HEAD", the usual pull-request view.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from proofer.lines import LineIndex
from proofer.pipeline import RunResult
from proofer.sources import STDIN_NAME


class GitDiffError(Exception):
    """git is missing, the directory is not a repository, or the revision is unknown."""


@dataclass(frozen=True)
class ChangedLines:
    """Added or changed lines (1-based) per absolute path inside the repository `root`,
    and the files git tracks (paths under `root`, which git reports resolved)."""

    root: Path
    lines: Mapping[Path, frozenset[int]]
    tracked: frozenset[Path]

    def lines_for(self, path: Path) -> frozenset[int] | None:
        """The changed lines of `path`; None when the whole file is new (untracked)."""
        absolute = path.resolve()
        if absolute in self.lines:
            return self.lines[absolute]
        if absolute.is_relative_to(self.root) and absolute not in self.tracked:
            return None
        return frozenset()


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitDiffError("--diff needs git, and git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitDiffError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout.decode("utf-8", "replace")


def _resolve_ref(ref: str, cwd: Path) -> str:
    """The commit id REF names (or, for `REF...`, its merge base with HEAD)."""
    if not ref or ref.startswith("-"):
        raise GitDiffError(f"--diff: {ref!r} is not a git revision")
    merge_base = ref.endswith("...")
    name = ref[:-3] if merge_base else ref
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd).strip()
    except GitDiffError:
        commit = ""
    if not commit:
        raise GitDiffError(f"--diff: unknown git revision {name!r}")
    if merge_base:
        try:
            commit = _git(["merge-base", commit, "HEAD"], cwd).strip()
        except GitDiffError as exc:
            raise GitDiffError(f"--diff: no merge base of {name!r} and HEAD: {exc}") from None
    return commit


def parse_diff(text: str) -> dict[str, frozenset[int]]:
    """Added lines (target line numbers) per target path in a unified diff with a/ b/ prefixes."""
    try:
        patch = PatchSet(text)
    except UnidiffParseError as exc:
        raise GitDiffError(f"cannot read git's diff output: {exc}") from None
    result: dict[str, frozenset[int]] = {}
    for patched in patch:
        if patched.is_removed_file:
            continue
        target = patched.target_file
        path = target[2:] if target.startswith("b/") else target
        result[path] = frozenset(
            line.target_line_no
            for hunk in patched
            for line in hunk
            if line.is_added and line.target_line_no is not None
        )
    return result


def changed_lines(ref: str, cwd: Path | None = None) -> ChangedLines:
    """Lines added or changed in the working tree since `ref`; GitDiffError on any problem."""
    cwd = cwd or Path.cwd()
    try:
        root = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    except GitDiffError as exc:
        raise GitDiffError(f"--diff needs a git repository: {exc}") from None
    commit = _resolve_ref(ref, cwd)
    diff = _git(
        ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-U0", "-M",
         "--src-prefix=a/", "--dst-prefix=b/", commit, "--"],
        root,
    )
    tracked = _git(["ls-files", "-z", "--full-name"], root).split("\0")
    lines = {root / path: added for path, added in parse_diff(diff).items()}
    return ChangedLines(root, lines, frozenset(root / p for p in tracked if p))


def restrict_to_changed(result: RunResult, changed: ChangedLines) -> int:
    """Keep only findings on changed lines (stdin is kept whole); returns how many went."""
    dropped = 0
    for file in result.files:
        if file.path == STDIN_NAME:
            continue
        lines = changed.lines_for(Path(file.path))
        if lines is None:
            continue
        index = LineIndex(file.source)
        kept = []
        for finding in file.findings:
            first = index.position(finding.start)[0]
            end_line, end_column = index.end_position(finding.start, finding.end)
            last = end_line - 1 if end_column == 1 and end_line > first else end_line
            if any(line in lines for line in range(first, last + 1)):
                kept.append(finding)
            else:
                dropped += 1
        file.findings = kept
    return dropped
