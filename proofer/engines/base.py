"""The engine protocol: every checker turns a Document into TextFindings."""

from __future__ import annotations

from typing import Protocol

from proofer.document import Document
from proofer.finding import TextFinding


class EngineError(Exception):
    """A checking engine failed; results are incomplete (exit code 3)."""


class Engine(Protocol):
    name: str

    def check(self, documents: list[Document]) -> dict[str, list[TextFinding]]:
        """Findings for each document path, in text coordinates."""
        ...

    def close(self) -> None:
        """Release heavy resources (servers, models)."""
        ...
