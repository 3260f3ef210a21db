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

from proofer.document import Document
from proofer.textmap import Block, Segment, SegmentKind, TextMap

_MASK = "*"
# Blocks of text outside the prose (front matter, alt texts): only `text` rules read them.
META_BLOCK = "meta"


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
    length = 0
    for segment in textmap.segments:
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
            return min(view_start + (offset - doc_start), view_end)
        return view_end if is_end else view_start

    blocks = [
        replace(block, text_start=moved(block.text_start, False),
                text_end=moved(block.text_end, True))
        for block in textmap.blocks
    ]
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
