"""spaCy parses whose memory stays flat however long the text.

spaCy's memory grows with the length of one text and with the size of a batch (a 1 MB
text parsed whole peaked near 2 GB, and texts over 1,000,000 characters are refused).
Blocks are parsed in pieces (analysis.document.Piece, cut by the one text cutter), in
batches of at most MAX_BATCH_CHARS; typographic quotes read as straight ones, offsets
unchanged, so "it’s" is "it's" to the parser and to every rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from proofer.analysis.document import plain_quotes

MAX_BATCH_CHARS = 40_000
_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


def batch_size(texts: Sequence[str]) -> int:
    """How many texts spaCy parses at once: at most MAX_BATCH_CHARS of the longest."""
    longest = max((len(t) for t in texts), default=1)
    return max(1, min(64, MAX_BATCH_CHARS // max(1, longest)))


def parse_texts(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """One Doc per text (each at most MAX_PIECE_CHARS long), in bounded batches, read
    with plain quotes. Each Doc's tensor is dropped: no rule reads it, and it is most of
    a parse's memory."""
    plain = [plain_quotes(t) for t in texts]
    for doc in nlp.pipe(plain, batch_size=batch_size(plain)):
        doc.tensor = _NO_TENSOR
        yield doc
