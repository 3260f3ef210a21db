"""Markdown nested deeper than markdown-it's limit: where its text was left unparsed.

markdown-it stops descending when a block container (quote, list, list item) opens at its
`maxNesting` level: the lines inside are skipped, not parsed. This finds those lines so
they can be reported instead of vanishing from the check.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from proofer.lines import LineIndex

_CONTAINERS = frozenset({
    "blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open",
})


def too_deep_spans(
    tokens: Sequence[Token], max_nesting: int, source: str
) -> tuple[tuple[int, int], ...]:
    """Source spans (outermost only) of containers opened at the nesting limit that hold
    text the parser therefore skipped."""
    lines = LineIndex(source)
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.type not in _CONTAINERS or token.level < max_nesting - 1 or not token.map:
            continue
        first, last = token.map
        start = lines.line_start(first + 1) if first + 1 <= lines.line_count else len(source)
        end = lines.line_start(last + 1) if last + 1 <= lines.line_count else len(source)
        end = len(source[:end].rstrip("\r\n")) if end > start else end
        if not any(char.isalnum() for char in source[start:end]):
            continue
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return tuple(spans)
