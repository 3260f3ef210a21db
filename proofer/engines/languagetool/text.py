"""Text helpers for LanguageTool: UTF-16 offsets and request-sized chunks.

LanguageTool (Java) counts UTF-16 code units: a character outside the Basic Multilingual
Plane (most emoji, some CJK) is two units but one Python code point.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from proofer.textmap import Block

_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n")


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Converts between code-point and UTF-16 offsets of one text."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral = astral
        # UTF-16 position of each astral character: its code point index + those before it.
        self._astral_utf16 = [cp + n for n, cp in enumerate(astral)]

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of code-point offset `offset`."""
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_points(self, offset: int) -> int:
        """Code-point offset of UTF-16 offset `offset` (mid-pair rounds down)."""
        return offset - bisect.bisect_left(self._astral_utf16, offset)


@dataclass(frozen=True)
class Chunk:
    """A piece of the checkable text sent in one request; `start` is its text offset."""

    start: int
    text: str


def _cut_long(text: str, start: int, end: int, limit: int) -> list[int]:
    """Cut points inside one over-long block: sentence ends, else spaces, else hard."""
    cuts = []
    position = start
    while utf16_length(text[position:end]) > limit:
        window_end = position + limit // 2  # a code point is at most 2 units
        window = text[position:window_end]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        spaces = [m.end() for m in re.finditer(r"\s+", window)]
        if ends and ends[-1] > limit // 8:
            local = ends[-1]
        else:
            local = spaces[-1] if spaces else len(window)
        position += max(local, 1)
        cuts.append(position)
    return cuts


def chunk_text(text: str, blocks: Sequence[Block], limit: int) -> list[Chunk]:
    """Split `text` at block starts into chunks of at most `limit` UTF-16 units.

    Chunks cover the whole text in order; a block longer than the limit is cut at a
    sentence end (or a space) inside it.
    """
    if not text:
        return []
    starts = sorted({b.text_start for b in blocks if 0 < b.text_start < len(text)})
    boundaries = [0, *starts, len(text)]
    cuts: list[int] = []
    for lo, hi in itertools.pairwise(boundaries):
        if utf16_length(text[lo:hi]) > limit:
            cuts.extend(_cut_long(text, lo, hi, limit))
        cuts.append(hi)
    chunks: list[Chunk] = []
    chunk_start = 0
    previous = 0
    size = 0
    for cut in cuts:
        piece = utf16_length(text[previous:cut])
        if size and size + piece > limit:
            chunks.append(Chunk(chunk_start, text[chunk_start:previous]))
            chunk_start, size = previous, 0
        size += piece
        previous = cut
    if chunk_start < len(text):
        chunks.append(Chunk(chunk_start, text[chunk_start:]))
    return chunks
