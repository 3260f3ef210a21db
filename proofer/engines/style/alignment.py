"""Where the style engine's view of a document (engines.style.view) and proofer's text of
it (the text the analysis parses) hold the same characters.

Both come from the same source segments. A literal, replacement or separator segment of
the view has the characters of the text's segment for the same source, one for one (a
soft line break is a newline in the view and a space in the text); an inline code span
or URL is a mask of asterisks in the view and one placeholder word in the text, so the
two stand for each other whole. What the view holds and the text does not (TokenIgnores
masks over prose, attribute lists, front-matter values and alt texts) is aligned with
nothing.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from proofer.textmap import Segment, SegmentKind, TextMap


@dataclass(frozen=True)
class Link:
    """A view span and the text span it stands for: character by character when `exact`,
    else as a whole (a mask and its placeholder word)."""

    view_start: int
    view_end: int
    text_start: int
    text_end: int
    exact: bool


class ViewAlignment:
    """The links between one document's view and its text (see module docstring)."""

    def __init__(self, view: TextMap, text: TextMap) -> None:
        self._text = text
        literal = [s for s in text.segments if s.kind is SegmentKind.LITERAL]
        self._literal_sources = [s.source_start for s in literal]
        self._literal = literal
        self._by_source = {
            (s.source_start, s.source_end, s.kind): s
            for s in text.segments if s.kind is not SegmentKind.LITERAL
        }
        links = [self._link(segment) for segment in view.segments]
        self._links: dict[int, Link | None] = {
            seg.text_start: link for seg, link in zip(view.segments, links, strict=True)
        }
        self._view = view
        by_text = sorted((link for link in links if link is not None),
                         key=lambda link: link.text_start)
        self._by_text = by_text
        self._text_starts = [link.text_start for link in by_text]

    def _link(self, segment: Segment) -> Link | None:
        view = (segment.text_start, segment.text_end)
        width = segment.text_end - segment.text_start
        if segment.kind is SegmentKind.LITERAL:
            index = bisect.bisect_right(self._literal_sources, segment.source_start) - 1
            if index < 0:
                return None
            found = self._literal[index]
            if segment.source_end > found.source_end:
                return None
            start = found.text_start + segment.source_start - found.source_start
            return Link(*view, start, start + width, exact=True)
        found_other = self._by_source.get(
            (segment.source_start, segment.source_end, segment.kind)
        )
        if found_other is None:
            return None
        if segment.kind is SegmentKind.PLACEHOLDER:
            return Link(*view, found_other.text_start, found_other.text_end, exact=False)
        if segment.kind in (SegmentKind.REPLACEMENT, SegmentKind.SEPARATOR) and (
            found_other.text_end - found_other.text_start == width
        ):
            return Link(*view, found_other.text_start, found_other.text_end, exact=True)
        return None

    def text_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The text span that holds the view's [start, end), when every segment in it is
        linked, placeholders whole, and the text holds nothing in between but what the
        view leaves out of a block (images); else None."""
        segments = self._view.overlapping(start, end)
        if not segments:
            return None
        links = [self._links.get(seg.text_start) for seg in segments]
        if any(link is None for link in links):
            return None
        chosen = [link for link in links if link is not None]
        for link in chosen:
            inside = link.view_start >= start and link.view_end <= end
            if not link.exact and not inside:
                return None  # a sentence edge inside a mask
        for before, after in itertools.pairwise(chosen):
            if not self._only_images(before.text_end, after.text_start):
                return None
        first, last = chosen[0], chosen[-1]
        text_start = first.text_start + max(0, start - first.view_start)
        text_end = last.text_end - max(0, last.view_end - end)
        return text_start, text_end

    def _only_images(self, start: int, end: int) -> bool:
        """True when text[start:end] is empty or only placeholders the view leaves out."""
        if end <= start:
            return end == start
        return all(
            seg.kind is SegmentKind.PLACEHOLDER and start <= seg.text_start
            and seg.text_end <= end
            for seg in self._text.overlapping(start, end)
        )

    def view_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The view span of text[start:end] (a token), or None when the view leaves it out;
        a token that touches a placeholder word covers its whole mask."""
        first = self._link_at(start)
        last = self._link_at(end - 1)
        if first is None or last is None:
            return None
        view_start = (first.view_start + start - first.text_start) if first.exact \
            else first.view_start
        view_end = (last.view_start + end - last.text_start) if last.exact else last.view_end
        return (view_start, view_end) if view_end > view_start else None

    def _link_at(self, offset: int) -> Link | None:
        index = bisect.bisect_right(self._text_starts, offset) - 1
        if index < 0:
            return None
        link = self._by_text[index]
        return link if offset < link.text_end else None
