"""The match a condition or template looks at, and the index syntax that names its tokens.

Token indices are relative to the start of the match: 0 is its first token, -1 the token
before it, and an index past the match reaches the tokens after it. "last" is the match's
last token and "after" the first token after it, each with an optional offset ("last-1",
"after+2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

NAMED_INDEX = re.compile(r"(last|after)([+-]\d+)?")
INDEX_SYNTAX = 'an integer, or "last"/"after" with an optional +N/-N ("last-1", "after+2")'

TokenIndex = int | str


def check_index(index: object) -> TokenIndex:
    """The index if it is valid syntax; raises ValueError naming the bad index."""
    if isinstance(index, bool) or not isinstance(index, (int, str)):
        raise ValueError(f"bad token index {index!r}: expected {INDEX_SYNTAX}")
    if isinstance(index, str) and NAMED_INDEX.fullmatch(index) is None:
        raise ValueError(f"bad token index {index!r}: expected {INDEX_SYNTAX}")
    return index


@dataclass(frozen=True)
class MatchContext:
    doc: Doc
    start: int
    end: int
    placeholders: frozenset[int]
    ends_paragraph: bool = False  # the doc ends a paragraph that leads into nothing

    def token(self, index: TokenIndex) -> Token | None:
        """Token at `index` relative to the match start, or None outside the doc."""
        absolute = self.start + self.relative(index)
        if 0 <= absolute < len(self.doc):
            return self.doc[absolute]
        return None

    def relative(self, index: TokenIndex) -> int:
        """Resolve "last"/"after" (with an optional +N/-N) to an index relative to the start."""
        if isinstance(index, int):
            return index
        match = NAMED_INDEX.fullmatch(index)
        if match is None:
            raise ValueError(f"bad token index {index!r}")
        base = self.end - self.start - (1 if match.group(1) == "last" else 0)
        return base + int(match.group(2) or 0)
