"""spaCy parses whose memory stays flat however long the text.

spaCy's memory grows with the length of one text and with the size of a batch (a 1 MB
text parsed whole peaked near 2 GB, and texts over 1,000,000 characters are refused).
`parse_bounded` parses a long text in pieces cut at sentence ends (else at spaces) and
joins them back into one Doc over exactly the same characters, so callers index it as
before; batches are bounded by characters, not only by count.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from proofer.analysis.cutter import cut_points
from proofer.analysis.document import MAX_PIECE_CHARS
from proofer.analysis.parse import batch_size

__all__ = ["cut_points", "parse_bounded"]

def _pieces(text: str, limit: int) -> list[str]:
    bounds = [0, *cut_points(text, limit), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _batched(nlp: Language, texts: list[str], disable: Sequence[str]) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=batch_size(texts), disable=list(disable))


def parse_bounded(
    nlp: Language,
    texts: Sequence[str],
    disable: Sequence[str] = (),
    limit: int | None = None,
) -> list[Doc]:
    """One Doc per text, `doc.text == text`; texts longer than `limit` (default
    MAX_PIECE_CHARS) are parsed in pieces and joined (see module docstring)."""
    limit = limit or MAX_PIECE_CHARS
    plans = [_pieces(text, limit) if len(text) > limit else [text] for text in texts]
    flat = [piece for plan in plans for piece in plan]
    parsed = iter(_batched(nlp, flat, disable))
    docs: list[Doc] = []
    for text, plan in zip(texts, plans, strict=True):
        parts = [next(parsed) for _ in plan]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        assert doc.text == text, "a joined parse must cover exactly the original text"
        docs.append(doc)
    return docs
