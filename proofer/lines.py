"""Line and column arithmetic on source text (1-based, columns in code points)."""

from __future__ import annotations

import bisect


class LineIndex:
    """Maps source offsets to (line, column), both 1-based; a line ends after its \\n."""

    def __init__(self, source: str) -> None:
        starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                starts.append(index + 1)
        self._starts = starts
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
