"""Tokens of the style engine's units (sentences of the Vale view), read from the
document's shared analysis: the spaCy parse of its blocks that every engine reads.

A unit whose view text the alignment (engines.style.alignment) ties to one stretch of
the analysis text inside one parsed piece takes the tokens of that piece inside the
stretch: their Penn tags and dependency labels from the block's parse, their text and
offsets as the view writes them (a placeholder word reads as its mask of asterisks, an
image as nothing). Whitespace tokens are left out, as Vale's tokenizer has none.

A unit that cannot be tied (text the view holds and the analysis does not: TokenIgnores
masks over prose, attribute lists, the space Vale reads after an inline tag at a block's
start, front-matter values and alt texts; a unit across two pieces of a block longer
than the cutter's bound) is parsed on its own, as the style engine did before it shared
the analysis; `fallbacks` counts those.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proofer.analysis.document import DocumentAnalysis, Piece, plain_quotes
from proofer.document import Document
from proofer.engines.style.alignment import ViewAlignment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class StyleToken:
    """A token as style rules read it: its text as the view writes it, Penn tag,
    dependency label and view offsets."""

    text: str
    tag: str
    dep: str
    start: int
    end: int


@dataclass(frozen=True)
class _Place:
    """Where a unit's text lies in the analysis: block, piece and text span."""

    block: int
    piece: int
    start: int
    end: int


class TokenSource:
    """Tokens of one document's view units (see module docstring)."""

    def __init__(
        self,
        analysis: DocumentAnalysis,
        view: Document,
        alignment: ViewAlignment,
        parse_alone: Callable[[Sequence[str]], list[Doc]],
    ) -> None:
        self._analysis = analysis
        self._view = view
        self._alignment = alignment
        self._parse_alone = parse_alone
        self._block_starts = [b.text_start for b in analysis.blocks]
        self.fallbacks = 0  # units parsed on their own
        self.shared = 0  # units read from the analysis

    def tokens(self, spans: Sequence[tuple[int, int]]) -> list[tuple[StyleToken, ...]]:
        """The tokens of each view span [start, end), in order."""
        places = [self._place(start, end) for start, end in spans]
        blocks = sorted({p.block for p in places if p is not None})
        parses = self._analysis.parses(blocks) if blocks else {}
        alone = [span for span, place in zip(spans, places, strict=True) if place is None]
        alone_docs = iter(self._parse_alone(
            [plain_quotes(self._view.textmap.text[a:b]) for a, b in alone]
        )) if alone else iter(())
        self.fallbacks += len(alone)
        self.shared += len(spans) - len(alone)
        found: list[tuple[StyleToken, ...]] = []
        for (start, _), place in zip(spans, places, strict=True):
            if place is None:
                found.append(self._own(next(alone_docs), start))
            else:
                parsed = parses[place.block][place.piece]
                found.append(self._shared(parsed.doc, parsed.piece, place))
        return found

    def _place(self, start: int, end: int) -> _Place | None:
        span = self._alignment.text_span(start, end)
        if span is None:
            return None
        text_start, text_end = span
        index = bisect.bisect_right(self._block_starts, text_start) - 1
        if index < 0 or self._analysis.blocks[index].text_end < text_end:
            return None
        for number, piece in enumerate(self._analysis.pieces(index)):
            if piece.offset <= text_start and text_end <= piece.offset + len(piece.text):
                return _Place(index, number, text_start, text_end)
        return None  # across two pieces

    def _shared(self, doc: Doc, piece: Piece, place: _Place) -> tuple[StyleToken, ...]:
        span = doc.char_span(place.start - piece.offset, place.end - piece.offset,
                             alignment_mode="contract")
        if span is None:
            return ()
        text = self._view.textmap.text
        tokens = []
        for token in span:
            if token.is_space:
                continue
            start = piece.offset + token.idx
            where = self._alignment.view_span(start, start + len(token.text))
            if where is not None:
                tokens.append(_token(token, text, *where))
        return tuple(tokens)

    def _own(self, doc: Doc, base: int) -> tuple[StyleToken, ...]:
        text = self._view.textmap.text
        return tuple(
            _token(token, text, base + token.idx, base + token.idx + len(token.text))
            for token in doc if not token.is_space
        )


def _token(token: Token, text: str, start: int, end: int) -> StyleToken:
    return StyleToken(text[start:end], token.tag_, token.dep_, start, end)
