"""One `proofer check` run: discover, read, check with every engine, filter, fix.

The CLI parses options and prints; everything between lives here so it can be reused
(and tested) without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proofer.baseline import apply_baseline
from proofer.catalog import RuleCatalog
from proofer.changed_lines import ChangedLines, restrict_to_changed
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import Engine
from proofer.engines.factory import EngineSetup, build_engines
from proofer.finding import Severity
from proofer.fingerprint import stamp_fingerprints
from proofer.fixes import apply_fixes, write_fixed
from proofer.parallel import WorkerSpec
from proofer.pipeline import RunResult, check_documents, read_documents
from proofer.progress import NoProgress, RunProgress
from proofer.sources import STDIN_NAME, InputError, SourceFile, discover


@dataclass(frozen=True)
class CheckRequest:
    """What the user asked for, after options and config are resolved."""

    paths: Sequence[str]
    config: Config
    catalog: RuleCatalog
    engines: Sequence[str]
    skipped_engines: Sequence[str] = ()
    min_level: Severity = Severity.SUGGESTION
    engine_options: Mapping[str, Any] = field(default_factory=dict)
    changed: ChangedLines | None = None
    diff_ref: str | None = None
    baseline: frozenset[str] | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    jobs: int = 1
    progress: RunProgress = field(default_factory=NoProgress)


def run_check(request: CheckRequest) -> RunResult:
    """Check every file once (twice with --fix: fix, then report what is left)."""
    config = request.config
    discovery = discover(request.paths, config.include, config.exclude)
    files = list(discovery.files)
    unchanged: list[SourceFile] = []
    if request.changed is not None:
        files, unchanged = _split_unchanged(files, request.changed)
    documents, read_errors = read_documents(files, config)
    setup = EngineSetup(config, request.catalog, request.engine_options)
    built, build_errors = build_engines(request.engines, setup) if documents else ([], [])
    fix_errors: list[InputError] = []
    try:
        result = _check(request, documents, built)
        if request.fix and not result.engine_errors and not build_errors:
            fixed, fix_errors = _write_fixes(result, files, request)
            if fixed:
                documents, read_errors = read_documents(files, config)
                result = _check(request, documents, built)
                result.notes.append(f"fixed {fixed} problem(s); the report shows what is left")
    finally:
        for engine in built:
            engine.close()
    result.input_errors = [*discovery.errors, *read_errors, *result.input_errors, *fix_errors]
    result.engine_errors = [*build_errors, *result.engine_errors]
    result.engines = tuple(request.engines) if not build_errors else tuple(e.name for e in built)
    result.skipped_engines = tuple(request.skipped_engines)
    result.notes[:0] = discovery.notes
    if unchanged:
        result.notes.append(
            f"{len(unchanged)} file(s) not checked: unchanged since {request.diff_ref}"
        )
    return result


def _split_unchanged(
    files: list[SourceFile], changed: ChangedLines
) -> tuple[list[SourceFile], list[SourceFile]]:
    """Files with lines changed since the --diff ref (or new, or stdin), and the rest:
    an unchanged file can have no finding on a changed line, so it is not checked."""
    keep: list[SourceFile] = []
    skip: list[SourceFile] = []
    for file in files:
        if file.path is None or file.display_path == STDIN_NAME:
            keep.append(file)
        elif changed.lines_for(file.path) == frozenset():
            skip.append(file)
        else:
            keep.append(file)
    return keep, skip


def _check(request: CheckRequest, documents: list[Document], engines: list[Engine]) -> RunResult:
    workers = WorkerSpec(
        request.config, tuple(request.catalog.rules.values()), dict(request.engine_options)
    )
    request.progress.begin(documents)
    try:
        result = check_documents(
            documents, engines, request.config, request.catalog,
            jobs=request.jobs, on_done=request.progress.done, workers=workers,
        )
    finally:
        request.progress.end()
    _gate(request, result)
    return result


def _gate(request: CheckRequest, result: RunResult) -> None:
    """CI filters: fingerprints first (before anything is dropped), then --diff, --baseline."""
    stamp_fingerprints(result)
    if request.changed is not None:
        dropped = restrict_to_changed(result, request.changed)
        if dropped:
            result.notes.append(
                f"{dropped} finding(s) outside the lines changed since {request.diff_ref}"
            )
    if request.baseline is not None:
        result.baselined = apply_baseline(result, request.baseline, request.min_level)


def _write_fixes(
    result: RunResult, files: Sequence[SourceFile], request: CheckRequest
) -> tuple[int, list[InputError]]:
    """Apply the fixes of shown findings (at or above --min-level, after the config, the
    baseline and --diff) to the files on disk; returns how many problems were fixed and
    the files that could not be written."""
    real_paths: dict[str, Path] = {f.display_path: f.path for f in files if f.path is not None}
    total = 0
    errors: list[InputError] = []
    for file in result.files:
        shown = [f for f in file.findings if f.severity.at_least(request.min_level)]
        fixed = apply_fixes(file.source, shown, request.unsafe_fixes)
        if not fixed.applied:
            continue
        path = real_paths.get(file.path)
        if path is None or file.path == STDIN_NAME:
            result.notes.append("standard input is not fixed in place")
            continue
        try:
            write_fixed(path, file.source, fixed.source, file.path)
        except InputError as exc:
            errors.append(exc)
            continue
        total += fixed.applied
    return total, errors
