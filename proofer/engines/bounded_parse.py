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

MAX_PIECE_CHARS = 20_000
MAX_BATCH_CHARS = 40_000
# Where a piece may end, best first: a sentence end, a line break, any space.
_CUT_MARKS = (". ", "? ", "! ", "\n", " ")


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets that split `text` into pieces of at most `limit` characters, each ending
    after a sentence end, else a line break or a space, else exactly at the limit."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        end = window_end
        for mark in _CUT_MARKS:
            index = text.rfind(mark, start + limit // 2, window_end)
            if index > 0:
                end = index + len(mark)
                break
        cuts.append(end)
        start = end
    return cuts


def _pieces(text: str, limit: int) -> list[str]:
    bounds = [0, *cut_points(text, limit), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _batched(nlp: Language, texts: list[str], disable: Sequence[str]) -> Iterator[Doc]:
    longest = max((len(t) for t in texts), default=1)
    size = max(1, min(64, MAX_BATCH_CHARS // max(1, longest)))
    yield from nlp.pipe(texts, batch_size=size, disable=list(disable))


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
