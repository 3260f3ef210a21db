"""One analysis of a document, shared by the engines that check it in one thread.

A `DocumentAnalysis` holds the parsed document (text, blocks with their heading and table
facts, placeholders), what an engine derives from it once, and the spaCy parse of its
blocks: each block is parsed at most once, in pieces cut by the text cutter, when first
asked for, and kept until `release`. spaCy loads only when some block has to be parsed:
a run answered from the result cache never loads it.

`parallel` builds one analysis per document for the engines of one thread (spaCy and
style in proofer's process or in a `--jobs` worker; LanguageTool on its own thread gets
its own) and releases it when they are all done with the document. The spaCy engine
matches its rules on the parse of each block; the style engine's sequence rules read
the tokens of their sentences from the same parse (engines.style.tokens), parsing on
their own only the rare sentences that hold text the analysis does not.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from proofer.document import Document
from proofer.textmap import Block, SegmentKind

if TYPE_CHECKING:  # spaCy takes a second to import: only runs that parse need it
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
# spaCy's parser needs bounded inputs; longer blocks are cut at a sentence end.
MAX_PIECE_CHARS = 20_000
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def plain_quotes(text: str) -> str:
    """`text` with typographic quotes and apostrophes made straight, offsets unchanged:
    how the parser and the rules read "it’s"."""
    return text.translate(_PLAIN_QUOTES)


@dataclass(frozen=True)
class Piece:
    """A stretch of one block that is parsed at once (a block longer than MAX_PIECE_CHARS
    is cut at sentence ends): text offset, text, placeholder spans relative to it, and
    whether it ends a paragraph that introduces nothing after it (no list, code...)."""

    offset: int
    text: str
    placeholders: tuple[tuple[int, int], ...]
    ends_paragraph: bool = False


@dataclass(frozen=True)
class ParsedPiece:
    piece: Piece
    doc: Doc


class DocumentAnalysis:
    """See module docstring. Not shared between threads: each thread builds its own."""

    def __init__(
        self,
        document: Document,
        nlp: Callable[[], Language] | None = None,
    ) -> None:
        self.document = document
        self._nlp = nlp
        self._parsed: dict[int, tuple[ParsedPiece, ...]] = {}
        self._pieces: dict[int, tuple[Piece, ...]] = {}
        self._derived: dict[str, Any] = {}

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.document.textmap.blocks

    @cached_property
    def placeholders(self) -> tuple[tuple[int, int], ...]:
        """Text spans of the placeholders (inline code, URLs, images), in order."""
        return tuple(
            (s.text_start, s.text_end)
            for s in self.document.textmap.segments
            if s.kind is SegmentKind.PLACEHOLDER
        )

    @cached_property
    def curly(self) -> bool:
        """The text writes its apostrophes typographically (’) more often than straight (')."""
        text = self.document.textmap.text
        return text.count("’") > text.count("'")

    def pieces(self, index: int) -> tuple[Piece, ...]:
        """The pieces block `index` is parsed in (cut once; both engines and their cache
        keys ask for them)."""
        if index not in self._pieces:
            self._pieces[index] = self._cut(index)
        return self._pieces[index]

    def _cut(self, index: int) -> tuple[Piece, ...]:
        from proofer.analysis.cutter import cut_points

        block = self.blocks[index]
        text = self.document.textmap.text
        bounds = [
            block.text_start,
            *cut_points(text, MAX_PIECE_CHARS, block.text_start, block.text_end),
            block.text_end,
        ]
        ends = block.kind == "paragraph" and not block.leads_in
        pieces = []
        for start, end in itertools.pairwise(bounds):
            inside = tuple(
                (s - start, e - start) for s, e in self.placeholders if start <= s < end
            )
            pieces.append(Piece(start, text[start:end], inside, ends and end == block.text_end))
        return tuple(pieces)

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A value an engine derives from this document once (e.g. the style engine's
        Vale view), built on first use and kept with the analysis."""
        if name not in self._derived:
            self._derived[name] = build()
        value: T = self._derived[name]
        return value

    # -- the spaCy parse ----------------------------------------------------------------

    def nlp(self) -> Language:
        if self._nlp is None:
            raise RuntimeError("this analysis was built without a spaCy pipeline")
        return self._nlp()

    def parses(self, indices: Iterable[int]) -> dict[int, tuple[ParsedPiece, ...]]:
        """The parse of each block in `indices`; blocks not parsed yet are parsed now, in
        one bounded batch."""
        wanted = list(dict.fromkeys(indices))
        missing = [i for i in wanted if i not in self._parsed]
        if missing:
            from proofer.analysis.parse import parse_texts

            plans = {i: self.pieces(i) for i in missing}
            flat: Sequence[Piece] = [p for i in missing for p in plans[i]]
            docs = iter(parse_texts(self.nlp(), [p.text for p in flat]))
            for i in missing:
                self._parsed[i] = tuple(ParsedPiece(p, next(docs)) for p in plans[i])
        return {i: self._parsed[i] for i in wanted}

    def release(self) -> None:
        """Forget the parses (memory stays flat on long documents)."""
        self._parsed.clear()
