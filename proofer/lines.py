"""Line and column arithmetic on source text (1-based, columns in code points)."""

from __future__ import annotations

import bisect
import re

# Line breaks as CommonMark, the LSP and editors read them: \n, \r\n and a lone \r.
_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Maps source offsets to (line, column), both 1-based; a line ends after its line
    break (\\n, \\r\\n or a lone \\r, as the Markdown parser counts lines)."""

    def __init__(self, source: str) -> None:
        self._starts = [0, *(match.end() for match in _LINE_BREAK.finditer(source))]
        self._source = source

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of an offset."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """(line, column) of an exclusive end offset, kept on the start line for empty spans."""
        if end <= start:
            return self.position(start)
        return self.position(end)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._source)
        return self._source[start:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        """Offset where a 1-based line starts."""
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)
