"""`openings` (proofer extension): several sentences in a row start with the same word."""

from __future__ import annotations

from collections.abc import Iterator

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.readability import WORD
from proofer.engines.style.rule import StyleRule


class Openings:
    """Within each unit (a paragraph by default), flag the opening word of the sentence
    that makes more than `max` consecutive sentences start with the same word."""

    def __init__(self, rule: StyleRule) -> None:
        self.rule = rule
        self.max = int(rule.body.get("max", 2) or 2)
        self.exceptions = {str(e).lower() for e in rule.body.get("exceptions") or []}

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        sentences = ctx.scopes.sentences()
        for unit in ctx.units(self.rule):
            inside = [s for s in sentences if unit.start <= s.start and s.end <= unit.end]
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
