"""A parsed input file: source text, its checkable TextMap and inline directives."""

from __future__ import annotations

from dataclasses import dataclass

from proofer.textmap import TextMap


@dataclass(frozen=True)
class Directive:
    """An inline comment that switches rules off or on.

    `action` is "disable", "enable" or "disable-next-line"; an empty `rules` means all
    rules. `line` is the 1-based source line where the comment ends.
    """

    action: str
    rules: tuple[str, ...]
    line: int
    start: int
    end: int
    origin: str = "proofer"


@dataclass(frozen=True)
class Document:
    path: str
    source: str
    textmap: TextMap
    directives: tuple[Directive, ...] = ()
    markup: str = "markdown"
    # Source spans the markup parser could not read (Markdown nested deeper than its
    # limit): reported as findings, never dropped in silence.
    unchecked: tuple[tuple[int, int], ...] = ()
