"""Checkable text with an exact map back to the source.

Invariant: for every literal segment, ``source[seg.source_start:seg.source_end] ==
text[seg.text_start:seg.text_end]``. Placeholders (inline code, URLs) and replacements
(escapes, entities, CRLF) are non-literal: their text differs from their source.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from dataclasses import dataclass, field, replace


class SegmentKind(str, enum.Enum):
    LITERAL = "literal"
    PLACEHOLDER = "placeholder"
    REPLACEMENT = "replacement"
    SEPARATOR = "separator"


@dataclass(frozen=True)
class Segment:
    text_start: int
    text_end: int
    source_start: int
    source_end: int
    kind: SegmentKind


@dataclass(frozen=True)
class Block:
    """One checkable unit of text (a paragraph, heading, list item, table cell...)."""

    kind: str
    text_start: int
    text_end: int
    # True when a code block stands between this block and the previous checkable one, so
    # the block may continue a sentence ("where `x` is ...").
    after_code: bool = False
    # True when a code block, list, table, quote or HTML block follows right after this
    # block, which may then end mid-sentence ("The options are" + a list).
    leads_in: bool = False
    # From the markup parser: a heading's level (1-6, else 0) and whether a table cell is
    # in the header row.
    level: int = 0
    header: bool = False


@dataclass(frozen=True)
class TextMap:
    text: str
    segments: tuple[Segment, ...]
    blocks: tuple[Block, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def _segment_index(self, offset: int) -> int:
        starts = self._starts
        index = bisect.bisect_right(starts, offset) - 1
        return max(index, 0)

    def to_source_offset(self, offset: int, *, is_end: bool = False) -> int:
        """Map one text offset to a source offset.

        Inside a non-literal segment, a start maps to the segment's source start and an
        end to its source end, so a span never cuts a placeholder in half.
        """
        if not self.segments:
            return 0
        if is_end and offset > 0:
            seg = self.segments[self._segment_index(offset - 1)]
            if seg.kind is SegmentKind.LITERAL:
                return seg.source_start + (offset - seg.text_start)
            return seg.source_end
        seg = self.segments[self._segment_index(offset)]
        if offset >= seg.text_end:
            return seg.source_end
        if seg.kind is SegmentKind.LITERAL:
            return seg.source_start + (offset - seg.text_start)
        return seg.source_start

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a text span [start, end) to a source span."""
        source_start = self.to_source_offset(start)
        if end <= start:
            return source_start, source_start
        return source_start, max(source_start, self.to_source_offset(end, is_end=True))

    def overlapping(self, start: int, end: int) -> list[Segment]:
        """Segments that share at least one character with the text span."""
        if not self.segments:
            return []
        first = self._segment_index(start)
        found = []
        for seg in self.segments[first:]:
            if seg.text_start >= max(end, start + 1):
                break
            if seg.text_end > start:
                found.append(seg)
        return found

    def block_at(self, offset: int) -> Block | None:
        """The block whose text contains `offset`, if any."""
        starts = [b.text_start for b in self.blocks]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].text_end:
            return self.blocks[index]
        return None

    def touches_placeholder(self, start: int, end: int) -> bool:
        """True when the span overlaps a placeholder (inline code, URL, image)."""
        return any(s.kind is SegmentKind.PLACEHOLDER for s in self.overlapping(start, end))

    def is_literal(self, start: int, end: int) -> bool:
        """True when the span's source text is exactly its checkable text."""
        segs = self.overlapping(start, end)
        if not segs or any(s.kind is not SegmentKind.LITERAL for s in segs):
            return False
        return all(a.source_end == b.source_start for a, b in itertools.pairwise(segs))


class TextMapBuilder:
    """Appends text pieces with their source spans, merging adjacent literal runs."""

    PLACEHOLDER_WORD = "Dummy"

    def __init__(self, source: str) -> None:
        self._source = source
        self._parts: list[str] = []
        self._length = 0
        self._segments: list[Segment] = []
        self._blocks: list[Block] = []
        self._block_start: int | None = None
        self._placeholders = 0

    @property
    def length(self) -> int:
        return self._length

    def literal(self, source_start: int, source_end: int) -> None:
        """Copy source[source_start:source_end] into the text verbatim."""
        if source_end <= source_start:
            return
        piece = self._source[source_start:source_end]
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and last.kind is SegmentKind.LITERAL
            and last.text_end == self._length
            and last.source_end == source_start
        ):
            self._segments[-1] = Segment(
                last.text_start, last.text_end + len(piece), last.source_start, source_end,
                SegmentKind.LITERAL,
            )
        else:
            self._segments.append(
                Segment(self._length, self._length + len(piece), source_start, source_end,
                        SegmentKind.LITERAL)
            )
        self._append(piece)

    def replacement(self, text: str, source_start: int, source_end: int) -> None:
        """Text that stands for a source span it does not equal (escape, entity, CRLF)."""
        self._add(text, source_start, source_end, SegmentKind.REPLACEMENT)

    def placeholder(self, source_start: int, source_end: int) -> None:
        """A neutral word for inline code, a URL or an image, so the sentence stays whole."""
        word = f"{self.PLACEHOLDER_WORD}{self._placeholders}"
        self._placeholders += 1
        self._add(word, source_start, source_end, SegmentKind.PLACEHOLDER)

    def separator(self, text: str, source_offset: int) -> None:
        """Synthetic text between blocks; maps to a zero-width source position."""
        self._add(text, source_offset, source_offset, SegmentKind.SEPARATOR)

    def start_block(self) -> None:
        self._block_start = self._length

    def end_block(
        self, kind: str, after_code: bool = False, *, level: int = 0, header: bool = False
    ) -> None:
        if self._block_start is not None and self._length > self._block_start:
            self._blocks.append(
                Block(kind, self._block_start, self._length, after_code, level=level,
                      header=header)
            )
        self._block_start = None

    def mark_lead_in(self) -> None:
        """The last block introduces what follows it (code, a list, a table ...)."""
        if self._blocks:
            self._blocks[-1] = replace(self._blocks[-1], leads_in=True)

    def rollback(self, text_length: int) -> None:
        """Forget everything appended after `text_length` (used for unmappable blocks)."""
        joined = "".join(self._parts)[:text_length]
        self._parts = [joined]
        self._length = text_length
        kept: list[Segment] = []
        for seg in self._segments:
            if seg.text_end <= text_length:
                kept.append(seg)
        self._segments = kept
        self._block_start = None

    def build(self) -> TextMap:
        segments = tuple(self._segments)
        return TextMap(
            text="".join(self._parts),
            segments=segments,
            blocks=tuple(self._blocks),
            _starts=tuple(s.text_start for s in segments),
        )

    def _add(self, text: str, source_start: int, source_end: int, kind: SegmentKind) -> None:
        if not text:
            return
        self._segments.append(
            Segment(self._length, self._length + len(text), source_start, source_end, kind)
        )
        self._append(text)

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)
