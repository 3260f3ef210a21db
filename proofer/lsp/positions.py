"""Source offsets (code points) <-> LSP positions (line, character in the negotiated unit).

The protocol counts characters in UTF-16 code units unless client and server agreed on
UTF-8 or UTF-32 at initialize; lines end at \\n, \\r\\n or \\r. proofer's offsets are
Python string indices (code points). This is the one place that converts between them.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")


def _units(char: str, encoding: str) -> int:
    point = ord(char)
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
    return 2 if point > 0xFFFF else 1


class PositionMap:
    """Converts between code-point offsets into `source` and LSP positions."""

    def __init__(self, source: str, encoding: str = UTF16) -> None:
        if encoding not in (UTF8, UTF16, UTF32):
            encoding = UTF16  # the protocol's default, and what every client supports
        self.source = source
        self.encoding = encoding
        self._starts = [0, *(m.end() for m in _LINE_END.finditer(source))]
        self._line_ends = [m.start() for m in _LINE_END.finditer(source)] + [len(source)]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """0-based line of a code-point offset (an offset inside a \\r\\n is on its line)."""
        return bisect.bisect_right(self._starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self._starts[line]

    def line_end(self, line: int) -> int:
        """Offset where the line's text ends (before its line break)."""
        return self._line_ends[line]

    def line_text(self, line: int) -> str:
        return self.source[self._starts[line] : self._line_ends[line]]

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset (clamped to the document)."""
        offset = max(0, min(offset, len(self.source)))
        line = self.line_of(offset)
        start = self._starts[line]
        end = min(offset, self._line_ends[line])
        if self.encoding == UTF32:
            character = end - start
        else:
            character = sum(_units(c, self.encoding) for c in self.source[start:end])
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        """The LSP range of a code-point span [start, end)."""
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position; past a line's end means its end, and
        a position inside a character (half a surrogate pair) means that character's start."""
        if position.line >= len(self._starts):
            return len(self.source)
        line = max(position.line, 0)
        cursor, counted = self._starts[line], 0
        end = self._line_ends[line]
        while cursor < end:
            width = _units(self.source[cursor], self.encoding)
            if counted + width > position.character:
                break
            counted += width
            cursor += 1
        return cursor
