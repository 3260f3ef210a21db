"""`openings` (proofer extension): several sentences in a row start with the same word."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.readability import WORD
from proofer.engines.style.rule import StyleRule
from proofer.engines.style.scopes import Unit


class Openings:
    """Within each unit (a paragraph by default), flag the opening word of the sentence
    that makes more than `max` consecutive sentences start with the same word."""

    def __init__(self, rule: StyleRule) -> None:
        self.rule = rule
        self.max = int(rule.body.get("max", 2) or 2)
        self.exceptions = {str(e).lower() for e in rule.body.get("exceptions") or []}

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        sentences = ctx.scopes.sentences()
        starts = [s.start for s in sentences]
        in_order = starts == sorted(starts)
        for unit in ctx.units(self.rule):
            inside = _inside(sentences, starts if in_order else None, unit.start, unit.end)
            previous, run = "", 0
            for sentence in inside:
                match = WORD.search(ctx.text(sentence))
                word = match.group(0).lower() if match else ""
                run = run + 1 if word and word == previous else 1
                previous = word
                if match and run == self.max + 1 and word not in self.exceptions:
                    yield Alert(
                        sentence.start + match.start(),
                        sentence.start + match.end(),
                        format_message(self.rule.message, match.group(0), str(run)),
                    )


def _inside(
    sentences: Sequence[Unit], starts: list[int] | None, start: int, end: int
) -> list[Unit]:
    """The sentences within [start, end), in their order; with `starts` (sorted) found by
    bisection, so a long document is not scanned once per unit."""
    if starts is None:
        return [s for s in sentences if start <= s.start and s.end <= end]
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    return [s for s in sentences[first:last] if s.end <= end]
