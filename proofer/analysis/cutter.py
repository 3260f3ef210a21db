"""The one text cutter: where a long text is cut into pieces of bounded length.

spaCy's parses (bounded by characters) and LanguageTool's requests (bounded by Java's
UTF-16 units) cut the same way: a piece ends after the last sentence end in the second
half of its window, else after a line break or a space, else exactly at the limit.
"""

from __future__ import annotations

from proofer.utf16 import Utf16Index

# Where a piece may end, best first: a sentence end, a line break, any space.
CUT_MARKS = (". ", "? ", "! ", "\n", " ")


def cut_points(
    text: str, limit: int, start: int = 0, end: int | None = None, *, utf16: bool = False
) -> list[int]:
    """Offsets that cut text[start:end] into pieces of at most `limit` characters (UTF-16
    units with `utf16`), each ending after a sentence end, else a line break or a space,
    else exactly at the limit. Empty when the text fits."""
    end = len(text) if end is None else end
    index = Utf16Index(text) if utf16 else None

    def advance(offset: int, amount: int) -> int:
        """The furthest offset at most `amount` units after `offset` (capped at `end`)."""
        if index is None:
            return min(end, offset + amount)
        return min(end, index.to_code_points(index.to_utf16(offset) + amount))

    cuts: list[int] = []
    position = start
    while advance(position, limit) < end:
        window_end = advance(position, limit)
        half = advance(position, limit // 2)
        cut = window_end
        for mark in CUT_MARKS:
            found = text.rfind(mark, half, window_end)
            if found > 0:
                cut = found + len(mark)
                break
        cut = max(cut, position + 1)
        cuts.append(cut)
        position = cut
    return cuts
