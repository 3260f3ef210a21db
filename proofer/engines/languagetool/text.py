"""Text helpers for LanguageTool: request-sized chunks (UTF-16 offsets: proofer.utf16).

LanguageTool (Java) counts UTF-16 code units: a character outside the Basic Multilingual
Plane (most emoji, some CJK) is two units but one Python code point.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from proofer.textmap import Block
from proofer.utf16 import Utf16Index, utf16_length

__all__ = ["Chunk", "Utf16Index", "chunk_text", "utf16_length"]

_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n")


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
