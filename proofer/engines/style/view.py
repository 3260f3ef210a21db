"""The document as Vale's rules read it.

Vale lints the text of the HTML that Markdown renders to, so its rules see a paragraph's
line breaks as newlines (`.` in `\\(.+\\)` stops at one, `(?m)^` matches after one), inline
code and URLs as runs of asterisks as long as their text, images as nothing, and also
front-matter string values and alt texts (as blocks of their own, kind "meta"). The
style engine runs on this view; every view segment keeps the source span of the
document segment it comes from, so alerts map back to exact source positions.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

import regex

from proofer.document import Document
from proofer.markup.templates import markup_regions
from proofer.textmap import Block, Segment, SegmentKind, TextMap

_MASK = "*"
# Blocks of text outside the prose (front matter, alt texts): only `text` rules read them.
META_BLOCK = "meta"


_INLINE_VOID_TAG = regex.compile(r"<(?:img|br)\b[^<>]*>\s+$", regex.IGNORECASE)


def _after_inline_tag(source: str, start: int) -> bool:
    return start > 0 and source[start - 1].isspace() and bool(
        _INLINE_VOID_TAG.search(source, max(0, start - 400), start)
    )


def _code_text(source: str) -> str:
    """The text of an inline code span as rendered: backticks and one padding space off."""
    fence = len(source) - len(source.lstrip("`"))
    inner = source[fence : len(source) - fence] if fence else source
    if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return inner.replace("\r\n", " ").replace("\n", " ")


def _placeholder_text(source: str) -> str:
    """What Vale's block holds for a placeholder's source: masked code or URL text."""
    if source.startswith("!["):
        return ""  # an image: its alt text is not part of the block
    if source.startswith("`"):
        return _MASK * len(_code_text(source))
    if source.startswith("<") and source.endswith(">"):
        return _MASK * len(source[1:-1])  # an autolink's text is its URL
    return _MASK * len(source)


def _segment_text(document: Document, segment: Segment) -> str:
    source = document.source[segment.source_start : segment.source_end]
    text = document.textmap.text[segment.text_start : segment.text_end]
    if segment.kind is SegmentKind.REPLACEMENT and source in ("\n", "\r\n"):
        return "\n"  # a soft line break stays a line break
    if segment.kind is SegmentKind.PLACEHOLDER:
        return _placeholder_text(source)
    return text


def vale_view(document: Document) -> Document:
    """The document with Vale's reading of its checkable text (same source, same blocks)."""
    textmap = document.textmap
    segments: list[Segment] = []
    parts: list[str] = []
    # (document text start, view start, view end, literal) of every segment, in order.
    spans: list[tuple[int, int, int, bool]] = []
    # Attribute lists ({#id}, {.class}) are left out of the prose but read by Vale's rules
    # (as text, or as inline code under TokenIgnores): here they are masked words.
    attributes = [r for r in markup_regions(document.source) if r.name == "attributes"]
    grown: dict[int, int] = {}
    # Text right after an inline `<img>` or `<br>` starts with a space in Vale's reading.
    block_starts = {b.text_start for b in textmap.blocks}
    led: dict[int, int] = {}
    length = 0
    previous_end = 0
    for segment in (*textmap.segments, None):
        bound = len(document.source) if segment is None else segment.source_start
        while attributes and attributes[0].end <= bound:
            region = attributes.pop(0)
            if region.start >= previous_end and segments:
                mask = _MASK * (region.end - region.start)
                segments.append(Segment(length, length + len(mask), region.start, region.end,
                                        SegmentKind.PLACEHOLDER))
                parts.append(mask)
                grown[length] = length + len(mask)
                length += len(mask)
        if segment is None:
            break
        if segment.text_start in block_starts and _after_inline_tag(document.source,
                                                                    segment.source_start):
            segments.append(Segment(length, length + 1, segment.source_start - 1,
                                    segment.source_start, SegmentKind.REPLACEMENT))
            parts.append(" ")
            led[length + 1] = length
            length += 1
        piece = _segment_text(document, segment)
        literal = segment.kind is SegmentKind.LITERAL
        spans.append((segment.text_start, length, length + len(piece), literal))
        if piece:
            segments.append(
                Segment(length, length + len(piece), segment.source_start,
                        segment.source_end, segment.kind)
            )
        parts.append(piece)
        length += len(piece)
        previous_end = segment.source_end
    firsts = [s[0] for s in spans]

    def moved(offset: int, is_end: bool) -> int:
        """A document text offset in view coordinates; an offset inside a placeholder or
        replacement moves to its start (or, for an end, to its end)."""
        probe = offset - 1 if is_end else offset
        index = bisect.bisect_right(firsts, probe) - 1
        if index < 0:
            return 0
        doc_start, view_start, view_end, literal = spans[index]
        if literal:
            position = min(view_start + (offset - doc_start), view_end)
        else:
            position = view_end if is_end else view_start
        return grown.get(position, position) if is_end else position

    blocks = []
    for block in textmap.blocks:
        start = moved(block.text_start, False)
        blocks.append(replace(block, text_start=led.get(start, start),
                              text_end=moved(block.text_end, True)))
    # Front-matter values and alt texts follow the prose, one block each (kind "meta").
    for meta in document.meta_texts:
        if length:
            segments.append(Segment(length, length + 2, meta.start, meta.start,
                                    SegmentKind.SEPARATOR))
            parts.append("\n\n")
            length += 2
        piece = document.source[meta.start : meta.end]
        segments.append(Segment(length, length + len(piece), meta.start, meta.end,
                                SegmentKind.LITERAL))
        parts.append(piece)
        blocks.append(Block(META_BLOCK, length, length + len(piece)))
        length += len(piece)
    view = TextMap(
        text="".join(parts),
        segments=tuple(segments),
        blocks=tuple(b for b in blocks if b.text_end > b.text_start),
        _starts=tuple(s.text_start for s in segments),
    )
    return replace(document, textmap=view)


