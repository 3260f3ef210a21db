"""The rule-example contract from DESIGN.md, shared by every engine's example test."""

from __future__ import annotations

from collections.abc import Callable

from proofer.rulebook import Example

Finder = Callable[[str], list[tuple[int, int, list[str]]]]


def assert_example_contract(find: Finder, example: Example) -> None:
    """A bad example gives exactly one finding at its marked span with exactly its fixes,
    and its first fix silences the rule; a good example gives none."""
    found = find(example.plain)
    if not example.is_bad:
        assert found == [], f"good example flagged: {example.text!r}"
        return
    start, end = example.marked_span
    assert found == [(start, end, list(example.fixes or ()))], example.text
    if example.fixes:
        fixed = example.plain[:start] + example.fixes[0] + example.plain[end:]
        assert find(fixed) == [], f"fix does not silence: {fixed!r}"
