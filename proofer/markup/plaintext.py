"""Plain text -> TextMap: paragraphs split on blank lines, line breaks read as spaces."""

from __future__ import annotations

import re

from proofer.document import Document
from proofer.textmap import TextMapBuilder

_PARAGRAPH_BREAK = re.compile(r"(?:\r?\n)[ \t]*(?:\r?\n)\s*")
_LINE_BREAK = re.compile(r"\r?\n")


def parse_plaintext(path: str, source: str) -> Document:
    """Every character of a plain-text file is checked; paragraphs become blocks."""
    builder = TextMapBuilder(source)
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(source), None]:
        end = match.start() if match else len(source)
        _paragraph(builder, source, position, end)
        position = match.end() if match else len(source)
    return Document(path=path, source=source, textmap=builder.build(), markup="text")


def _paragraph(builder: TextMapBuilder, source: str, start: int, end: int) -> None:
    if not source[start:end].strip():
        return
    if builder.length:
        builder.separator("\n\n", start)
    builder.start_block()
    cursor = start
    for match in _LINE_BREAK.finditer(source, start, end):
        builder.literal(cursor, match.start())
        builder.replacement(" ", match.start(), match.end())
        cursor = match.end()
    builder.literal(cursor, end)
    builder.end_block("paragraph")
