"""Spelling precision: code-like tokens and the project's vocabulary are never misspellings.

Everything else about an unknown word (the document's code, repetitions, names, frequency,
variants) is judged by proofer.words; this module holds the accept lists.

The vocabulary file (config key `vocabulary`) holds one entry a line: a plain word
(matched exactly; an all-lowercase entry also accepts the capitalised and upper-case
forms) or a regular expression (any entry with regex syntax, matched against the whole
word). Blank lines and lines starting with # are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from proofer.words.morphology import known
from proofer.words.shapes import is_code_like, token_around

_REGEX_SYNTAX = re.compile(r"[\\^$.*+?()\[\]{}|]")


@dataclass(frozen=True)
class Vocabulary:
    """Accepted words and patterns (the project's accept list)."""

    words: frozenset[str] = frozenset()
    folded: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_lines(cls, lines: Iterable[str], origin: str = "vocabulary") -> Vocabulary:
        words: set[str] = set()
        folded: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for number, raw in enumerate(lines, 1):
            entry = raw.strip()
            if not entry or entry.startswith("#"):
                continue
            if _REGEX_SYNTAX.search(entry):
                try:
                    patterns.append(re.compile(entry))
                except re.error as exc:
                    message = f"{origin}:{number}: invalid regular expression: {exc}"
                    raise ValueError(message) from None
            elif entry.islower():
                folded.add(entry)
            else:
                words.add(entry)
        return cls(frozenset(words), frozenset(folded), tuple(patterns))

    @classmethod
    def load(cls, path: Path | None) -> Vocabulary:
        """Read the accept list; None gives an empty vocabulary. Raises ValueError."""
        if path is None:
            return cls()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or exc
            raise ValueError(f"cannot read the vocabulary file {path}: {reason}") from None
        return cls.from_lines(text.splitlines(), str(path))

    def merged(self, other: Vocabulary) -> Vocabulary:
        """Both accept lists in one."""
        return Vocabulary(
            self.words | other.words, self.folded | other.folded, self.patterns + other.patterns
        )

    def accepts(self, word: str) -> bool:
        """True when `word` is in the accept list (exactly, folded or by a pattern)."""
        if word in self.words:
            return True
        lowered = word.lower()
        if lowered in self.folded and word in (lowered, lowered.capitalize(), lowered.upper()):
            return True
        return any(p.fullmatch(word) for p in self.patterns)


class AcceptList(Protocol):
    def accepts(self, word: str) -> bool: ...


@dataclass(frozen=True)
class WithTerms:
    """An accept list plus a document's accepted terms, matched with Vale's semantics."""

    base: AcceptList
    terms: Callable[[str], bool]

    def accepts(self, word: str) -> bool:
        return self.base.accepts(word) or self.terms(word)


def accepted_spelling(text: str, start: int, end: int, vocabulary: AcceptList) -> bool:
    """True when a spelling match at text[start:end] must not be reported.

    LanguageTool sometimes flags two words at once ("inliner uses"): each word is tried.
    """
    span = text[start:end]
    token = token_around(text, start, end)
    candidates = [span, token, *span.split()]
    if any(vocabulary.accepts(word) or is_code_like(word) for word in candidates):
        return True
    return "-" in token and all(
        vocabulary.accepts(part) or known(part) for part in token.split("-") if part
    )


def next_token(text: str, end: int) -> str:
    """The whitespace-delimited token after position `end` (without wrapping punctuation)."""
    position = end
    while position < len(text) and text[position] in " \t":
        position += 1
    if position >= len(text) or text[position].isspace():
        return ""
    return token_around(text, position, position)
