"""The text cutter for spaCy's parses: where a long text is cut into pieces of bounded
length. A piece ends after the last sentence end in the second half of its window, else
after a line break or a space, else exactly at the limit. (LanguageTool's requests are
cut by engines/languagetool/text.py, in UTF-16 units, at its own marks.)
"""

from __future__ import annotations

# Where a piece may end, best first: a sentence end, a line break, any space.
CUT_MARKS = (". ", "? ", "! ", "\n", " ")


def cut_points(text: str, limit: int, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets that cut text[start:end] into pieces of at most `limit` characters, each
    ending after a sentence end, else a line break or a space, else exactly at the limit.
    Empty when the text fits."""
    end = len(text) if end is None else end

    def advance(offset: int, amount: int) -> int:
        """The furthest offset at most `amount` characters after `offset` (capped at `end`)."""
        return min(end, offset + amount)

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
