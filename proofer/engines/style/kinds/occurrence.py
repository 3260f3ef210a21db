"""`occurrence`: too many (max) or too few (min) matches of a token in each scope unit."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from proofer.engines.style.base import Alert, RunContext, format_message
from proofer.engines.style.regex_dialect import IGNORE_CASE, compile_vale
from proofer.engines.style.rule import StyleRule

_FIRST_WORD = regex.compile(r"\w+")


class Occurrence:
    """Like Vale, the alert sits on the first match (or the unit's first word)."""

    def __init__(self, rule: StyleRule) -> None:
        body = rule.body
        self.rule = rule
        self.max = int(body.get("max", 0) or 0)
        self.min = int(body.get("min", 0) or 0)
        token = str(body.get("token", ""))
        self.pattern = compile_vale((IGNORE_CASE if body.get("ignorecase") else "") + token)

    def run(self, ctx: RunContext) -> Iterator[Alert]:
        for unit in ctx.units(self.rule):
            text = ctx.text(unit)
            spans = [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]
            count = len(spans)
            if (self.max and count > self.max) or (self.min and count < self.min):
                if spans:
                    start, end = spans[0]
                else:
                    first = _FIRST_WORD.search(text)
                    start, end = first.span() if first else (0, 0)
                yield Alert(
                    unit.start + start,
                    unit.start + end,
                    format_message(self.rule.message, text[start:end]),
                    raw=unit.raw,
                )
