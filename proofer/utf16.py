"""UTF-16 offsets: Java (LanguageTool) counts UTF-16 code units, Python code points.

A character outside the Basic Multilingual Plane (most emoji, some CJK) is two units
but one code point.
"""

from __future__ import annotations

import bisect


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Utf16Index:
    """Converts between code-point and UTF-16 offsets of one text."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral = astral
        # UTF-16 position of each astral character: its code point index + those before it.
        self._astral_utf16 = [cp + n for n, cp in enumerate(astral)]

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of code-point offset `offset`."""
        return offset + bisect.bisect_left(self._astral, offset)

    def to_code_points(self, offset: int) -> int:
        """Code-point offset of UTF-16 offset `offset` (mid-pair rounds down)."""
        return offset - bisect.bisect_left(self._astral_utf16, offset)