def mask_source_spans(
    view: Document, tokens: list[tuple[int, int]], blocks: list[tuple[int, int]]
) -> Document:
    """Vale's TokenIgnores and BlockIgnores: text from these source spans reads as code
    (asterisks); a block whose text is all inside BlockIgnores spans is left out."""
    spans = sorted((a, b) for a, b in [*tokens, *blocks] if b > a)
    if not spans:
        return view
    textmap = view.textmap
    chars = list(textmap.text)
    segments: list[Segment] = []
    for segment in textmap.segments:
        cut = _cut(segment, spans)
        for piece, masked in cut:
            if masked:
                for index in range(piece.text_start, piece.text_end):
                    if chars[index] != "\n":
                        chars[index] = _MASK
            segments.append(piece)
    text = "".join(chars)
    hidden = sorted((a, b) for a, b in blocks if b > a)
    kept = tuple(
        block for block in textmap.blocks
        if not _all_inside(textmap, block.text_start, block.text_end, hidden)
    )
    masked_map = TextMap(text, tuple(segments), kept, tuple(s.text_start for s in segments))
    return replace(view, textmap=masked_map)


def _cut(segment: Segment, spans: list[tuple[int, int]]) -> list[tuple[Segment, bool]]:
    """A segment split where source spans begin and end: (piece, inside a span)."""
    overlapping = [(a, b) for a, b in spans
                   if a < segment.source_end and b > segment.source_start]
    if not overlapping:
        return [(segment, False)]
    if segment.kind is not SegmentKind.LITERAL:
        return [(replace(segment, kind=SegmentKind.PLACEHOLDER), True)]
    pieces: list[tuple[Segment, bool]] = []
    cursor = segment.source_start
    shift = segment.text_start - segment.source_start
    for a, b in overlapping:
        a, b = max(a, cursor), min(b, segment.source_end)
        if a > cursor:
            pieces.append((Segment(cursor + shift, a + shift, cursor, a, SegmentKind.LITERAL),
                           False))
        if b > a:
            pieces.append((Segment(a + shift, b + shift, a, b, SegmentKind.PLACEHOLDER), True))
        cursor = max(cursor, b)
    if cursor < segment.source_end:
        pieces.append((Segment(cursor + shift, segment.text_end, cursor, segment.source_end,
                               SegmentKind.LITERAL), False))
    return pieces


def _all_inside(textmap: TextMap, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    if not spans:
        return False
    lo, hi = textmap.to_source(start, end)
    return any(a <= lo and hi <= b for a, b in spans)
