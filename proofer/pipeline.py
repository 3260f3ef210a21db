"""The one-direction pipeline: read -> parse -> engines -> locate -> merge -> policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from proofer.catalog import RuleCatalog
from proofer.config import Config
from proofer.document import Document
from proofer.engines.base import Engine
from proofer.finding import Finding
from proofer.locate import to_source_findings
from proofer.markup.markdown import build_parser, parse_markdown
from proofer.markup.plaintext import parse_plaintext
from proofer.merge import merge_findings
from proofer.parallel import DoneCallback, WorkerSpec, run_engines
from proofer.policy import FilePolicy, apply_suppressions
from proofer.sources import InputError, SourceFile, read_source


@dataclass
class FileResult:
    """One checked file: its source and final findings (all levels)."""

    path: str
    source: str
    findings: list[Finding]


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    input_errors: list[InputError] = field(default_factory=list)
    engine_errors: list[str] = field(default_factory=list)
    engines: tuple[str, ...] = ()
    skipped_engines: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    baselined: int = 0  # shown findings suppressed by --baseline


def parse_document(file: SourceFile, source: str, parser: MarkdownIt | None = None) -> Document:
    """Markdown for .md/.markdown and stdin, plain text otherwise."""
    if file.is_markdown:
        return parse_markdown(file.display_path, source, parser)
    return parse_plaintext(file.display_path, source)


def read_documents(
    files: Sequence[SourceFile], config: Config
) -> tuple[list[Document], list[InputError]]:
    """Read and parse every file; unreadable files become error messages, not exceptions."""
    documents: list[Document] = []
    errors: list[InputError] = []
    parser = build_parser()
    for file in files:
        try:
            source = read_source(file, config.max_file_size)
        except InputError as exc:
            errors.append(exc)
            continue
        documents.append(parse_document(file, source, parser))
    return documents, errors


def check_documents(
    documents: Sequence[Document],
    engines: Sequence[Engine],
    config: Config,
    catalog: RuleCatalog,
    *,
    jobs: int = 1,
    on_done: DoneCallback | None = None,
    workers: WorkerSpec | None = None,
) -> RunResult:
    """Run every engine on every document and apply the user's policy.

    `jobs`, `workers` and `on_done` decide how the engines are driven (proofer.parallel);
    the findings are the same whichever way.
    """
    result = RunResult(engines=tuple(e.name for e in engines))
    per_path: dict[str, list[Finding]] = {d.path: [] for d in documents}
    by_path = {d.path: d for d in documents}
    outcomes = run_engines(
        documents, engines, jobs=jobs, on_done=on_done, workers=workers,
        add_names=catalog.add_names,
    )
    for outcome in outcomes:
        for path, problem in sorted(outcome.config_errors):
            # A broken rule or style file: a configuration error against that file.
            result.input_errors.append(InputError(path, f"{outcome.name}: {problem}"))
        if outcome.error is not None:
            result.engine_errors.append(outcome.error)
            continue
        for path, document in by_path.items():
            text_findings = outcome.findings.get(path, [])
            per_path[path].extend(
                to_source_findings(document, text_findings, catalog.applicability)
            )
    for document in documents:
        policy = FilePolicy.for_path(config, document.path)
        # Suppressions first (they add their own warnings), then the config policy on
        # everything, then the merge: what is switched off never absorbs what is not.
        unsuppressed = apply_suppressions(
            document, per_path[document.path], catalog.identify, catalog.is_known
        )
        selected = []
        for finding in unsuppressed:
            adjusted = policy.apply(finding, catalog.identify(finding))
            if adjusted is not None:
                selected.append(adjusted)
        findings = merge_findings(selected, document.source)
        result.files.append(FileResult(document.path, document.source, findings))
    return result


def check_text(
    path: str,
    source: str,
    markdown: bool,
    engines: Sequence[Engine],
    config: Config,
    catalog: RuleCatalog,
    parser: MarkdownIt | None = None,
) -> RunResult:
    """Check one in-memory document (an editor's buffer) exactly as `proofer check` checks
    a file: the same parsers, engines, suppressions, policy and merge."""
    document = (
        parse_markdown(path, source, parser) if markdown else parse_plaintext(path, source)
    )
    return check_documents([document], engines, config, catalog)
