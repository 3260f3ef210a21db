"""What one document says about its own words: its code, and how often it uses each word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from proofer.document import Document

# Words of prose: letters, with inner apostrophes or hyphens ("don't", "follow-up").
_PROSE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Identifiers, commands, path and URL segments in code.
_CODE_TOKEN = re.compile(r"[^\W_]+(?:[_'-][^\W_]+)*")
# The parts of one identifier: camelCase humps, ALLCAPS runs, digits.
_IDENTIFIER_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\d_]+")


def code_words(code: Iterable[str]) -> frozenset[str]:
    """Every identifier in `code` and each of its parts, lowercased
    (`rustup update` -> rustup, update; `ChaCha8Rand` -> chacha8rand, cha, 8, rand)."""
    words: set[str] = set()
    for chunk in code:
        for token in _CODE_TOKEN.findall(chunk):
            words.add(token.lower())
            for piece in re.split(r"[_'-]", token):
                words.add(piece.lower())
                words.update(part.lower() for part in _IDENTIFIER_PART.findall(piece))
    words.discard("")
    return frozenset(words)


@dataclass(frozen=True)
class DocumentWords:
    """A document's code words and prose word counts (built once per document)."""

    code: frozenset[str]
    uses: Counter[str]
    first_use: dict[str, int]

    @classmethod
    def of(cls, document: Document) -> DocumentWords:
        """Read `document`'s code (inline, blocks, link destinations) and checkable text."""
        return cls.from_text(document.textmap.text, document.code)

    @classmethod
    def from_text(cls, text: str, code: Iterable[str] = ()) -> DocumentWords:
        """Word evidence from a checkable text and the code beside it."""
        uses: Counter[str] = Counter()
        first_use: dict[str, int] = {}
        for match in _PROSE_WORD.finditer(text):
            word = match.group()
            uses[word] += 1
            first_use.setdefault(word.lower(), match.start())
        return cls(code_words(code), uses, first_use)

    def in_code(self, word: str) -> bool:
        """The word, or every part of a hyphenated word, appears in the document's code."""
        lower = word.lower()
        if lower in self.code:
            return True
        parts = [p for p in re.split(r"[-‐]", lower) if p]
        return len(parts) > 1 and all(p in self.code for p in parts)

    def times_used(self, word: str) -> int:
        """How often the prose uses exactly this form of the word."""
        return self.uses[word]

    def used_at(self, word: str) -> int | None:
        """Text offset of the first use of `word` in any case, or None."""
        return self.first_use.get(word.lower())
