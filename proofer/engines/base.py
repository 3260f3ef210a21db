"""The engine protocol: every checker reads a DocumentAnalysis and returns TextFindings.

An engine's work on a document is cut into units (mostly one per block) whose results
the result cache can keep: `units` names them by a key (a digest of everything the
result depends on), `check_units` computes the results of those not in the cache (plain
JSON-ready data, block-relative so an unchanged block moved elsewhere is found again),
and `finish` turns every unit's result into the document's findings. `finish` runs on
every check, cached or not: whatever reads the whole document (spelling evidence from
every use of a word, document-scoped Vale rules, `limit`) lives there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from proofer.document import Document
from proofer.finding import TextFinding

if TYPE_CHECKING:
    from proofer.analysis.document import DocumentAnalysis


class EngineError(Exception):
    """A checking engine failed; results are incomplete (exit code 3)."""


class EngineConfigError(EngineError):
    """An engine's configuration is invalid: a rule or style file it was asked to run is
    broken or uses something the engine does not support. A configuration error (exit
    code 2), reported against `path`, the file at fault."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class WorkUnit:
    """One cacheable piece of an engine's work on a document: the key of its result and
    the block whose parse it reads (None: it reads no parse)."""

    key: str
    block: int | None = None


class Engine(Protocol):
    name: str

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        """Findings for each document path, in text coordinates (uncached)."""
        ...

    def close(self) -> None:
        """Release heavy resources (servers, models)."""
        ...


@runtime_checkable
class UnitEngine(Engine, Protocol):
    """An engine whose work the result cache can keep (see module docstring)."""

    def fingerprint(self) -> str:
        """A digest of everything about the engine that can change its units' results
        (code, rules, model and server versions, its slice of the config)."""
        ...

    def units(self, analysis: DocumentAnalysis) -> Sequence[WorkUnit]:
        """The units of work on one document (raises EngineConfigError for a document
        whose settings the engine cannot run)."""
        ...

    def check_units(self, analysis: DocumentAnalysis, indices: Sequence[int]) -> dict[int, Any]:
        """The results of the units at `indices`, as JSON-ready data."""
        ...

    def finish(self, analysis: DocumentAnalysis, results: Sequence[Any]) -> list[TextFinding]:
        """The document's findings, in text coordinates, from every unit's result."""
        ...
