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
class MetaText:
    """Text outside the prose that Vale's rules also read, as a source span: a front-matter
    string value (`scope` "frontmatter.title") or an image's alt text ("attr.alt")."""

    scope: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    path: str
    source: str
    textmap: TextMap
    directives: tuple[Directive, ...] = ()
    markup: str = "markdown"
    meta_texts: tuple[MetaText, ...] = ()
    # The document's code, not checked as prose: inline and block code, link and image
    # destinations, autolinks. Evidence that a word in the prose is a term (`rustup`).
    code: tuple[str, ...] = ()
    # Source spans the markup parser could not read (Markdown nested deeper than its
    # limit): reported as findings, never dropped in silence.
    unchecked: tuple[tuple[int, int], ...] = ()
