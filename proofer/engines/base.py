"""The engine protocol: every checker turns a Document into TextFindings."""

from __future__ import annotations

from typing import Protocol

from proofer.document import Document
from proofer.finding import TextFinding


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


class Engine(Protocol):
    name: str

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        """Findings for each document path, in text coordinates."""
        ...

    def close(self) -> None:
        """Release heavy resources (servers, models)."""
        ...
